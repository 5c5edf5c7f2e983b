// Reading options shared by commands that open files (detect, validate, normalize, map).
import { Option, type Command } from './commander.js';
import type { CliContext } from './context.js';
import type { OpenOptions } from '../io/types.js';
import { OdfError } from '../errors.js';
import { unknownSelections } from '../findings/filter.js';

/** Parse a positive integer option (1 or more; 0 too when `zero`) or fail with a clear sentence (exit 2). */
export function parsePositiveInt(name: string, zero = false): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < (zero ? 0 : 1)) {
      throw new OdfError(
        'bad-option',
        `L'option ${name} attend un entier positif, pas « ${v} ».`,
        { option: name },
        `Option ${name} expects a positive integer, not "${v}".`,
      );
    }
    return n;
  };
}

const DELIMITERS: Record<string, string> = {
  ',': ',',
  ';': ';',
  tab: '\t',
  '\\t': '\t',
  '\t': '\t',
  '|': '|',
};

/** Add the reading options (encoding, dialect, sheet…) to a command. */
export function addReadOptions(cmd: Command, ctx: CliContext): Command {
  const en = ctx.lang === 'en';
  return cmd
    .option(
      '--encoding <name>',
      en ? 'input encoding (detected by default)' : 'encodage du fichier (détecté par défaut)',
    )
    .option('--delimiter <char>', en ? 'delimiter: , ; tab |' : 'séparateur : , ; tab |')
    .option('--quote <char>', en ? 'quote character' : 'caractère de citation')
    .option(
      '--header-row <n>',
      en ? 'row of the header (1-based)' : 'ligne des en-têtes (à partir de 1)',
      parsePositiveInt('--header-row'),
    )
    .option(
      '--sheet <name|n>',
      en ? 'sheet of a workbook, by name or number' : 'feuille du classeur, par nom ou numéro',
    )
    .addOption(
      new Option(
        '--max-unzipped <bytes>',
        en
          ? 'refuse workbooks bigger than this once unzipped'
          : 'refuse les classeurs plus gros que cela une fois décompressés',
      )
        .argParser(parsePositiveInt('--max-unzipped'))
        .default(1024 ** 3),
    )
    .option(
      ...limitOption(
        '--max-cell-length <n>',
        en,
        'characters of one cell (default 1048576)',
        'caractères d’une cellule (1048576 par défaut)',
      ),
    )
    .option(
      ...limitOption(
        '--max-line-length <n>',
        en,
        'characters of one CSV row (default 16777216)',
        'caractères d’une ligne CSV (16777216 par défaut)',
      ),
    )
    .option(
      ...limitOption(
        '--max-columns <n>',
        en,
        'cells of one row (default 16384)',
        'cellules d’une ligne (16384 par défaut)',
      ),
    )
    .option(
      ...limitOption(
        '--max-rows <n>',
        en,
        'rows of one sheet (default 1048576)',
        'lignes d’une feuille (1048576 par défaut)',
      ),
    )
    .option(
      ...limitOption(
        '--max-repeated-cells <n>',
        en,
        'cells an ODS repetition may create (default 1000000)',
        'cellules qu’une répétition ODS peut créer (1000000 par défaut)',
      ),
    )
    .option(
      ...limitOption(
        '--max-shared-strings <bytes>',
        en,
        'size of an XLSX shared string table (default 134217728)',
        'taille de la table des textes partagés XLSX (134217728 par défaut)',
      ),
    );
}

/** A reader limit option (docs/limits.md): flag, help text and parser. */
function limitOption(
  flag: string,
  en: boolean,
  help: string,
  aide: string,
): [string, string, (v: string) => number] {
  return [flag, en ? help : aide, parsePositiveInt(flag.split(' ')[0]!)];
}

/** Reader limit options → OpenOptions keys (docs/limits.md). */
const LIMIT_KEYS = [
  'maxCellLength',
  'maxLineLength',
  'maxColumns',
  'maxRows',
  'maxRepeatedCells',
  'maxSharedStrings',
] as const;

/** The OpenOptions from parsed reading options. */
export function readOptionsFrom(o: Record<string, unknown>, ctx: CliContext): OpenOptions {
  const out: OpenOptions = { stdin: ctx.stdin } as OpenOptions;
  if (typeof o.encoding === 'string') out.encoding = o.encoding;
  if (typeof o.delimiter === 'string') {
    const d = DELIMITERS[o.delimiter];
    if (!d) {
      throw new OdfError(
        'bad-option',
        `Séparateur non pris en charge : « ${o.delimiter} » (choisissez , ; tab ou |).`,
        {},
        `Unsupported delimiter: "${o.delimiter}" (choose , ; tab or |).`,
      );
    }
    out.delimiter = d;
  }
  if (typeof o.quote === 'string') out.quoteChar = o.quote;
  if (typeof o.headerRow === 'number') {
    if (o.headerRow < 1)
      throw new OdfError(
        'bad-option',
        "L'option --header-row commence à 1.",
        {},
        'Option --header-row starts at 1.',
      );
    out.headerRow = o.headerRow;
  }
  if (typeof o.sheet === 'string') out.sheet = /^\d+$/.test(o.sheet) ? Number(o.sheet) : o.sheet;
  if (typeof o.maxUnzipped === 'number') out.maxUnzipped = o.maxUnzipped;
  for (const key of LIMIT_KEYS) if (typeof o[key] === 'number') out[key] = o[key];
  return out;
}

/** Add `--map FILE` (a mapping file written by `odf map -o`) and `--synonyms FILE` to a command. */
export function addMappingOption(cmd: Command, ctx: CliContext): Command {
  const en = ctx.lang === 'en';
  return cmd
    .option(
      '--map <file>',
      en
        ? 'mapping file (columns → fields), see odf map'
        : 'fichier de correspondance (colonnes → champs), voir odf map',
    )
    .option(
      '--synonyms <file>',
      en
        ? 'extra synonyms (YAML: fields: { FIELD: [alias, …] })'
        : 'synonymes en plus (YAML : fields: { CHAMP: [alias, …] })',
    );
}

/** A comma-separated list of finding codes or `#tags`, each known to the catalogue, or one clear sentence. */
export function parseCodeList(name: string): (v: string) => string[] {
  return (v: string) => {
    const list = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = unknownSelections(list);
    if (list.length === 0 || unknown.length) {
      throw new OdfError(
        'bad-option',
        `L'option ${name} attend des codes de docs/errors.md ou des #étiquettes séparés par des virgules (ex. type-error,#cell) : ${unknown.length ? `« ${unknown.join(', ')} » inconnu${unknown.length > 1 ? 's' : ''}` : 'liste vide'}.`,
        { option: name, unknown },
        `Option ${name} expects codes from docs/errors.md or #tags, comma-separated (e.g. type-error,#cell): ${unknown.length ? `unknown "${unknown.join(', ')}"` : 'empty list'}.`,
      );
    }
    return list;
  };
}

/** Add `--pick-errors`, `--skip-errors` and `--fail-level` (which findings count, what fails the run). */
export function addFilterOptions(cmd: Command, ctx: CliContext): Command {
  const en = ctx.lang === 'en';
  return cmd
    .option(
      '--pick-errors <codes>',
      en
        ? 'report and count only these codes or #tags (e.g. type-error,#cell)'
        : 'ne signale et ne compte que ces codes ou #étiquettes (ex. type-error,#cell)',
      parseCodeList('--pick-errors'),
    )
    .option(
      '--skip-errors <codes>',
      en
        ? 'leave these codes or #tags out (e.g. #privacy)'
        : 'laisse de côté ces codes ou #étiquettes (ex. #privacy)',
      parseCodeList('--skip-errors'),
    )
    .addOption(
      new Option(
        '--fail-level <level>',
        en
          ? 'exit code 1 from this level on: error (default) or warning'
          : 'code de sortie 1 dès ce niveau : error (défaut) ou warning',
      ).choices(['error', 'warning']),
    );
}

/** Add `--privacy warn|error|off` (the personal-data guard) to a command. */
export function addPrivacyOption(cmd: Command, ctx: CliContext): Command {
  return cmd.addOption(
    new Option(
      '--privacy <mode>',
      ctx.lang === 'en'
        ? 'personal-data guard: warn, error (findings become errors) or off'
        : 'détection des données personnelles : warn (avertit), error (bloque) ou off',
    )
      .choices(['warn', 'error', 'off'])
      .default('warn'),
  );
}

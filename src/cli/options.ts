// Reading options shared by commands that open files (detect, validate, normalize, map).
import { Option, type Command } from './commander.js';
import type { CliContext } from './context.js';
import { OdfError } from '../errors.js';
import type { ReadRequest, RunRequest } from '../index.js';
import { FORMAT_NAMES } from '../report/format-names.js';

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

/** An option several commands take, defined once: its flags and help in the user's language. */
type SharedOption = (en: boolean) => Option;

/** The options several commands share, by name (each command adds them in the order its help shows). */
export const SHARED_OPTIONS = {
  schema: (en) =>
    new Option(
      '-s, --schema <schema>',
      en
        ? 'catalogue name (scdl/budget@0.8.3), file or URL'
        : 'nom au catalogue (scdl/budget@0.8.3), fichier ou URL',
    ),
  reportFormat: (en) =>
    new Option('-f, --format <format>', en ? 'report format' : 'format du rapport')
      .choices([...FORMAT_NAMES])
      .default('text'),
  outputFormat: (en) =>
    new Option('-f, --format <format>', en ? 'output format' : 'format de sortie')
      .choices(['text', 'json'])
      .default('text'),
  config: (en) =>
    new Option(
      '--config <file>',
      en
        ? 'project file (default: odf.config.yaml if present)'
        : 'fichier de projet (défaut : odf.config.yaml s’il existe)',
    ),
  jobs: (en) =>
    new Option(
      '-j, --jobs <n>',
      en
        ? 'files processed in parallel, or chunks of one big CSV file (default: processor cores)'
        : 'fichiers traités en parallèle, ou morceaux d’un seul gros CSV (défaut : cœurs du processeur)',
    ).argParser(parsePositiveInt('--jobs')),
  limitErrors: (en) =>
    new Option(
      '--limit-errors <n>',
      en
        ? 'stop collecting after N errors (default 1000)'
        : 'arrête de collecter après N erreurs (défaut 1000)',
    ).argParser(parsePositiveInt('--limit-errors')),
  maxExamples: (en) =>
    new Option(
      '--max-examples <n>',
      en ? 'occurrences shown per finding code' : 'occurrences montrées par type de problème',
    )
      .argParser(parsePositiveInt('--max-examples', true))
      .default(5),
  quiet: (en) => new Option('-q, --quiet', en ? 'no progress on stderr' : 'pas de progression sur stderr'),
  acceptSuggestions: (en) =>
    new Option(
      '--accept-suggestions',
      en ? 'apply column-name suggestions too' : 'applique aussi les suggestions de noms de colonnes',
    ),
} satisfies Record<string, SharedOption>;

/** Add shared options to a command, in the order given. */
export function addShared(cmd: Command, ctx: CliContext, ...names: (keyof typeof SHARED_OPTIONS)[]): Command {
  for (const name of names) cmd.addOption(SHARED_OPTIONS[name](ctx.lang === 'en'));
  return cmd;
}

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

/** The reading options as parsed by commander (checked and converted by the engine). */
export function readRequestFrom(o: Record<string, unknown>): ReadRequest {
  const out: ReadRequest = {};
  if (typeof o.encoding === 'string') out.encoding = o.encoding;
  if (typeof o.delimiter === 'string') out.delimiter = o.delimiter;
  if (typeof o.quote === 'string') out.quote = o.quote;
  if (typeof o.headerRow === 'number') out.headerRow = o.headerRow;
  if (typeof o.sheet === 'string') out.sheet = o.sheet;
  if (typeof o.maxUnzipped === 'number') out.maxUnzipped = o.maxUnzipped;
  for (const key of LIMIT_KEYS) if (typeof o[key] === 'number') out[key] = o[key];
  return out;
}

/** The parts of a run request that validate and normalize take from the same options. */
export function cliRunOptions(o: Record<string, unknown>): Partial<RunRequest> {
  const out: Partial<RunRequest> = readRequestFrom(o);
  if (typeof o.schema === 'string') out.schema = o.schema;
  if (typeof o.map === 'string') out.mapping = o.map;
  if (typeof o.synonyms === 'string') out.synonyms = o.synonyms;
  if (typeof o.limitErrors === 'number') out.limitErrors = o.limitErrors;
  if (typeof o.jobs === 'number') out.jobs = o.jobs;
  if (o.privacy === 'warn' || o.privacy === 'error' || o.privacy === 'off') out.privacy = o.privacy;
  if (Array.isArray(o.pickErrors)) out.pickErrors = o.pickErrors as string[];
  if (Array.isArray(o.skipErrors)) out.skipErrors = o.skipErrors as string[];
  if (o.failLevel === 'error' || o.failLevel === 'warning') out.failLevel = o.failLevel;
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

/** A comma-separated list of finding codes or `#tags` (the engine checks each against the catalogue). */
function parseCodeList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
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
      parseCodeList,
    )
    .option(
      '--skip-errors <codes>',
      en
        ? 'leave these codes or #tags out (e.g. #privacy)'
        : 'laisse de côté ces codes ou #étiquettes (ex. #privacy)',
      parseCodeList,
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

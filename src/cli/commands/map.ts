// `odf map FILE`: propose how the file's columns feed a schema's fields, and write it as an editable YAML mapping.
//
// Usage: odf map FILE [--schema NAME|PATH|URL] [-o mapping.yaml] [--format text|json] [--map mapping.yaml]
//                [--synonyms synonyms.yaml] [--accept-suggestions]
// Examples:
//   odf map export-finances.csv --schema scdl/budget
//   odf map export-finances.csv -s budget -o correspondance.yaml     (then: odf validate … --map correspondance.yaml)
//   odf map deliberations.xlsx --map correspondance.yaml --format json
// Exit code: 0 when every required field has a source and nothing is ambiguous, 1 otherwise, 2 on failure.
import path from 'node:path';
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { addReadOptions, readRequestFrom, SHARED_OPTIONS } from '../options.js';
import { styleFor } from '../ui.js';
import { candidateJson, renderCandidates } from './detect.js';
import type { ColumnMapping, Finding, Lang, LoadedSchema, MatchKind, Style } from '../../index.js';

const HELP_FR = `
Exemples :
  $ odf map export-finances.csv --schema scdl/budget
  $ odf map export-finances.csv -s budget -o correspondance.yaml
  $ odf validate export-finances.csv -s budget --map correspondance.yaml
  $ odf map deliberations.xlsx --map correspondance.yaml --format json

Le fichier écrit par -o liste chaque champ du schéma avec la colonne retenue (ou null) et, en commentaire,
comment elle a été trouvée ; les colonnes inutilisées suivent en commentaire. Modifiez-le, puis passez-le
à validate ou normalize avec --map. Une valeur fixe s'écrit { constant: "…" } ; un champ fait de deux
colonnes { compose: [A, B] } ; une partie d'une colonne qui en contient deux (coordonnées, date et heure)
{ split: geo_point_2d, part: lon } (parties lon, lat, date, time ; order: lat-lon ou lon-lat).

Code de sortie : 0 si chaque champ obligatoire a une source et rien n'est ambigu, 1 sinon, 2 en cas d'échec.`;

const HELP_EN = `
Examples:
  $ odf map finance-export.csv --schema scdl/budget
  $ odf map finance-export.csv -s budget -o mapping.yaml
  $ odf validate finance-export.csv -s budget --map mapping.yaml
  $ odf map deliberations.xlsx --map mapping.yaml --format json

The file written by -o lists every schema field with the column chosen (or null) and, as a comment, how it
was found; unused columns follow as comments. Edit it, then pass it to validate or normalize with --map.
A fixed value is written { constant: "…" }; a field made of two columns { compose: [A, B] }; a part of a
column that holds two values (coordinates, a date and time) { split: geo_point_2d, part: lon } (parts
lon, lat, date, time; order: lat-lon or lon-lat).

Exit code: 0 when every required field has a source and nothing is ambiguous, 1 otherwise, 2 on failure.`;

/** Options of `odf map` once parsed. */
export interface MapCliOptions {
  schema?: string;
  output?: string;
  format: string;
  map?: string;
  synonyms?: string;
  acceptSuggestions?: boolean;
  schemas?: boolean;
  [k: string]: unknown;
}

const KIND_FR: Record<MatchKind, string> = {
  exact: 'exact',
  folded: 'casse/accents',
  title: 'titre',
  synonym: 'synonyme',
  mapping: 'fichier de correspondance',
  suggestion: 'suggestion acceptée',
};
const KIND_EN: Record<MatchKind, string> = {
  exact: 'exact',
  folded: 'case/accents',
  title: 'title',
  synonym: 'synonym',
  mapping: 'mapping file',
  suggestion: 'accepted suggestion',
};

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** The schema reference written in the mapping file and shown to the user. */
function schemaRef(loaded: LoadedSchema): string {
  return loaded.name ? `${loaded.name}@${loaded.version ?? ''}`.replace(/@$/, '') : loaded.source;
}

/** The JSON shape of `odf map --format json`. */
export function mapJson(
  input: string,
  loaded: LoadedSchema,
  mapping: ColumnMapping,
  findings: Finding[],
  lang: Lang,
  extra: { recognized?: { score: number }; written?: string } = {},
  messages: Pick<typeof import('../../index.js'), 'messageOf' | 'hintOf'>,
): Record<string, unknown> {
  const { messageOf, hintOf } = messages;
  const fields = loaded.schema.fields;
  return {
    input,
    schema: { name: loaded.name ?? null, version: loaded.version ?? null, source: loaded.source },
    ...(extra.recognized ? { recognized: { score: extra.recognized.score } } : {}),
    fields: mapping.fields.map((m) => ({
      name: m.fieldName,
      required: fields[m.fieldIndex]?.constraints?.required === true,
      column: m.column === undefined ? null : m.column + 1,
      label: m.label ?? null,
      kind: m.kind ?? null,
      ...(m.constant !== undefined ? { constant: m.constant } : {}),
      ...(m.composed ? { composedOf: m.composed.labels } : {}),
      ...(m.split
        ? {
            split: {
              column: m.split.column + 1,
              label: m.split.label,
              part: m.split.part,
              ...(m.split.order !== undefined ? { order: m.split.order } : {}),
              ...(m.split.undecided !== undefined ? { undecided: m.split.undecided } : {}),
              ...(m.split.example !== undefined ? { example: m.split.example } : {}),
              ...(m.split.fromMapping === true ? { fromMapping: true } : {}),
            },
          }
        : {}),
      ...(m.suggestion
        ? {
            suggestion: {
              column: m.suggestion.column + 1,
              label: m.suggestion.label,
              score: m.suggestion.score,
            },
          }
        : {}),
    })),
    extra: mapping.extra.map((e) => ({ column: e.column + 1, label: e.label })),
    ties: mapping.ties.map((t) => ({
      column: t.column + 1,
      label: t.label,
      fieldNames: t.fieldNames,
      kind: t.kind ?? null,
    })),
    findings: findings.map((f) => ({
      code: f.code,
      level: f.level,
      message: messageOf(f, lang),
      ...(hintOf(f, lang) ? { hint: hintOf(f, lang) } : {}),
      ...f.loc,
      params: f.params,
    })),
    ...(extra.written ? { written: extra.written } : {}),
  };
}

/** The terminal table of `odf map`: one line per schema field, then unused and ambiguous columns. */
export function renderMapText(
  input: string,
  loaded: LoadedSchema,
  mapping: ColumnMapping,
  lang: Lang,
  s: Style,
  extra: { recognized?: { score: number }; written?: string } = {},
): string {
  const en = lang === 'en';
  const L = (fr: string, e: string): string => (en ? e : fr);
  const c = en ? ': ' : ' : ';
  const kinds = en ? KIND_EN : KIND_FR;
  const q = (v: string): string => (en ? `"${v}"` : `« ${v} »`);
  const out: string[] = [];
  out.push(s.bold(`${input} → ${schemaRef(loaded)}`));
  if (extra.recognized) {
    out.push(
      L(
        `Schéma reconnu d'après les en-têtes (score ${Math.round(extra.recognized.score * 100)} %).`,
        `Schema recognised from the headers (score ${Math.round(extra.recognized.score * 100)}%).`,
      ),
    );
  }
  out.push('');
  const head = [L('CHAMP', 'FIELD'), L('COLONNE', 'COLUMN'), L('CORRESPONDANCE', 'MATCH')];
  const fields = loaded.schema.fields;
  const rows = mapping.fields.map((m) => {
    const required = fields[m.fieldIndex]?.constraints?.required === true;
    const name = `${m.fieldName}${required ? ' *' : ''}`;
    if (m.constant !== undefined) return [name, `= ${JSON.stringify(m.constant)}`, kinds.mapping, ''];
    if (m.column !== undefined)
      return [name, `${m.column + 1}. ${m.label ?? ''}`, kinds[m.kind ?? 'exact'], ''];
    const tie = mapping.ties.filter((t) => t.fieldNames.includes(m.fieldName)).map((t) => q(t.label));
    const part = m.split
      ? `${q(m.split.label)} (${m.split.part}${m.split.order ? `, ${m.split.order}` : ''})`
      : '';
    // A part of a column (from the mapping file, or proposed) and the columns a field is made of.
    if (m.split?.fromMapping === true) return [name, part, kinds.mapping, ''];
    if (m.composed?.fromMapping === true)
      return [name, m.composed.labels.map(q).join(' + '), kinds.mapping, ''];
    const note =
      tie.length > 0
        ? L(`ambigu : ${tie.join(', ')}`, `ambiguous: ${tie.join(', ')}`)
        : m.split
          ? m.split.order === undefined && (m.split.part === 'lon' || m.split.part === 'lat')
            ? L(`proposition : ${part}, ordre à préciser`, `proposal: ${part}, order to give`)
            : L(`proposition : ${part}`, `proposal: ${part}`)
          : m.composed
            ? L(
                `proposition : ${m.composed.labels.map(q).join(' + ')}`,
                `proposal: ${m.composed.labels.map(q).join(' + ')}`,
              )
            : m.suggestion
              ? L(
                  `suggestion : ${q(m.suggestion.label)} (${Math.round(m.suggestion.score * 100)} %)`,
                  `suggestion: ${q(m.suggestion.label)} (${Math.round(m.suggestion.score * 100)}%)`,
                )
              : required
                ? L('manquant', 'missing')
                : '';
    return [name, '—', note, required && tie.length === 0 ? 'red' : 'yellow'];
  });
  const w0 = Math.max(head[0]!.length, ...rows.map((r) => r[0]!.length));
  const w1 = Math.min(40, Math.max(head[1]!.length, ...rows.map((r) => r[1]!.length)));
  out.push(s.dim(`${pad(head[0]!, w0)}  ${pad(head[1]!, w1)}  ${head[2]}`));
  for (const [name, col, note, colour] of rows) {
    const line = `${pad(name!, w0)}  ${pad(col!, w1)}  ${note}`.trimEnd();
    out.push(colour === 'red' ? s.red(line) : colour === 'yellow' && note ? s.yellow(line) : line);
  }
  out.push('', s.dim(L('* champ obligatoire', '* required field')));
  // Columns a mapping file composes or splits are used, though no field reads them whole.
  const used = new Set<number>();
  for (const m of mapping.fields) {
    if (m.split?.fromMapping === true) used.add(m.split.column);
    if (m.composed?.fromMapping === true) for (const k of m.composed.columns) used.add(k);
  }
  const unused = mapping.extra.filter(
    (e) => !used.has(e.column) && !mapping.ties.some((t) => t.column === e.column),
  );
  if (unused.length > 0) {
    out.push(
      `${L('Colonnes non utilisées', 'Unused columns')}${c}${unused.map((e) => `${e.column + 1}. ${q(e.label)}`).join(', ')}`,
    );
  }
  if (extra.written) out.push(`${L('Correspondance écrite dans', 'Mapping written to')}${c}${extra.written}`);
  return `${out.join('\n')}\n`;
}

/** Run `odf map` and return the exit code. */
export async function runMap(file: string, o: MapCliOptions, ctx: CliContext): Promise<number> {
  const lang = ctx.lang;
  const odf = await import('../../index.js');
  const {
    labels,
    schema: loaded,
    mapping,
    findings,
    recognized,
    candidates,
  } = await odf.mapTable(file, {
    ...readRequestFrom(o),
    stdin: ctx.stdin,
    cwd: ctx.cwd,
    schema: o.schema,
    mapping: o.map,
    synonyms: o.synonyms,
    acceptSuggestions: o.acceptSuggestions === true,
    schemas: o.schemas === true,
  });
  const input = file === '-' ? '<stdin>' : file;

  let written: string | undefined;
  if (o.output !== undefined) {
    const yaml = odf.formatMappingFile(mapping, loaded.schema, labels, {
      schemaRef: schemaRef(loaded),
      input: path.basename(input),
    });
    if (o.output === '-') {
      ctx.stdout.write(yaml);
    } else {
      written = o.output;
      await odf.writeFileAtomic(path.resolve(ctx.cwd, o.output), yaml, [path.resolve(ctx.cwd, file)]);
    }
  }
  if (o.output !== '-') {
    ctx.stdout.write(
      o.format === 'json'
        ? `${JSON.stringify(
            {
              ...mapJson(input, loaded, mapping, findings, lang, { recognized, written }, odf),
              ...(candidates ? { schemas: candidates.map(candidateJson) } : {}),
            },
            null,
            2,
          )}\n`
        : renderMapText(input, loaded, mapping, lang, (await styleFor(ctx)) ?? odf.plainStyle, {
            recognized,
            written,
          }) + (candidates ? `\n${renderCandidates(candidates, lang)}` : ''),
    );
  }
  // A required field fed by a constant of the mapping file, or by columns it composes or splits, has its source.
  const byMapping = new Set(
    mapping.fields
      .filter((m) => m.split?.fromMapping === true || m.composed?.fromMapping === true)
      .map((m) => m.fieldName),
  );
  const incomplete = findings.some(
    (f) =>
      (f.code === 'missing-label' &&
        f.params.constant === undefined &&
        !byMapping.has(String(f.params.fieldName))) ||
      f.code === 'ambiguous-label',
  );
  return incomplete ? 1 : 0;
}

/** Register `odf map`. */
export function registerMap(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const cmd = program
    .command('map')
    .description(
      en
        ? "propose how a file's columns feed a schema's fields; write it as an editable mapping file"
        : 'propose la correspondance entre les colonnes d’un fichier et les champs d’un schéma ; l’écrit dans un fichier modifiable',
    )
    .argument(
      '<file>',
      en
        ? 'CSV, XLSX or ODS file, or - for standard input'
        : 'fichier CSV, XLSX ou ODS, ou - pour l’entrée standard',
    )
    .option(
      '-s, --schema <schema>',
      en
        ? 'NAME[@VERSION] of the catalogue, a file or a URL (recognised if absent)'
        : 'NOM[@VERSION] du catalogue, un fichier ou une URL (reconnu s’il est absent)',
    )
    .option(
      '-o, --output <file>',
      en
        ? 'write the mapping as YAML to this file (- for standard output)'
        : 'écrit la correspondance en YAML dans ce fichier (- pour la sortie standard)',
    )
    .addOption(SHARED_OPTIONS.outputFormat(en))
    .option('--map <file>', en ? 'start from this mapping file' : 'part de ce fichier de correspondance')
    .option(
      '--synonyms <file>',
      en
        ? 'extra synonyms (YAML: fields: { FIELD: [alias, …] })'
        : 'synonymes en plus (YAML : fields: { CHAMP: [alias, …] })',
    )
    .option(
      '--accept-suggestions',
      en ? 'apply similarity suggestions' : 'applique les suggestions par ressemblance',
    )
    .option(
      '--schemas',
      en
        ? 'also list the five catalogue schemas that fit the header and first rows best'
        : 'liste aussi les cinq schémas du catalogue qui correspondent le mieux aux en-têtes et aux premières lignes',
    );
  addReadOptions(cmd, ctx)
    .addHelpText('after', en ? HELP_EN : HELP_FR)
    .action(async (file: string, o: MapCliOptions) => {
      setExit(await runMap(file, o, ctx));
    });
}

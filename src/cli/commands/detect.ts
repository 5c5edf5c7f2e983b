// `odf detect FILE…`: say what odf found about each file (format, encoding, dialect, header, sheets, rows).
//
// Usage: odf detect FILE… [--format text|json]
// Examples:
//   odf detect budget.csv
//   odf detect export.xlsx --format json
//   cat budget.csv | odf detect -
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { addReadOptions, readRequestFrom, SHARED_OPTIONS } from '../options.js';
import { isOdfError } from '../../errors.js';
import { styleFor } from '../ui.js';
import type { Lang, SchemaCandidate, Style, TableMeta } from '../../index.js';

const KEYS = [
  'path',
  'format',
  'encoding',
  'encodingConfidence',
  'bom',
  'delimiter',
  'quoteChar',
  'lineTerminator',
  'headerRow',
  'columns',
  'rowCount',
  'sheet',
  'sheets',
] as const;

/** The JSON shape of one detected file (keys absent where they do not apply). */
export function detectJson(
  meta: TableMeta,
  displayPath: string,
  lang: Lang,
  messages: Messages,
): Record<string, unknown> {
  const { messageOf, hintOf } = messages;
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if (meta[k] !== undefined) out[k] = meta[k];
  out.path = displayPath;
  out.findings = meta.findings.map((f) => ({
    code: f.code,
    level: f.level,
    message: messageOf(f, lang),
    ...(hintOf(f, lang) ? { hint: hintOf(f, lang) } : {}),
    ...f.loc,
    params: f.params,
  }));
  return out;
}

const NAMES: Record<string, string> = { '\t': 'tab', ',': ',', ';': ';', '|': '|' };

/** The catalogue's message functions (the library is loaded once a command runs). */
type Messages = Pick<typeof import('../../index.js'), 'messageOf' | 'hintOf'>;

function renderDetectText(
  meta: TableMeta,
  displayPath: string,
  lang: Lang,
  s: Style,
  { messageOf }: Messages,
): string {
  const fr = lang === 'fr';
  const c = fr ? ' : ' : ': ';
  const L = (fr_: string, en_: string): string => (fr ? fr_ : en_);
  const lines = [s.bold(displayPath), `  ${L('Format', 'Format')}${c}${meta.format}`];
  if (meta.encoding) {
    const conf =
      meta.encodingConfidence !== undefined
        ? ` (${L('sûr à', 'sure:')} ${Math.round(meta.encodingConfidence * 100)} %)`
        : '';
    lines.push(`  ${L('Encodage', 'Encoding')}${c}${meta.encoding}${conf}`);
  }
  if (meta.bom !== undefined) lines.push(`  BOM${c}${meta.bom ? L('oui', 'yes') : L('non', 'no')}`);
  if (meta.delimiter !== undefined)
    lines.push(`  ${L('Séparateur', 'Delimiter')}${c}${NAMES[meta.delimiter] ?? meta.delimiter}`);
  if (meta.quoteChar !== undefined) lines.push(`  ${L('Guillemet', 'Quote')}${c}${meta.quoteChar}`);
  if (meta.lineTerminator !== undefined)
    lines.push(`  ${L('Fin de ligne', 'Line terminator')}${c}${meta.lineTerminator}`);
  if (meta.sheets) lines.push(`  ${L('Feuilles', 'Sheets')}${c}${meta.sheets.join(', ')}`);
  if (meta.sheet) lines.push(`  ${L('Feuille lue', 'Sheet read')}${c}${meta.sheet}`);
  lines.push(`  ${L('Ligne d’en-tête', 'Header row')}${c}${meta.headerRow}`);
  lines.push(`  ${L('Colonnes', 'Columns')} (${meta.columns.length})${c}${meta.columns.join(' | ')}`);
  if (meta.rowCount !== undefined) lines.push(`  ${L('Lignes de données', 'Data rows')}${c}${meta.rowCount}`);
  for (const f of meta.findings) {
    const mark = f.level === 'error' ? s.red('✗') : f.level === 'warning' ? s.yellow('!') : s.cyan('i');
    lines.push(`  ${mark} ${messageOf(f, lang)}`);
  }
  return lines.join('\n') + '\n';
}

function candidateJson(c: SchemaCandidate): Record<string, unknown> {
  return {
    name: c.name,
    version: c.version,
    score: Math.round(c.score * 1000) / 1000,
    matchedFields: c.matchedFields,
    totalFields: c.totalFields,
    matchedRequired: c.matchedRequired,
    totalRequired: c.totalRequired,
  };
}

function renderCandidates(candidates: SchemaCandidate[], lang: Lang): string {
  const fr = lang === 'fr';
  const lines = [`  ${fr ? 'Schémas les plus proches' : 'Closest schemas'}${fr ? ' :' : ':'}`];
  for (const c of candidates) {
    const pct = Math.round(c.score * 100);
    lines.push(
      `    ${String(pct).padStart(3)} %  ${c.name}@${c.version}  (${c.matchedFields}/${c.totalFields} ${fr ? 'champs' : 'fields'}, ${c.matchedRequired}/${c.totalRequired} ${fr ? 'obligatoires' : 'required'})`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Register `odf detect`. */
export function registerDetect(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const cmd = program
    .command('detect')
    .description(
      en
        ? 'show what odf detects in files (encoding, dialect, header, sheets)'
        : 'montre ce qu’odf détecte dans des fichiers (encodage, séparateur, en-têtes, feuilles)',
    )
    .argument('<files...>', en ? 'files; - for standard input' : 'fichiers ; - pour l’entrée standard')
    .addOption(SHARED_OPTIONS.outputFormat(en))
    .option(
      '--schemas',
      en
        ? 'also list the five catalogue schemas that fit the header best'
        : 'liste aussi les cinq schémas du catalogue qui correspondent le mieux aux en-têtes',
    );
  addReadOptions(cmd, ctx);
  cmd
    .addHelpText(
      'after',
      en
        ? '\nExamples:\n  $ odf detect budget.csv\n  $ odf detect export.xlsx --format json\n'
        : '\nExemples :\n  $ odf detect budget.csv\n  $ odf detect export.xlsx --format json\n',
    )
    .action(async (files: string[], o: Record<string, unknown>) => {
      const odf = await import('../../index.js');
      const style = (await styleFor(ctx)) ?? odf.plainStyle;
      const request = readRequestFrom(o);
      odf.readOptions(request); // a bad option fails once, before any file
      const read = { ...request, stdin: ctx.stdin, cwd: ctx.cwd, schemas: Boolean(o.schemas) };
      const out: Record<string, unknown>[] = [];
      const texts: string[] = [];
      let code = 0;
      for (const file of files) {
        const display = file === '-' ? '<stdin>' : file;
        try {
          const { meta, candidates } = await odf.inspect(file, read);
          if (o.format === 'json') {
            const json = detectJson(meta, display, ctx.lang, odf);
            if (candidates) json.schemas = candidates.map(candidateJson);
            out.push(json);
          } else {
            texts.push(
              renderDetectText(meta, display, ctx.lang, style, odf) +
                (candidates ? renderCandidates(candidates, ctx.lang) : ''),
            );
          }
        } catch (e) {
          if (!isOdfError(e) || files.length === 1) throw e;
          code = 2;
          const message = ctx.lang === 'en' && e.messageEn ? e.messageEn : e.message;
          if (o.format === 'json') out.push({ path: display, error: { code: e.code, message } });
          else texts.push(`${display}\n  ✗ ${message}\n`);
        }
      }
      ctx.stdout.write(
        o.format === 'json' ? `${JSON.stringify({ files: out }, null, 2)}\n` : texts.join('\n'),
      );
      setExit(code);
    });
}

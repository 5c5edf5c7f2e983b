// SARIF renderer: SARIF 2.1.0 for GitHub code scanning — rules from the finding catalogue, results with locations.
import { createHash } from 'node:crypto';
import type { Lang } from '../findings/spec.js';
import type { Level } from '../findings/types.js';
import { catalogue } from '../findings/catalogue.js';
import { docsErrorsUrl, docUrl } from '../findings/doc.js';
import { explanationFor } from '../findings/explanation-for.js';
import type { FileReport, Report, ReportFinding } from './types.js';
import { describeLocation, lineOf } from './where.js';
import { escapeTerminal } from './escape.js';

/** Options of renderSarif. */
export interface SarifOptions {
  lang: Lang;
  /** odf's version, as the tool's driver version. */
  version?: string;
}

const LEVEL: Record<Level, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * A file path as a SARIF artifact URI: relative paths stay relative (each segment percent-encoded, so a
 * space or `#` cannot break the URI), absolute ones become `file:` URIs, standard input a name.
 */
export function artifactUri(path: string): string {
  if (path === '-' || path === '<stdin>') return 'stdin';
  const p = path.replace(/\\/g, '/');
  const encoded = (s: string): string => s.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(p)) return `file:///${p.slice(0, 2)}${encoded(p.slice(2))}`;
  if (p.startsWith('/')) return `file://${encoded(p)}`;
  return encoded(p.replace(/^\.\//, ''));
}

function text(s: string): string {
  return escapeTerminal(s);
}

/** One rule per catalogue code: its title, its longer explanation, how to fix it, and its documentation. */
function rule(code: string, lang: Lang): Record<string, unknown> {
  const spec = catalogue[code]!;
  const e = explanationFor(code, lang);
  const colon = lang === 'fr' ? ' : ' : ': ';
  const fixes = [
    e?.excel ? `Excel${colon}${e.excel}` : '',
    e?.libreoffice ? `LibreOffice Calc${colon}${e.libreoffice}` : '',
    e?.schema ? `${lang === 'fr' ? 'Schéma' : 'Schema'}${colon}${e.schema}` : '',
    e?.odf ? `odf${colon}${e.odf}` : '',
  ].filter(Boolean);
  const help = [e?.explain ?? spec.title[lang], ...fixes, docUrl(code, lang)].join('\n\n');
  return {
    id: code,
    name: code
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: spec.title[lang] },
    fullDescription: { text: e?.explain ?? spec.title[lang] },
    help: { text: help },
    helpUri: docUrl(code, lang),
    defaultConfiguration: { level: LEVEL[spec.level] },
    properties: { tags: ['open-data', ...spec.tags] },
  };
}

/** A stable identity for a finding that survives lines moving: file, code, column, value, occurrence. */
function fingerprint(parts: readonly (string | number | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => (p === undefined ? '' : String(p))).join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

function result(
  file: FileReport,
  f: ReportFinding,
  ruleIndex: number,
  lang: Lang,
  seen: Map<string, number>,
): Record<string, unknown> {
  const where = describeLocation(f, lang);
  const message = `${where ? `${where}${lang === 'fr' ? ' : ' : ': '}` : ''}${f.message}${f.hint ? ` → ${f.hint}` : ''}`;
  const base = fingerprint([file.path, f.code, f.fieldName ?? f.column ?? f.fieldNumber, f.value]);
  const n = seen.get(base) ?? 0;
  seen.set(base, n + 1);
  const region: Record<string, number> = { startLine: lineOf(f) ?? 1 };
  const properties: Record<string, unknown> = {};
  if (f.rowNumber !== undefined) properties.rowNumber = f.rowNumber;
  if (f.fieldName !== undefined) properties.field = f.fieldName;
  if (f.column !== undefined) properties.column = f.column;
  if (f.fieldNumber !== undefined) properties.fieldNumber = f.fieldNumber;
  if (f.fixable) properties.fixable = true;
  return {
    ruleId: f.code,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.level],
    message: { text: text(message) },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file.path) }, region } }],
    partialFingerprints: { 'odfFinding/v1': n === 0 ? base : fingerprint([base, n]) },
    ...(Object.keys(properties).length ? { properties } : {}),
  };
}

/**
 * Render the report as a SARIF 2.1.0 log for GitHub code scanning (and any SARIF viewer): one run whose
 * driver lists every catalogue code as a rule (title, explanation, fixes, `helpUri` to docs/errors.md, or
 * docs/errors.en.md in English),
 * one result per finding with its level (error, warning, note), message, and physical location (the
 * file's URI and `startLine`, the line people see; no `startColumn`: a field is not a character
 * offset), and a line-independent fingerprint. Files odf could not read, and files a batch passed over,
 * are tool notifications. Exact counts per code and per column are in `run.properties.files`.
 */
export function renderSarif(report: Report, options: SarifOptions): string {
  const lang = options.lang;
  const codes = Object.keys(catalogue).sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const results: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  for (const file of report.files)
    for (const f of file.findings) results.push(result(file, f, index.get(f.code) ?? -1, lang, seen));
  const notifications = [
    ...report.failures.map((f) => ({
      level: 'error',
      message: { text: text(`${f.path}${lang === 'fr' ? ' : ' : ': '}${f.message}`) },
      descriptor: { id: f.code },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.path) } } }],
    })),
    ...(report.skipped ?? []).map((f) => ({
      level: 'note',
      message: {
        text: text(
          `${f.path}${lang === 'fr' ? ' : format non pris en charge, fichier ignoré' : ': unsupported format, file skipped'}`,
        ),
      },
      descriptor: { id: 'file-skipped' },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.path) } } }],
    })),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'odf',
            ...(options.version ? { version: options.version, semanticVersion: options.version } : {}),
            informationUri: docsErrorsUrl(lang),
            language: lang,
            rules: codes.map((c) => rule(c, lang)),
          },
        },
        invocations: [
          {
            executionSuccessful: report.failures.length === 0,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        properties: {
          valid: report.valid,
          summary: report.summary,
          files: report.files.map((f) => ({
            uri: artifactUri(f.path),
            valid: f.valid,
            partial: f.partial,
            ...(f.schema ? { schema: f.schema.name ?? f.schema.source } : {}),
            totals: f.totals,
          })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

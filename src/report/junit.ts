// JUnit renderer: one testsuite per file, one testcase per check family, failures with row, column and message.
import type { Lang } from '../findings/spec.js';
import { catalogue } from '../findings/catalogue.js';
import type { FileReport, Report, ReportFinding } from './types.js';
import { describeLocation } from './where.js';

/** Options of renderJunit. */
export interface JunitOptions {
  lang: Lang;
}

/** The check families, in report order: each is one testcase of every file's testsuite. */
export const CHECK_FAMILIES = ['source', 'structure', 'schema', 'table', 'cell', 'check', 'privacy'] as const;

type Family = (typeof CHECK_FAMILIES)[number];

const FAMILY_NAMES: Record<Lang, Record<Family, string>> = {
  fr: {
    source: 'lecture du fichier (encodage, format)',
    structure: 'structure (en-têtes, lignes, cellules)',
    schema: 'schéma et correspondance des colonnes',
    table: 'tableau (données, clés)',
    cell: 'valeurs des cellules',
    check: 'contrôles personnalisés du schéma',
    privacy: 'données personnelles',
  },
  en: {
    source: 'reading the file (encoding, format)',
    structure: 'structure (headers, rows, cells)',
    schema: 'schema and column mapping',
    table: 'table (data, keys)',
    cell: 'cell values',
    check: 'custom checks of the schema',
    privacy: 'personal data',
  },
};

/** The family of a finding code: the first of its catalogue tags that is a family ('structure' when unknown). */
export function familyOf(code: string): Family {
  const tags = catalogue[code]?.tags ?? [];
  if (tags[0] === 'check') return 'check';
  for (const t of tags) if ((CHECK_FAMILIES as readonly string[]).includes(t)) return t as Family;
  return 'structure';
}

// XML 1.0 allows tab, LF, CR and characters from U+0020; anything else (cell text is untrusted) is replaced.
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escape text for an XML attribute or element, replacing characters XML cannot carry by U+FFFD. */
export function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function findingText(f: ReportFinding, lang: Lang): string {
  const where = describeLocation(f, lang);
  const sep = lang === 'fr' ? ' : ' : ': ';
  const value = f.value !== undefined ? ` [${JSON.stringify(f.value)}]` : '';
  const hint = f.hint ? `\n    → ${f.hint}` : '';
  return `${f.code}${where ? ` — ${where}` : ''}${value}${sep}${f.message}${hint}`;
}

function countLabel(n: number, lang: Lang, level: 'error' | 'warning'): string {
  if (lang === 'fr')
    return level === 'error' ? `${n} erreur${n > 1 ? 's' : ''}` : `${n} avertissement${n > 1 ? 's' : ''}`;
  return level === 'error' ? `${n} error${n > 1 ? 's' : ''}` : `${n} warning${n > 1 ? 's' : ''}`;
}

function suite(
  file: FileReport,
  strict: boolean,
  lang: Lang,
): { xml: string; tests: number; failures: number } {
  const byFamily = new Map<Family, ReportFinding[]>();
  for (const f of file.findings) {
    const fam = familyOf(f.code);
    let list = byFamily.get(fam);
    if (!list) byFamily.set(fam, (list = []));
    list.push(f);
  }
  const classname = `odf.${file.path}`;
  const cases: string[] = [];
  let failures = 0;
  for (const fam of CHECK_FAMILIES) {
    const list = byFamily.get(fam) ?? [];
    // Like --strict in the verdict: warnings about the schema itself are not the user's to fix.
    const failing = list.filter(
      (f) =>
        f.level === 'error' ||
        (strict && f.level === 'warning' && !catalogue[f.code]?.tags.includes('schema')),
    );
    const other = list.filter((f) => !failing.includes(f));
    const open = `    <testcase${attrs({ name: `${fam}: ${FAMILY_NAMES[lang][fam]}`, classname, file: file.path, time: 0 })}`;
    const body: string[] = [];
    if (fam === 'schema' && !file.schema && list.length === 0) {
      body.push(`      <skipped${attrs({ message: lang === 'fr' ? 'aucun schéma' : 'no schema' })}/>`);
    } else if (failing.length) {
      failures++;
      const errors = failing.filter((f) => f.level === 'error').length;
      const warnings = failing.length - errors;
      const message = [
        errors ? countLabel(errors, lang, 'error') : '',
        warnings ? countLabel(warnings, lang, 'warning') : '',
      ]
        .filter(Boolean)
        .join(', ');
      const types = [...new Set(failing.map((f) => f.code))].join(', ');
      body.push(
        `      <failure${attrs({ message, type: types })}>${escapeXml(failing.map((f) => findingText(f, lang)).join('\n'))}</failure>`,
      );
    }
    if (other.length)
      body.push(
        `      <system-out>${escapeXml(other.map((f) => `${f.level}: ${findingText(f, lang)}`).join('\n'))}</system-out>`,
      );
    cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
  }
  const props: [string, string | number][] = [['rows', file.stats.rows]];
  if (file.schema)
    props.push([
      'schema',
      file.schema.name
        ? `${file.schema.name}${file.schema.version ? `@${file.schema.version}` : ''}`
        : file.schema.source,
    ]);
  if (file.score) props.push(['score', file.score.score]);
  if (file.partial) props.push(['partial', 'true']);
  const properties = `    <properties>\n${props.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`).join('\n')}\n    </properties>`;
  const skipped = file.schema || byFamily.has('schema') ? 0 : 1;
  const head = `  <testsuite${attrs({ name: file.path, tests: CHECK_FAMILIES.length, failures, errors: 0, skipped, time: 0, file: file.path })}>`;
  return {
    xml: `${head}\n${properties}\n${cases.join('\n')}\n  </testsuite>`,
    tests: CHECK_FAMILIES.length,
    failures,
  };
}

/**
 * Render the report as JUnit XML, as GitLab CI and Jenkins read it: `<testsuites>` with one
 * `<testsuite>` per file (name, tests, failures, errors, skipped, time, file), one `<testcase>` per
 * check family (name, classname, file, time) whose `<failure>` lists every error (and, with --strict,
 * warning) with its row, column and message; other findings go to `<system-out>`. A file odf could
 * not read is a testsuite with one testcase in `<error>`. Times are 0: nothing volatile in a report.
 */
export function renderJunit(report: Report, options: JunitOptions): string {
  const lang = options.lang;
  const strict = report.strict === true;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of report.files) {
    const s = suite(file, strict, lang);
    suites.push(s.xml);
    tests += s.tests;
    failures += s.failures;
  }
  for (const f of report.failures) {
    tests++;
    const name = lang === 'fr' ? 'lecture du fichier' : 'reading the file';
    suites.push(
      `  <testsuite${attrs({ name: f.path, tests: 1, failures: 0, errors: 1, skipped: 0, time: 0, file: f.path })}>\n` +
        `    <testcase${attrs({ name, classname: `odf.${f.path}`, file: f.path, time: 0 })}>\n` +
        `      <error${attrs({ message: f.message, type: f.code })}>${escapeXml(f.message)}</error>\n` +
        `    </testcase>\n  </testsuite>`,
    );
  }
  const head = `<testsuites${attrs({ name: 'odf', tests, failures, errors: report.failures.length, time: 0 })}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}\n</testsuites>\n`;
}

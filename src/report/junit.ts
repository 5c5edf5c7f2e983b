// JUnit renderer: one testsuite per file, one testcase per check family, failures with row, column and message.
import type { Lang } from '../findings/spec.js';
import { catalogue } from '../findings/catalogue.js';
import type { FileReport, Report, ReportFinding } from './types.js';
import { describeLocation } from './where.js';
import { escapeXml } from './escape.js';

/** Options of renderJunit. */
export interface JunitOptions {
  lang: Lang;
  /**
   * Seconds each file took, by report path (the CLI measures them; a renderer reads no clock, so golden
   * files stay stable). Absent files take 0.
   */
  durations?: Readonly<Record<string, number>>;
}

/**
 * The classname of a file's test cases. Jenkins splits a classname on dots into packages and a class
 * (`odf.batch/x.csv` became package `odf.batch/x`, class `csv`): dots become `_`, so each file is one
 * class at the top level (`batch/x_csv`), whatever its name.
 */
export function classnameOf(path: string): string {
  return path.replace(/\./g, '_');
}

/** Seconds with millisecond precision, as JUnit readers expect them. */
function seconds(s: number | undefined): string {
  return (s ?? 0).toFixed(3);
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

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** A finding as lines of XML text: each user string escaped, the line breaks between them odf's own. */
function findingText(f: ReportFinding, lang: Lang, prefix = ''): string {
  const where = describeLocation(f, lang);
  const sep = lang === 'fr' ? ' : ' : ': ';
  const hint = f.hint ? `\n    → ${escapeXml(f.hint)}` : '';
  // The message already quotes the value (cut to a readable length).
  return `${escapeXml(`${prefix}${f.code}${where ? ` — ${where}` : ''}${sep}${f.message}`)}${hint}`;
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
  time: number | undefined,
): { xml: string; tests: number; failures: number; skipped: number } {
  const byFamily = new Map<Family, ReportFinding[]>();
  for (const f of file.findings) {
    const fam = familyOf(f.code);
    let list = byFamily.get(fam);
    if (!list) byFamily.set(fam, (list = []));
    list.push(f);
  }
  const collected = new Map<string, number>();
  for (const f of file.findings) collected.set(f.code, (collected.get(f.code) ?? 0) + 1);
  /** Findings of a family counted past the error limit, by the level the catalogue gives their code. */
  const uncounted = (fam: Family): { errors: number; warnings: number; codes: string[] } => {
    const out = { errors: 0, warnings: 0, codes: [] as string[] };
    for (const [code, n] of Object.entries(file.totals?.byCode ?? {})) {
      const extra = n - (collected.get(code) ?? 0);
      if (extra <= 0 || familyOf(code) !== fam) continue;
      const level = catalogue[code]?.level ?? 'error';
      if (level === 'error') out.errors += extra;
      else if (level === 'warning') out.warnings += extra;
      else continue;
      out.codes.push(code);
    }
    return out;
  };
  const classname = classnameOf(file.path);
  // The file's time is shared among its cases, so the suite's time is their sum.
  const caseTime = (time ?? 0) / CHECK_FAMILIES.length;
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
    const open = `    <testcase${attrs({ name: `${fam}: ${FAMILY_NAMES[lang][fam]}`, classname, file: file.path, time: seconds(caseTime) })}`;
    const body: string[] = [];
    if (fam === 'schema' && !file.schema && list.length === 0) {
      body.push(`      <skipped${attrs({ message: lang === 'fr' ? 'aucun schéma' : 'no schema' })}/>`);
    } else if (failing.length || uncounted(fam).errors || (strict && uncounted(fam).warnings)) {
      failures++;
      // Counted past --limit-errors but not listed: still in the totals the message gives.
      const more = uncounted(fam);
      const errors = failing.filter((f) => f.level === 'error').length + more.errors;
      const warnings = failing.length - (errors - more.errors) + (strict ? more.warnings : 0);
      const message = [
        errors ? countLabel(errors, lang, 'error') : '',
        warnings ? countLabel(warnings, lang, 'warning') : '',
      ]
        .filter(Boolean)
        .join(', ');
      const types = [...new Set([...failing.map((f) => f.code), ...more.codes])].join(', ');
      body.push(
        `      <failure${attrs({ message, type: types })}>${failing.map((f) => findingText(f, lang)).join('\n')}</failure>`,
      );
    }
    if (other.length)
      body.push(
        `      <system-out>${other.map((f) => findingText(f, lang, `${f.level}: `)).join('\n')}</system-out>`,
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
  // Exact counts per code, listed findings or not (--limit-errors stops collecting, never counting).
  for (const [code, n] of Object.entries(file.totals?.byCode ?? {})) props.push([`count:${code}`, n]);
  const properties = `    <properties>\n${props.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`).join('\n')}\n    </properties>`;
  const skipped = file.schema || byFamily.has('schema') ? 0 : 1;
  const head = `  <testsuite${attrs({ name: file.path, tests: CHECK_FAMILIES.length, failures, errors: 0, skipped, time: seconds(time), file: file.path })}>`;
  return {
    xml: `${head}\n${properties}\n${cases.join('\n')}\n  </testsuite>`,
    tests: CHECK_FAMILIES.length,
    failures,
    skipped,
  };
}

/**
 * Render the report as JUnit XML, as GitLab CI and Jenkins read it: `<testsuites>` with one
 * `<testsuite>` per file (name, tests, failures, errors, skipped, time, file), one `<testcase>` per
 * check family (name, classname, file, time) whose `<failure>` lists every error (and, with --strict,
 * warning) with its line, column and message; other findings go to `<system-out>`. A file odf could
 * not read is a testsuite with one testcase in `<error>`; a file a batch passed over (unsupported
 * format) is a testsuite with one skipped testcase. Times come from `options.durations` (0 without).
 */
export function renderJunit(report: Report, options: JunitOptions): string {
  const lang = options.lang;
  const strict = report.strict === true;
  const durations = options.durations ?? {};
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  let total = 0;
  for (const file of report.files) {
    const s = suite(file, strict, lang, durations[file.path]);
    suites.push(s.xml);
    tests += s.tests;
    failures += s.failures;
    skipped += s.skipped;
    total += durations[file.path] ?? 0;
  }
  for (const f of report.failures) {
    tests++;
    const time = durations[f.path];
    total += time ?? 0;
    const name = lang === 'fr' ? 'lecture du fichier' : 'reading the file';
    suites.push(
      `  <testsuite${attrs({ name: f.path, tests: 1, failures: 0, errors: 1, skipped: 0, time: seconds(time), file: f.path })}>\n` +
        `    <testcase${attrs({ name, classname: classnameOf(f.path), file: f.path, time: seconds(time) })}>\n` +
        `      <error${attrs({ message: f.message, type: f.code })}>${escapeXml(f.message)}</error>\n` +
        `    </testcase>\n  </testsuite>`,
    );
  }
  for (const f of report.skipped ?? []) {
    tests++;
    skipped++;
    const name = lang === 'fr' ? 'lecture du fichier' : 'reading the file';
    const why = lang === 'fr' ? 'format non pris en charge' : 'unsupported format';
    suites.push(
      `  <testsuite${attrs({ name: f.path, tests: 1, failures: 0, errors: 0, skipped: 1, time: seconds(0), file: f.path })}>\n` +
        `    <testcase${attrs({ name, classname: classnameOf(f.path), file: f.path, time: seconds(0) })}>\n` +
        `      <skipped${attrs({ message: why })}/>\n` +
        `    </testcase>\n  </testsuite>`,
    );
  }
  const head = `<testsuites${attrs({ name: 'odf', tests, failures, errors: report.failures.length, skipped, time: seconds(total) })}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}\n</testsuites>\n`;
}

// Text renderer: the human report (French by default), findings grouped by code with their first occurrences.
import type { Lang } from '../findings/spec.js';
import { titleOf } from '../findings/catalogue.js';
import type { FileReport, Report, ReportFinding } from './types.js';
import { plainStyle, type Style } from './style.js';
import { MATCH_KIND_NAMES, matchKindText } from './match-kinds.js';
import { escapeTerminal } from './escape.js';
import { describeLocation } from './where.js';
import { DEFAULT_WIDTH, wrap, type Segment } from './wrap.js';
import { formatNumber } from './numbers.js';

/**
 * Longest unbroken run of user text (a label, a value) the terminal report shows: a longer run keeps its
 * start and end around « … », so that a hostile 176,000-character label cannot make the layout crawl
 * nor fill thousands of lines. The JSON report keeps every character.
 */
const MAX_RUN = 300;

/** User text for the terminal: escaped (escape.ts), long runs shortened. */
function x(s: string): string {
  const e = escapeTerminal(s);
  if (e.length <= MAX_RUN) return e;
  return e.replace(new RegExp(`\\S{${MAX_RUN + 1},}`, 'gu'), (run) => {
    const cps = Array.from(run);
    return cps.length <= MAX_RUN ? run : `${cps.slice(0, 200).join('')}…${cps.slice(-50).join('')}`;
  });
}

export interface TextOptions {
  lang: Lang;
  /** Occurrences shown per code (default 5). */
  maxExamples?: number;
  style?: Style;
  /** Columns to lay the report out in (default 80): the terminal's width when on a terminal. */
  width?: number;
}

const T = {
  fr: {
    format: 'Format',
    encoding: 'encodage',
    sure: (p: number) => `sûr à ${p} %`,
    delimiter: 'séparateur',
    sheet: 'feuille',
    schema: 'Schéma',
    none: 'aucun (structure seule)',
    recognized: (s: number) => `reconnu d'après les en-têtes, ${Math.round(s * 100)} %`,
    rows: 'Lignes de données',
    verdict: 'Verdict',
    valid: 'conforme',
    invalid: 'non conforme',
    errors: (n: number) => `${formatNumber(n, 'fr')} erreur${n > 1 ? 's' : ''}`,
    warnings: (n: number) => `${formatNumber(n, 'fr')} avertissement${n > 1 ? 's' : ''}`,
    partial: (n: number) =>
      `rapport partiel : ${formatNumber(n, 'fr')} erreurs relevées (--limit-errors), les totaux restent exacts`,
    mapping: 'Correspondance des colonnes',
    caseOnly: (n: number, normalized: boolean) =>
      `${n} en-têtes ne diffèrent que par la casse → ${normalized ? 'renommés par odf normalize' : 'odf normalize les corrige'}`,
    absent: 'absente',
    extra: 'Colonnes hors schéma',
    column: 'colonne',
    more: (n: number, shown: number, collected: number, errors: number) =>
      `… et ${formatNumber(n, 'fr')} autre${n > 1 ? 's' : ''} : --max-examples ${collected} pour les voir` +
      (collected < shown + n ? `, --limit-errors ${errors} pour toutes les relever` : ''),
    seeMapping: 'voir la correspondance des colonnes ci-dessus',
    summary: 'Bilan',
    files: (n: number) => `${formatNumber(n, 'fr')} fichier${n > 1 ? 's' : ''}`,
    validFiles: (n: number) => `${formatNumber(n, 'fr')} conforme${n > 1 ? 's' : ''}`,
    invalidFiles: (n: number) => `${formatNumber(n, 'fr')} non conforme${n > 1 ? 's' : ''}`,
    failed: (n: number) => `${formatNumber(n, 'fr')} illisible${n > 1 ? 's' : ''}`,
    score: 'Score de qualité',
    input: 'Fichier lu',
    output: 'Fichier écrit',
    noOutput: 'Aucun fichier écrit',
    remaining: 'Problèmes restants, aux lignes du fichier lu',
    kinds: MATCH_KIND_NAMES.fr,
  },
  en: {
    format: 'Format',
    encoding: 'encoding',
    sure: (p: number) => `${p}% sure`,
    delimiter: 'delimiter',
    sheet: 'sheet',
    schema: 'Schema',
    none: 'none (structure only)',
    recognized: (s: number) => `recognised from the headers, ${Math.round(s * 100)}%`,
    rows: 'Data rows',
    verdict: 'Verdict',
    valid: 'valid',
    invalid: 'invalid',
    errors: (n: number) => `${formatNumber(n, 'en')} error${n === 1 ? '' : 's'}`,
    warnings: (n: number) => `${formatNumber(n, 'en')} warning${n === 1 ? '' : 's'}`,
    partial: (n: number) =>
      `partial report: ${formatNumber(n, 'en')} errors collected (--limit-errors), totals are still exact`,
    mapping: 'Column mapping',
    caseOnly: (n: number, normalized: boolean) =>
      `${n} headers differ only by case → ${normalized ? 'renamed by odf normalize' : 'odf normalize fixes them'}`,
    absent: 'absent',
    extra: 'Columns not in the schema',
    column: 'column',
    more: (n: number, shown: number, collected: number, errors: number) =>
      `… and ${formatNumber(n, 'en')} more: --max-examples ${collected} shows them` +
      (collected < shown + n ? `, --limit-errors ${errors} collects them all` : ''),
    seeMapping: 'see the column mapping above',
    summary: 'Summary',
    files: (n: number) => `${formatNumber(n, 'en')} file${n > 1 ? 's' : ''}`,
    validFiles: (n: number) => `${formatNumber(n, 'en')} valid`,
    invalidFiles: (n: number) => `${formatNumber(n, 'en')} invalid`,
    failed: (n: number) => `${formatNumber(n, 'en')} unreadable`,
    score: 'Quality score',
    input: 'File read',
    output: 'File written',
    noOutput: 'No file written',
    remaining: 'Problems left, at the lines of the file read',
    kinds: MATCH_KIND_NAMES.en,
  },
};

type Texts = (typeof T)['fr'];

const DELIMITER_NAMES: Record<string, { fr: string; en: string }> = {
  '\t': { fr: 'tabulation', en: 'tab' },
  ';': { fr: '« ; »', en: '";"' },
  ',': { fr: '« , »', en: '","' },
  '|': { fr: '« | »', en: '"|"' },
};

/** Quote a user string in the report's language (« x » or "x"), escaped for the terminal. */
function quoted(s: string, lang: Lang): string {
  return lang === 'fr' ? `« ${x(s)} »` : `"${x(s)}"`;
}

/** The lines of one file's report, laid out in `width` columns. */
class Lines {
  readonly out: string[] = [];
  constructor(private readonly width: number) {}

  /** A paragraph starting `first` columns in, its continuation lines `rest` columns in. */
  add(segments: string | Segment[], first: number, rest = first + 2): void {
    this.out.push(...wrap(segments, this.width, first, rest));
  }

  blank(): void {
    this.out.push('');
  }
}

/** A case-only difference between an input label and its field: said once for all such columns. */
function caseOnly(c: FileReport['columns'][number]): boolean {
  return c.match === 'folded' && c.label !== undefined && c.label.toLowerCase() === c.field.toLowerCase();
}

function renderHead(r: FileReport, t: Texts, s: Style, lang: Lang, L: Lines): void {
  const colon = lang === 'fr' ? ' : ' : ': ';
  const src = r.source;
  const parts = [src.format.toUpperCase()];
  if (src.encoding) {
    const conf =
      src.encodingConfidence !== undefined ? ` (${t.sure(Math.round(src.encodingConfidence * 100))})` : '';
    parts.push(`${t.encoding} ${x(src.encoding)}${src.bom ? ' + BOM' : ''}${conf}`);
  }
  if (src.delimiter)
    parts.push(`${t.delimiter} ${DELIMITER_NAMES[src.delimiter]?.[lang] ?? x(src.delimiter)}`);
  if (src.sheet) parts.push(`${t.sheet} ${quoted(src.sheet, lang)}`);
  L.add(`${t.format}${colon}${parts.join(', ')}`, 2, 4);
  const schema = r.schema
    ? `${x(r.schema.name ? `${r.schema.name}${r.schema.version ? `@${r.schema.version}` : ''}` : r.schema.source)}${r.schema.recognized ? ` (${t.recognized(r.schema.score ?? 0)})` : ''}`
    : t.none;
  L.add(`${t.schema}${colon}${schema}`, 2, 4);
  L.add(`${t.rows}${colon}${formatNumber(r.stats.rows, lang)}`, 2, 4);
}

function renderVerdict(r: FileReport, t: Texts, s: Style, lang: Lang, L: Lines): void {
  const colon = lang === 'fr' ? ' : ' : ': ';
  if (r.score) L.add(`${t.score}${colon}${r.score.score}/100`, 2, 4);
  L.add(
    [
      { text: `${t.verdict}${colon}` },
      r.valid ? { text: `✓ ${t.valid}`, style: s.green } : { text: `✗ ${t.invalid}`, style: s.red },
      { text: ` — ${t.errors(r.stats.errors)}, ${t.warnings(r.stats.warnings)}` },
    ],
    2,
    4,
  );
  if (r.partial)
    L.add([{ text: t.partial(r.findings.filter((f) => f.level === 'error').length), style: s.yellow }], 2, 4);
}

function renderMapping(r: FileReport, t: Texts, s: Style, lang: Lang, L: Lines): boolean {
  const colon = lang === 'fr' ? ' : ' : ': ';
  const notExact = r.columns.filter((c) => c.match !== 'exact');
  if (r.columns.length && notExact.length) {
    L.blank();
    L.add([{ text: t.mapping, style: s.bold }], 2);
    const cased = notExact.filter(caseOnly);
    // Case-only differences are said once: listing them one by one buries the columns that matter.
    const summarised = cased.length > 1;
    if (summarised) L.add(t.caseOnly(cased.length, r.normalize !== undefined), 4, 6);
    for (const c of notExact) {
      if (summarised && caseOnly(c)) continue;
      const from: Segment[] = [];
      if (c.label !== undefined)
        from.push({
          text: `${quoted(c.label, lang)} (${c.match === 'suggestion' ? x(matchKindText(lang, c.match, c.evidence, c.score)) : (t.kinds[c.match ?? ''] ?? x(c.match ?? ''))})`,
        });
      else if (c.constant !== undefined) from.push({ text: `= ${x(c.constant)}` });
      else {
        from.push({ text: t.absent, style: s.dim });
        if (c.suggestion)
          from.push({ text: ` — ${t.kinds.suggestion}${colon}${quoted(c.suggestion, lang)} ?` });
      }
      L.add([{ text: `${x(c.field)} ← ` }, ...from], 4, 6);
    }
  }
  if (r.extraColumns.length)
    L.add(`${t.extra}${colon}${r.extraColumns.map((l) => quoted(l, lang)).join(', ')}`, 2, 4);
  return r.columns.length > 0 && notExact.length > 0;
}

function renderFindings(
  r: FileReport,
  t: Texts,
  s: Style,
  lang: Lang,
  max: number,
  mapped: boolean,
  L: Lines,
): void {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of r.findings) {
    const key = `${f.level}\u0000${f.code}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(f);
  }
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...groups.values()].sort((a, b) => order[a[0]!.level] - order[b[0]!.level]);
  // Findings counted past --limit-errors are not listed: they add to the first (most severe) group of their code.
  const collected = new Map<string, number>();
  for (const f of r.findings) collected.set(f.code, (collected.get(f.code) ?? 0) + 1);
  const extraGiven = new Set<string>();
  const colon = lang === 'fr' ? ' : ' : ': ';
  for (const g of sorted) {
    const first = g[0]!;
    let uncollected = 0;
    if (!extraGiven.has(first.code)) {
      extraGiven.add(first.code);
      uncollected = Math.max(0, (r.totals?.byCode[first.code] ?? 0) - (collected.get(first.code) ?? 0));
    }
    const total = g.length + uncollected;
    const mark =
      first.level === 'error'
        ? { text: '✗', style: s.red }
        : first.level === 'warning'
          ? { text: '!', style: s.yellow }
          : { text: 'i', style: s.cyan };
    L.blank();
    L.add(
      [
        mark,
        { text: ' ' },
        { text: titleOf(first.code, lang), style: s.bold },
        { text: ' ' },
        { text: `[${first.code}]`, style: s.dim },
        { text: ` (${formatNumber(total, lang)})` },
      ],
      2,
      4,
    );
    // The mapping section above already says which header feeds which field.
    const shown = first.code === 'incorrect-label' && mapped ? 0 : max;
    if (shown === 0) L.add([{ text: t.seeMapping, style: s.dim }], 4, 6);
    // A hint shared by several occurrences (a list of allowed values, the ACTES subjects) is given once.
    const hinted = new Set<string>();
    for (const f of g.slice(0, shown)) {
      const where = describeLocation(f, lang);
      L.add(
        [...(where ? [{ text: x(where), style: s.dim }, { text: colon }] : []), { text: x(f.message) }],
        4,
        6,
      );
      if (f.hint && !hinted.has(f.hint)) {
        hinted.add(f.hint);
        L.add([{ text: '→', style: s.cyan }, { text: ` ${x(f.hint)}` }], 6, 8);
      }
    }
    if (shown > 0 && total > shown)
      L.add(
        [
          {
            text: t.more(
              total - Math.min(shown, g.length),
              Math.min(shown, g.length),
              g.length,
              r.stats.errors,
            ),
            style: s.dim,
          },
        ],
        4,
        6,
      );
  }
}

/** Render one file's report. */
export function renderFileText(r: FileReport, options: TextOptions): string {
  const lang = options.lang;
  const t = T[lang];
  const s = options.style ?? plainStyle;
  const max = options.maxExamples ?? 5;
  const L = new Lines(options.width ?? DEFAULT_WIDTH);
  if (r.normalize) return renderNormalizedText(r, options, L);
  L.add([{ text: x(r.path), style: s.bold }], 0, 2);
  renderHead(r, t, s, lang, L);
  renderVerdict(r, t, s, lang, L);
  const mapped = renderMapping(r, t, s, lang, L);
  renderFindings(r, t, s, lang, max, mapped, L);
  return L.out.join('\n') + '\n';
}

/**
 * A file normalize processed: first the file read (its format, mapping, what was repaired, and the
 * problems left, located at its lines), then the file written with its verdict — two files, each named.
 */
function renderNormalizedText(r: FileReport, options: TextOptions, L: Lines): string {
  const lang = options.lang;
  const t = T[lang];
  const s = options.style ?? plainStyle;
  const colon = lang === 'fr' ? ' : ' : ': ';
  const n = r.normalize!;
  L.add([{ text: `${t.input}${colon}` }, { text: x(r.path), style: s.bold }], 0, 2);
  renderHead(r, t, s, lang, L);
  const mapped = renderMapping(r, t, s, lang, L);
  const repairs = renderRepairs(n, lang, s);
  if (repairs.length) {
    L.blank();
    for (const [segments, first, rest] of repairs) L.add(segments, first, rest);
  }
  if (r.findings.length) {
    L.blank();
    L.add([{ text: t.remaining, style: s.bold }], 2, 4);
    renderFindings(r, t, s, lang, options.maxExamples ?? 5, mapped, L);
  }
  L.blank();
  const written =
    n.output?.path === '-' ? (lang === 'fr' ? 'sortie standard' : 'standard output') : n.output?.path;
  if (n.output)
    L.add(
      [
        { text: `${t.output}${colon}` },
        { text: x(written ?? ''), style: s.bold },
        { text: ` (${formatNumber(n.output.rows, lang)} ${lang === 'fr' ? 'lignes' : 'rows'})` },
      ],
      0,
      2,
    );
  // The sentence says it (« Aucun fichier écrit : … »): not said twice.
  else L.add([{ text: x(n.notWritten ?? t.noOutput), style: s.yellow }], 0, 2);
  for (const [segments, first, rest] of renderOutput(n, lang)) L.add(segments, first, rest);
  renderVerdict(r, t, s, lang, L);
  return L.out.join('\n') + '\n';
}

/** Render the whole report: each file, then the failures and a summary line when there are several files. */
export function renderText(report: Report, options: TextOptions): string {
  const t = T[options.lang];
  const s = options.style ?? plainStyle;
  const width = options.width ?? DEFAULT_WIDTH;
  const chunks = report.files.map((f) => renderFileText(f, options));
  const failures = report.failures.map((f) => renderFailure(f, s, width));
  const all = [...chunks, ...failures];
  if (report.summary.files > 1) {
    const sm = report.summary;
    const colon = options.lang === 'fr' ? ' : ' : ': ';
    all.push(
      wrap(
        [
          { text: t.summary, style: s.bold },
          {
            text:
              `${colon}${t.files(sm.files)} — ${t.validFiles(sm.valid)}, ${t.invalidFiles(sm.invalid)}` +
              `${sm.failed ? `, ${t.failed(sm.failed)}` : ''} ; ${t.errors(sm.errors)}, ${t.warnings(sm.warnings)}`,
          },
        ],
        width,
        0,
        2,
      ).join('\n') + '\n',
    );
  }
  return all.join('\n');
}

/** A file odf could not read: its name, then the sentence saying why. */
export function renderFailure(f: Report['failures'][number], s: Style, width: number): string {
  return (
    [
      ...wrap([{ text: x(f.path), style: s.bold }], width, 0, 2),
      ...wrap([{ text: '✗', style: s.red }, { text: ` ${x(f.message)}` }], width, 2, 4),
    ].join('\n') + '\n'
  );
}

const REPAIR_NAMES: Record<string, { fr: string; en: string }> = {
  label: { fr: 'en-tête renommé', en: 'header renamed' },
  whitespace: { fr: 'espaces retirés', en: 'spaces trimmed' },
  'french-number': { fr: 'nombre à la française', en: 'French-style number' },
  'date-format': { fr: 'date réécrite', en: 'date rewritten' },
  'serial-date': { fr: 'date en numéro de série Excel', en: 'Excel serial date' },
  boolean: { fr: 'booléen', en: 'boolean' },
  enum: { fr: 'valeur de liste (casse, accents)', en: 'enum value (case, accents)' },
  'leading-zeros': { fr: 'zéros initiaux rétablis', en: 'leading zeros restored' },
  'double-encoding': { fr: 'double encodage réparé', en: 'double encoding repaired' },
  'float-artefact': { fr: 'code passé par un nombre à virgule', en: 'code that went through a float' },
  'c1-control': {
    fr: 'caractère de contrôle remplacé (U+0096 → « – »)',
    en: 'control character replaced (U+0096 → "–")',
  },
  'identifier-spaces': { fr: 'identifiant écrit sans espaces', en: 'identifier written without spaces' },
  'list-to-array': { fr: 'liste écrite en tableau JSON', en: 'list written as a JSON array' },
  canonical: {
    fr: 'valeur valide écrite sous sa forme canonique',
    en: 'valid value written in its canonical form',
  },
  other: { fr: 'autre', en: 'other' },
};

type Para = [Segment[], number, number];

/** What normalize repaired in the file read: renamed headers, then each repair with an example. */
function renderRepairs(n: NonNullable<FileReport['normalize']>, lang: Lang, s: Style): Para[] {
  const fr = lang === 'fr';
  const out: Para[] = [];
  const fixed = Object.entries(n.fixed ?? {}).filter(([code]) => code !== 'incorrect-label');
  if (!n.repairs.length && !fixed.length) return out;
  out.push([[{ text: fr ? 'Réparations' : 'Repairs', style: s.bold }], 2, 4]);
  // Renamed headers are already listed in the column mapping: one line says how many.
  const labels = n.repairs.filter((r) => r.kind === 'label');
  if (labels.length)
    out.push([[{ text: `${fr ? 'en-têtes renommés' : 'headers renamed'} × ${labels.length}` }], 4, 6]);
  for (const [code, count] of fixed)
    out.push([
      [{ text: `${titleOf(code, lang)} ` }, { text: `[${code}]`, style: s.dim }, { text: ` × ${count}` }],
      4,
      6,
    ]);
  for (const r of n.repairs) {
    if (r.kind === 'label') continue;
    const name = REPAIR_NAMES[r.kind]?.[lang] ?? r.kind;
    const segments: Segment[] = [{ text: `${x(r.field)}${fr ? ' : ' : ': '}${name} × ${r.count}` }];
    if (r.example)
      segments.push({
        text: ` (${fr ? 'ex.' : 'e.g.'} ${x(JSON.stringify(r.example.from))} → ${x(JSON.stringify(r.example.to))})`,
        style: s.dim,
      });
    out.push([segments, 4, 6]);
  }
  return out;
}

/** The dropped columns, each with its count of non-empty cells when the report has it. */
function droppedText(n: NonNullable<FileReport['normalize']>, lang: Lang): string {
  const fr = lang === 'fr';
  const shown = n.droppedColumns.map((l) => {
    const name = l === '' ? (fr ? '(sans nom)' : '(blank)') : quoted(l, lang);
    const col = n.cells?.find((k) => k.label === l && k.written === 0);
    if (!col) return name;
    const k = col.filled;
    return `${name} (${formatNumber(k, lang)} ${fr ? `valeur${k > 1 ? 's' : ''}` : `value${k === 1 ? '' : 's'}`})`;
  });
  const beyond = n.cellsBeyondHeader ?? 0;
  if (beyond > 0)
    shown.push(
      fr
        ? `${formatNumber(beyond, lang)} valeur${beyond > 1 ? 's' : ''} au-delà des en-têtes`
        : `${formatNumber(beyond, lang)} value${beyond === 1 ? '' : 's'} beyond the header`,
    );
  return shown.join(', ');
}

/** What normalize wrote: row accounting, rejected rows, dropped columns, redactions, metadata. */
function renderOutput(n: NonNullable<FileReport['normalize']>, lang: Lang): Para[] {
  const fr = lang === 'fr';
  const c = fr ? ' : ' : ': ';
  const out: Para[] = [];
  const k = n.counts;
  // Nothing written (a refusal): the balance of the rows would claim rows written that are not.
  const balance = n.output
    ? `${formatNumber(k.read, lang)} ${fr ? 'lues' : 'read'} = ${formatNumber(k.written, lang)} ${fr ? 'écrites' : 'written'} + ${formatNumber(k.rejected, lang)} ${fr ? 'rejetées' : 'rejected'} + ${formatNumber(k.blankDropped, lang)} ${fr ? 'vides supprimées' : 'blank dropped'}`
    : `${formatNumber(k.read, lang)} ${fr ? 'lues, aucune écrite' : 'read, none written'}`;
  out.push([[{ text: `${fr ? 'Lignes' : 'Rows'}${c}${balance}` }], 2, 4]);
  if (n.rejected)
    out.push([
      [{ text: `${fr ? 'Lignes rejetées dans' : 'Rejected rows in'}${c}${x(n.rejected.path)}` }],
      2,
      4,
    ]);
  if (n.droppedColumns.length || (n.cellsBeyondHeader ?? 0) > 0) {
    out.push([
      [
        {
          text: `${fr ? 'Colonnes hors schéma retirées' : 'Columns outside the schema dropped'}${c}${droppedText(n, lang)}`,
        },
      ],
      2,
      4,
    ]);
  }
  for (const r of n.redactions ?? []) {
    // A kind looked for inside other cells is only worth a line when it was found there.
    if (r.scope === 'cells' && r.count === 0) continue;
    const what = x(r.column ?? r.kind ?? '');
    const how = fr
      ? { drop: 'colonne supprimée', mask: 'valeurs masquées', hash: 'valeurs hachées' }[r.action]
      : { drop: 'column dropped', mask: 'values masked', hash: 'values hashed' }[r.action];
    out.push([
      [
        {
          text: `${fr ? 'Occultation' : 'Redaction'}${c}${what} — ${how ?? r.action}${r.action === 'drop' ? '' : ` × ${r.count}`}`,
        },
      ],
      2,
      4,
    ]);
  }
  if (n.metadata) {
    const res = n.metadata.resources;
    out.push([
      [
        {
          text: fr
            ? `Métadonnées${c}${x(n.metadata.path)} (${res} ressource${res > 1 ? 's' : ''} ; --no-metadata pour ne pas l’écrire)`
            : `Metadata${c}${x(n.metadata.path)} (${res} resource${res > 1 ? 's' : ''}; --no-metadata to skip it)`,
        },
      ],
      2,
      4,
    ]);
  }
  return out;
}

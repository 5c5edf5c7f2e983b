// Text renderer: the human report (French by default), findings grouped by code with their first occurrences.
import { displayValue, type Lang } from '../findings/spec.js';
import { titleOf } from '../findings/catalogue.js';
import type { FileReport, Report, ReportFinding } from './types.js';
import { plainStyle, type Style } from './style.js';
import { MATCH_KIND_NAMES } from './match-kinds.js';

export interface TextOptions {
  lang: Lang;
  /** Occurrences shown per code (default 5). */
  maxExamples?: number;
  style?: Style;
}

/** A count as people write it: `412 756` in French, `412,756` in English. */
function num(n: number, locale: string): string {
  return n.toLocaleString(locale).replace(/[\u202f\u00a0]/g, ' ');
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
    errors: (n: number) => `${num(n, 'fr-FR')} erreur${n > 1 ? 's' : ''}`,
    warnings: (n: number) => `${num(n, 'fr-FR')} avertissement${n > 1 ? 's' : ''}`,
    partial: (n: number) => `rapport partiel : arrêt après ${n} erreurs (--limit-errors)`,
    mapping: 'Correspondance des colonnes',
    absent: 'absente',
    extra: 'Colonnes hors schéma',
    column: 'colonne',
    more: (n: number) => `… et ${num(n, 'fr-FR')} autre${n > 1 ? 's' : ''}`,
    summary: 'Bilan',
    files: (n: number) => `${num(n, 'fr-FR')} fichier${n > 1 ? 's' : ''}`,
    validFiles: (n: number) => `${num(n, 'fr-FR')} conforme${n > 1 ? 's' : ''}`,
    invalidFiles: (n: number) => `${num(n, 'fr-FR')} non conforme${n > 1 ? 's' : ''}`,
    failed: (n: number) => `${num(n, 'fr-FR')} illisible${n > 1 ? 's' : ''}`,
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
    errors: (n: number) => `${num(n, 'en-GB')} error${n === 1 ? '' : 's'}`,
    warnings: (n: number) => `${num(n, 'en-GB')} warning${n === 1 ? '' : 's'}`,
    partial: (n: number) => `partial report: stopped after ${n} errors (--limit-errors)`,
    mapping: 'Column mapping',
    absent: 'absent',
    extra: 'Columns not in the schema',
    column: 'column',
    more: (n: number) => `… and ${num(n, 'en-GB')} more`,
    summary: 'Summary',
    files: (n: number) => `${num(n, 'en-GB')} file${n > 1 ? 's' : ''}`,
    validFiles: (n: number) => `${num(n, 'en-GB')} valid`,
    invalidFiles: (n: number) => `${num(n, 'en-GB')} invalid`,
    failed: (n: number) => `${num(n, 'en-GB')} unreadable`,
    kinds: MATCH_KIND_NAMES.en,
  },
};

const DELIMITER_NAMES: Record<string, { fr: string; en: string }> = {
  '\t': { fr: 'tabulation', en: 'tab' },
  ';': { fr: '« ; »', en: '";"' },
  ',': { fr: '« , »', en: '","' },
  '|': { fr: '« | »', en: '"|"' },
};

function fmtInt(n: number, lang: Lang): string {
  return num(n, lang === 'fr' ? 'fr-FR' : 'en-GB');
}

function renderFinding(f: ReportFinding, t: (typeof T)['fr'], s: Style, lang: Lang): string[] {
  const where: string[] = [];
  // The line people find in their editor or spreadsheet (the physical line); the record number of
  // Frictionless (rowNumber) stays in the JSON report.
  const at = f.line ?? f.rowNumber;
  if (at !== undefined) where.push(`${lang === 'fr' ? 'ligne' : 'line'} ${at}`);
  if (f.fieldName !== undefined)
    where.push(
      `${t.column} ${f.fieldName}${f.column ? ` (${lang === 'fr' ? '« ' + f.column + ' »' : '"' + f.column + '"'})` : ''}`,
    );
  else if (f.column !== undefined) where.push(`${t.column} ${f.column}`);
  else if (f.fieldNumber !== undefined) where.push(`${t.column} ${f.fieldNumber}`);
  const head = where.length ? `${s.dim(where.join(', '))}${lang === 'fr' ? ' : ' : ': '}` : '';
  const lines = [`    ${head}${f.message}`];
  if (f.hint) lines.push(`      ${s.cyan('→')} ${f.hint}`);
  return lines;
}

/** Render one file's report. */
export function renderFileText(r: FileReport, options: TextOptions): string {
  const lang = options.lang;
  const t = T[lang];
  const s = options.style ?? plainStyle;
  const max = options.maxExamples ?? 5;
  const out: string[] = [s.bold(r.path)];
  const src = r.source;
  const parts = [src.format.toUpperCase()];
  if (src.encoding) {
    const conf =
      src.encodingConfidence !== undefined ? ` (${t.sure(Math.round(src.encodingConfidence * 100))})` : '';
    parts.push(`${t.encoding} ${src.encoding}${src.bom ? ' + BOM' : ''}${conf}`);
  }
  if (src.delimiter) parts.push(`${t.delimiter} ${DELIMITER_NAMES[src.delimiter]?.[lang] ?? src.delimiter}`);
  if (src.sheet) parts.push(`${t.sheet} « ${src.sheet} »`);
  out.push(`  ${t.format}${lang === 'fr' ? ' : ' : ': '}${parts.join(', ')}`);
  const schema = r.schema
    ? `${r.schema.name ? `${r.schema.name}${r.schema.version ? `@${r.schema.version}` : ''}` : r.schema.source}${r.schema.recognized ? ` (${t.recognized(r.schema.score ?? 0)})` : ''}`
    : t.none;
  const colon = lang === 'fr' ? ' : ' : ': ';
  out.push(`  ${t.schema}${colon}${schema}`);
  out.push(`  ${t.rows}${colon}${fmtInt(r.stats.rows, lang)}`);
  if (r.score)
    out.push(`  ${lang === 'fr' ? 'Score de qualité' : 'Quality score'}${colon}${r.score.score}/100`);
  const verdict = r.valid ? s.green(`✓ ${t.valid}`) : s.red(`✗ ${t.invalid}`);
  out.push(`  ${t.verdict}${colon}${verdict} — ${t.errors(r.stats.errors)}, ${t.warnings(r.stats.warnings)}`);
  if (r.partial) out.push(`  ${s.yellow(t.partial(r.findings.filter((f) => f.level === 'error').length))}`);

  const notExact = r.columns.filter((c) => c.match !== 'exact');
  if (r.columns.length && notExact.length) {
    out.push('', `  ${s.bold(t.mapping)}`);
    for (const c of r.columns) {
      if (c.match === 'exact') continue;
      let from: string;
      if (c.label !== undefined)
        from = `${lang === 'fr' ? `« ${c.label} »` : `"${c.label}"`} (${t.kinds[c.match ?? ''] ?? c.match})`;
      else if (c.constant !== undefined) from = `= ${c.constant}`;
      else from = s.dim(t.absent) + (c.suggestion ? ` — ${t.kinds.suggestion} : « ${c.suggestion} » ?` : '');
      out.push(`    ${c.field} ← ${from}`);
    }
  }
  if (r.extraColumns.length)
    out.push(
      `  ${t.extra}${colon}${r.extraColumns.map((l) => (lang === 'fr' ? `« ${l} »` : `"${l}"`)).join(', ')}`,
    );

  if (r.normalize) out.push('', ...renderNormalize(r.normalize, lang, s));

  const groups = new Map<string, ReportFinding[]>();
  for (const f of r.findings) {
    const key = `${f.level}\u0000${f.code}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(f);
  }
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...groups.values()].sort((a, b) => order[a[0]!.level] - order[b[0]!.level]);
  for (const g of sorted) {
    const first = g[0]!;
    const mark =
      first.level === 'error' ? s.red('✗') : first.level === 'warning' ? s.yellow('!') : s.cyan('i');
    out.push(
      '',
      `  ${mark} ${s.bold(titleOf(first.code, lang))} ${s.dim(`[${first.code}]`)} (${fmtInt(g.length, lang)})`,
    );
    // The mapping section above already says which header feeds which field.
    const shown = first.code === 'incorrect-label' && r.columns.length && notExact.length ? 0 : max;
    if (shown === 0)
      out.push(
        `    ${s.dim(lang === 'fr' ? 'voir la correspondance des colonnes ci-dessus' : 'see the column mapping above')}`,
      );
    for (const f of g.slice(0, shown))
      out.push(...renderFinding({ ...f, value: f.value && displayValue(f.value, 60) }, t, s, lang));
    if (shown > 0 && g.length > shown) out.push(`    ${s.dim(t.more(g.length - shown))}`);
  }
  return out.join('\n') + '\n';
}

/** Render the whole report: each file, then the failures and a summary line when there are several files. */
export function renderText(report: Report, options: TextOptions): string {
  const t = T[options.lang];
  const s = options.style ?? plainStyle;
  const chunks = report.files.map((f) => renderFileText(f, options));
  const failures = report.failures.map((f) => `${s.bold(f.path)}\n  ${s.red('✗')} ${f.message}\n`);
  const all = [...chunks, ...failures];
  if (report.summary.files > 1) {
    const sm = report.summary;
    const colon = options.lang === 'fr' ? ' : ' : ': ';
    all.push(
      `${s.bold(t.summary)}${colon}${t.files(sm.files)} — ${t.validFiles(sm.valid)}, ${t.invalidFiles(sm.invalid)}` +
        `${sm.failed ? `, ${t.failed(sm.failed)}` : ''} ; ${t.errors(sm.errors)}, ${t.warnings(sm.warnings)}\n`,
    );
  }
  return all.join('\n');
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
  canonical: {
    fr: 'valeur valide écrite sous sa forme canonique',
    en: 'valid value written in its canonical form',
  },
  other: { fr: 'autre', en: 'other' },
};

function renderNormalize(n: NonNullable<FileReport['normalize']>, lang: Lang, s: Style): string[] {
  const fr = lang === 'fr';
  const c = fr ? ' : ' : ': ';
  const lines: string[] = [];
  const written = n.output?.path === '-' ? (fr ? 'sortie standard' : 'standard output') : n.output?.path;
  if (n.output)
    lines.push(
      `  ${s.bold(fr ? 'Fichier écrit' : 'File written')}${c}${written} (${n.output.rows} ${fr ? 'lignes' : 'rows'})`,
    );
  else if (n.notWritten) lines.push(`  ${s.yellow(n.notWritten)}`);
  const k = n.counts;
  lines.push(
    `  ${fr ? 'Lignes' : 'Rows'}${c}${fmtInt(k.read, lang)} ${fr ? 'lues' : 'read'} = ${fmtInt(k.written, lang)} ${fr ? 'écrites' : 'written'} + ${fmtInt(k.rejected, lang)} ${fr ? 'rejetées' : 'rejected'} + ${fmtInt(k.blankDropped, lang)} ${fr ? 'vides supprimées' : 'blank dropped'}`,
  );
  if (n.rejected) lines.push(`  ${fr ? 'Lignes rejetées dans' : 'Rejected rows in'}${c}${n.rejected.path}`);
  if (n.droppedColumns.length) {
    lines.push(
      `  ${fr ? 'Colonnes hors schéma retirées' : 'Columns outside the schema dropped'}${c}${n.droppedColumns.map((l) => (l === '' ? (fr ? '(sans nom)' : '(blank)') : fr ? `« ${l} »` : `"${l}"`)).join(', ')}`,
    );
  }
  for (const r of n.redactions ?? []) {
    // A kind looked for inside other cells is only worth a line when it was found there.
    if (r.scope === 'cells' && r.count === 0) continue;
    const what = r.column ?? r.kind ?? '';
    const how = fr
      ? { drop: 'colonne supprimée', mask: 'valeurs masquées', hash: 'valeurs hachées' }[r.action]
      : { drop: 'column dropped', mask: 'values masked', hash: 'values hashed' }[r.action];
    lines.push(
      `  ${fr ? 'Occultation' : 'Redaction'}${c}${what} — ${how ?? r.action}${r.action === 'drop' ? '' : ` × ${r.count}`}`,
    );
  }
  if (n.repairs.length) {
    lines.push(`  ${s.bold(fr ? 'Réparations' : 'Repairs')}`);
    // Renamed headers are already listed in the column mapping: one line says how many.
    const labels = n.repairs.filter((r) => r.kind === 'label');
    if (labels.length) lines.push(`    ${fr ? 'en-têtes renommés' : 'headers renamed'} × ${labels.length}`);
    for (const r of n.repairs) {
      if (r.kind === 'label') continue;
      const name = REPAIR_NAMES[r.kind]?.[lang] ?? r.kind;
      const ex = r.example
        ? s.dim(
            ` (${fr ? 'ex.' : 'e.g.'} ${JSON.stringify(r.example.from)} → ${JSON.stringify(r.example.to)})`,
          )
        : '';
      lines.push(`    ${r.field} : ${name} × ${r.count}${ex}`);
    }
  }
  return lines;
}

// HTML renderer: one self-contained page (inline CSS, JS and SVG, no network) for people who never use a terminal.
import { displayValue, type Lang } from '../findings/spec.js';
import { titleOf } from '../findings/catalogue.js';
import type { ColumnProfile, FileReport, Report, ReportFinding } from './types.js';
import { columnOf, describeLocation, lineOf } from './where.js';
import { MATCH_KIND_NAMES, matchKindText } from './match-kinds.js';
import { escapeHtml } from './escape.js';
import { docUrl } from '../findings/doc.js';
import { formatNumber } from './numbers.js';

export { escapeHtml };

/** Options of renderHtml. */
export interface HtmlOptions {
  lang: Lang;
  /** Page title (default « Rapport odf » / "odf report"). */
  title?: string;
  /** Findings shown per file; the rest is counted, not listed (default 5000). */
  maxFindings?: number;
  /** When the report was made, as an ISO date or date-time (the CLI passes it: a renderer reads no clock). */
  generatedAt?: string;
  /** odf's version, printed in the page so a kept report says what made it. */
  version?: string;
}

const T = {
  fr: {
    title: 'Rapport odf',
    valid: 'Conforme',
    invalid: 'Non conforme',
    unreadable: 'Illisible',
    kpiValid: (n: number): string => (n > 1 ? 'Conformes' : 'Conforme'),
    kpiInvalid: (n: number): string => (n > 1 ? 'Non conformes' : 'Non conforme'),
    kpiUnreadable: (n: number): string => (n > 1 ? 'Illisibles' : 'Illisible'),
    kpiSkipped: (n: number): string => (n > 1 ? 'Ignorés' : 'Ignoré'),
    score: 'Score',
    scoreOf: (n: number) => `score ${n} sur 100`,
    structure: 'structure',
    content: 'contenu',
    files: 'Fichiers',
    file: 'Fichier',
    verdict: 'Verdict',
    schema: 'Schéma',
    noSchema: 'aucun (structure seule)',
    recognized: 'reconnu d’après les en-têtes',
    rows: 'Lignes',
    errors: 'Erreurs',
    warnings: 'Avertissements',
    infos: 'Informations',
    skipped: 'Ignorés',
    format: 'Format',
    encoding: 'Encodage',
    delimiter: 'Séparateur',
    sheet: 'Feuille',
    partial:
      'Rapport partiel : la collecte s’est arrêtée à la limite d’erreurs (--limit-errors). Les totaux restent exacts.',
    mapping: 'Correspondance des colonnes',
    field: 'Champ du schéma',
    input: 'Colonne du fichier',
    match: 'Rapprochement',
    absent: 'absente',
    suggestion: 'suggestion',
    extra: 'Colonnes hors schéma',
    profile: 'Contenu des colonnes',
    filled: 'remplissage',
    distinct: 'valeurs distinctes',
    distinctOne: 'valeur distincte',
    approx: 'environ',
    range: 'de',
    to: 'à',
    hidden: 'valeurs masquées (données personnelles)',
    topValues: 'valeurs les plus fréquentes',
    findings: 'Problèmes',
    noFindings: 'Aucun problème trouvé.',
    level: 'Niveau',
    code: 'Code',
    message: 'Message',
    row: 'Ligne',
    line: 'l. physique',
    repairable: 'réparable',
    repairableTitle: 'odf normalize répare ce problème',
    wouldRepair: (n: string, total: string) =>
      `odf normalize réparerait ${n} de ces ${total} problèmes (les lignes marquées « réparable ») :`,
    exportCsv: 'Exporter en CSV',
    exportTitle: 'Télécharger les problèmes affichés dans un fichier CSV (ouvrable dans un tableur)',
    docTitle: (code: string) => `Documentation du code ${code}`,
    version: 'version',
    made: (version: string | undefined, date: string | undefined) =>
      `Rapport produit par odf${version ? ` ${version}` : ''}${date ? ` le ${date}` : ''}.`,
    column: 'Colonne',
    value: 'Valeur',
    all: 'tous',
    search: 'Rechercher',
    shown: 'affichés',
    notListed: (n: number) => `${n} autres problèmes ne sont pas listés ici (voir le rapport JSON).`,
    ofTotal: (n: string) => `${n} au total`,
    levels: { error: 'erreur', warning: 'avertissement', info: 'info' },
    byCode: 'Problèmes par type',
    byColumn: 'Problèmes par colonne',
    distribution: 'Répartition des scores',
    failures: 'Fichiers illisibles',
    skippedFiles: 'Fichiers ignorés (format non pris en charge)',
    sortBy: 'trier par',
    normalized: 'Normalisation',
    written: 'Fichier écrit',
    dropped: (label: string, n: number) =>
      `« ${label} » (${n} valeur${n > 1 ? 's' : ''} non vide${n > 1 ? 's' : ''} retirée${n > 1 ? 's' : ''})`,
    droppedTitle: 'Colonnes hors schéma retirées',
    kinds: MATCH_KIND_NAMES.fr,
    footer: 'Cette page fonctionne hors ligne et s’imprime en PDF.',
    summary: (files: number, valid: number) =>
      `${files} fichier${files > 1 ? 's' : ''}, ${valid} conforme${valid > 1 ? 's' : ''}`,
  },
  en: {
    title: 'odf report',
    valid: 'Valid',
    invalid: 'Invalid',
    unreadable: 'Unreadable',
    kpiValid: (_n: number): string => 'Valid',
    kpiInvalid: (_n: number): string => 'Invalid',
    kpiUnreadable: (_n: number): string => 'Unreadable',
    kpiSkipped: (_n: number): string => 'Skipped',
    score: 'Score',
    scoreOf: (n: number) => `score ${n} out of 100`,
    structure: 'structure',
    content: 'content',
    files: 'Files',
    file: 'File',
    verdict: 'Verdict',
    schema: 'Schema',
    noSchema: 'none (structure only)',
    recognized: 'recognised from the headers',
    rows: 'Rows',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Notes',
    skipped: 'Skipped',
    format: 'Format',
    encoding: 'Encoding',
    delimiter: 'Delimiter',
    sheet: 'Sheet',
    partial:
      'Partial report: collection stopped at the error limit (--limit-errors). Totals are still exact.',
    mapping: 'Column mapping',
    field: 'Schema field',
    input: 'File column',
    match: 'Match',
    absent: 'absent',
    suggestion: 'suggestion',
    extra: 'Columns not in the schema',
    profile: 'Column contents',
    filled: 'filled',
    distinct: 'distinct values',
    distinctOne: 'distinct value',
    approx: 'about',
    range: 'from',
    to: 'to',
    hidden: 'values hidden (personal data)',
    topValues: 'most frequent values',
    findings: 'Problems',
    noFindings: 'No problem found.',
    level: 'Level',
    code: 'Code',
    message: 'Message',
    row: 'Row',
    line: 'physical l.',
    repairable: 'repairable',
    repairableTitle: 'odf normalize repairs this problem',
    wouldRepair: (n: string, total: string) =>
      `odf normalize would repair ${n} of these ${total} problems (the rows marked "repairable"):`,
    exportCsv: 'Export as CSV',
    exportTitle: 'Download the problems shown as a CSV file (opens in a spreadsheet)',
    docTitle: (code: string) => `Documentation of code ${code}`,
    version: 'version',
    made: (version: string | undefined, date: string | undefined) =>
      `Report produced by odf${version ? ` ${version}` : ''}${date ? ` on ${date}` : ''}.`,
    column: 'Column',
    value: 'Value',
    all: 'all',
    search: 'Search',
    shown: 'shown',
    notListed: (n: number) => `${n} more problems are not listed here (see the JSON report).`,
    ofTotal: (n: string) => `${n} in all`,
    levels: { error: 'error', warning: 'warning', info: 'info' },
    byCode: 'Problems by kind',
    byColumn: 'Problems by column',
    distribution: 'Score distribution',
    failures: 'Unreadable files',
    skippedFiles: 'Skipped files (unsupported format)',
    sortBy: 'sort by',
    normalized: 'Normalisation',
    written: 'File written',
    dropped: (label: string, n: number) => `"${label}" (${n} non-empty value${n === 1 ? '' : 's'} dropped)`,
    droppedTitle: 'Columns outside the schema dropped',
    kinds: MATCH_KIND_NAMES.en,
    footer: 'This page works offline and prints to PDF.',
    summary: (files: number, valid: number) => `${files} file${files > 1 ? 's' : ''}, ${valid} valid`,
  },
};

type Texts = (typeof T)['fr'];

const e = escapeHtml;

/** A date as people of the language write it (15/03/2026, 15 March 2026); the text given when it is no date. */
function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function scoreClass(score: number): string {
  return score >= 90 ? 'good' : score >= 70 ? 'fair' : 'poor';
}

/** A ring gauge (SVG) for a 0–100 score. */
function scoreRing(score: number, t: Texts, size = 64, valid = true): string {
  // An invalid file is never shown green, whatever its score.
  const cls = !valid && scoreClass(score) === 'good' ? 'fair' : scoreClass(score);
  const r = 26;
  const c = 2 * Math.PI * r;
  const dash = ((c * score) / 100).toFixed(1);
  return (
    `<svg class="ring ${cls}" width="${size}" height="${size}" viewBox="0 0 64 64" role="img" aria-label="${e(t.scoreOf(score))}">` +
    `<circle cx="32" cy="32" r="${r}" class="track"/>` +
    `<circle cx="32" cy="32" r="${r}" class="bar" stroke-dasharray="${dash} ${c.toFixed(1)}" transform="rotate(-90 32 32)"/>` +
    `<text x="32" y="37" text-anchor="middle">${score}</text></svg>`
  );
}

/** Horizontal bar chart (SVG) of labelled counts. */
function barChart(items: { label: string; count: number }[], title: string): string {
  if (items.length === 0) return '';
  const max = Math.max(...items.map((i) => i.count));
  const rowH = 22;
  const h = items.length * rowH + 4;
  const bars = items
    .map((it, i) => {
      const w = Math.max(2, Math.round((it.count / max) * 200));
      const y = i * rowH + 2;
      return (
        `<g><title>${e(it.label)} : ${it.count}</title>` +
        `<text x="0" y="${y + 15}" class="lbl">${e(truncate(it.label, 34))}</text>` +
        `<rect x="230" y="${y + 3}" width="${w}" height="${rowH - 8}" rx="2"/>` +
        `<text x="${236 + w}" y="${y + 15}" class="num">${it.count}</text></g>`
      );
    })
    .join('');
  return `<figure class="chart"><figcaption>${e(title)}</figcaption><svg viewBox="0 0 500 ${h}" width="100%" role="img" aria-label="${e(title)}">${bars}</svg></figure>`;
}

/** Column chart (SVG) of the scores in ten bins. */
function scoreHistogram(scores: number[], title: string): string {
  const bins = new Array<number>(10).fill(0);
  for (const s of scores) bins[Math.min(9, Math.floor(s / 10))]!++;
  const max = Math.max(1, ...bins);
  const cols = bins
    .map((n, i) => {
      const h = Math.round((n / max) * 100);
      const x = 10 + i * 48;
      // Bars stand on y = 120, leaving room above the tallest one for its count.
      return (
        `<g><title>${i * 10}–${i === 9 ? 100 : i * 10 + 9} : ${n}</title>` +
        `<rect x="${x}" y="${120 - h}" width="40" height="${h}" class="${scoreClass(i * 10 + 5)}" rx="2"/>` +
        `<text x="${x + 20}" y="136" text-anchor="middle" class="lbl">${i * 10}</text>` +
        (n ? `<text x="${x + 20}" y="${116 - h}" text-anchor="middle" class="num">${n}</text>` : '') +
        `</g>`
      );
    })
    .join('');
  return `<figure class="chart"><figcaption>${e(title)}</figcaption><svg viewBox="0 0 500 142" width="100%" role="img" aria-label="${e(title)}">${cols}</svg></figure>`;
}

function truncate(s: string, max: number): string {
  const one = s.replace(/\r?\n/g, '⏎');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Counts per key added over files, most frequent first. */
function sumCounts(all: Record<string, number>[]): { label: string; count: number }[] {
  const m = new Map<string, number>();
  for (const counts of all) for (const [k, n] of Object.entries(counts)) if (k) m.set(k, (m.get(k) ?? 0) + n);
  return [...m]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
}

/** A file's exact counts per code, for the codes of errors and warnings (notes are not problems). */
function problemsByCode(f: FileReport): Record<string, number> {
  const info = new Set(f.findings.filter((x) => x.level === 'info').map((x) => x.code));
  const out: Record<string, number> = {};
  for (const [code, n] of Object.entries(f.totals?.byCode ?? {})) if (!info.has(code)) out[code] = n;
  return out;
}

function verdictBadge(valid: boolean, t: Texts): string {
  return valid
    ? `<span class="badge ok">✓ ${e(t.valid)}</span>`
    : `<span class="badge ko">✗ ${e(t.invalid)}</span>`;
}

/** The schema as a link to where it was read (catalogue or URL), with its version; plain text for a local file. */
function schemaLink(f: FileReport, t: Texts): string {
  if (!f.schema) return e(t.noSchema);
  const name = f.schema.name ?? f.schema.title ?? f.schema.source;
  const version = f.schema.version ? ` <span class="dim">${e(t.version)} ${e(f.schema.version)}</span>` : '';
  const shown = /^https?:\/\//.test(f.schema.source)
    ? `<a href="${e(f.schema.source)}" rel="noreferrer">${e(name)}</a>`
    : e(name);
  const title = f.schema.title && f.schema.title !== name ? ` — ${e(f.schema.title)}` : '';
  return `${shown}${version}${title}${f.schema.recognized ? ` <span class="dim">(${e(t.recognized)})</span>` : ''}`;
}

function schemaName(f: FileReport, t: Texts): string {
  if (!f.schema) return t.noSchema;
  const n = f.schema.name
    ? `${f.schema.name}${f.schema.version ? `@${f.schema.version}` : ''}`
    : f.schema.source;
  return f.schema.recognized ? `${n} (${t.recognized})` : n;
}

function dashboard(report: Report, t: Texts, lang: Lang): string {
  const s = report.summary;
  const kpi = (label: string, value: string, cls = ''): string =>
    `<div class="kpi ${cls}"><span class="v">${value}</span><span class="k">${e(label)}</span></div>`;
  const kpis = [
    kpi(t.files, formatNumber(s.files, lang)),
    kpi(t.kpiValid(s.valid), formatNumber(s.valid, lang), 'ok'),
    kpi(t.kpiInvalid(s.invalid), formatNumber(s.invalid, lang), s.invalid ? 'ko' : ''),
    s.failed ? kpi(t.kpiUnreadable(s.failed), formatNumber(s.failed, lang), 'ko') : '',
    s.skipped ? kpi(t.kpiSkipped(s.skipped), formatNumber(s.skipped, lang)) : '',
    kpi(t.rows, formatNumber(s.rows, lang)),
    kpi(t.errors, formatNumber(s.errors, lang), s.errors ? 'ko' : ''),
    kpi(t.warnings, formatNumber(s.warnings, lang)),
  ].join('');
  const head = (label: string, type: 'text' | 'num'): string =>
    `<th data-sort="${type}"><button type="button" class="sort" title="${e(`${t.sortBy} ${label}`)}">${e(label)}</button></th>`;
  const rows = report.files
    .map((f, i) => {
      const score = f.score?.score ?? 0;
      return (
        `<tr><td data-v="${e(f.path)}"><a href="#file-${i + 1}">${e(f.path)}</a></td>` +
        `<td data-v="${f.valid ? 1 : 0}">${verdictBadge(f.valid, t)}</td>` +
        `<td data-v="${e(schemaName(f, t))}">${e(schemaName(f, t))}</td>` +
        `<td data-v="${f.stats.rows}" class="n">${formatNumber(f.stats.rows, lang)}</td>` +
        `<td data-v="${f.stats.errors}" class="n">${formatNumber(f.stats.errors, lang)}</td>` +
        `<td data-v="${f.stats.warnings}" class="n">${formatNumber(f.stats.warnings, lang)}</td>` +
        `<td data-v="${score}" class="n"><span class="meter ${scoreClass(score)}"><span style="width:${score}%"></span></span> ${score}</td></tr>`
      );
    })
    .concat(
      report.failures.map(
        (f) =>
          `<tr><td data-v="${e(f.path)}">${e(f.path)}</td><td data-v="-1"><span class="badge ko">⛔ ${e(t.unreadable)}</span></td>` +
          `<td data-v="">${e(f.message)}</td><td data-v="0" class="n">—</td><td data-v="0" class="n">—</td><td data-v="0" class="n">—</td><td data-v="0" class="n">0</td></tr>`,
      ),
    )
    .join('\n');
  // Exact counts, listed findings or not (--limit-errors stops collecting, never counting).
  const byCode = sumCounts(report.files.map((f) => problemsByCode(f)))
    .slice(0, 15)
    .map((x) => ({ ...x, label: `${titleOf(x.label, lang)} [${x.label}]` }));
  const byColumn = sumCounts(report.files.map((f) => f.totals?.byColumn ?? {})).slice(0, 15);
  const scores = [...report.files.map((f) => f.score?.score ?? 0), ...report.failures.map(() => 0)];
  return (
    `<section class="dashboard"><div class="kpis">${kpis}</div>` +
    `<table class="files sortable"><thead><tr>${head(t.file, 'text')}${head(t.verdict, 'num')}${head(t.schema, 'text')}${head(t.rows, 'num')}${head(t.errors, 'num')}${head(t.warnings, 'num')}${head(t.score, 'num')}</tr></thead>` +
    `<tbody>\n${rows}\n</tbody></table>` +
    `<div class="charts">${barChart(byCode, t.byCode)}${barChart(byColumn, t.byColumn)}${scoreHistogram(scores, t.distribution)}</div></section>`
  );
}

/** The input columns normalize left out, each with its count of non-empty values (issue 11). */
function droppedHtml(f: FileReport, t: Texts): string {
  const cells = f.normalize?.cells?.filter(
    (c) => c.written === 0 && f.normalize!.droppedColumns.includes(c.label),
  );
  if (!cells?.length) return '';
  return `<p>${e(t.droppedTitle)} : ${cells.map((c) => e(t.dropped(c.label, c.filled))).join(', ')}</p>`;
}

function mappingTable(f: FileReport, t: Texts): string {
  if (f.columns.length === 0) return '';
  const rows = f.columns
    .map((c) => {
      let from: string;
      if (c.label !== undefined) from = `${e(c.label)} <span class="dim">(${c.column})</span>`;
      else if (c.constant !== undefined) from = `= <code>${e(c.constant)}</code>`;
      else
        from = `<span class="ko-text">${e(t.absent)}</span>${c.suggestion ? ` — ${e(t.suggestion)} : « ${e(c.suggestion)} » ?` : ''}`;
      const kind = c.match
        ? c.match === 'suggestion'
          ? matchKindText(t === T.en ? 'en' : 'fr', c.match, c.evidence, c.score)
          : (t.kinds[c.match] ?? c.match)
        : '';
      return `<tr class="${c.match === 'exact' ? '' : 'notable'}"><td><code>${e(c.field)}</code></td><td>${from}</td><td>${e(kind)}</td></tr>`;
    })
    .join('');
  const extra = f.extraColumns.length
    ? `<p>${e(t.extra)} : ${f.extraColumns.map((l) => `<code>${e(l)}</code>`).join(', ')}</p>`
    : '';
  return (
    `<details class="mapping"${f.columns.some((c) => c.match !== 'exact') ? ' open' : ''}><summary>${e(t.mapping)}</summary>` +
    `<table><thead><tr><th>${e(t.field)}</th><th>${e(t.input)}</th><th>${e(t.match)}</th></tr></thead><tbody>${rows}</tbody></table>${extra}</details>`
  );
}

function profileCard(p: ColumnProfile, t: Texts, lang: Lang): string {
  const fill = Math.round(p.fillRate * 100);
  const distinct = `${p.distinctExact ? '' : `${t.approx} `}${formatNumber(p.distinct, lang)} ${p.distinct > 1 ? t.distinct : t.distinctOne}`;
  let range = '';
  // Years read best without a thousands separator.
  const num = (n: number): string => (p.type === 'year' ? String(n) : formatNumber(n, lang));
  if (p.numbers) range = `${t.range} ${num(p.numbers.min)} ${t.to} ${num(p.numbers.max)}`;
  else if (p.dates) range = `${t.range} ${p.dates.min} ${t.to} ${p.dates.max}`;
  let top = '';
  if (p.hidden) top = `<p class="dim">${e(t.hidden)}</p>`;
  else if (p.top && p.top.length) {
    const max = p.top[0]!.count;
    const rowH = 16;
    const bars = p.top
      .map((v, i) => {
        const w = Math.max(2, Math.round((v.count / max) * 90));
        const y = i * rowH;
        return (
          `<g><title>${e(v.value)} : ${v.count}</title><text x="0" y="${y + 12}" class="lbl">${e(truncate(v.value, 22))}</text>` +
          `<rect x="150" y="${y + 3}" width="${w}" height="10" rx="2"/><text x="${154 + w}" y="${y + 12}" class="num">${v.count}</text></g>`
        );
      })
      .join('');
    top = `<svg class="top" viewBox="0 0 280 ${p.top.length * rowH}" width="100%" role="img" aria-label="${e(t.topValues)}">${bars}</svg>`;
  }
  return (
    `<div class="card"><h4 title="${e(p.label)}">${e(truncate(p.label, 40))}</h4>` +
    `<p class="dim">${p.field ? `<code>${e(p.field)}</code> · ` : ''}${e(p.type)}</p>` +
    `<div class="meter ${fill >= 90 ? 'good' : fill >= 50 ? 'fair' : 'poor'}" title="${e(`${t.filled} ${fill} %`)}"><span style="width:${fill}%"></span></div>` +
    `<p>${e(t.filled)} ${fill} % · ${e(distinct)}</p>${range ? `<p>${e(range)}</p>` : ''}${top}</div>`
  );
}

/** What `odf normalize` would repair among a file's findings, per code (the `fixable` ones). */
function repairable(f: FileReport, t: Texts, lang: Lang): string {
  if (f.normalize) return '';
  const fixable = f.findings.filter((x) => x.fixable);
  if (fixable.length === 0) return '';
  const byCode = new Map<string, number>();
  for (const x of fixable) byCode.set(x.code, (byCode.get(x.code) ?? 0) + 1);
  const total = f.stats.errors + f.stats.warnings;
  const items = [...byCode]
    .sort((a, b) => b[1] - a[1])
    .map(
      ([code, n]) =>
        `<li>${e(titleOf(code, lang))} <a class="code" href="${e(docUrl(code, lang))}">${e(code)}</a> × ${formatNumber(n, lang)}</li>`,
    )
    .join('');
  return `<div class="repairable"><p>${e(t.wouldRepair(formatNumber(fixable.length, lang), formatNumber(total, lang)))}</p><ul class="plain">${items}</ul></div>`;
}

function findingsTable(f: FileReport, index: number, t: Texts, lang: Lang, max: number): string {
  const counted = (n: number | undefined): string => (n === undefined ? '' : ` (${formatNumber(n, lang)})`);
  if (f.findings.length === 0) return `<p class="ok-text">${e(t.noFindings)}</p>`;
  const order = { error: 0, warning: 1, info: 2 };
  // Errors first, then warnings and notes, each in reading order (the sort is stable).
  const shown = [...f.findings].sort((a, b) => order[a.level] - order[b.level]).slice(0, max);
  // Every problem counted, even those not collected (--limit-errors) or not listed here.
  const total = f.stats.errors + f.stats.warnings + f.stats.infos;
  const options = (values: string[], label: (v: string) => string): string =>
    values.map((v) => `<option value="${e(v)}">${e(label(v))}</option>`).join('');
  const codes = [...new Set(shown.map((x) => x.code))].sort();
  const columns = [...new Set(shown.map(columnOf).filter(Boolean))].sort();
  const levels = [...new Set(shown.map((x) => x.level))].sort((a, b) => order[a] - order[b]);
  const id = `f${index}`;
  const filters =
    `<div class="filters" role="search">` +
    `<label>${e(t.level)} <select data-filter="level" aria-controls="${id}"><option value="">${e(t.all)}</option>${options(levels, (v) => t.levels[v as ReportFinding['level']])}</select></label>` +
    // Each code and column with its exact count, listed or not (--limit-errors stops collecting, not counting).
    `<label>${e(t.code)} <select data-filter="code" aria-controls="${id}"><option value="">${e(t.all)}</option>${options(codes, (v) => `${titleOf(v, lang)} [${v}]${counted(f.totals?.byCode[v])}`)}</select></label>` +
    `<label>${e(t.column)} <select data-filter="column" aria-controls="${id}"><option value="">${e(t.all)}</option>${options(columns, (v) => `${v}${counted(f.totals?.byColumn[v])}`)}</select></label>` +
    `<label>${e(t.search)} <input type="search" aria-controls="${id}"></label>` +
    `<button type="button" class="export" data-table="${id}" data-file="${e(f.path)}" title="${e(t.exportTitle)}">${e(t.exportCsv)}</button>` +
    `<span class="count"><span class="shown">${shown.length}</span> / ${shown.length} ${e(t.shown)}` +
    (total > shown.length ? ` · ${e(t.ofTotal(formatNumber(total, lang)))}` : '') +
    `</span></div>`;
  const rows = shown
    .map((x) => {
      // The value as text; a short one never breaks across lines (`12/02/2024`, `125 000,00`).
      const value =
        x.value !== undefined
          ? `<code class="v${displayValue(x.value, 1000).length <= 24 ? ' short' : ''}" title="${e(displayValue(x.value, 1000))}">${e(displayValue(x.value, 120))}</code>`
          : '';
      const col = x.fieldName ?? x.column ?? (x.fieldNumber !== undefined ? `#${x.fieldNumber}` : '');
      const label =
        x.fieldName !== undefined &&
        x.column !== undefined &&
        x.column.toLowerCase() !== x.fieldName.toLowerCase()
          ? ` <span class="dim">(${e(x.column)})</span>`
          : '';
      const fix = x.fixable
        ? ` <span class="fix" title="${e(t.repairableTitle)}">${e(t.repairable)}</span>`
        : '';
      return (
        `<tr class="${x.level}" data-level="${x.level}" data-code="${e(x.code)}" data-column="${e(columnOf(x))}" data-where="${e(describeLocation(x, lang))}">` +
        `<td><span class="lvl ${x.level}">${e(t.levels[x.level])}</span>${fix}</td>` +
        `<td><a class="code" href="${e(docUrl(x.code, lang))}" title="${e(t.docTitle(x.code))}">${e(x.code)}</a></td>` +
        `<td class="msg">${e(x.message)}${x.hint ? `<div class="hint">→ ${e(x.hint)}</div>` : ''}</td>` +
        `<td class="n">${lineOf(x) ?? ''}</td>` +
        `<td>${e(col)}${label}</td><td>${value}</td></tr>`
      );
    })
    .join('\n');
  const more = f.findings.length > max ? `<p class="dim">${e(t.notListed(f.findings.length - max))}</p>` : '';
  return (
    repairable(f, t, lang) +
    `<div class="findings">${filters}<table id="${id}"><thead><tr><th>${e(t.level)}</th><th>${e(t.code)}</th><th>${e(t.message)}</th>` +
    `<th>${e(t.row)}</th><th>${e(t.column)}</th><th>${e(t.value)}</th></tr></thead><tbody>\n${rows}\n</tbody></table>${more}</div>`
  );
}

function fileSection(
  f: FileReport,
  index: number,
  t: Texts,
  lang: Lang,
  max: number,
  single: boolean,
): string {
  const src = f.source;
  const meta: [string, string][] = [[e(t.format), e(src.format.toUpperCase())]];
  if (src.encoding) meta.push([e(t.encoding), e(`${src.encoding}${src.bom ? ' + BOM' : ''}`)]);
  if (src.delimiter) meta.push([e(t.delimiter), e(src.delimiter === '\t' ? 'tab' : src.delimiter)]);
  if (src.sheet) meta.push([e(t.sheet), e(src.sheet)]);
  meta.push(
    [e(t.schema), schemaLink(f, t)],
    [e(t.rows), e(formatNumber(f.stats.rows, lang))],
    [e(t.errors), e(formatNumber(f.stats.errors, lang))],
    [e(t.warnings), e(formatNumber(f.stats.warnings, lang))],
  );
  const dl = meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('');
  const score = f.score ? scoreRing(f.score.score, t, 64, f.valid) : '';
  const parts = f.score
    ? `<p class="dim">${e(t.structure)} ${formatNumber(f.score.structure, lang)} · ${e(t.content)} ${formatNumber(f.score.content, lang)}</p>`
    : '';
  const normalize =
    (f.normalize?.output
      ? `<p>${e(t.normalized)} — ${e(t.written)} : <code>${e(f.normalize.output.path)}</code> (${formatNumber(f.normalize.output.rows, lang)} ${e(t.rows.toLowerCase())})</p>`
      : f.normalize?.notWritten
        ? `<p class="ko-text">${e(f.normalize.notWritten)}</p>`
        : '') + droppedHtml(f, t);
  const profile = f.profile?.length
    ? `<details class="profile"><summary>${e(t.profile)}</summary><div class="cards">${f.profile.map((p) => profileCard(p, t, lang)).join('')}</div></details>`
    : '';
  // A single file's name and verdict are the page's heading: said once, not again here.
  const head = single ? '<div></div>' : `<div><h2>${e(f.path)}</h2>${verdictBadge(f.valid, t)}</div>`;
  return (
    `<section class="file" id="file-${index}"><header class="file-head">${head}` +
    `<div class="score">${score}${parts}</div></header>` +
    `<dl class="meta">${dl}</dl>` +
    (f.partial ? `<p class="warn-text">${e(t.partial)}</p>` : '') +
    normalize +
    // What is wrong comes first; the mapping and the column profile follow, the profile folded.
    `<h3>${e(t.findings)}</h3>${findingsTable(f, index, t, lang, max)}` +
    mappingTable(f, t) +
    profile +
    `</section>`
  );
}

const CSS = `
:root{--ok:#1a7f37;--ko:#c62828;--warn:#9a6700;--info:#0969da;--fg:#1f2328;--dim:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa}
*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.25rem;margin:0 8px 0 0;display:inline;word-break:break-all}h3{margin:20px 0 8px}h4{margin:0 0 4px;font-size:.95rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.dim{color:var(--dim)}.ok-text{color:var(--ok)}.ko-text{color:var(--ko)}.warn-text{color:var(--warn)}
.badge{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;font-size:.85rem;vertical-align:middle}.badge.ok{background:#dafbe1;color:var(--ok)}.badge.ko{background:#ffebe9;color:var(--ko)}
.top-head{display:flex;justify-content:space-between;align-items:center;gap:16px;border-bottom:2px solid var(--line);padding-bottom:12px;margin-bottom:16px}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}.kpi{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:110px;background:var(--soft)}.kpi .v{display:block;font-size:1.4rem;font-weight:700}.kpi .k{color:var(--dim);font-size:.85rem}.kpi.ok .v{color:var(--ok)}.kpi.ko .v{color:var(--ko)}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}th{background:var(--soft);font-size:.85rem}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
button.sort{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}button.sort::after{content:" ↕";color:var(--dim)}th[aria-sort=ascending] button.sort::after{content:" ↑"}th[aria-sort=descending] button.sort::after{content:" ↓"}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;border-radius:4px;white-space:pre-wrap;word-break:break-all}
.meter{display:inline-block;width:80px;height:8px;background:var(--line);border-radius:4px;overflow:hidden;vertical-align:middle}.meter span{display:block;height:100%;background:var(--dim)}div.meter{width:100%}
.meter.good span{background:var(--ok)}.meter.fair span{background:#d4a72c}.meter.poor span{background:var(--ko)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:16px}.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px}figcaption{font-weight:600;margin-bottom:6px}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}svg .num{fill:var(--dim)}svg rect{fill:#4c8eda}svg rect.good{fill:var(--ok)}svg rect.fair{fill:#d4a72c}svg rect.poor{fill:var(--ko)}
.ring .track{fill:none;stroke:var(--line);stroke-width:7}.ring .bar{fill:none;stroke-width:7;stroke-linecap:round}.ring.good .bar{stroke:var(--ok)}.ring.fair .bar{stroke:#d4a72c}.ring.poor .bar{stroke:var(--ko)}.ring text{font-size:17px;font-weight:700}
section.file{border-top:2px solid var(--line);margin-top:28px;padding-top:16px}.file-head{display:flex;justify-content:space-between;align-items:center;gap:16px}.score{text-align:center}.score p{margin:0;font-size:.8rem}
dl.meta{display:flex;flex-wrap:wrap;gap:6px 22px;margin:10px 0}dl.meta div{display:flex;gap:6px}dt{color:var(--dim)}dd{margin:0;font-weight:600}
details{margin:10px 0}summary{cursor:pointer;font-weight:600;font-size:1.05rem}tr.notable td{background:#fff8c5}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:10px;margin-top:8px}.card{border:1px solid var(--line);border-radius:8px;padding:8px 10px;break-inside:avoid}.card p{margin:4px 0;font-size:.85rem}.card svg.top text{font-size:11px}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;background:var(--soft);padding:8px;border-radius:8px}.filters select,.filters input{font:inherit;padding:2px 4px;max-width:260px}.count{margin-left:auto;color:var(--dim)}
.lvl{font-size:.8rem;font-weight:600;padding:1px 6px;border-radius:8px}.lvl.error{background:#ffebe9;color:var(--ko)}.lvl.warning{background:#fff8c5;color:var(--warn)}.lvl.info{background:#ddf4ff;color:var(--info)}
.hint{color:var(--info);font-size:.9rem;margin-top:2px}footer{margin-top:32px;color:var(--dim);font-size:.85rem;border-top:1px solid var(--line);padding-top:8px}
ul.plain{padding-left:18px}a.code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:nowrap}
code.v{word-break:normal;overflow-wrap:break-word}code.v.short{white-space:pre}td.msg{min-width:18em}
.fix{display:inline-block;margin-top:3px;font-size:.75rem;color:var(--ok);border:1px solid var(--ok);border-radius:8px;padding:0 5px}
.repairable{border-left:4px solid var(--ok);background:#f0fff4;padding:6px 12px;margin:8px 0}.repairable p{margin:0}.repairable ul{margin:4px 0}
button.export{font:inherit;padding:2px 8px;cursor:pointer}p.file-name{font-weight:600;margin:2px 0;word-break:break-all}p.made{margin:4px 0 0;font-size:.85rem}
@media print{body{max-width:none;padding:0;font-size:11pt}.filters,button.sort::after,button.export{display:none}section.file{break-before:page}tr,.chart,.kpi{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;

// Filters, sorting, CSV export and print preparation. No data is embedded in the script: it reads the escaped page.
const JS = (lang: Lang): string => `
(function(){
  var SEP = ${lang === 'fr' ? "';'" : "','"};
  // A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written as text (OWASP).
  function cell(v){
    v = String(v == null ? '' : v);
    if (/^[=+\\-@\\t\\r]/.test(v)) v = "'" + v;
    return /[";\\r\\n,]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  document.querySelectorAll('button.export').forEach(function(button){
    button.addEventListener('click', function(){
      var table = document.getElementById(button.getAttribute('data-table'));
      var file = button.getAttribute('data-file') || '';
      var head = ['${lang === 'fr' ? 'fichier' : 'file'}', '${lang === 'fr' ? 'niveau' : 'level'}', 'code', '${lang === 'fr' ? 'ligne' : 'line'}', '${lang === 'fr' ? 'colonne' : 'column'}', 'message', '${lang === 'fr' ? 'conseil' : 'hint'}', '${lang === 'fr' ? 'valeur' : 'value'}'];
      var lines = [head.map(cell).join(SEP)];
      table.querySelectorAll('tbody tr').forEach(function(r){
        if (r.hidden) return;
        var c = r.cells;
        var hint = c[2].querySelector('.hint');
        var message = c[2].firstChild ? c[2].firstChild.textContent : '';
        var value = c[5].querySelector('code');
        lines.push([file, r.getAttribute('data-level'), r.getAttribute('data-code'), c[3].textContent,
          r.getAttribute('data-column'), message, hint ? hint.textContent.replace(/^→ /, '') : '',
          value ? value.getAttribute('title') : ''].map(cell).join(SEP));
      });
      var blob = new Blob(['\\ufeff' + lines.join('\\r\\n') + '\\r\\n'], { type: 'text/csv;charset=utf-8' });
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = (file.split('/').pop() || 'odf').replace(/\\.[^.]*$/, '') + '.${lang === 'fr' ? 'problemes' : 'problems'}.csv';
      document.body.appendChild(a);
      a.click();
      setTimeout(function(){ URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });
  });
  document.querySelectorAll('.findings').forEach(function(box){
    var rows = box.querySelectorAll('tbody tr');
    var selects = box.querySelectorAll('select[data-filter]');
    var search = box.querySelector('input[type=search]');
    var shown = box.querySelector('.shown');
    function apply(){
      var q = search ? search.value.trim().toLowerCase() : '';
      var n = 0;
      rows.forEach(function(r){
        var ok = true;
        selects.forEach(function(s){ if (s.value && r.getAttribute('data-' + s.getAttribute('data-filter')) !== s.value) ok = false; });
        if (ok && q && r.textContent.toLowerCase().indexOf(q) < 0) ok = false;
        r.hidden = !ok;
        if (ok) n++;
      });
      shown.textContent = String(n);
    }
    selects.forEach(function(s){ s.addEventListener('change', apply); });
    if (search) search.addEventListener('input', apply);
  });
  document.querySelectorAll('table.sortable').forEach(function(table){
    var heads = table.querySelectorAll('th[data-sort]');
    heads.forEach(function(th, col){
      th.querySelector('button').addEventListener('click', function(){
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function(h){ h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var num = th.getAttribute('data-sort') === 'num';
        var body = table.tBodies[0];
        var list = Array.prototype.slice.call(body.rows);
        list.sort(function(a, b){
          var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
          var c = num ? Number(x) - Number(y) : x.localeCompare(y);
          return asc ? c : -c;
        });
        list.forEach(function(r){ body.appendChild(r); });
      });
    });
  });
  window.addEventListener('beforeprint', function(){ document.querySelectorAll('details').forEach(function(d){ d.open = true; }); });
})();
`;

/**
 * Render the report as one self-contained HTML page: verdict and score, then per file the source, the
 * column mapping, the column profile as small charts and a findings table filterable by level, code,
 * column and text; for a batch, a dashboard first (one sortable row per file, charts of findings by code
 * and by column, score distribution). No network: inline CSS, JS and SVG, and a Content-Security-Policy
 * forbidding any fetch. Every text from the report is escaped; the script embeds no data.
 */
export function renderHtml(report: Report, options: HtmlOptions): string {
  const lang = options.lang;
  const t = T[lang];
  const title = options.title ?? t.title;
  const max = options.maxFindings ?? 5000;
  const batch = report.files.length + report.failures.length > 1 || (report.skipped?.length ?? 0) > 0;
  const s = report.summary;
  const overall = report.valid
    ? `<span class="badge ok">✓ ${e(t.valid)}</span>`
    : `<span class="badge ko">✗ ${e(t.invalid)}</span>`;
  const single = !batch && report.files.length === 1 ? report.files[0] : undefined;
  const headline = single
    ? `<p class="file-name">${e(single.path)}</p>`
    : `<p class="dim">${e(t.summary(s.files, s.valid))}</p>`;
  const made = `<p class="dim made">${e(t.made(options.version, options.generatedAt && formatDate(options.generatedAt, lang)))}</p>`;
  // A single file shows its score beside its own section.
  const topScore = s.score !== undefined && !single ? scoreRing(s.score, t, 72) : '';
  const failures = report.failures.length
    ? `<section class="failures"><h2>${e(t.failures)}</h2><ul class="plain">${report.failures.map((f) => `<li><code>${e(f.path)}</code> — ${e(f.message)}</li>`).join('')}</ul></section>`
    : '';
  const skipped = report.skipped?.length
    ? `<details class="skipped"><summary>${e(t.skippedFiles)} (${report.skipped.length})</summary><ul class="plain">${report.skipped.map((f) => `<li><code>${e(f.path)}</code></li>`).join('')}</ul></details>`
    : '';
  return (
    `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="odf">\n` +
    `<title>${e(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    `<header class="top-head"><div><h1>${e(title)}</h1>${headline}<p id="verdict">${overall}</p>${made}</div><div class="score">${topScore}</div></header>\n` +
    (batch ? `${dashboard(report, t, lang)}\n` : '') +
    failures +
    skipped +
    report.files.map((f, i) => fileSection(f, i + 1, t, lang, max, single !== undefined)).join('\n') +
    `\n<footer>${e(t.made(options.version, options.generatedAt && formatDate(options.generatedAt, lang)))} ${e(t.footer)}</footer>\n<script>${JS(lang)}</script>\n</body>\n</html>\n`
  );
}

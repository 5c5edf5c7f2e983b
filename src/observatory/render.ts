// The observatory site: static, offline HTML pages (inline CSS, JS and SVG) and SVG badges, as a map of file → text.
import { displayValue, type Lang } from '../findings/spec.js';
import { titleOf } from '../findings/catalogue.js';
import { escapeHtml } from '../report/html.js';
import type { Abandon, FilePoint, FileView, GroupView, Observatory, RunState, TrendPoint } from './model.js';
import type { RunInfo } from '../history/store.js';

/** Options of renderObservatory. */
export interface ObservatoryOptions {
  lang: Lang;
  /** Site title (default « Observatoire des données » / "Open data observatory"). */
  title?: string;
  /** Public address of the site, for the badge snippets (relative paths without it). */
  baseUrl?: string;
  /** odf's version, in the footer. */
  odfVersion?: string;
}

const MONTHS = {
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

const T = {
  fr: {
    title: 'Observatoire des données',
    home: 'Accueil',
    files: 'Fichiers',
    file: 'Fichier',
    followed: 'suivis',
    valid: 'Conforme',
    validN: 'Conformes',
    invalid: 'Non conforme',
    invalidN: 'Non conformes',
    failed: 'Illisible',
    failedN: 'Illisibles',
    absent: 'Absent',
    gone: 'Disparus',
    score: 'Score',
    meanScore: 'Score moyen',
    validShare: 'Part conforme',
    trend: 'Évolution',
    trendTitle: 'Évolution du score moyen et de la part de fichiers conformes',
    fileTrend: 'Évolution du score',
    run: 'Exécution',
    runs: 'Exécutions',
    date: 'Date',
    state: 'Verdict',
    errors: 'Erreurs',
    warnings: 'Avertissements',
    content: 'Contenu',
    changed: 'modifié',
    same: 'inchangé',
    bySchema: 'Par type de données (schéma)',
    byProducer: 'Par producteur',
    schema: 'Schéma',
    noSchema: 'Sans schéma reconnu',
    producer: 'Producteur',
    noProducer: 'Producteur non identifié',
    fromCatalogue: 'd’après le catalogue',
    fromData: 'd’après les données',
    changes: 'Ce qui a changé depuis l’exécution précédente',
    noChanges: 'Rien n’a changé depuis l’exécution précédente.',
    firstRun: 'Première exécution : rien à comparer.',
    change: 'Changement',
    newFile: 'nouveau fichier suivi',
    nowValid: 'devenu conforme',
    nowInvalid: 'devenu non conforme',
    nowFailed: 'devenu illisible',
    recovered: 'de nouveau lisible',
    contentChanged: 'contenu modifié',
    newProblems: 'Nouveaux problèmes',
    fixedProblems: 'Problèmes corrigés',
    abandoned: 'Fichiers qui ne sont plus publiés ou plus mis à jour',
    noAbandoned: 'Aucun : tous les fichiers suivis répondent et ont été mis à jour récemment.',
    situation: 'Situation',
    gone_: (run: string) => `n’est plus dans la liste depuis l’exécution du ${run}`,
    unpublished: (status: number | undefined, since: string) =>
      `n’est plus publié (HTTP ${status ?? '?'}) depuis le ${since}`,
    unreachable: (since: string) => `inaccessible depuis le ${since}`,
    stale: (since: string, days: number) => `pas mis à jour depuis le ${since} (${days} jours)`,
    allFiles: 'Tous les fichiers',
    filter: 'Filtrer',
    filterHint: 'nom, schéma, producteur…',
    problems: 'Problèmes trouvés à la dernière exécution',
    noProblems: 'Aucun problème à la dernière exécution.',
    code: 'Type de problème',
    field: 'Colonne',
    count: 'Nombre',
    before: 'Avant',
    after: 'Après',
    byColumn: 'Erreurs et avertissements par colonne',
    inColumn: 'Erreurs et avertissements',
    badge: 'Badge à intégrer',
    badgeHelp:
      'Copiez ce code dans une page de votre portail pour afficher le badge (mis à jour à chaque exécution).',
    unchangedSince: 'Contenu inchangé depuis',
    catalogue: 'Catalogue',
    dataset: 'Jeu de données',
    organization: 'Organisation',
    address: 'Adresse',
    failure: 'Pourquoi',
    lastRun: 'Dernière exécution',
    sortHint: 'Cliquez sur un en-tête de colonne pour trier.',
    footer: (v: string) =>
      `Produit par odf${v ? ` ${v}` : ''} à partir de l’historique des exécutions. Ces pages fonctionnent hors ligne.`,
    badgeLabel: 'données',
    badgeGone: 'disparu',
    badgeFailed: 'illisible',
    scoreOf: (n: number) => `${n} sur 100`,
    filesCount: (n: number) => `${n} fichier${n > 1 ? 's' : ''}`,
    none: '—',
  },
  en: {
    title: 'Open data observatory',
    home: 'Home',
    files: 'Files',
    file: 'File',
    followed: 'followed',
    valid: 'Valid',
    validN: 'Valid',
    invalid: 'Invalid',
    invalidN: 'Invalid',
    failed: 'Unreadable',
    failedN: 'Unreadable',
    absent: 'Absent',
    gone: 'Gone',
    score: 'Score',
    meanScore: 'Mean score',
    validShare: 'Share valid',
    trend: 'Trend',
    trendTitle: 'Mean score and share of valid files over the runs',
    fileTrend: 'Score over the runs',
    run: 'Run',
    runs: 'Runs',
    date: 'Date',
    state: 'Verdict',
    errors: 'Errors',
    warnings: 'Warnings',
    content: 'Content',
    changed: 'changed',
    same: 'unchanged',
    bySchema: 'By kind of data (schema)',
    byProducer: 'By producer',
    schema: 'Schema',
    noSchema: 'No schema recognised',
    producer: 'Producer',
    noProducer: 'Producer not identified',
    fromCatalogue: 'from the catalogue',
    fromData: 'from the data',
    changes: 'What changed since the previous run',
    noChanges: 'Nothing changed since the previous run.',
    firstRun: 'First run: nothing to compare with.',
    change: 'Change',
    newFile: 'newly followed',
    nowValid: 'now valid',
    nowInvalid: 'now invalid',
    nowFailed: 'now unreadable',
    recovered: 'readable again',
    contentChanged: 'content changed',
    newProblems: 'New problems',
    fixedProblems: 'Fixed problems',
    abandoned: 'Files no longer published or updated',
    noAbandoned: 'None: every file followed answers and was updated recently.',
    situation: 'Situation',
    gone_: (run: string) => `no longer in the list since the run of ${run}`,
    unpublished: (status: number | undefined, since: string) =>
      `no longer published (HTTP ${status ?? '?'}) since ${since}`,
    unreachable: (since: string) => `unreachable since ${since}`,
    stale: (since: string, days: number) => `not updated since ${since} (${days} days)`,
    allFiles: 'All files',
    filter: 'Filter',
    filterHint: 'name, schema, producer…',
    problems: 'Problems found in the last run',
    noProblems: 'No problem in the last run.',
    code: 'Kind of problem',
    field: 'Column',
    count: 'Count',
    before: 'Before',
    after: 'After',
    byColumn: 'Errors and warnings per column',
    inColumn: 'Errors and warnings',
    badge: 'Badge to embed',
    badgeHelp: 'Copy this code into a page of your portal to show the badge (updated at every run).',
    unchangedSince: 'Content unchanged since',
    catalogue: 'Catalogue',
    dataset: 'Dataset',
    organization: 'Organisation',
    address: 'Address',
    failure: 'Why',
    lastRun: 'Last run',
    sortHint: 'Click a column header to sort.',
    footer: (v: string) =>
      `Produced by odf${v ? ` ${v}` : ''} from the history of runs. These pages work offline.`,
    badgeLabel: 'open data',
    badgeGone: 'gone',
    badgeFailed: 'unreadable',
    scoreOf: (n: number) => `${n} out of 100`,
    filesCount: (n: number) => `${n} file${n > 1 ? 's' : ''}`,
    none: '—',
  },
};

type Texts = (typeof T)['fr'];

/** Text from the data (a file name, a URL, a title): controls made visible, cut, then escaped. */
function x(text: string, max = 160): string {
  return escapeHtml(displayValue(text, max));
}

/** A date as people read it, in UTC, the same on every machine (`2 janv. 2026 02:00`). */
export function formatDate(iso: string, lang: Lang, time = true): string {
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return iso;
  const day = `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (!time) return day;
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${day} ${hm} UTC`;
}

function scoreClass(score: number | undefined, state?: RunState): string {
  if (state === 'failed' || state === 'absent') return 'poor';
  if (score === undefined) return 'none';
  const c = score >= 90 ? 'good' : score >= 70 ? 'fair' : 'poor';
  // An invalid file is never shown green.
  return state === 'invalid' && c === 'good' ? 'fair' : c;
}

function stateLabel(state: RunState, t: Texts): string {
  return state === 'valid'
    ? t.valid
    : state === 'invalid'
      ? t.invalid
      : state === 'failed'
        ? t.failed
        : t.absent;
}

const CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--bg:#fff;--line:#d9dee7;--soft:#f3f5f9;--good:#127a3e;--fair:#a35c00;--poor:#b3261e;--none:#6b7280;--accent:#1f4fbf}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 20px}
header{padding-top:18px}
nav{font-size:14px;color:var(--muted)}
nav a{color:var(--accent)}
h1{font-size:26px;margin:6px 0 4px;overflow-wrap:anywhere}
h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
.sub{color:var(--muted);margin:0 0 12px;overflow-wrap:anywhere}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.kpi{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:130px;background:var(--soft)}
.kpi b{display:block;font-size:24px}
.kpi span{color:var(--muted);font-size:13px}
.kpi.good b{color:var(--good)}.kpi.fair b{color:var(--fair)}.kpi.poor b{color:var(--poor)}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);position:sticky;top:0}
th.sortable{cursor:pointer}
th.sortable:after{content:" ⇅";color:var(--muted);font-size:11px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td a{color:var(--accent);overflow-wrap:anywhere}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.pill.valid{background:var(--good)}.pill.invalid{background:var(--poor)}.pill.failed{background:#7a1f1a}.pill.absent{background:var(--none)}
.score.good{color:var(--good)}.score.fair{color:var(--fair)}.score.poor{color:var(--poor)}.score.none{color:var(--none)}
.score{font-weight:700}
.muted{color:var(--muted)}
.chart{margin:8px 0 4px;max-width:760px}
.chart svg{width:100%;height:auto}
.chart .axis{stroke:var(--line)}
.chart .grid{stroke:var(--soft)}
.chart .lbl{font-size:11px;fill:var(--muted)}
.chart .s1{fill:none;stroke:var(--accent);stroke-width:2.5}
.chart .s2{fill:none;stroke:var(--good);stroke-width:2;stroke-dasharray:5 4}
.chart .d1{fill:var(--accent)}.chart .d2{fill:var(--good)}
.legend{font-size:13px;color:var(--muted)}
.legend i{display:inline-block;width:18px;height:3px;vertical-align:middle;margin:0 4px 0 10px}
.spark polyline{fill:none;stroke:var(--accent);stroke-width:1.5}
.spark circle{fill:var(--accent)}
.up{color:var(--poor)}.down{color:var(--good)}
ul.changes{margin:4px 0;padding-left:18px}
code.snippet{display:block;background:var(--soft);border:1px solid var(--line);padding:8px;border-radius:6px;font-size:12px;overflow-wrap:anywhere;white-space:pre-wrap}
input[type=search]{font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px;min-width:260px}
footer{color:var(--muted);font-size:13px;margin-top:30px;padding-bottom:30px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:8px 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
@media print{th{position:static}input[type=search]{display:none}}
`;

/** Sorting and filtering of tables; no network, no data from the page's text ever run as code. */
const SCRIPT = `
(function(){
function key(td){var v=td.getAttribute('data-sort');if(v===null)v=td.textContent.trim();var n=Number(v);return v!==''&&!isNaN(n)?n:v.toLowerCase();}
document.querySelectorAll('table.sortable').forEach(function(table){
  table.querySelectorAll('th').forEach(function(th,i){
    th.classList.add('sortable');th.setAttribute('tabindex','0');
    var dir=1;
    function sort(){var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);return (x<y?-1:x>y?1:0)*dir;});
      rows.forEach(function(r){body.appendChild(r);});dir=-dir;
      table.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir<0?'ascending':'descending');}
    th.addEventListener('click',sort);
    th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});
  });
});
document.querySelectorAll('input[data-filter]').forEach(function(input){
  var table=document.getElementById(input.getAttribute('data-filter'));
  var count=document.getElementById(input.getAttribute('data-count'));
  input.addEventListener('input',function(){var q=input.value.trim().toLowerCase();var n=0;
    Array.prototype.forEach.call(table.tBodies[0].rows,function(r){var show=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!show;if(show)n++;});
    if(count)count.textContent=String(n);});
});
})();
`;

interface Ctx {
  lang: Lang;
  t: Texts;
  runs: RunInfo[];
  options: ObservatoryOptions;
}

function runLabel(run: RunInfo | undefined, ctx: Ctx): string {
  return run ? formatDate(run.startedAt, ctx.lang) : '';
}

function runByKey(key: string, ctx: Ctx): RunInfo | undefined {
  return ctx.runs.find((r) => r.key === key);
}

function page(
  ctx: Ctx,
  depth: number,
  crumbs: { href?: string; text: string }[],
  heading: string,
  sub: string,
  body: string,
): string {
  const root = depth ? '../'.repeat(depth) : '';
  const title = ctx.options.title ?? ctx.t.title;
  const nav = [{ href: `${root}index.html`, text: title }, ...crumbs]
    .map((c) => (c.href ? `<a href="${escapeHtml(c.href)}">${x(c.text, 80)}</a>` : x(c.text, 80)))
    .join(' › ');
  return (
    `<!DOCTYPE html>\n<html lang="${ctx.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">` +
    `<title>${x(heading, 120)} — ${x(title, 80)}</title><style>${CSS}</style></head>\n<body>` +
    `<header><nav>${nav}</nav><h1>${x(heading, 200)}</h1>${sub ? `<p class="sub">${sub}</p>` : ''}</header>\n` +
    `<main>${body}</main>\n<footer>${escapeHtml(ctx.t.footer(ctx.options.odfVersion ?? ''))}</footer>` +
    `<script>${SCRIPT}</script></body></html>\n`
  );
}

/** A URL as a link target: serialised by the URL parser, so controls and spaces are percent-encoded. */
function hrefOf(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return '#';
  }
}

function pill(state: RunState, t: Texts): string {
  return `<span class="pill ${state}">${escapeHtml(stateLabel(state, t))}</span>`;
}

function scoreCell(p: FilePoint | undefined): string {
  if (!p || p.score === undefined)
    return `<td class="num" data-sort="-1"><span class="score none">—</span></td>`;
  return `<td class="num" data-sort="${p.score}"><span class="score ${scoreClass(p.score, p.state)}">${p.score}</span></td>`;
}

/** A line chart (SVG) of one or two 0–100 series over the runs, with a <title> on every point. */
function trendChart(
  series: { values: (number | undefined)[]; name: string }[],
  ctx: Ctx,
  caption: string,
): string {
  const n = ctx.runs.length;
  const W = 640;
  const H = 200;
  const left = 34;
  const right = 14;
  const top = 12;
  const bottom = 34;
  const xAt = (i: number): number =>
    n <= 1 ? left + (W - left - right) / 2 : left + ((W - left - right) * i) / (n - 1);
  const yAt = (v: number): number => top + ((H - top - bottom) * (100 - v)) / 100;
  let svg = '';
  for (const v of [0, 25, 50, 75, 100]) {
    const y = yAt(v).toFixed(1);
    svg += `<line class="grid" x1="${left}" x2="${W - right}" y1="${y}" y2="${y}"/><text class="lbl" x="${left - 6}" y="${(yAt(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`;
  }
  svg += `<line class="axis" x1="${left}" x2="${W - right}" y1="${yAt(0)}" y2="${yAt(0)}"/>`;
  // Date labels: first, last, and a few between (never more than 6).
  const step = Math.max(1, Math.ceil(n / 6));
  for (let i = 0; i < n; i++) {
    if (i % step !== 0 && i !== n - 1) continue;
    // The first and last labels lean inwards, so that the edges do not cut them.
    const anchor = n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle';
    svg += `<text class="lbl" x="${xAt(i).toFixed(1)}" y="${H - 12}" text-anchor="${anchor}">${escapeHtml(formatDate(ctx.runs[i]!.startedAt, ctx.lang, false))}</text>`;
  }
  series.forEach((s, k) => {
    const pts: string[] = [];
    let dots = '';
    s.values.forEach((v, i) => {
      if (v === undefined) return;
      const px = xAt(i).toFixed(1);
      const py = yAt(v).toFixed(1);
      pts.push(`${px},${py}`);
      dots += `<circle class="d${k + 1}" cx="${px}" cy="${py}" r="3.5"><title>${escapeHtml(`${s.name} — ${runLabel(ctx.runs[i], ctx)} : ${v}`)}</title></circle>`;
    });
    if (pts.length > 1) svg += `<polyline class="s${k + 1}" points="${pts.join(' ')}"/>`;
    svg += dots;
  });
  const legend = series
    .map(
      (s, k) =>
        `<i style="background:${k === 0 ? 'var(--accent)' : 'var(--good)'}"></i>${escapeHtml(s.name)}`,
    )
    .join('');
  return (
    `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(caption)}">${svg}</svg>` +
    `<figcaption class="legend">${legend}</figcaption></figure>`
  );
}

/** A tiny trend line for tables (score per run). */
function sparkline(values: (number | undefined)[]): string {
  const n = values.length;
  const W = 90;
  const H = 22;
  const pts: string[] = [];
  let last = '';
  values.forEach((v, i) => {
    if (v === undefined) return;
    const px = (n <= 1 ? W / 2 : 3 + ((W - 6) * i) / (n - 1)).toFixed(1);
    const py = (2 + ((H - 4) * (100 - v)) / 100).toFixed(1);
    pts.push(`${px},${py}`);
    last = `<circle cx="${px}" cy="${py}" r="2"/>`;
  });
  const line = pts.length > 1 ? `<polyline points="${pts.join(' ')}"/>` : '';
  return `<svg class="spark" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" aria-hidden="true">${line}${last}</svg>`;
}

function validShare(t: TrendPoint): number | undefined {
  return t.files ? Math.round((100 * t.valid) / t.files) : undefined;
}

function groupTrendChart(g: GroupView, ctx: Ctx): string {
  return trendChart(
    [
      { name: ctx.t.meanScore, values: g.trend.map((p) => p.score) },
      { name: ctx.t.validShare, values: g.trend.map(validShare) },
    ],
    ctx,
    ctx.t.trendTitle,
  );
}

function runTable(g: GroupView, ctx: Ctx): string {
  const t = ctx.t;
  const rows = g.trend
    .map((p, i) => {
      const run = ctx.runs[i]!;
      return (
        `<tr><td data-sort="${escapeHtml(run.startedAt)}">${escapeHtml(runLabel(run, ctx))}</td>` +
        `<td class="num">${p.files}</td><td class="num">${p.valid}</td><td class="num">${p.failed}</td>` +
        `<td class="num">${p.score ?? '—'}</td></tr>`
      );
    })
    .join('');
  return (
    `<table class="sortable"><thead><tr><th>${t.run}</th><th class="num">${t.files}</th><th class="num">${t.validN}</th>` +
    `<th class="num">${t.failedN}</th><th class="num">${t.meanScore}</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function kpis(g: GroupView, ctx: Ctx): string {
  const t = ctx.t;
  const last = g.trend[g.trend.length - 1];
  const present = g.files.filter((f) => f.current.state !== 'absent' && !(f.abandon?.kind === 'gone'));
  const valid = present.filter((f) => f.current.state === 'valid').length;
  const invalid = present.filter((f) => f.current.state === 'invalid').length;
  const failed = present.filter((f) => f.current.state === 'failed').length;
  const gone = g.files.filter((f) => f.abandon?.kind === 'gone').length;
  const score = last?.score;
  const kpi = (value: string, label: string, cls = ''): string =>
    `<div class="kpi ${cls}"><b>${value}</b><span>${escapeHtml(label)}</span></div>`;
  return (
    `<div class="kpis" id="kpis">` +
    kpi(String(present.length), `${t.files} ${t.followed}`) +
    kpi(String(valid), t.validN, 'good') +
    kpi(String(invalid), t.invalidN, invalid ? 'poor' : '') +
    kpi(String(failed), t.failedN, failed ? 'poor' : '') +
    (gone ? kpi(String(gone), t.gone, 'fair') : '') +
    kpi(score === undefined ? '—' : String(score), t.meanScore, scoreClass(score)) +
    `</div>`
  );
}

function fileHref(f: FileView, depth: number): string {
  return `${'../'.repeat(depth)}files/${f.slug}.html`;
}

function producerCell(f: FileView, ctx: Ctx, depth: number, groups: Map<string, GroupView>): string {
  if (!f.producer) return `<td class="muted">${escapeHtml(ctx.t.none)}</td>`;
  const g = groups.get(f.producer.key);
  const label = g?.label || f.producer.name || f.producer.id || '';
  return `<td><a href="${'../'.repeat(depth)}producers/${g?.slug ?? ''}.html">${x(label, 60)}</a></td>`;
}

function schemaCell(f: FileView, ctx: Ctx, depth: number, groups: Map<string, GroupView>): string {
  if (!f.schema?.name) return `<td class="muted">${escapeHtml(ctx.t.none)}</td>`;
  const g = groups.get(f.schema.name);
  const v = f.schema.version ? ` <span class="muted">${x(f.schema.version, 20)}</span>` : '';
  return `<td><a href="${'../'.repeat(depth)}schemas/${g?.slug ?? ''}.html">${x(f.schema.name, 60)}</a>${v}</td>`;
}

function changeSummary(f: FileView, ctx: Ctx): string[] {
  const t = ctx.t;
  const c = f.changes;
  const out: string[] = [];
  if (c.isNew) out.push(t.newFile);
  if (c.stateBefore && c.stateBefore !== f.current.state) {
    if (f.current.state === 'valid') out.push(t.nowValid);
    else if (f.current.state === 'invalid')
      out.push(c.stateBefore === 'failed' ? `${t.recovered}, ${t.nowInvalid}` : t.nowInvalid);
    else if (f.current.state === 'failed') out.push(t.nowFailed);
  }
  if (c.contentChanged) out.push(t.contentChanged);
  const list = (items: typeof c.newProblems, sign: string): string =>
    items
      .slice(0, 6)
      .map(
        (p) =>
          `${sign} ${p.code ? titleOf(p.code, ctx.lang) : ctx.t.inColumn}${p.field ? ` (${displayValue(p.field, 40)})` : ''} : ${p.before} → ${p.after}`,
      )
      .join(' ; ') + (items.length > 6 ? ` ; … (+${items.length - 6})` : '');
  if (c.newProblems.length) out.push(list(c.newProblems, '▲'));
  if (c.fixedProblems.length) out.push(list(c.fixedProblems, '▼'));
  return out;
}

function changedSinceLast(f: FileView, ctx: Ctx): boolean {
  const lastKey = ctx.runs[ctx.runs.length - 1]?.key;
  if (f.current.run !== lastKey) return false;
  const c = f.changes;
  return (
    c.isNew ||
    c.contentChanged ||
    (c.stateBefore !== undefined && c.stateBefore !== f.current.state) ||
    c.newProblems.length > 0 ||
    c.fixedProblems.length > 0
  );
}

function abandonText(a: Abandon, ctx: Ctx): string {
  const t = ctx.t;
  switch (a.kind) {
    case 'gone':
      return t.gone_(runLabel(runByKey(a.lastSeen, ctx), ctx));
    case 'unpublished':
      return t.unpublished(a.status, runLabel(runByKey(a.since, ctx), ctx));
    case 'unreachable':
      return t.unreachable(runLabel(runByKey(a.since, ctx), ctx));
    case 'stale':
      return t.stale(formatDate(a.since, ctx.lang, false), a.days);
  }
}

function changesSection(files: readonly FileView[], ctx: Ctx, depth: number): string {
  const t = ctx.t;
  if (ctx.runs.length < 2) return `<h2 id="changes">${t.changes}</h2><p>${t.firstRun}</p>`;
  const changed = files.filter(
    (f) =>
      changedSinceLast(f, ctx) ||
      (f.abandon?.kind === 'gone' && f.current.run === ctx.runs[ctx.runs.length - 2]?.key),
  );
  if (!changed.length) return `<h2 id="changes">${t.changes}</h2><p>${t.noChanges}</p>`;
  const rows = changed
    .map((f) => {
      const what = f.abandon?.kind === 'gone' ? [abandonText(f.abandon, ctx)] : changeSummary(f, ctx);
      return (
        `<tr><td><a href="${fileHref(f, depth)}">${x(f.label, 80)}</a></td><td>${pill(f.abandon?.kind === 'gone' ? 'absent' : f.current.state, t)}</td>` +
        `<td><ul class="changes">${what.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></td></tr>`
      );
    })
    .join('');
  return (
    `<h2 id="changes">${t.changes}</h2><table class="sortable" id="changes-table"><thead><tr><th>${t.file}</th><th>${t.state}</th><th>${t.change}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`
  );
}

function abandonSection(files: readonly FileView[], ctx: Ctx, depth: number): string {
  const t = ctx.t;
  const list = files.filter((f) => f.abandon);
  if (!list.length) return `<h2 id="abandoned">${t.abandoned}</h2><p>${t.noAbandoned}</p>`;
  const rows = list
    .map(
      (f) =>
        `<tr><td><a href="${fileHref(f, depth)}">${x(f.label, 80)}</a><br><span class="muted">${x(f.name, 120)}</span></td>` +
        `<td>${escapeHtml(abandonText(f.abandon!, ctx))}</td></tr>`,
    )
    .join('');
  return (
    `<h2 id="abandoned">${t.abandoned}</h2><table class="sortable" id="abandoned-table"><thead><tr><th>${t.file}</th><th>${t.situation}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`
  );
}

function filesTable(
  files: readonly FileView[],
  ctx: Ctx,
  depth: number,
  producers: Map<string, GroupView>,
  schemas: Map<string, GroupView>,
  id: string,
): string {
  const t = ctx.t;
  const rows = files
    .map((f) => {
      const state = f.abandon?.kind === 'gone' ? 'absent' : f.current.state;
      return (
        `<tr><td><a href="${fileHref(f, depth)}">${x(f.label, 80)}</a><br><span class="muted">${x(f.name, 120)}</span></td>` +
        schemaCell(f, ctx, depth, schemas) +
        producerCell(f, ctx, depth, producers) +
        `<td data-sort="${state}">${pill(state, t)}</td>` +
        scoreCell(f.abandon?.kind === 'gone' ? undefined : f.current) +
        `<td>${sparkline(f.points.map((p) => p.score))}</td></tr>`
      );
    })
    .join('');
  return (
    `<p><label>${t.filter} <input type="search" placeholder="${escapeHtml(t.filterHint)}" data-filter="${id}" data-count="${id}-count"></label> ` +
    `<span class="muted"><span id="${id}-count">${files.length}</span> / ${files.length} — ${t.sortHint}</span></p>` +
    `<table class="sortable" id="${id}"><thead><tr><th>${t.file}</th><th>${t.schema}</th><th>${t.producer}</th><th>${t.state}</th>` +
    `<th class="num">${t.score}</th><th>${t.trend}</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function groupTable(
  groups: readonly GroupView[],
  ctx: Ctx,
  folder: string,
  emptyLabel: string,
  id: string,
): string {
  const t = ctx.t;
  const rows = groups
    .map((g) => {
      const last = g.trend[g.trend.length - 1];
      return (
        `<tr><td><a href="${folder}/${g.slug}.html">${x(g.label || emptyLabel, 80)}</a>${g.detail ? `<br><span class="muted">${x(g.detail, 40)}</span>` : ''}</td>` +
        `<td class="num">${last?.files ?? 0}</td><td class="num">${last?.valid ?? 0}</td><td class="num">${last?.failed ?? 0}</td>` +
        `<td class="num" data-sort="${last?.score ?? -1}"><span class="score ${scoreClass(last?.score)}">${last?.score ?? '—'}</span></td>` +
        `<td>${sparkline(g.trend.map((p) => p.score))}</td></tr>`
      );
    })
    .join('');
  const head = folder === 'schemas' ? t.schema : t.producer;
  return (
    `<table class="sortable" id="${id}"><thead><tr><th>${head}</th><th class="num">${t.files}</th><th class="num">${t.validN}</th>` +
    `<th class="num">${t.failedN}</th><th class="num">${t.meanScore}</th><th>${t.trend}</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

/** Width of a badge text at 11px Verdana, as shields.io estimates it (no font metrics needed). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[iIl.,:;!|' ]/.test(ch) ? 3.5 : /[mwMW@%]/.test(ch) ? 9.5 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.5;
  return Math.ceil(w);
}

const BADGE_COLOURS = { good: '#127a3e', fair: '#a35c00', poor: '#b3261e', none: '#6b7280' };

/** A badge (SVG) like the ones READMEs show: a label and a value, coloured by the score. */
export function badgeSvg(
  label: string,
  value: string,
  cls: keyof typeof BADGE_COLOURS,
  title: string,
): string {
  const lw = textWidth(label) + 12;
  const vw = textWidth(value) + 12;
  const w = lw + vw;
  const colour = BADGE_COLOURS[cls];
  const l = escapeHtml(label);
  const v = escapeHtml(value);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${escapeHtml(`${label}: ${value}`)}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<rect width="${w}" height="20" rx="3" fill="#555"/><rect x="${lw}" width="${vw}" height="20" rx="3" fill="${colour}"/>` +
    `<rect x="${lw}" width="4" height="20" fill="${colour}"/>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${lw / 2}" y="14">${l}</text><text x="${lw + vw / 2}" y="14">${v}</text></g></svg>\n`
  );
}

function fileBadge(f: FileView, ctx: Ctx): string {
  const t = ctx.t;
  const gone = f.abandon?.kind === 'gone';
  const p = f.current;
  const value = gone
    ? t.badgeGone
    : p.state === 'failed'
      ? t.badgeFailed
      : `${p.state === 'valid' ? t.valid.toLowerCase() : t.invalid.toLowerCase()} · ${p.score ?? 0}/100`;
  const cls = gone ? 'none' : (scoreClass(p.score, p.state) as keyof typeof BADGE_COLOURS);
  return badgeSvg(t.badgeLabel, value, cls, `${displayValue(f.label, 120)} — ${value}`);
}

function groupBadge(g: GroupView, ctx: Ctx, emptyLabel: string): string {
  const t = ctx.t;
  const last = g.trend[g.trend.length - 1];
  const value =
    last && last.files
      ? `${last.valid}/${last.files} ${t.valid.toLowerCase()}${last.files > 1 && ctx.lang === 'fr' ? 's' : ''} · ${last.score}/100`
      : '—';
  const cls =
    last?.score === undefined
      ? 'none'
      : (scoreClass(
          last.score,
          last.valid === last.files ? 'valid' : 'invalid',
        ) as keyof typeof BADGE_COLOURS);
  return badgeSvg(t.badgeLabel, value, cls, `${displayValue(g.label || emptyLabel, 120)} — ${value}`);
}

function badgeBlock(svg: string, path: string, alt: string, ctx: Ctx): string {
  const base = ctx.options.baseUrl ? ctx.options.baseUrl.replace(/\/*$/, '/') : '';
  const src = `${base}${path}`;
  const snippet = `<img src="${src}" alt="${displayValue(alt, 120).replace(/["<>&]/g, '')}">`;
  return (
    `<h2 id="badge">${ctx.t.badge}</h2><div class="badge">${svg}</div>` +
    `<p class="muted">${ctx.t.badgeHelp}</p><code class="snippet">${escapeHtml(snippet)}</code>`
  );
}

/** What a count is about: a kind of problem, or (code empty) every error and warning of a column. */
function countLabel(c: { code: string }, ctx: Ctx): string {
  return c.code
    ? `${escapeHtml(titleOf(c.code, ctx.lang))} <span class="muted">${escapeHtml(c.code)}</span>`
    : escapeHtml(ctx.t.inColumn);
}

/** The last run's exact counts: per kind of problem, then per column. */
function countsTable(f: FileView, ctx: Ctx): string {
  const t = ctx.t;
  const r = f.currentResult;
  if (!r || !r.counts.length) return `<h2 id="problems">${t.problems}</h2><p>${t.noProblems}</p>`;
  const sorted = [...r.counts].sort(
    (a, b) => b.n - a.n || (a.code < b.code ? -1 : a.code > b.code ? 1 : a.field < b.field ? -1 : 1),
  );
  const byCode = sorted
    .filter((c) => c.code)
    .map((c) => `<tr><td>${countLabel(c, ctx)}</td><td class="num">${c.n}</td></tr>`)
    .join('');
  const byColumn = sorted
    .filter((c) => !c.code)
    .map((c) => `<tr><td>${x(c.field, 60)}</td><td class="num">${c.n}</td></tr>`)
    .join('');
  return (
    `<h2 id="problems">${t.problems}</h2>` +
    `<table class="sortable" id="problems-table"><thead><tr><th>${t.code}</th><th class="num">${t.count}</th></tr></thead><tbody>${byCode}</tbody></table>` +
    (byColumn
      ? `<h3>${t.byColumn}</h3><table class="sortable" id="columns-table"><thead><tr><th>${t.field}</th><th class="num">${t.count}</th></tr></thead><tbody>${byColumn}</tbody></table>`
      : '')
  );
}

function changeTables(f: FileView, ctx: Ctx): string {
  const t = ctx.t;
  const c = f.changes;
  if (!c.previous) return `<h2 id="changes">${t.changes}</h2><p>${t.firstRun}</p>`;
  const summary = changeSummary({ ...f, changes: { ...c, newProblems: [], fixedProblems: [] } }, ctx);
  const table = (items: typeof c.newProblems, title: string, id: string): string =>
    items.length
      ? `<h3>${title}</h3><table class="sortable" id="${id}"><thead><tr><th>${t.code}</th><th>${t.field}</th><th class="num">${t.before}</th><th class="num">${t.after}</th></tr></thead><tbody>` +
        items
          .map(
            (p) =>
              `<tr><td>${countLabel(p, ctx)}</td><td>${p.field ? x(p.field, 60) : '—'}</td>` +
              `<td class="num">${p.before}</td><td class="num">${p.after}</td></tr>`,
          )
          .join('') +
        `</tbody></table>`
      : '';
  const body =
    (summary.length
      ? `<ul class="changes">${summary.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`
      : '') +
    table(c.newProblems, t.newProblems, 'new-problems') +
    table(c.fixedProblems, t.fixedProblems, 'fixed-problems');
  return `<h2 id="changes">${t.changes}</h2>${body || `<p>${t.noChanges}</p>`}`;
}

function filePage(
  f: FileView,
  ctx: Ctx,
  producers: Map<string, GroupView>,
  schemas: Map<string, GroupView>,
): string {
  const t = ctx.t;
  const gone = f.abandon?.kind === 'gone';
  const state = gone ? 'absent' : f.current.state;
  const facts: string[] = [];
  const fact = (k: string, v: string): void => {
    facts.push(`<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`);
  };
  fact(
    t.state,
    `${pill(state, t)} ${gone ? '' : `<span class="score ${scoreClass(f.current.score, f.current.state)}">${escapeHtml(t.scoreOf(f.current.score ?? 0))}</span>`}`,
  );
  fact(t.lastRun, escapeHtml(runLabel(runByKey(f.current.run, ctx), ctx)));
  fact(
    t.address,
    f.kind === 'url' && /^https?:\/\//i.test(f.name)
      ? `<a href="${escapeHtml(hrefOf(f.name))}" rel="noopener noreferrer">${x(f.name, 300)}</a>`
      : x(f.name, 300),
  );
  if (f.schema?.name) {
    const g = schemas.get(f.schema.name);
    fact(
      t.schema,
      `<a href="../schemas/${g?.slug ?? ''}.html">${x(f.schema.name, 80)}</a>${f.schema.version ? ` ${x(f.schema.version, 20)}` : ''}`,
    );
  }
  if (f.producer) {
    const g = producers.get(f.producer.key);
    const id = f.producer.id ? ` <span class="muted">${x(f.producer.id, 40)}</span>` : '';
    fact(
      t.producer,
      `<a href="../producers/${g?.slug ?? ''}.html">${x(f.producer.name ?? f.producer.id ?? '', 80)}</a>${id} <span class="muted">(${f.producer.source === 'data' ? t.fromData : t.fromCatalogue})</span>`,
    );
  }
  if (f.catalogue.datasetTitle) fact(t.dataset, x(f.catalogue.datasetTitle, 200));
  if (f.catalogue.organization && f.producer?.source === 'data')
    fact(t.organization, x(f.catalogue.organization, 120));
  if (f.unchangedSince) fact(t.unchangedSince, escapeHtml(formatDate(f.unchangedSince, ctx.lang, false)));
  if (f.abandon) fact(t.situation, escapeHtml(abandonText(f.abandon, ctx)));
  if (f.current.failure) {
    const m =
      ctx.lang === 'en' && f.current.failure.messageEn
        ? f.current.failure.messageEn
        : f.current.failure.message;
    fact(t.failure, x(m, 400));
  }
  const chart = trendChart([{ name: t.score, values: f.points.map((p) => p.score) }], ctx, t.fileTrend);
  const runRows = f.points
    .map((p, i) => {
      const run = ctx.runs[i]!;
      const prevHash = f.points
        .slice(0, i)
        .reverse()
        .find((q) => q.contentHash)?.contentHash;
      const content = p.contentHash
        ? prevHash && prevHash !== p.contentHash
          ? t.changed
          : i && prevHash
            ? t.same
            : ''
        : '';
      const why = p.failure
        ? x(ctx.lang === 'en' && p.failure.messageEn ? p.failure.messageEn : p.failure.message, 200)
        : '';
      return (
        `<tr><td data-sort="${escapeHtml(run.startedAt)}">${escapeHtml(runLabel(run, ctx))}</td><td data-sort="${p.state}">${pill(p.state, t)}</td>` +
        scoreCell(p) +
        `<td class="num">${p.errors ?? ''}</td><td class="num">${p.warnings ?? ''}</td>` +
        `<td>${p.contentHash ? `<code title="sha256 ${escapeHtml(p.contentHash)}">${escapeHtml(p.contentHash.slice(0, 10))}</code> ${escapeHtml(content)}` : ''}</td><td>${why}</td></tr>`
      );
    })
    .join('');
  const body =
    `<dl class="facts" id="facts">${facts.join('')}</dl>` +
    `<h2 id="trend">${t.fileTrend}</h2>${chart}` +
    changeTables(f, ctx) +
    countsTable(f, ctx) +
    `<h2 id="runs">${t.runs}</h2><table class="sortable" id="runs-table"><thead><tr><th>${t.run}</th><th>${t.state}</th><th class="num">${t.score}</th>` +
    `<th class="num">${t.errors}</th><th class="num">${t.warnings}</th><th>${t.content}</th><th>${t.failure}</th></tr></thead><tbody>${runRows}</tbody></table>` +
    badgeBlock(fileBadge(f, ctx), `badges/files/${f.slug}.svg`, f.label, ctx);
  return page(ctx, 1, [{ text: t.file }], f.label, x(f.name, 300), body);
}

function groupPage(
  g: GroupView,
  ctx: Ctx,
  kind: 'producers' | 'schemas',
  producers: Map<string, GroupView>,
  schemas: Map<string, GroupView>,
): string {
  const t = ctx.t;
  const empty = kind === 'producers' ? t.noProducer : t.noSchema;
  const body =
    kpis(g, ctx) +
    `<h2 id="trend">${t.trend}</h2>${groupTrendChart(g, ctx)}${runTable(g, ctx)}` +
    changesSection(g.files, ctx, 1) +
    abandonSection(g.files, ctx, 1) +
    `<h2 id="files">${t.files}</h2>${filesTable(g.files, ctx, 1, producers, schemas, 'files-table')}` +
    badgeBlock(groupBadge(g, ctx, empty), `badges/${kind}/${g.slug}.svg`, g.label || empty, ctx);
  const crumb = kind === 'producers' ? t.byProducer : t.bySchema;
  const sub = `${g.detail ? `${x(g.detail, 40)} — ` : ''}${escapeHtml(t.filesCount(g.files.length))}`;
  return page(ctx, 1, [{ href: `../index.html#${kind}`, text: crumb }], g.label || empty, sub, body);
}

function indexPage(
  o: Observatory,
  ctx: Ctx,
  producers: Map<string, GroupView>,
  schemas: Map<string, GroupView>,
): string {
  const t = ctx.t;
  const last = o.runs[o.runs.length - 1];
  const sub = last
    ? `${escapeHtml(t.lastRun)} : ${escapeHtml(runLabel(last, ctx))} — ${o.runs.length} ${escapeHtml(t.runs.toLowerCase())}`
    : '';
  const body =
    kpis(o.all, ctx) +
    `<h2 id="trend">${t.trend}</h2>${groupTrendChart(o.all, ctx)}${runTable(o.all, ctx)}` +
    changesSection(o.files, ctx, 0) +
    abandonSection(o.files, ctx, 0) +
    `<h2 id="schemas">${t.bySchema}</h2>${groupTable(o.schemas, ctx, 'schemas', t.noSchema, 'schemas-table')}` +
    `<h2 id="producers">${t.byProducer}</h2>${groupTable(o.producers, ctx, 'producers', t.noProducer, 'producers-table')}` +
    `<h2 id="files">${t.allFiles}</h2>${filesTable(o.files, ctx, 0, producers, schemas, 'files-table')}`;
  return page(ctx, 0, [], ctx.options.title ?? t.title, sub, body);
}

/**
 * The observatory as files: `index.html`, one page per file (`files/`), producer (`producers/`) and schema
 * (`schemas/`), and a badge per file and group (`badges/…/SLUG.svg`). Pure: the same observatory and
 * options give the same bytes (no clock, no absolute path).
 */
export function renderObservatory(o: Observatory, options: ObservatoryOptions): Map<string, string> {
  const ctx: Ctx = { lang: options.lang, t: T[options.lang], runs: o.runs, options };
  const producers = new Map(o.producers.map((g) => [g.key, g]));
  const schemas = new Map(o.schemas.map((g) => [g.key, g]));
  const out = new Map<string, string>();
  out.set('index.html', indexPage(o, ctx, producers, schemas));
  for (const f of o.files) {
    out.set(`files/${f.slug}.html`, filePage(f, ctx, producers, schemas));
    out.set(`badges/files/${f.slug}.svg`, fileBadge(f, ctx));
  }
  for (const g of o.producers) {
    out.set(`producers/${g.slug}.html`, groupPage(g, ctx, 'producers', producers, schemas));
    out.set(`badges/producers/${g.slug}.svg`, groupBadge(g, ctx, ctx.t.noProducer));
  }
  for (const g of o.schemas) {
    out.set(`schemas/${g.slug}.html`, groupPage(g, ctx, 'schemas', producers, schemas));
    out.set(`badges/schemas/${g.slug}.svg`, groupBadge(g, ctx, ctx.t.noSchema));
  }
  return out;
}

// Text renderer of a batch: each file's report, then one summary line per file and the totals with the score.
import type { Report } from './types.js';
import { renderFailure, renderFileText, type TextOptions } from './text.js';
import { plainStyle } from './style.js';
import { escapeTerminal as x } from './escape.js';
import { DEFAULT_WIDTH, displayWidth, layoutTable, wrap } from './wrap.js';
import { formatNumber } from './numbers.js';

const T = {
  fr: {
    head: ['Fichier', 'Verdict', 'Lignes', 'Erreurs', 'Avert.', 'Score'],
    valid: '✓ conforme',
    invalid: '✗ non conforme',
    unreadable: '✗ illisible',
    skipped: (n: number) => `Fichiers ignorés (format non pris en charge, ${n})`,
    total: 'Total',
    folder: 'Dossier',
    summary: 'Bilan',
    totals: (r: Report['summary']) =>
      `${r.files} fichier${r.files > 1 ? 's' : ''} — ${r.valid} conforme${r.valid > 1 ? 's' : ''}, ${r.invalid} non conforme${r.invalid > 1 ? 's' : ''}` +
      `${r.failed ? `, ${r.failed} illisible${r.failed > 1 ? 's' : ''}` : ''}${r.skipped ? `, ${r.skipped} ignoré${r.skipped > 1 ? 's' : ''}` : ''}` +
      ` ; ${r.errors} erreur${r.errors > 1 ? 's' : ''}, ${r.warnings} avertissement${r.warnings > 1 ? 's' : ''}` +
      `${r.score !== undefined ? ` ; score ${r.score}/100` : ''}`,
  },
  en: {
    head: ['File', 'Verdict', 'Rows', 'Errors', 'Warn.', 'Score'],
    valid: '✓ valid',
    invalid: '✗ invalid',
    unreadable: '✗ unreadable',
    skipped: (n: number) => `Skipped files (unsupported format, ${n})`,
    total: 'Total',
    folder: 'Folder',
    summary: 'Summary',
    totals: (r: Report['summary']) =>
      `${r.files} file${r.files > 1 ? 's' : ''} — ${r.valid} valid, ${r.invalid} invalid` +
      `${r.failed ? `, ${r.failed} unreadable` : ''}${r.skipped ? `, ${r.skipped} skipped` : ''}` +
      `; ${r.errors} error${r.errors > 1 ? 's' : ''}, ${r.warnings} warning${r.warnings > 1 ? 's' : ''}` +
      `${r.score !== undefined ? `; score ${r.score}/100` : ''}`,
  },
};

/** Columns a table takes laid out on one line per row (two spaces between columns). */
function tableWidth(rows: string[][]): number {
  const n = rows[0]!.length;
  let w = 2 * (n - 1);
  for (let i = 0; i < n; i++) w += Math.max(...rows.map((r) => displayWidth(r[i]!)));
  return w;
}

/** The folder every path starts with (`exports/2024/`), '' when they share none. */
function commonFolder(paths: string[]): string {
  if (paths.length < 2) return '';
  let prefix = paths[0]!.slice(0, paths[0]!.lastIndexOf('/') + 1);
  for (const p of paths)
    while (prefix && !p.startsWith(prefix))
      prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  return prefix;
}

/**
 * Render a batch as text: every file's report (as renderText does), the unreadable and skipped files,
 * then a table with one line per file (verdict, rows, errors, warnings, score) and the totals line.
 */
export function renderBatchText(report: Report, options: TextOptions): string {
  const lang = options.lang;
  const t = T[lang];
  const s = options.style ?? plainStyle;
  const width = options.width ?? DEFAULT_WIDTH;
  const colon = lang === 'fr' ? ' : ' : ': ';
  const chunks = report.files.map((f) => renderFileText(f, options));
  for (const f of report.failures) chunks.push(renderFailure(f, s, width));
  if (report.skipped?.length) {
    chunks.push(
      [
        ...wrap([{ text: t.skipped(report.skipped.length), style: s.bold }], width, 0, 2),
        ...report.skipped.flatMap((f) => wrap([{ text: x(f.path), style: s.dim }], width, 2, 4)),
      ].join('\n') + '\n',
    );
  }
  const rows: string[][] = [t.head];
  const verdicts: ('valid' | 'invalid' | 'unreadable' | undefined)[] = [undefined];
  for (const f of report.files) {
    rows.push([
      x(f.path),
      f.valid ? t.valid : t.invalid,
      formatNumber(f.stats.rows, lang),
      formatNumber(f.stats.errors, lang),
      formatNumber(f.stats.warnings, lang),
      f.score ? String(f.score.score) : '—',
    ]);
    verdicts.push(f.valid ? 'valid' : 'invalid');
  }
  for (const f of report.failures) {
    rows.push([x(f.path), t.unreadable, '—', '—', '—', '0']);
    verdicts.push('unreadable');
  }
  const sm = report.summary;
  rows.push([
    t.total,
    '',
    formatNumber(sm.rows, lang),
    formatNumber(sm.errors, lang),
    formatNumber(sm.warnings, lang),
    sm.score !== undefined ? String(sm.score) : '—',
  ]);
  verdicts.push(undefined);
  // Too wide for the terminal: the folder all paths share is said once above the table, then the file
  // column takes what the others leave of the width, a long path continuing on the next lines.
  const numeric = [false, false, true, true, true, true];
  let folder = '';
  if (tableWidth(rows) > width) {
    folder = commonFolder(rows.slice(1, -1).map((r) => r[0]!));
    if (folder) for (const r of rows.slice(1, -1)) r[0] = r[0]!.slice(folder.length);
  }
  const laid = layoutTable(rows, { width, numeric, flexible: 0 });
  const lines = laid.flatMap((rowLines, i) =>
    rowLines.map((line) => {
      if (i === 0 || i === laid.length - 1) return s.bold(line);
      const v = verdicts[i];
      const word = v === 'valid' ? t.valid : v === 'invalid' ? t.invalid : t.unreadable;
      return line.replace(word, v === 'valid' ? s.green(word) : s.red(word));
    }),
  );
  if (folder) lines.unshift(...wrap(`${t.folder}${colon}${folder}`, width, 0, 2));
  chunks.push(`${lines.join('\n')}\n`);
  chunks.push(
    wrap([{ text: t.summary, style: s.bold }, { text: `${colon}${t.totals(sm)}` }], width, 0, 2).join('\n') +
      '\n',
  );
  return chunks.join('\n');
}

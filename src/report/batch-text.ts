// Text renderer of a batch: each file's report, then one summary line per file and the totals with the score.
import type { Lang } from '../findings/spec.js';
import type { Report } from './types.js';
import { renderFileText, type TextOptions } from './text.js';
import { plainStyle } from './style.js';

const T = {
  fr: {
    head: ['Fichier', 'Verdict', 'Lignes', 'Erreurs', 'Avert.', 'Score'],
    valid: '✓ conforme',
    invalid: '✗ non conforme',
    unreadable: '✗ illisible',
    skipped: (n: number) => `Fichiers ignorés (format non pris en charge, ${n})`,
    total: 'Total',
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
    summary: 'Summary',
    totals: (r: Report['summary']) =>
      `${r.files} file${r.files > 1 ? 's' : ''} — ${r.valid} valid, ${r.invalid} invalid` +
      `${r.failed ? `, ${r.failed} unreadable` : ''}${r.skipped ? `, ${r.skipped} skipped` : ''}` +
      `; ${r.errors} error${r.errors > 1 ? 's' : ''}, ${r.warnings} warning${r.warnings > 1 ? 's' : ''}` +
      `${r.score !== undefined ? `; score ${r.score}/100` : ''}`,
  },
};

function fmt(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/[\u202f\u00a0]/g, ' ');
}

function width(s: string): number {
  return [...s].length;
}

/** Lay out rows as aligned columns: text columns padded right, number columns left. */
function columns(rows: string[][], numeric: boolean[]): string[] {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  return rows.map((r) =>
    r
      .map((c, i) => (numeric[i] ? ' '.repeat(w[i]! - width(c)) + c : c + ' '.repeat(w[i]! - width(c))))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Render a batch as text: every file's report (as renderText does), the unreadable and skipped files,
 * then a table with one line per file (verdict, rows, errors, warnings, score) and the totals line.
 */
export function renderBatchText(report: Report, options: TextOptions): string {
  const lang = options.lang;
  const t = T[lang];
  const s = options.style ?? plainStyle;
  const colon = lang === 'fr' ? ' : ' : ': ';
  const chunks = report.files.map((f) => renderFileText(f, options));
  for (const f of report.failures) chunks.push(`${s.bold(f.path)}\n  ${s.red('✗')} ${f.message}\n`);
  if (report.skipped?.length) {
    chunks.push(
      `${s.bold(t.skipped(report.skipped.length))}\n${report.skipped.map((f) => `  ${s.dim(f.path)}`).join('\n')}\n`,
    );
  }
  const rows: string[][] = [t.head];
  const verdicts: (keyof typeof t)[] = [];
  for (const f of report.files) {
    rows.push([
      f.path,
      f.valid ? t.valid : t.invalid,
      fmt(f.stats.rows, lang),
      fmt(f.stats.errors, lang),
      fmt(f.stats.warnings, lang),
      f.score ? String(f.score.score) : '—',
    ]);
    verdicts.push(f.valid ? 'valid' : 'invalid');
  }
  for (const f of report.failures) {
    rows.push([f.path, t.unreadable, '—', '—', '—', '0']);
    verdicts.push('unreadable');
  }
  const sm = report.summary;
  rows.push([
    t.total,
    '',
    fmt(sm.rows, lang),
    fmt(sm.errors, lang),
    fmt(sm.warnings, lang),
    sm.score !== undefined ? String(sm.score) : '—',
  ]);
  const laid = columns(rows, [false, false, true, true, true, true]);
  const colour = (line: string, i: number): string => {
    if (i === 0 || i === laid.length - 1) return s.bold(line);
    const v = verdicts[i - 1];
    const word = v === 'valid' ? t.valid : v === 'invalid' ? t.invalid : t.unreadable;
    return line.replace(word, v === 'valid' ? s.green(word) : s.red(word));
  };
  chunks.push(`${laid.map(colour).join('\n')}\n`);
  chunks.push(`${s.bold(t.summary)}${colon}${t.totals(sm)}\n`);
  return chunks.join('\n');
}

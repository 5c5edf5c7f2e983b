// Progress lines for long runs (bytes of total or rows, rows per second, time left; files done of total), on stderr.
import type { CliContext } from './context.js';
import type { Lang, RowObserver, RunOutcome, RunRequest } from '../index.js';
import { drawable, loadSpinner, startProgress } from './ui.js';

/** Where a one-file run stands. */
export interface FileProgressState {
  name: string;
  bytes: number;
  /** Total size, unknown for standard input. */
  total?: number;
  rows: number;
  elapsedMs: number;
}

function fmt(n: number, lang: Lang, digits = 0): string {
  return n
    .toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    })
    .replace(/[\u202f\u00a0]/g, ' ');
}

function size(bytes: number, lang: Lang): string {
  const mb = bytes / 1e6;
  return lang === 'fr' ? `${fmt(mb, lang, 1)} Mo` : `${fmt(mb, lang, 1)} MB`;
}

function duration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * The progress line of one file: bytes read of the total (and share) or, for standard input, rows only;
 * rows per second; time left, estimated from the share of bytes read.
 */
export function formatFileProgress(p: FileProgressState, lang: Lang): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  if (p.total) {
    const share = Math.min(1, p.bytes / p.total);
    parts.push(`${size(p.bytes, lang)} / ${size(p.total, lang)} (${Math.floor(share * 100)} %)`);
  }
  parts.push(`${fmt(p.rows, lang)} ${fr ? 'lignes' : 'rows'}`);
  const seconds = p.elapsedMs / 1000;
  if (seconds >= 0.5) {
    parts.push(`${fmt(p.rows / seconds, lang)} ${fr ? 'lignes/s' : 'rows/s'}`);
    if (p.total && p.bytes > 0 && p.bytes < p.total) {
      const left = (seconds * (p.total - p.bytes)) / p.bytes;
      parts.push(`${fr ? 'reste' : 'left'} ~${duration(left)}`);
    }
  }
  return `${p.name} — ${parts.join(' · ')}`;
}

/** The progress line of a batch: files done of total, and the last one finished. */
export function formatBatchProgress(
  done: number,
  total: number,
  last: string | undefined,
  lang: Lang,
): string {
  const fr = lang === 'fr';
  return `${done}/${total} ${fr ? 'fichiers' : 'files'}${last ? ` — ${fr ? 'dernier : ' : 'last: '}${last}` : ''}`;
}

/** Progress of one file: pass `onProgress` to the reader and `observer` to the validation run. */
export interface FileProgress {
  onProgress(bytes: number): void;
  observer: RowObserver;
  /** The file is read again from its start: count its rows from zero. */
  restart(): void;
  stop(): void;
}

/** Cut a line to the terminal's width, so that it never wraps. */
function fit(ctx: CliContext, text: string): string {
  const columns = (ctx.stderr as { columns?: number }).columns ?? 80;
  const max = Math.max(10, columns - 3);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Start the progress line of one file (a no-op unless enabled and stderr is a TTY). */
export function startFileProgress(
  ctx: CliContext,
  name: string,
  total: number | undefined,
  enabled: boolean,
): FileProgress {
  const active = enabled && drawable(ctx);
  const line = startProgress(ctx, fit(ctx, name), active);
  const started = Date.now();
  const state: FileProgressState = { name, bytes: 0, total, rows: 0, elapsedMs: 0 };
  // Nothing is formatted when nothing is drawn: this runs on the hot path.
  const show = active
    ? (): void => {
        state.elapsedMs = Date.now() - started;
        line.update(fit(ctx, formatFileProgress(state, ctx.lang)));
      }
    : (): void => undefined;
  return {
    onProgress(bytes) {
      state.bytes = bytes;
      show();
    },
    observer: {
      row() {
        // Every 4096 rows is often enough for stdin, where no byte callback says how far we are.
        if ((++state.rows & 4095) === 0) show();
      },
      rowCells() {
        if ((++state.rows & 4095) === 0) show();
      },
      end: () => [],
    },
    restart() {
      state.rows = 0;
    },
    stop: () => line.stop(),
  };
}

/** Progress of a batch: call `done` as each file ends. */
export interface BatchProgress {
  done(name: string): void;
  stop(): void;
}

/** Start the progress line of a batch (a no-op unless enabled and stderr is a TTY). */
export function startBatchProgress(ctx: CliContext, total: number, enabled: boolean): BatchProgress {
  const line = startProgress(
    ctx,
    formatBatchProgress(0, total, undefined, ctx.lang),
    enabled && drawable(ctx),
  );
  let done = 0;
  return {
    done(name) {
      done++;
      line.update(fit(ctx, formatBatchProgress(done, total, name, ctx.lang)));
    },
    stop: () => line.stop(),
  };
}

/**
 * Run the engine with a progress line on stderr: bytes and rows for one file, files done for a batch
 * (nothing unless `enabled` and stderr is a terminal). `onNotice` hears what the run says about its inputs.
 */
export async function runWithProgress(
  ctx: CliContext,
  enabled: boolean,
  request: RunRequest,
  onNotice?: (message: string) => void,
): Promise<RunOutcome> {
  const { run } = await import('../index.js');
  await loadSpinner(ctx, enabled);
  // Without a progress line, the run gets no progress hooks: they would draw nothing, and the row hook
  // is an observer called on every row.
  if (!(enabled && drawable(ctx))) return run(request, { onNotice });
  let file: FileProgress | undefined;
  let batch: BatchProgress | undefined;
  try {
    return await run(request, {
      onStart(info) {
        if (info.files === 1) file = startFileProgress(ctx, info.display ?? '', info.bytes, enabled);
        else batch = startBatchProgress(ctx, info.files, enabled);
      },
      onBytes: (bytes) => file?.onProgress(bytes),
      onRow: () => file?.observer.row([], 0, 0),
      onRestart: () => file?.restart(),
      onFileDone: (e) => batch?.done(e.display),
      onNotice,
    });
  } finally {
    file?.stop();
    batch?.stop();
  }
}

// Terminal niceties for humans: colours (chalk) and a spinner with progress (ora), on stderr and only on a TTY.
import type { Ora } from 'ora';
import type { CliContext } from './context.js';
import type { Style } from '../index.js';

/**
 * The colour style for stdout: chalk's when colour is allowed, undefined (plain text) otherwise. chalk
 * is loaded only then: a pipe, a file or NO_COLOR never pay for it.
 */
export async function styleFor(ctx: CliContext): Promise<Style | undefined> {
  if (!ctx.color) return undefined;
  const { default: chalk, Chalk } = await import('chalk');
  const c = new Chalk({ level: chalk.level || 1 });
  return { bold: c.bold, dim: c.dim, red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan };
}

/**
 * The columns of the terminal stdout is, undefined when it is not one (a pipe, a file): the renderers
 * then lay text out in 80 columns.
 */
export function terminalWidth(ctx: CliContext): number | undefined {
  const out = ctx.stdout as { isTTY?: boolean; columns?: number };
  return out.isTTY ? out.columns : undefined;
}

/** A progress line on stderr; a no-op when stderr is not a TTY or the user asked for quiet. */
export interface Progress {
  update(text: string): void;
  stop(): void;
}

/**
 * True when a progress line can be drawn: stderr is a terminal of known, non-zero width (a terminal
 * reporting 0 columns, as some pseudo-terminals do, makes the spinner library redraw without end).
 */
export function drawable(ctx: CliContext): boolean {
  const columns = (ctx.stderr as { columns?: number }).columns;
  return Boolean(ctx.stderr.isTTY) && (columns === undefined || columns > 0);
}

let ora: typeof import('ora').default | undefined;

/** Load the spinner library when a progress line will be drawn (call before startProgress). */
export async function loadSpinner(ctx: CliContext, enabled: boolean): Promise<void> {
  if (enabled && drawable(ctx)) ora ??= (await import('ora')).default;
}

export function startProgress(ctx: CliContext, text: string, enabled: boolean): Progress {
  if (!enabled || !drawable(ctx) || !ora) {
    return { update: () => undefined, stop: () => undefined };
  }
  const spinner: Ora = ora({
    text,
    stream: ctx.stderr as NodeJS.WritableStream,
    discardStdin: false,
  }).start();
  let last = 0;
  return {
    update(t: string) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      spinner.text = t;
    },
    stop() {
      spinner.stop();
    },
  };
}

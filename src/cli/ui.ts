// Terminal niceties for humans: colours (chalk) and a spinner with progress (ora), on stderr and only on a TTY.
import chalk, { Chalk } from 'chalk';
import ora, { type Ora } from 'ora';
import type { CliContext } from './context.js';
import { plainStyle, type Style } from '../report/style.js';
import { layoutWidth } from '../report/wrap.js';

/** The colour style for stdout: chalk when colour is allowed, plain text otherwise. */
export function styleFor(ctx: CliContext): Style {
  if (!ctx.color) return plainStyle;
  const c = new Chalk({ level: chalk.level || 1 });
  return { bold: c.bold, dim: c.dim, red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan };
}

/** The width to lay the text report out in: the terminal's on a TTY, else 80 (a pipe, a file). */
export function terminalWidth(ctx: CliContext): number {
  const out = ctx.stdout as { isTTY?: boolean; columns?: number };
  return layoutWidth(out.isTTY ? out.columns : undefined);
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

export function startProgress(ctx: CliContext, text: string, enabled: boolean): Progress {
  if (!enabled || !drawable(ctx)) {
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

// Style: the colour functions a text renderer may use; the CLI passes chalk's, tests pass plain ones.

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const id = (s: string): string => s;

/** No colour at all (files, pipes, NO_COLOR). */
export const plainStyle: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id };

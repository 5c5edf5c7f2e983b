// The names of the report formats, apart from their renderers: the CLI lists them without loading them.

/** Every format of `--format`, in the order the help lists them. */
export const FORMAT_NAMES = [
  'text',
  'json',
  'html',
  'junit',
  'github',
  'gitlab',
  'markdown',
  'sarif',
] as const;

/** The name of a report format. */
export type FormatName = (typeof FORMAT_NAMES)[number];

/** True for formats read by machines, which must be alone on stdout (no progress line). */
export function isMachineFormat(format: string): boolean {
  return format !== 'text';
}

/** Formats that show the column profile (the engine computes it only for them). */
export function showsProfile(format: string): boolean {
  return format === 'json' || format === 'html';
}

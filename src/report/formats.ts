// The report formats: a registry from format name to a pure renderer, usable on any report.
import type { Lang } from '../findings/spec.js';
import type { Report } from './types.js';
import type { Style } from './style.js';
import { renderText } from './text.js';
import { renderBatchText } from './batch-text.js';
import { renderJson } from './json.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { renderMarkdown } from './markdown.js';

/** What every renderer may be given; each reads the options it knows. */
export interface RenderOptions {
  lang: Lang;
  /** Occurrences shown per finding code (text; default 5). */
  maxExamples?: number;
  /** Colours for the text format (plain when absent). */
  style?: Style;
}

/** A renderer: a pure function of the report (no fs, no process). */
export type Renderer = (report: Report, options: RenderOptions) => string;

/**
 * Text keeps the single-file output of earlier versions; a batch (several files, failures or skipped
 * files) adds the per-file summary lines and the totals with the score.
 */
function text(report: Report, options: RenderOptions): string {
  const batch = report.files.length + report.failures.length > 1 || (report.skipped?.length ?? 0) > 0;
  return batch ? renderBatchText(report, options) : renderText(report, options);
}

/** Every format of `--format`, in the order the help lists them. */
export const formats = {
  text,
  json: (report) => renderJson(report),
  html: (report, o) => renderHtml(report, { lang: o.lang }),
  junit: (report, o) => renderJunit(report, { lang: o.lang }),
  github: (report, o) => renderGithub(report, { lang: o.lang }),
  gitlab: (report, o) => renderGitlab(report, { lang: o.lang }),
  markdown: (report, o) => renderMarkdown(report, { lang: o.lang }),
} satisfies Record<string, Renderer>;

/** The name of a report format. */
export type FormatName = keyof typeof formats;

/** The format names, for `--format` choices. */
export const FORMAT_NAMES = Object.keys(formats) as FormatName[];

/** True when `name` is a report format. */
export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(formats, name);
}

/** True for formats read by machines, which must be alone on stdout (no progress line). */
export function isMachineFormat(format: string): boolean {
  return format !== 'text';
}

/** Formats that show the column profile (the engine computes it only for them). */
export function showsProfile(format: string): boolean {
  return format === 'json' || format === 'html';
}

/** Render a report in a format (text when the name is unknown to the registry). */
export function renderReport(report: Report, format: string, options: RenderOptions): string {
  const renderer: Renderer = isFormatName(format) ? formats[format] : formats.text;
  return renderer(report, options);
}

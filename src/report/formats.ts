// The report formats: a registry from format name to a pure renderer, usable on any report.
import type { Lang } from '../findings/spec.js';
import type { Report } from './types.js';
import type { Style } from './style.js';
import { FORMAT_NAMES, isMachineFormat, showsProfile, type FormatName } from './format-names.js';
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

/** Every format's renderer (FORMAT_NAMES lists them in the order the help shows). */
export const formats: Record<FormatName, Renderer> = {
  text,
  json: (report: Report) => renderJson(report),
  html: (report, o) => renderHtml(report, { lang: o.lang }),
  junit: (report, o) => renderJunit(report, { lang: o.lang }),
  github: (report, o) => renderGithub(report, { lang: o.lang }),
  gitlab: (report, o) => renderGitlab(report, { lang: o.lang }),
  markdown: (report, o) => renderMarkdown(report, { lang: o.lang }),
};

export { FORMAT_NAMES, isMachineFormat, showsProfile, type FormatName };

/** True when `name` is a report format. */
export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(formats, name);
}

/** Render a report in a format (text when the name is unknown to the registry). */
export function renderReport(report: Report, format: string, options: RenderOptions): string {
  const renderer: Renderer = isFormatName(format) ? formats[format] : formats.text;
  return renderer(report, options);
}

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
import { renderSarif } from './sarif.js';
import { layoutWidth } from './wrap.js';

/** What every renderer may be given; each reads the options it knows. */
export interface RenderOptions {
  lang: Lang;
  /** Occurrences shown per finding code (text; default 5). */
  maxExamples?: number;
  /** Colours for the text format (plain when absent). */
  style?: Style;
  /** Columns the text format is laid out in: the terminal's width (default, and off a terminal: 80). */
  width?: number;
  /** odf's version (html, sarif): what made the report. */
  version?: string;
  /** When the report was made, as an ISO date-time (html): the caller reads the clock, never a renderer. */
  generatedAt?: string;
  /** Seconds each file took, by report path (junit's time attributes), as measured by the run. */
  durations?: Readonly<Record<string, number>>;
}

/** A renderer: a pure function of the report (no fs, no process). */
export type Renderer = (report: Report, options: RenderOptions) => string;

/**
 * Text keeps the single-file output of earlier versions; a batch (several files, failures or skipped
 * files) adds the per-file summary lines and the totals with the score.
 */
function text(report: Report, options: RenderOptions): string {
  const batch = report.files.length + report.failures.length > 1 || (report.skipped?.length ?? 0) > 0;
  const o = { ...options, width: layoutWidth(options.width) };
  return batch ? renderBatchText(report, o) : renderText(report, o);
}

/** Every format's renderer (FORMAT_NAMES lists them in the order the help shows). */
export const formats: Record<FormatName, Renderer> = {
  text,
  json: (report: Report) => renderJson(report),
  html: (report, o) => renderHtml(report, { lang: o.lang, version: o.version, generatedAt: o.generatedAt }),
  junit: (report, o) => renderJunit(report, { lang: o.lang, durations: o.durations }),
  github: (report, o) => renderGithub(report, { lang: o.lang }),
  gitlab: (report, o) => renderGitlab(report, { lang: o.lang }),
  markdown: (report, o) => renderMarkdown(report, { lang: o.lang }),
  sarif: (report, o) => renderSarif(report, { lang: o.lang, version: o.version }),
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

// One escaping function per output family, for every string a report takes from the user's files and schemas.
//
// Cell values, labels, file and sheet names, schema names and titles, and the messages that embed them
// are untrusted: a file may hold ESC[2J, an OSC 8 link, BEL, U+202E, `<img onerror=…>`, `%0A::error::`…
// Each renderer passes every such string through the function of its family, and only through it:
//   terminal (text)        escapeTerminal
//   HTML (html, markdown's raw-HTML parts)   escapeHtml
//   XML (junit)            escapeXml
//   Markdown (markdown)    escapeMarkdown
//   workflow commands (github)   escapeWorkflowData (message) and escapeWorkflowProperty (file, title)
// SARIF and GitLab Code Quality are JSON (JSON.stringify escapes them); their human text goes through
// escapeTerminal, since viewers show it as text.
import { visibleControls } from '../findings/spec.js';

/** Text for a terminal: control characters shown, never obeyed (ESC, OSC, BEL, C1, bidi, line breaks). */
export function escapeTerminal(s: string): string {
  return visibleControls(s);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content and quoted attribute values: markup characters as entities, controls shown. */
export function escapeHtml(s: string): string {
  return visibleControls(s).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** Text for an XML attribute or element: markup characters as entities, controls shown (XML 1.0 cannot carry most). */
export function escapeXml(s: string): string {
  return visibleControls(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Text for Markdown outside raw HTML: the punctuation that can open emphasis, code, links, images, HTML,
 * autolinks (`.` and `:`), mentions, references or table cells gets a backslash (CommonMark allows it
 * before any ASCII punctuation); controls are shown and line breaks become `⏎`. Inside a raw-HTML block
 * (`<details><summary>…`) backslashes do not apply: use escapeHtml there.
 */
export function escapeMarkdown(s: string): string {
  return visibleControls(s).replace(/[\\`*_{}[\]()<>#+\-.!|~&@:]/g, (c) => `\\${c}`);
}

/**
 * The message of a GitHub workflow command (`::error …::MESSAGE`): controls shown, then GitHub's own
 * escapes (toCommandValue) for `%`, CR and LF, so a value can never end the line and start a command.
 */
export function escapeWorkflowData(s: string): string {
  return visibleControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property of a workflow command (`file=…,title=…`): the message escapes plus `:` and `,`, which end properties. */
export function escapeWorkflowProperty(s: string): string {
  return escapeWorkflowData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

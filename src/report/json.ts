// JSON renderer: the report as documented by docs/report.schema.json.
import type { Report } from './types.js';

/** Render the report as pretty-printed JSON. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

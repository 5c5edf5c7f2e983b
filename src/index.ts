// odf's library API: read any municipal export, validate it against a Table Schema, render reports.
import type { Lang } from './findings/spec.js';
import { isOdfError } from './errors.js';
import { buildFileReport, buildReport } from './report/build.js';
import type { FileReport, Report } from './report/types.js';
import { resolveSchema, validateFile, type ValidateOptions } from './validate/validate.js';
import { withScores } from './report/score.js';

export { OdfError, isOdfError } from './errors.js';
export type { OdfErrorCode } from './errors.js';
export type { Finding, Level, Loc } from './findings/types.js';
export type { RawRow, TableMeta, OpenOptions, OpenTable, EncodingName, TableFormat } from './io/types.js';
export type { TableSchema, Field, LoadedSchema } from './schema/types.js';
export type { ColumnMapping, FieldMatch, MatchKind, SchemaCandidate } from './schema/mapping-types.js';
export type { Report, FileReport, ReportFinding, ReportColumn } from './report/types.js';
export type { ValidateOptions, FileResult } from './validate/validate.js';
export { openTable, detect } from './io/open.js';
export { loadSchema } from './schema/load.js';
export { listSchemas, latestSchemas, resolveCatalogueName } from './schema/catalogue.js';
export { validateFile } from './validate/validate.js';
export { normalizeFile } from './normalize/normalize.js';
export type { NormalizeOptions, NormalizeResult, RepairCount, RepairKind } from './normalize/normalize.js';
export { messageOf, hintOf, catalogue as findingCatalogue } from './findings/catalogue.js';
export { renderText } from './report/text.js';
export { renderJson } from './report/json.js';
export { renderHtml } from './report/html.js';
export { renderJunit } from './report/junit.js';
export { renderGithub } from './report/github.js';
export { renderGitlab } from './report/gitlab.js';
export { renderMarkdown } from './report/markdown.js';
export { scoreFile, scoreBatch, withScores } from './report/score.js';
export { createProfiler } from './profile/profile.js';

/**
 * Validate one or more files and return the report (French messages unless `lang: 'en'`).
 * A file odf cannot read is listed in `report.failures`; a schema it cannot load throws an OdfError.
 */
export async function validate(
  files: string | string[],
  options: ValidateOptions & { lang?: Lang; strict?: boolean } = {},
): Promise<Report> {
  const list = Array.isArray(files) ? files : [files];
  const lang = options.lang ?? 'fr';
  const schema = await resolveSchema(options.schema, options.fetch);
  const reports: FileReport[] = [];
  const failures: Report['failures'] = [];
  for (const file of list) {
    try {
      reports.push(buildFileReport(await validateFile(file, { ...options, schema }), lang, file));
    } catch (e) {
      if (!isOdfError(e)) throw e;
      failures.push({
        path: file,
        code: e.code,
        message: lang === 'en' && e.messageEn ? e.messageEn : e.message,
      });
    }
  }
  return withScores(buildReport(reports, failures, lang, { strict: options.strict }));
}

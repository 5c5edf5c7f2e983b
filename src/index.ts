// odf's library API: read any municipal export, validate or normalise it against a Table Schema, render reports.
import type { Report } from './report/types.js';
import { run, type RunHooks, type RunRequest } from './run/engine.js';
import type { ObservatoryOutcome, ObservatoryRequest } from './observatory/site.js';
import type { NormalizeOptions, NormalizeResult } from './run/normalize-file.js';

export { OdfError, isOdfError } from './errors.js';
export type { OdfErrorCode } from './errors.js';
export type { Lang } from './findings/spec.js';
export type { Finding, FindingCode, Level, Loc } from './findings/types.js';
export type { RawRow, TableMeta, OpenOptions, OpenTable, EncodingName, TableFormat } from './io/types.js';
export type { TableSchema, Field, LoadedSchema } from './schema/types.js';
export type {
  ColumnMapping,
  ColumnSample,
  FieldMatch,
  MatchKind,
  SchemaCandidate,
} from './schema/mapping-types.js';
export type {
  Report,
  ShardInfo,
  FileReport,
  ReportFinding,
  ReportColumn,
  ColumnProfile,
  NormalizeSummary,
  ScoreDetail,
  SkippedFile,
} from './report/types.js';
export type { FileResult, RowObserver } from './validate/types.js';
export type { ValidateOptions } from './run/options.js';
export type { RunRequest, RunHooks, RunOutcome } from './run/engine.js';
export type { ReadRequest } from './run/batch.js';
export { readOptions } from './run/batch.js';
export type { Source, SourceResolver, ResolvedInputs, SourceFetch, FetchedCopy } from './run/inputs.js';
export type { NormalizeRequest, MetadataOutcome } from './run/outputs.js';
export type { FileTask, TaskFailure, WrittenOutput } from './run/task.js';
export { run, assembleReport } from './run/engine.js';
export { ODF_VERSION } from './run/version.js';
export type { HistoryRequest } from './run/history.js';
export { ciRunKey } from './run/history.js';
export { createUrlResolver, DEFAULT_MAX_SIZE } from './run/url-sources.js';
export type { UrlOptions } from './run/url-sources.js';
export { readResourceList } from './run/url-list.js';
export type { CatalogueInfo, Resource, ResourceList } from './net/resources.js';
export { defaultCacheDir } from './net/cache.js';
export { parseShard, shardFromEnv, shardOf } from './batch/shard.js';
export type { Shard, ShardEnv } from './batch/shard.js';
export { mergeReports } from './run/merge-reports.js';
export { History } from './history/store.js';
export type { HistoryData, RunInfo, ProducerInfo, PruneOutcome } from './history/store.js';
export { mergeHistoryFiles } from './history/merge-files.js';
export { pruneHistoryFile } from './history/prune-file.js';
export type { PruneRequest } from './history/prune-file.js';
export type { ObservatoryRequest, ObservatoryOutcome } from './observatory/site.js';
export { SAMPLE_MAX_ROWS, SAMPLE_MAX_CHARS } from './run/sample.js';
export { inspect, mapTable } from './run/inspect.js';
export type { Inspection, InspectOptions, MapOptions, TableMapping } from './run/inspect.js';
export { formatMappingFile, readMappingFile } from './schema/mapping-file.js';
export type { MappingFile } from './schema/mapping-file.js';
export type { PrivacyMode, RedactAction, RedactSpec } from './privacy/index.js';
export { openTable, detect } from './io/open.js';
export { loadSchema } from './schema/load.js';
export { catalogueIndex, listSchemas, latestSchemas, resolveCatalogueName } from './schema/catalogue.js';
export { bundledCatalogueSnapshot, catalogueSource, useCatalogue } from './schema/catalogue.js';
export type {
  BundledSnapshot,
  CatalogueEntry,
  CatalogueSource,
  CatalogueVersion,
} from './schema/catalogue.js';
export {
  catalogueFrom,
  isCatalogueFolder,
  readCatalogueFolder,
  updateCatalogue,
  userCatalogueDir,
} from './schema/catalogue-cache.js';
export type {
  CatalogueFolder,
  SkippedVersion,
  UpdateLimits,
  UpdateOptions,
  UpdateResult,
} from './schema/catalogue-cache.js';
export { validateFile } from './run/validate-file.js';
export type { NormalizeOptions, NormalizeResult, RepairCount, RepairKind } from './run/normalize-file.js';
export {
  messageOf,
  hintOf,
  finding,
  isFindingCode,
  catalogue as findingCatalogue,
} from './findings/catalogue.js';
export { buildFileReport, buildReport, exitCodeOf, failuresSentence } from './report/build.js';
export {
  formats,
  renderReport,
  FORMAT_NAMES,
  isFormatName,
  isMachineFormat,
  showsProfile,
} from './report/formats.js';
export type { Style } from './report/style.js';
export { plainStyle } from './report/style.js';
export type { FormatName, Renderer, RenderOptions } from './report/formats.js';
export { renderText } from './report/text.js';
export { renderJson } from './report/json.js';
export { renderHtml } from './report/html.js';
export { renderJunit } from './report/junit.js';
export { renderGithub } from './report/github.js';
export { renderGitlab } from './report/gitlab.js';
export { renderMarkdown } from './report/markdown.js';
export { renderSarif } from './report/sarif.js';
export { scoreFile, scoreBatch, withScores } from './report/score.js';
export { createProfiler } from './profile/profile.js';
export { writeFileAtomic } from './output/atomic.js';
export { layoutTable, layoutWidth } from './report/wrap.js';
export type { TableLayout } from './report/wrap.js';

/** Options of validate() and normalize(): everything a run takes but its inputs. */
export type LibraryOptions = Omit<RunRequest, 'inputs' | 'command'> & { hooks?: RunHooks };

/**
 * Validate one or more files (folders and globs too) and return the report, French messages unless
 * `lang: 'en'`, with each file's score and column profile: the same object as
 * `odf validate --format json`. A file odf cannot read is listed in `report.failures`; a schema it
 * cannot load throws an OdfError.
 */
export async function validate(
  files: string | readonly string[],
  options: LibraryOptions = {},
): Promise<Report> {
  const { hooks, ...request } = options;
  const inputs = typeof files === 'string' ? [files] : files;
  return (await run({ ...request, inputs, command: 'validate' }, hooks)).report;
}

/**
 * Normalise one or more files: write each as a conform CSV (`normalize.output` for one file, else
 * `normalize.outDir`, else NAME.normalise.csv beside it) with datapackage.json, and return the report
 * (each file's `normalize` part says what was written and repaired).
 */
export async function normalize(
  files: string | readonly string[],
  options: LibraryOptions = {},
): Promise<Report> {
  const { hooks, ...request } = options;
  const inputs = typeof files === 'string' ? [files] : files;
  return (await run({ ...request, inputs, command: 'normalize' }, hooks)).report;
}

/**
 * Build the static, offline observatory site from the history of runs and write it (each page
 * atomically). Its modules are loaded on the first call, not with the library: a validation does
 * without them. @throws OdfError when a history cannot be read or the folder cannot be written.
 */
export async function writeObservatory(request: ObservatoryRequest): Promise<ObservatoryOutcome> {
  return (await import('./observatory/site.js')).writeObservatory(request);
}

/**
 * Normalise one file: same pass as validate, with cells replaced by their canonical text and the
 * repairs the whole column agrees on. Every input row is written (or rejected with --drop-invalid).
 * Its modules are loaded on the first call, not with the library: a validation does without them.
 */
export async function normalizeFile(input: string, options: NormalizeOptions): Promise<NormalizeResult> {
  return (await import('./run/normalize-file.js')).normalizeFile(input, options);
}

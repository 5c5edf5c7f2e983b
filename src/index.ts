// odf's library API: read any municipal export, validate or normalise it against a Table Schema, render reports.
import type { Report } from './report/types.js';
import { run, type RunHooks, type RunRequest } from './run/engine.js';
import type { ObservatoryOutcome, ObservatoryRequest } from './observatory/site.js';
import type { NormalizeOptions, NormalizeResult } from './run/normalize-file.js';
import type { Inspection, InspectOptions, MapOptions, TableMapping } from './run/inspect.js';
import type { ResourceList } from './net/resources.js';

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
export { ciRunKey } from './run/ci-run-key.js';
export { createUrlResolver, DEFAULT_MAX_SIZE } from './run/url-sources.js';
export type { UrlOptions } from './run/url-sources.js';
export type { CatalogueInfo, Resource, ResourceList } from './net/resources.js';
export { defaultCacheDir } from './net/cache-dir.js';
export { parseShard, shardFromEnv, shardOf } from './batch/shard.js';
export type { Shard, ShardEnv } from './batch/shard.js';
export { History } from './history/store.js';
export type { HistoryData, RunInfo, ProducerInfo, PruneOutcome } from './history/store.js';
export { pruneHistoryFile } from './history/prune-file.js';
export type { PruneRequest } from './history/prune-file.js';
export type { ObservatoryRequest, ObservatoryOutcome } from './observatory/site.js';
export { SAMPLE_MAX_ROWS, SAMPLE_MAX_CHARS } from './run/sample.js';
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

// The functions below load their modules on their first call, not with the library: a validation of
// a file does without them (odf starts faster, issue 13). Each keeps the signature and the
// documentation of the function it stands for.

/**
 * Read a whole file (streaming: memory stays flat) and say what it is: format, encoding, dialect,
 * header, sheets, rows and every reading finding; with `schemas`, the catalogue schemas its header and
 * first rows fit best.
 */
export async function inspect(
  input: string,
  options: InspectOptions & { schemas?: boolean } = {},
): Promise<Inspection> {
  return (await import('./run/inspect.js')).inspect(input, options);
}

/**
 * Propose how a file's columns feed a schema's fields (given, or recognised from the header and the
 * first rows), on top of a mapping file when one is given. Only the head of the file is read.
 */
export async function mapTable(input: string, options: MapOptions = {}): Promise<TableMapping> {
  return (await import('./run/inspect.js')).mapTable(input, options);
}

/**
 * The one report of a batch run in shares: the shares' JSON reports (paths relative to `cwd`) put back
 * in the order of the whole batch and built again by the engine's report builder, so it is the report a
 * single machine would have written (byte for byte in JSON).
 * @throws OdfError when a report cannot be read or the reports are not the shares of one batch.
 */
export async function mergeReports(
  files: readonly string[],
  options: { cwd?: string } = {},
): Promise<Report> {
  return (await import('./run/merge-reports.js')).mergeReports(files, options);
}

/**
 * Merge history files into `output` (which may be one of them): runs matched by key, files by name,
 * results by fingerprint. An existing output is kept and added to, never replaced; the result is written
 * beside it and renamed, so the old file stays intact until the last moment. Paths relative to `cwd`.
 * @throws OdfError('history-error' | 'file-not-found' | 'output-error')
 */
export async function mergeHistoryFiles(
  inputs: readonly string[],
  output: string,
  options: { cwd?: string } = {},
): Promise<{ runs: number; observations: number }> {
  return (await import('./history/merge-files.js')).mergeHistoryFiles(inputs, output, options);
}

/**
 * Read a list of resources: a text file with one URL a line (blank lines and `#` comments passed
 * over), or a CSV (any encoding and delimiter odf reads) whose header names a URL column (see
 * LIST_COLUMNS) and, optionally, the declared schema and catalogue metadata. A URL listed twice is
 * kept once. `shown` is the name used in messages.
 * @throws OdfError when the file cannot be read or names no URL column.
 */
export async function readResourceList(file: string, shown = file): Promise<ResourceList> {
  return (await import('./run/url-list.js')).readResourceList(file, shown);
}

/**
 * Write `data` to `target` atomically: an interrupted run leaves no half file, and a failure leaves no
 * temporary. `inputs` are files the target must not be.
 * @throws OdfError('output-error') with one sentence (disk full, permission…).
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  inputs: readonly string[] = [],
): Promise<void> {
  return (await import('./output/atomic.js')).writeFileAtomic(target, data, inputs);
}

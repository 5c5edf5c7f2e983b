// The engine: inputs and options → the Report (docs/report.schema.json); the library and every command stand on it.
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { Lang } from '../findings/spec.js';
import type { LoadedSchema, TableSchema } from '../schema/types.js';
import type { MappingFile } from '../schema/mapping-file.js';
import type { SynonymTable } from '../schema/synonyms.js';
import type { FileReport, Report, SkippedFile } from '../report/types.js';
import { buildReport } from '../report/build.js';
import { scoreBatch } from '../report/score.js';
import { findConfig, type OdfConfig } from '../batch/config.js';
import type { Shard } from '../batch/shard.js';
import type { PrivacyMode } from '../privacy/index.js';
import type { ValidateOptions } from './options.js';
import { resolveInputs, namesOneFile, shareOf, type Share, type SourceResolver } from './inputs.js';
import { dataPackageResolver } from './datapackage.js';
import { planTasks, type ReadRequest } from './batch.js';
import type { MetadataOutcome, NormalizeRequest } from './outputs.js';
import type { FileTaskResult, TaskFailure, WrittenOutput } from './task.js';
import { failureOf, runJobs, startWorkers, type Job, type JobHooks } from './jobs.js';
import type { WorkerStart } from '../batch/pool.js';
import { takePrestarted } from './prestart.js';
import type { HistoryRequest } from './history.js';
import { createUrlResolver, type UrlOptions } from './url-sources.js';

/** What to run: the inputs, the schema and the options of `odf validate` / `odf normalize`. */
export interface RunRequest extends ReadRequest {
  /** `validate` (default) or `normalize` (then `normalize` says what to write). */
  command?: 'validate' | 'normalize';
  /** Files, folders, globs, '-' for standard input; none: the patterns of odf.config.yaml. */
  inputs: readonly string[];
  /** Folder relative inputs, schema and mapping paths are read from (default: the current folder). */
  cwd?: string;
  /** odf.config.yaml: a path, `true` to use the one in `cwd` when present, absent or false for none. */
  config?: string | boolean;
  /** Catalogue name (`scdl/budget@0.8.3`), path, URL, schema object or loaded schema (default: recognised). */
  schema?: string | TableSchema | LoadedSchema;
  /** Mapping file (path, or parsed) for every file. */
  mapping?: string | MappingFile;
  /** Extra synonyms (a synonyms file's path, or the table). */
  synonyms?: string | SynonymTable;
  /** Language of the report's messages (default French). */
  lang?: Lang;
  /** Warnings about the data make files invalid too. */
  strict?: boolean;
  /** Findings kept per file after this many errors (default 1000; counts stay exact). */
  limitErrors?: number;
  /**
   * Only these finding codes or `#tags` are reported and counted, in the stats, totals, verdicts and
   * score (`--pick-errors`, Frictionless's pick_errors). @throws OdfError on an unknown code or tag.
   */
  pickErrors?: readonly string[];
  /** These finding codes or `#tags` are left out, as if never found (`--skip-errors`). */
  skipErrors?: readonly string[];
  /**
   * `warning`: a warning about the data fails the run too (exit code 1, see exitCodeOf) without changing
   * the verdicts; recorded in the report. Default `error`.
   */
  failLevel?: 'error' | 'warning';
  /** Run the schema's custom checks (default true). */
  customChecks?: boolean;
  /** Apply similarity suggestions to the mapping (normalize --accept-suggestions). */
  acceptSuggestions?: boolean;
  /** Personal-data guard (default warn, or odf.config.yaml's `privacy`). */
  privacy?: PrivacyMode;
  /** Compute each file's column profile (default true; it costs about as much as the checks). */
  profile?: boolean;
  /**
   * Files processed at once on worker threads (default: the machine's cores; 1: this thread only); a
   * single big CSV file is validated in chunks on as many threads.
   */
  jobs?: number;
  /** Smallest file validated in chunks (default CHUNK_THRESHOLD); for tests. @internal */
  chunkThreshold?: number;
  /** What normalize writes (command `normalize`). */
  normalize?: NormalizeRequest;
  /**
   * A file the caller will write the report to: refused before any work when it is one of the inputs
   * (odf never overwrites what it reads).
   */
  reportOutput?: string;
  /** One named file that cannot be read throws its OdfError instead of being a report failure (the CLI). */
  throwOnSingleFailure?: boolean;
  /** Standard input, for '-'. */
  stdin?: NodeJS.ReadableStream;
  /** Standard output, for `normalize -o -`. */
  stdout?: { write(s: string | Uint8Array): unknown };
  /** fetch implementation for schema URLs. */
  fetch?: typeof fetch;
  /** Plug-ins that turn some inputs (archives…) into sources, asked before URLs, files, folders and globs. */
  resolvers?: readonly SourceResolver[];
  /**
   * Files given by URL (validate): inputs that are http(s) addresses are downloaded, right before they
   * are read, within these limits; `lists` adds the files of lists of URLs. No network otherwise.
   */
  urls?: UrlOptions;
  /** Read only this share of the inputs (`--shard K/N`): the report then says where each file belongs. */
  shard?: Shard;
  /**
   * Record the run in this history (SQLite) and take the result of a file whose content, schema,
   * options and odf have not changed from it instead of reading the file again (validate).
   */
  history?: HistoryRequest;
  /** Extra row observers per file (they run in this thread: the run then uses no worker thread). */
  observers?: ValidateOptions['observers'];
}

/** Where a run stands, for progress displays and observers of the run (history, shards…). */
export interface RunHooks extends JobHooks {
  /** The work starts: how many files, and for a one-file run its name and size (when known). */
  onStart?(info: { files: number; display?: string; bytes?: number }): void;
  /** Bytes read so far (one-file runs only). */
  onBytes?(bytes: number): void;
  /** A data row was read (one-file runs only). */
  onRow?(): void;
  /**
   * The file is read again from its start (a workbook whose sheet choice changed once all its sheets were
   * known): the rows onRow counted so far no longer count (one-file runs only).
   */
  onRestart?(): void;
  /** A file's report (or the failure that kept odf from reading it) is ready, in completion order. */
  onFileDone?(event: { index: number; display: string; report?: FileReport; failure?: TaskFailure }): void;
  /** Something about the inputs worth saying that is not a failure (rows of a list of URLs passed over). */
  onNotice?(message: string): void;
}

/** What a run produced. */
export interface RunOutcome {
  /** The report, scores included (the same object the JSON format prints). */
  report: Report;
  /** The files normalize wrote (absolute paths). */
  written: WrittenOutput[];
  /** The metadata normalize wrote, or why it wrote none. */
  metadata?: MetadataOutcome;
  /** The configuration used, when one was. */
  config?: OdfConfig;
  /** Seconds each file took, by the path its report (or failure) shows: JUnit's time attributes. */
  durations: Record<string, number>;
}

/** The failure sentence in the report's language. */
function failureMessage(f: TaskFailure, lang: Lang): string {
  return lang === 'en' && f.messageEn ? f.messageEn : f.message;
}

/** Rethrow a failure as the OdfError it was. */
function failureError(f: TaskFailure): OdfError {
  return new OdfError(f.code as OdfError['code'], f.message, f.data ?? {}, f.messageEn);
}

/**
 * The one report of a run, and the only way a report is built (`odf report merge` too): file reports (each
 * already scored) and failures, verdicts, the batch score, skipped files.
 */
export function assembleReport(
  files: FileReport[],
  failures: Report['failures'],
  skipped: SkippedFile[],
  lang: Lang,
  request: Pick<RunRequest, 'strict' | 'failLevel'>,
): Report {
  const strict = Boolean(request.strict);
  const report = buildReport(files, failures, lang, { strict });
  if (strict) report.strict = true;
  if (request.failLevel === 'warning') report.failLevel = 'warning';
  if (skipped.length) {
    report.skipped = skipped;
    report.summary.skipped = skipped.length;
  }
  const score = scoreBatch(report);
  if (score !== undefined) report.summary.score = score;
  return report;
}

/**
 * The run's report, in the order of the batch: the files' reports and failures, then the inputs refused;
 * a share's report says where each of them belongs in the whole batch.
 */
function assemble(jobs: readonly Job[], share: Share, request: RunRequest): Report {
  const lang = request.lang ?? 'fr';
  const files: FileReport[] = [];
  const failures: Report['failures'] = [];
  const positions = { files: [] as number[], failures: [] as number[], skipped: [] as number[] };
  for (const j of jobs) {
    const r = j.result!;
    if (r.ok) {
      files.push(r.report);
      positions.files.push(j.position);
    } else {
      failures.push({ path: r.failure.path, code: r.failure.code, message: failureMessage(r.failure, lang) });
      positions.failures.push(j.position);
    }
  }
  for (const { failure, position } of share.failures) {
    failures.push({ path: failure.path, code: failure.code, message: failureMessage(failure, lang) });
    positions.failures.push(position);
  }
  positions.skipped = share.skipped.map((s) => s.position);
  const skipped = share.skipped.map((s) => s.file);
  const report = assembleReport(files, failures, skipped, lang, request);
  if (request.shard) {
    const { index, total } = request.shard;
    report.shard = { index, total, inputs: share.inputs, positions };
  }
  return report;
}

/** The resolvers of a run: the caller's, then URLs for validate. */
function resolversOf(request: RunRequest, hooks: RunHooks, lang: Lang, cwd: string): SourceResolver[] {
  const list = [...(request.resolvers ?? [])];
  if (request.command !== 'normalize') {
    const notice = hooks.onNotice;
    const urls = { ...request.urls };
    if (urls.cacheDir !== undefined) urls.cacheDir = path.resolve(cwd, urls.cacheDir);
    list.push(
      createUrlResolver(urls, {
        fetch: request.fetch,
        notice: notice && ((fr, en) => notice(lang === 'en' ? en : fr)),
      }),
    );
  }
  return list;
}

/**
 * Run odf: resolve the inputs (files, folders, globs, '-', or odf.config.yaml's patterns), plan one
 * task per file (each schema and mapping file loaded once), validate or normalise every file (on worker
 * threads when there are several), and return the report. A file odf cannot read is a failure in the
 * report; with `throwOnSingleFailure`, the failure of a one-file run is thrown.
 * @throws OdfError when the options, the configuration, a schema or a mapping file cannot be used.
 */
export async function run(request: RunRequest, hooks: RunHooks = {}): Promise<RunOutcome> {
  const cwd = path.resolve(request.cwd ?? '.');
  const lang = request.lang ?? 'fr';
  const n = request.command === 'normalize' ? (request.normalize ?? {}) : undefined;
  // What only normalize, a history or a report file needs is loaded then: a validation does without it.
  const outputs = n ? await import('./outputs.js') : undefined;
  if (outputs && n) outputs.checkNormalizeRequest(n);
  const config =
    request.config === undefined || request.config === false
      ? undefined
      : await findConfig(cwd, request.config === true ? undefined : request.config);
  // The history first: a file that cannot be one fails the run before any download or reading.
  const history =
    request.history && !n ? (await import('./history.js')).RunHistory.open(request.history, cwd) : undefined;
  const resolvers = resolversOf(request, hooks, lang, cwd);
  let started: WorkerStart | undefined;
  try {
    const found = await resolveInputs(request.inputs, {
      cwd,
      config,
      ignore: outputs ? (f) => outputs.OWN_OUTPUT.test(f) : undefined,
      // URLs and their lists; a Data Package stands for its resources, each with its schema and dialect.
      resolvers: [...resolvers, dataPackageResolver],
    });
    const share = shareOf(found, request.shard);
    // The worker threads load their modules while this thread plans the tasks (not when the history
    // may leave them nothing to do).
    started = await startWorkers(
      share.sources.map((s) => s.source),
      { ...request, normalizeOutput: n?.output },
      history !== undefined,
    );
    const planned = await planTasks(
      share.sources.map((s) => s.source),
      { ...request, cwd, lang, profile: request.profile ?? true, producer: history !== undefined },
      config,
      failureOf,
    );
    const jobs: Job[] = planned.map((p, i) => {
      const { source, position } = share.sources[i]!;
      return p.ok
        ? { index: i, position, source, task: p.task }
        : { index: i, position, source, result: { ok: false, failure: p.failure } };
    });
    const tasks = jobs.flatMap((j) => (j.task ? [j.task] : []));
    if (request.reportOutput)
      await (
        await import('../output/atomic.js')
      ).refuseInputTarget(
        path.resolve(cwd, request.reportOutput),
        tasks.map((t) => t.path),
      );
    const shown = outputs && n ? await outputs.planOutputs(tasks, n, cwd) : undefined;
    await runJobs(
      jobs,
      { ...request, downloads: request.urls?.downloads, perHost: request.urls?.perHost },
      hooks,
      history,
      started,
    );
    const results = jobs.map((j) => j.result!);
    const single = await namesOneFile(request.inputs, found, cwd);
    const failed = results.find((r) => !r.ok);
    if (request.throwOnSingleFailure && single && failed && !failed.ok) throw failureError(failed.failure);
    // Recorded before anything is written: a run that cannot be recorded fails as a whole.
    history?.record(jobs);
    return await outcomeOf(jobs, share, results, request, config, n, shown, cwd);
  } finally {
    started?.close();
    // A worker the CLI prestarted for a run that failed before it could take it.
    takePrestarted()?.close();
    history?.close();
    await Promise.all(resolvers.map((r) => r.close?.()));
  }
}

/** The report, what normalize wrote and its metadata. */
async function outcomeOf(
  jobs: readonly Job[],
  share: Share,
  results: readonly FileTaskResult[],
  request: RunRequest,
  config: OdfConfig | undefined,
  n: NormalizeRequest | undefined,
  shown: Map<string, string> | undefined,
  cwd: string,
): Promise<RunOutcome> {
  const report = assemble(jobs, share, request);
  const durations = durationsOf(results);
  const written = results.flatMap((r) => (r.ok && r.written ? [r.written] : []));
  const outcome: RunOutcome = { report, written, durations };
  if (config) outcome.config = config;
  if (n && shown) {
    const { showOutputs, writeMetadata, showMetadata } = await import('./outputs.js');
    showOutputs(report.files, shown, cwd);
    const metadata = await writeMetadata(written, n, cwd);
    if (metadata) {
      outcome.metadata = metadata;
      showMetadata(report.files, metadata, cwd);
    }
  }
  return outcome;
}

/** Seconds each file took, by the path its report or failure shows. */
function durationsOf(results: readonly FileTaskResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    if (r.seconds !== undefined) out[r.ok ? r.report.path : r.failure.path] = r.seconds;
  }
  return out;
}

// The engine: inputs and options → the Report (docs/report.schema.json); the library and every command stand on it.
import os from 'node:os';
import { promises as fs } from 'node:fs';
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
import { runPool } from '../batch/pool.js';
import { refuseInputTarget } from '../output/atomic.js';
import type { PrivacyMode } from '../privacy/index.js';
import type { RowObserver } from '../validate/types.js';
import type { ValidateOptions } from './options.js';
import { resolveInputs, namesOneFile, type SourceResolver } from './inputs.js';
import { dataPackageResolver } from './datapackage.js';
import { planTasks, type ReadRequest } from './batch.js';
import {
  checkNormalizeRequest,
  OWN_OUTPUT,
  planOutputs,
  showMetadata,
  showOutputs,
  writeMetadata,
  type MetadataOutcome,
  type NormalizeRequest,
} from './outputs.js';
import { shareSchemas } from './shared.js';
import {
  runFileTask,
  type FileTask,
  type FileTaskResult,
  type TaskFailure,
  type WrittenOutput,
} from './task.js';

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
  /** Files processed at once on worker threads (default: the machine's cores; 1: this thread only). */
  jobs?: number;
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
  /** Plug-ins that turn some inputs (URLs…) into sources, asked before files, folders and globs. */
  resolvers?: readonly SourceResolver[];
  /** Extra row observers per file (they run in this thread: the run then uses no worker thread). */
  observers?: ValidateOptions['observers'];
}

/** Where a run stands, for progress displays and observers of the run (history, shards…). */
export interface RunHooks {
  /** The work starts: how many files, and for a one-file run its name and size (when known). */
  onStart?(info: { files: number; display?: string; bytes?: number }): void;
  /** Bytes read so far (one-file runs only). */
  onBytes?(bytes: number): void;
  /** A data row was read (one-file runs only). */
  onRow?(): void;
  /** A file's report (or the failure that kept odf from reading it) is ready, in completion order. */
  onFileDone?(event: { index: number; display: string; report?: FileReport; failure?: TaskFailure }): void;
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

/** The worker script, when running from the built package (tests run the TypeScript sources, in-thread). */
function workerScript(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : undefined;
}

/** The failure sentence in the report's language. */
function failureMessage(f: TaskFailure, lang: Lang): string {
  return lang === 'en' && f.messageEn ? f.messageEn : f.message;
}

/** Rethrow a failure as the OdfError it was. */
function failureError(f: TaskFailure): OdfError {
  return new OdfError(f.code as OdfError['code'], f.message, f.data ?? {}, f.messageEn);
}

async function sizeOf(file: string): Promise<number | undefined> {
  if (file === '-') return undefined;
  return fs.stat(file).then(
    (s) => s.size,
    () => undefined,
  );
}

/**
 * Run the tasks: one file in this thread (with byte and row progress), several on `jobs` worker
 * threads with this thread as one lane. Results keep input order. Standard input and output, and
 * observers, keep the work in this thread.
 */
async function execute(tasks: FileTask[], request: RunRequest, hooks: RunHooks): Promise<FileTaskResult[]> {
  const base = { stdin: request.stdin, stdout: request.stdout };
  const observers = request.observers;
  if (tasks.length === 1) {
    const task = tasks[0]!;
    hooks.onStart?.({ files: 1, display: task.display, bytes: await sizeOf(task.path) });
    const onRow = hooks.onRow;
    const progress: RowObserver | undefined = onRow && { row: () => onRow(), end: () => [] };
    const result = await runFileTask(task, {
      ...base,
      onProgress: hooks.onBytes,
      observers: (ctx) => [...(progress ? [progress] : []), ...(observers?.(ctx) ?? [])],
    });
    hooks.onFileDone?.({ index: 0, display: task.display, ...doneOf(result) });
    return [result];
  }
  hooks.onStart?.({ files: tasks.length });
  const inThread =
    observers !== undefined ||
    request.fetch !== undefined ||
    tasks.some((t) => t.path === '-' || t.normalize?.output === '-');
  const jobs = request.jobs && request.jobs > 0 ? request.jobs : os.availableParallelism();
  const shared = shareSchemas(tasks);
  return runPool(shared.tasks, {
    jobs,
    worker: inThread ? undefined : workerScript(),
    workerData: shared.data,
    inline: (t) => runFileTask(shared.resolve(t), { ...base, observers }),
    onDone: (i, r) => hooks.onFileDone?.({ index: i, display: tasks[i]!.display, ...doneOf(r) }),
  });
}

function doneOf(r: FileTaskResult): { report?: FileReport; failure?: TaskFailure } {
  return r.ok ? { report: r.report } : { failure: r.failure };
}

/**
 * The run's report: file reports (each already scored) and failures (the files' own, then the inputs
 * refused), verdicts, batch score, skipped files.
 */
function assemble(
  results: FileTaskResult[],
  inputs: { skipped: SkippedFile[]; failures?: TaskFailure[] },
  lang: Lang,
  request: Pick<RunRequest, 'strict' | 'failLevel'>,
): Report {
  const files: FileReport[] = [];
  const failures: Report['failures'] = [];
  const failed = (f: TaskFailure): void => {
    failures.push({ path: f.path, code: f.code, message: failureMessage(f, lang) });
  };
  for (const r of results) {
    if (r.ok) files.push(r.report);
    else failed(r.failure);
  }
  for (const f of inputs.failures ?? []) failed(f);
  const strict = Boolean(request.strict);
  const report = buildReport(files, failures, lang, { strict });
  if (strict) report.strict = true;
  if (request.failLevel === 'warning') report.failLevel = 'warning';
  const skipped = inputs.skipped;
  if (skipped.length) {
    report.skipped = skipped;
    report.summary.skipped = skipped.length;
  }
  const score = scoreBatch(report);
  if (score !== undefined) report.summary.score = score;
  return report;
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
  if (n) checkNormalizeRequest(n);
  const config =
    request.config === undefined || request.config === false
      ? undefined
      : await findConfig(cwd, request.config === true ? undefined : request.config);
  const found = await resolveInputs(request.inputs, {
    cwd,
    config,
    ignore: n ? (f) => OWN_OUTPUT.test(f) : undefined,
    // A Data Package stands for its resources, each with its schema and dialect.
    resolvers: [...(request.resolvers ?? []), dataPackageResolver],
  });
  const tasks = await planTasks(
    found.sources,
    { ...request, cwd, lang, profile: request.profile ?? true },
    config,
  );
  if (request.reportOutput)
    await refuseInputTarget(
      path.resolve(cwd, request.reportOutput),
      tasks.map((t) => t.path),
    );
  const shown = n ? await planOutputs(tasks, n, cwd) : undefined;
  const results = await execute(tasks, request, hooks);
  const single = await namesOneFile(request.inputs, found, cwd);
  const failed = results.find((r) => !r.ok);
  if (request.throwOnSingleFailure && single && failed && !failed.ok) throw failureError(failed.failure);
  const report = assemble(results, found, lang, request);
  const written = results.flatMap((r) => (r.ok && r.written ? [r.written] : []));
  const outcome: RunOutcome = { report, written, durations: durationsOf(results) };
  if (config) outcome.config = config;
  if (n && shown) {
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

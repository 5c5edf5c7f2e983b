// The batch side of validate and normalize: inputs and config → tasks, run on worker threads, report rendered in a format.
import os from 'node:os';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CliContext } from './context.js';
import type { Lang } from '../findings/spec.js';
import type { LoadedSchema } from '../schema/types.js';
import type { MappingFile } from '../schema/mapping-file.js';
import type { FileReport, Report, SkippedFile } from '../report/types.js';
import { readOptionsFrom } from './options.js';
import { resolveSchema } from '../validate/validate.js';
import { readMappingFile } from '../schema/mapping-file.js';
import { expandInputs, type BatchFile } from '../batch/expand.js';
import { findConfig, resolveSchemaRef, ruleFor, type OdfConfig } from '../batch/config.js';
import { runPool } from '../batch/pool.js';
import { OdfError } from '../errors.js';
import { buildReport } from '../report/build.js';
import { withScores } from '../report/score.js';
import { renderText, type TextOptions } from '../report/text.js';
import { renderBatchText } from '../report/batch-text.js';
import { renderJson } from '../report/json.js';
import { renderHtml } from '../report/html.js';
import { renderJunit } from '../report/junit.js';
import { renderGithub } from '../report/github.js';
import { renderGitlab } from '../report/gitlab.js';
import { renderMarkdown } from '../report/markdown.js';
import {
  runFileTask,
  type FileTask,
  type FileTaskResult,
  type TaskFailure,
  type WrittenOutput,
} from './file-task.js';
import { startBatchProgress, startFileProgress } from './progress.js';

/** The report formats of `--format`. */
export const REPORT_FORMATS = ['text', 'json', 'html', 'junit', 'github', 'gitlab', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options shared by validate and normalize for batches (the parsed CLI options). */
export interface BatchCliOptions {
  schema?: string;
  config?: string;
  jobs?: number;
  limitErrors?: number;
  quiet?: boolean;
  format: string;
  [k: string]: unknown;
}

/** The files of a run and what applies to each. */
export interface PreparedBatch {
  tasks: FileTask[];
  skipped: SkippedFile[];
  config?: OdfConfig;
  /** True when a failure should stop the run (one file named on the command line): exit 2 as before batches. */
  single: boolean;
}

const READ_KEYS = ['encoding', 'delimiter', 'quote', 'headerRow', 'sheet'] as const;

/**
 * Turn command-line inputs (and odf.config.yaml) into tasks: expand directories and globs, pick each
 * file's rule, load each schema and mapping file once. Without inputs, the config's patterns are the inputs.
 * @throws OdfError when there is nothing to read, the config is invalid, or a schema cannot be loaded.
 */
export async function prepareBatch(
  inputs: string[],
  o: BatchCliOptions,
  ctx: CliContext,
  extra: { ignore?: (file: string) => boolean; acceptSuggestions?: boolean } = {},
): Promise<PreparedBatch> {
  const config = await findConfig(ctx.cwd, o.config);
  let files: BatchFile[];
  let skipped: SkippedFile[];
  if (inputs.length) {
    ({ files, skipped } = await expandInputs(inputs, { cwd: ctx.cwd, ignore: extra.ignore }));
  } else if (config) {
    const patterns = [
      ...new Set(config.rules.flatMap((r) => r.files.map((f) => (f.includes('/') ? f : `**/${f}`)))),
    ];
    ({ files, skipped } = await expandInputs(patterns, { cwd: config.dir, ignore: extra.ignore }));
    // A pattern matching nothing is not an input the user typed: leave it out.
    files = files.filter((f) => f.path === '-' || !/[*?[{]/.test(f.display));
    const rel = path.relative(ctx.cwd, config.dir);
    if (rel) for (const f of files) f.display = `${rel.split(path.sep).join('/')}/${f.display}`;
  } else {
    throw new OdfError(
      'bad-option',
      'Indiquez les fichiers à traiter, ou placez un odf.config.yaml dans le dossier courant (ou --config FICHIER).',
      {},
      'Give the files to process, or put an odf.config.yaml in the current folder (or --config FILE).',
    );
  }

  const schemas = new Map<string, LoadedSchema>();
  const mappings = new Map<string, MappingFile>();
  const tasks: FileTask[] = [];
  for (const file of files) {
    const rule = config && file.path !== '-' ? ruleFor(config, file.path) : undefined;
    const ref = o.schema !== undefined ? resolveSchemaRef(o.schema, ctx.cwd) : rule?.schema;
    let schema: LoadedSchema | undefined;
    if (ref !== undefined) {
      schema = schemas.get(ref);
      if (!schema) {
        schema = (await resolveSchema(ref))!;
        // A schema file is read from an absolute path but shown as the user would write it.
        const shown = path.relative(ctx.cwd, ref).split(path.sep).join('/');
        const typedRelative = o.schema !== undefined ? !path.isAbsolute(o.schema) : !shown.startsWith('../');
        if (path.isAbsolute(ref) && schema.source === ref && typedRelative)
          schema = { ...schema, source: shown };
        schemas.set(ref, schema);
      }
    }
    let mapping: MappingFile | undefined;
    if (rule?.map) {
      mapping = mappings.get(rule.map);
      if (!mapping) {
        mapping = readMappingFile(rule.map);
        mappings.set(rule.map, mapping);
      }
    }
    const merged: Record<string, unknown> = { ...o };
    for (const k of READ_KEYS) {
      const v = rule?.options[k];
      if (merged[k] === undefined && v !== undefined) merged[k] = k === 'sheet' ? String(v) : v;
    }
    const { stdin: _stdin, ...read } = readOptionsFrom(merged, ctx);
    const task: FileTask = {
      path: file.path,
      display: file.display,
      lang: ctx.lang,
      read,
      limitErrors: o.limitErrors ?? rule?.options.limitErrors ?? 1000,
    };
    if (schema) task.schema = schema;
    if (mapping) task.mapping = mapping;
    if (rule?.options.customChecks !== undefined) task.customChecks = rule.options.customChecks;
    if (extra.acceptSuggestions) task.acceptSuggestions = true;
    const privacy = typeof o.privacy === 'string' ? o.privacy : config?.privacy;
    if (privacy === 'warn' || privacy === 'error' || privacy === 'off') task.privacy = privacy;
    tasks.push(task);
  }
  // Nothing to check is a failure, not a success: a mistyped glob must not turn a CI job green.
  if (tasks.length === 0) {
    const why = skipped.length
      ? ` (${skipped.length} ignoré${skipped.length > 1 ? 's' : ''} : format non pris en charge)`
      : '';
    const whyEn = skipped.length ? ` (${skipped.length} skipped: unsupported format)` : '';
    throw new OdfError(
      'file-not-found',
      `Aucun fichier à traiter${why} : vérifiez les chemins, les motifs et les règles de odf.config.yaml.`,
      { skipped: skipped.length },
      `No file to process${whyEn}: check the paths, the patterns and the rules of odf.config.yaml.`,
    );
  }
  const single =
    inputs.length === 1 &&
    tasks.length === 1 &&
    skipped.length === 0 &&
    !(await isDirectory(ctx.cwd, inputs[0]!));
  return { tasks, skipped, config, single };
}

async function isDirectory(cwd: string, input: string): Promise<boolean> {
  if (input === '-') return false;
  return fs.stat(path.resolve(cwd, input)).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The worker script, when running from the built package (tests run the TypeScript sources, in-thread). */
function workerScript(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : undefined;
}

/** What a batch produced: reports and failures in input order, and the files normalize wrote. */
export interface BatchOutcome {
  reports: FileReport[];
  failures: TaskFailure[];
  written: WrittenOutput[];
  /** Each task's own result, in task order (for callers that follow files one by one, e.g. the history). */
  results?: FileTaskResult[];
}

/**
 * Run the tasks: one file in this thread (with a byte/row progress line), several on `--jobs` worker
 * threads (default: the machine's cores) with a files-done progress line. Results keep input order.
 * Standard input and stdout output always run in this thread.
 */
export async function runBatch(
  tasks: FileTask[],
  o: BatchCliOptions,
  ctx: CliContext,
  progressEnabled: boolean,
  stdout?: { write(s: string | Uint8Array): unknown },
): Promise<BatchOutcome> {
  const jobs = o.jobs && o.jobs > 0 ? o.jobs : os.availableParallelism();
  let results: FileTaskResult[];
  if (tasks.length === 1) {
    const task = tasks[0]!;
    const total =
      task.path === '-'
        ? undefined
        : await fs.stat(task.path).then(
            (s) => s.size,
            () => undefined,
          );
    const progress = startFileProgress(ctx, task.display, total, progressEnabled);
    try {
      results = [
        await runFileTask(task, {
          stdin: ctx.stdin,
          stdout,
          onProgress: (b) => progress.onProgress(b),
          observers: [progress.observer],
        }),
      ];
    } finally {
      progress.stop();
    }
  } else {
    const inThread = tasks.some((t) => t.path === '-' || t.normalize?.output === '-');
    const progress = startBatchProgress(ctx, tasks.length, progressEnabled);
    try {
      results = await runPool(tasks, {
        jobs,
        worker: inThread ? undefined : workerScript(),
        inline: (t) => runFileTask(t, { stdin: ctx.stdin, stdout }),
        onDone: (i) => progress.done(tasks[i]!.display),
      });
    } finally {
      progress.stop();
    }
  }
  const out: BatchOutcome = { reports: [], failures: [], written: [], results };
  for (const r of results) {
    if (r.ok) {
      out.reports.push(r.report);
      if (r.written) out.written.push(r.written);
    } else out.failures.push(r.failure);
  }
  return out;
}

/** The failure sentence in the user's language. */
export function failureMessage(f: TaskFailure, lang: Lang): string {
  return lang === 'en' && f.messageEn ? f.messageEn : f.message;
}

/** Rethrow a failure as the OdfError it was (one-file runs end with exit 2 and the sentence on stderr). */
export function failureError(f: TaskFailure): OdfError {
  return new OdfError(f.code as OdfError['code'], f.message, f.data ?? {}, f.messageEn);
}

/** Assemble the run's report: verdicts (strict or not), scores, skipped files. */
export function assembleReport(
  outcome: BatchOutcome,
  skipped: SkippedFile[],
  lang: Lang,
  strict: boolean,
): Report {
  const failures = outcome.failures.map((f) => ({
    path: f.path,
    code: f.code,
    message: failureMessage(f, lang),
  }));
  const report = buildReport(outcome.reports, failures, lang, { strict });
  if (strict) report.strict = true;
  if (skipped.length) {
    report.skipped = skipped;
    report.summary.skipped = skipped.length;
  }
  return withScores(report);
}

/** True for formats read by machines, which must be alone on stdout (no progress line). */
export function isMachineFormat(format: string): boolean {
  return format !== 'text';
}

/**
 * Render a report in a format. Text keeps the single-file output of earlier versions; a batch (several
 * files, failures or skipped files) adds the per-file summary lines and the totals with the score.
 */
export function renderReport(report: Report, format: string, text: TextOptions): string {
  const lang = text.lang;
  switch (format as ReportFormat) {
    case 'json':
      return renderJson(report);
    case 'html':
      return renderHtml(report, { lang });
    case 'junit':
      return renderJunit(report, { lang });
    case 'github':
      return renderGithub(report, { lang });
    case 'gitlab':
      return renderGitlab(report, { lang });
    case 'markdown':
      return renderMarkdown(report, { lang });
    default: {
      const batch = report.files.length + report.failures.length > 1 || (report.skipped?.length ?? 0) > 0;
      return batch ? renderBatchText(report, text) : renderText(report, text);
    }
  }
}

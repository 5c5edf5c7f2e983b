// One file of a run: validate (or normalise) it and build its report, score and column profile once, in any thread.
import type { Lang } from '../findings/spec.js';
import type { OpenOptions } from '../io/types.js';
import type { LoadedSchema } from '../schema/types.js';
import type { MappingFile } from '../schema/mapping-file.js';
import type { FileReport } from '../report/types.js';
import type { ValidateOptions } from './options.js';
import { validateFile } from './validate-file.js';
import type { NormalizeResult } from './normalize-file.js';
import { buildFileReport } from '../report/build.js';
import { scoreFile } from '../report/score.js';
import type { ProfileLimits, Profiler } from '../profile/profile.js';
import { isOdfError } from '../errors.js';
import { codeFilter } from '../findings/filter.js';
import type { RedactSpec } from '../privacy/index.js';
import type { SynonymTable } from '../schema/synonyms.js';
import type { CatalogueSource } from '../schema/catalogue.js';
import type { ProducerInfo, ProducerWatch } from '../history/producer.js';

/** What normalize should write for one file. */
export interface NormalizeTask {
  output: string;
  bom?: boolean;
  keepExtra?: boolean;
  dropInvalid?: boolean;
  failOnError?: boolean;
  allowMissingRequired?: boolean;
  allowUndecodable?: boolean;
  /** `--redact`: columns or kinds of personal data to drop, mask or hash in the output. */
  redact?: RedactSpec;
  /** `--escape-formulas`: prefix formula-like cells with `'`. */
  escapeFormulas?: boolean;
}

/** One file to process: plain data, so it can be posted to a worker thread. */
export interface FileTask {
  /** Path to open (absolute, or '-'). */
  path: string;
  /** Path shown in the report. */
  display: string;
  lang: Lang;
  schema?: LoadedSchema;
  mapping?: MappingFile;
  /** Reading options without the stream and callbacks. */
  read: Omit<OpenOptions, 'stdin' | 'onProgress'>;
  limitErrors?: number;
  /** `--pick-errors` / `--skip-errors`: codes and `#tags` (plain data, for worker threads). */
  pickErrors?: string[];
  skipErrors?: string[];
  customChecks?: boolean;
  acceptSuggestions?: boolean;
  /** Extra synonyms from --synonyms. */
  synonyms?: SynonymTable;
  /** Personal-data guard mode (validateFile's default when absent). */
  privacy?: ValidateOptions['privacy'];
  /** Compute the column profile (default true). */
  profile?: boolean;
  /** Bounds of the column profile (its defaults when absent; tests use small ones). */
  profileLimits?: ProfileLimits;
  /** Set for `odf normalize`. */
  normalize?: NormalizeTask;
  /** The schema catalogue the main thread uses (bundled, cache or --catalogue DIR), for worker threads. */
  catalogue?: CatalogueSource;
  /** Read the file's producer from its data (validate --history). */
  producer?: boolean;
}

/** A file odf could not read, with the sentence in both languages. */
export interface TaskFailure {
  path: string;
  code: string;
  message: string;
  messageEn?: string;
  data?: Record<string, unknown>;
}

/** What normalize wrote for a file (for datapackage.json). */
export interface WrittenOutput {
  path: string;
  bytes: number;
  sha256: string;
  rows: number;
  columns: string[];
  /** The schema written against (given or recognised). */
  schema: LoadedSchema;
}

/** The outcome of a task: a report, or the failure that kept odf from reading the file. */
/** The outcome of a task (and the seconds it took, for JUnit's time attributes). */
export type FileTaskResult = (
  | { ok: true; report: FileReport; written?: WrittenOutput; producer?: ProducerInfo }
  | { ok: false; failure: TaskFailure }
) & { seconds?: number };

/** What only the main thread can give a task: standard input and output, progress callbacks. */
export interface TaskHooks {
  stdin?: NodeJS.ReadableStream;
  stdout?: { write(s: string | Uint8Array): unknown };
  onProgress?: (bytesRead: number) => void;
  /** Extra observers per file (e.g. a row counter for progress). */
  observers?: ValidateOptions['observers'];
}

function summaryOf(r: NormalizeResult, lang: Lang): NonNullable<FileReport['normalize']> {
  const s: NonNullable<FileReport['normalize']> = {
    counts: r.counts,
    repairs: r.repairs,
    droppedColumns: r.droppedColumns,
    cells: r.cells,
    cellsBeyondHeader: r.cellsBeyondHeader,
  };
  if (r.output)
    s.output = { path: r.output.path, bytes: r.output.bytes, sha256: r.output.sha256, rows: r.output.rows };
  else if (r.notWritten === 'required-field-unsourced')
    s.notWritten =
      lang === 'fr'
        ? 'Aucun fichier écrit : un champ obligatoire n’a pas de source alors que des colonnes ne servent pas (odf map pour vérifier, --map ou --allow-missing-required pour écrire).'
        : 'No file written: a required field has no source while columns are unused (odf map to check, --map or --allow-missing-required to write).';
  else if (r.notWritten === 'undecodable-bytes')
    s.notWritten =
      lang === 'fr'
        ? 'Aucun fichier écrit : des octets ne se lisent pas dans l’encodage du fichier et deviendraient « � » (voir l’erreur d’encodage : --encoding pour le bon encodage, --allow-undecodable pour écrire quand même).'
        : 'No file written: some bytes cannot be read in the file’s encoding and would become “�” (see the encoding error: --encoding for the right encoding, --allow-undecodable to write anyway).';
  else
    s.notWritten =
      lang === 'fr'
        ? 'Aucun fichier écrit : des erreurs restent (--fail-on-error).'
        : 'No file written: errors remain (--fail-on-error).';
  if (r.rejected) s.rejected = r.rejected;
  if (Object.keys(r.fixedFindings).length) s.fixed = r.fixedFindings;
  if (r.redactions.length) {
    s.redactions = r.redactions.map((x) => {
      const out: NonNullable<typeof s.redactions>[number] = {
        action: x.action,
        scope: x.scope,
        count: x.count,
      };
      if (x.column !== undefined) out.column = x.column;
      if (x.kind !== undefined) out.kind = x.kind;
      return out;
    });
  }
  return s;
}

/** Columns the personal-data guard flagged: their values stay out of the profile (only counts are kept). */
export function personalColumns(report: FileReport): (column: number) => boolean {
  const flagged = report.findings.filter((f) => f.code === 'personal-data-suspected');
  return (i) =>
    flagged.some(
      (f) =>
        f.fieldNumber === i + 1 ||
        (f.column !== undefined && f.column === report.labels[i]) ||
        (f.fieldName !== undefined &&
          (f.fieldName === report.labels[i] ||
            report.columns.some((c) => c.column === i + 1 && c.field === f.fieldName))),
    );
}

/** Failure data as plain JSON, so it survives the trip back from a worker thread. */
function plainData(data: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The validation options a file task asks for (one thread or chunks alike: one list, one verdict). */
export function taskValidateOptions(task: FileTask): ValidateOptions {
  return {
    ...task.read,
    schema: task.schema,
    mapping: task.mapping,
    limitErrors: task.limitErrors,
    keepCode: codeFilter({ pick: task.pickErrors, skip: task.skipErrors }),
    customChecks: task.customChecks,
    acceptSuggestions: task.acceptSuggestions,
    synonyms: task.synonyms,
    privacy: task.privacy,
  };
}

/**
 * Process one file: validate it (or normalise it when `task.normalize` is set), then build its report
 * with the score and the column profile. A failure odf reports (OdfError) becomes a result; anything
 * else is a bug and is thrown.
 */
export async function runFileTask(task: FileTask, hooks: TaskHooks = {}): Promise<FileTaskResult> {
  // Loaded when the task asks for them: a run of text reports without a history does without them.
  if (task.catalogue) (await import('../schema/catalogue-cache.js')).applyCatalogueSource(task.catalogue);
  const { createProfiler } = task.profile !== false ? await import('../profile/profile.js') : {};
  const { watchProducer } = task.producer ? await import('../history/producer.js') : {};
  const started = performance.now();
  const timed = (r: FileTaskResult): FileTaskResult => ({
    ...r,
    seconds: Math.round(performance.now() - started) / 1000,
  });
  let profiler: Profiler | undefined;
  let producer: ProducerWatch | undefined;
  const options: ValidateOptions = {
    ...taskValidateOptions(task),
    stdin: hooks.stdin,
    onProgress: hooks.onProgress,
    observers: (ctx) => {
      const list = [...(hooks.observers?.(ctx) ?? [])];
      if (createProfiler) {
        profiler = createProfiler(ctx, task.profileLimits);
        list.push(profiler.observer);
      }
      if (watchProducer) {
        producer = watchProducer(ctx);
        if (producer) list.push(producer.observer);
      }
      return list;
    },
  };
  try {
    let report: FileReport;
    let written: WrittenOutput | undefined;
    if (task.normalize) {
      const n = task.normalize;
      // Loaded on use: a validate run (and each of its worker threads) never loads the writers.
      const { normalizeFile } = await import('./normalize-file.js');
      const result = await normalizeFile(task.path, { ...options, ...n, stdout: hooks.stdout });
      report = buildFileReport(result.file, task.lang, task.display);
      report.normalize = summaryOf(result, task.lang);
      if (result.output && result.file.schema) written = { ...result.output, schema: result.file.schema };
    } else {
      report = buildFileReport(await validateFile(task.path, options), task.lang, task.display);
    }
    if (profiler) report.profile = profiler.result(personalColumns(report));
    report.score = scoreFile(report);
    const found = producer?.result();
    if (found)
      return timed(
        written ? { ok: true, report, written, producer: found } : { ok: true, report, producer: found },
      );
    return timed(written ? { ok: true, report, written } : { ok: true, report });
  } catch (e) {
    if (!isOdfError(e)) throw e;
    // The reader names the absolute path it opened; the report shows the path as the user wrote it.
    const shown = (m: string): string => (task.path === '-' ? m : m.split(task.path).join(task.display));
    const failure: TaskFailure = {
      path: task.display,
      code: e.code,
      message: shown(e.message),
      data: plainData(e.data),
    };
    if (e.messageEn) failure.messageEn = shown(e.messageEn);
    return timed({ ok: false, failure });
  }
}

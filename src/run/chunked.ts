// One big CSV file validated on several threads: cut at record boundaries, chunks merged in row order (issue 14).
import { Worker } from 'node:worker_threads';
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Finding } from '../findings/types.js';
import type { TextReading } from '../io/types.js';
import { dataStartOf, findChunks, type ChunkRange, type SplitDialect } from '../io/split-points.js';
import { mergePrivacyChunks } from '../privacy/index.js';
import { createFormulaScanner } from '../checks/formula-like-text.js';
import { codeFilter } from '../findings/filter.js';
import { runValidation } from '../validate/loop.js';
import { FindingSink } from '../validate/sink.js';
import type { FileResult, LoopResult } from '../validate/types.js';
import type { TableSchema } from '../schema/types.js';
import { buildFileReport } from '../report/build.js';
import { scoreFile } from '../report/score.js';
import { applyCatalogueSource } from '../schema/catalogue-cache.js';
import { prepareFile, type PreparedFile } from './prepare.js';
import { maskPersonalValues } from './validate-file.js';
import { privacyColumns } from './privacy-columns.js';
import { runChunk, type ChunkOutcome, type ChunkTask } from './chunk.js';
import type { ProfileChunk, ProfileMerge } from '../profile/profile.js';
import { personalColumns, taskValidateOptions, type FileTask, type FileTaskResult } from './task.js';

import { CHUNK_THRESHOLD } from './chunk-threshold.js';
export { CHUNK_THRESHOLD };
/** Chunks per lane: smaller chunks even out lanes that get less CPU (a loaded machine). */
const CHUNKS_PER_LANE = 4;
/** Values per column the personal-data guard samples (its default sample size). */
const PRIVACY_SAMPLE = 1000;
/** The head read to find where the data rows start (as the reader's widest head). */
const HEAD_BYTES = 4 * 1024 * 1024;
/**
 * At most this many values held for the merge of the personal-data guard (each chunk keeps up to its
 * sample size of values per column): a very wide file is read at once rather than held in memory.
 */
const MAX_DEFERRED_VALUES = 4_000_000;
/**
 * At most this many distinct values recorded at once by the chunks' column profiles (each chunk records
 * up to exactDistinct + 1 values per column with their texts; HELD_PER_LANE chunks per lane are held
 * before their merge): a very wide file's JSON report is made in one thread rather than in memory.
 * The ids of the values in row order (for the merge's replay of the frequent values) share this
 * budget: what the distinct values leave, IDS_PER_VALUE ids for a value.
 */
const MAX_RECORDED_VALUES = 4_000_000;
/**
 * Chunks per lane recorded or waiting for their merge at once, at most: a chunk is handed out only
 * when those before it, but this many per lane, are merged (the chunk size grows with the file).
 */
const HELD_PER_LANE = 2;
/**
 * Ids (2 bytes each) held in the place of one distinct value: its hash halves, count, index slots and
 * text take 50 bytes and more; 16 leaves room for the ids' arrays growing by doubling.
 */
const IDS_PER_VALUE = 16;
/** Encodings whose line breaks, delimiters and quotes are single ASCII bytes, never inside a character. */
const SPLITTABLE = new Set(['utf-8', 'windows-1252', 'iso-8859-1', 'iso-8859-15', 'macintosh']);

/** How a one-file run may use threads. */
export interface ChunkRequest {
  /** Threads to use, this one included (--jobs, else the cores). */
  lanes: number;
  /** Worker script (the built package); without it the chunks run in this thread, one after another. */
  worker?: URL;
  /** Smallest file cut into chunks (default CHUNK_THRESHOLD; tests use a tiny one). */
  threshold?: number;
  /** Values the chunks' profiles may hold at once (default MAX_RECORDED_VALUES; tests use a small one). */
  recordBudget?: number;
}

/**
 * Same-table foreign keys compare every row with every other at the end: such a file is read at once.
 * (Unique fields and primary keys are compared across chunks: see crossChunkDuplicate.)
 */
function hasForeignKeys(schema: TableSchema | undefined): boolean {
  return (schema?.foreignKeys?.length ?? 0) > 0;
}

/**
 * True when a key (a unique field's value, a primary key) of a chunk is also held by an earlier
 * chunk: its duplicate is on a row the chunk reported as a first occurrence, so the file must be read
 * at once. Otherwise every duplicate lies within one chunk, and its findings are those of one reading.
 */
function crossChunkDuplicate(outcomes: readonly ChunkOutcome[]): boolean {
  const keys = outcomes[0]?.keys.length ?? 0;
  for (let k = 0; k < keys; k++) {
    const seen = new Set<number>();
    for (const o of outcomes) {
      const hashes = o.keys[k]!;
      for (let i = 0; i < hashes.length; i++) if (seen.has(hashes[i]!)) return true;
      for (let i = 0; i < hashes.length; i++) seen.add(hashes[i]!);
    }
  }
  return false;
}

/** The split dialect of a text reading, or undefined when its delimiter or quote is not one ASCII byte. */
function splitDialect(text: TextReading): SplitDialect | undefined {
  const d = text.delimiter;
  const q = text.quoteChar;
  if (d.length !== 1 || d.charCodeAt(0) > 127 || q.length > 1 || (q && q.charCodeAt(0) > 127))
    return undefined;
  return { delimiter: d.charCodeAt(0), quote: q ? q.charCodeAt(0) : 0 };
}

/** Line breaks the head of a file must hold for the file to be cut (a header and a few rows). */
const MIN_HEAD_LINES = 8;

function lineBreaks(head: Buffer): number {
  let n = 0;
  for (let i = head.indexOf(10); i >= 0 && n < MIN_HEAD_LINES; i = head.indexOf(10, i + 1)) n++;
  // Old Mac files break lines with CR alone.
  for (let i = head.indexOf(13); i >= 0 && n < MIN_HEAD_LINES; i = head.indexOf(13, i + 1)) n++;
  return n;
}

async function headOf(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Validate one big CSV file on `lanes` threads, with the report one thread gives, byte for byte; or
 * undefined when the file is not cut (the caller then reads it at once): too small, not a regular
 * text file, UTF-16 or another multi-byte encoding, normalize, same-table foreign keys, split or
 * composed columns; and when anything in the chunks disagrees with one reading (their row counts and
 * lines, a reader finding, a failure in a worker, a unique value or primary key in two chunks, a
 * column profile the chunks cannot rebuild), the parallel work is dropped and the caller reads the
 * file at once.
 *
 * The worker threads start first, so that they load while this thread opens the file, finds its
 * schema and maps its columns; each chunk is handed out as soon as the byte scan has found its end.
 */
export async function runChunkedTask(
  task: FileTask,
  request: ChunkRequest,
): Promise<FileTaskResult | undefined> {
  const threshold = request.threshold ?? CHUNK_THRESHOLD;
  if (request.lanes < 2 || task.path === '-' || task.normalize || task.producer) return undefined;
  // Synchronous: in a batch, one thread-pool round trip per file for a stat (see io/open.ts).
  let size = 0;
  try {
    const st = statSync(task.path);
    if (st.isFile()) size = st.size;
  } catch {
    // Read at once: the reader says why it cannot be read.
  }
  if (size < threshold) return undefined;
  // A file whose head holds hardly any line break (one enormous line: hostile, or not a table) is read at
  // once: preparing it here, only to find no place to cut it, would read its first line twice.
  if (lineBreaks(await headOf(task.path, size).catch(() => Buffer.alloc(0))) < MIN_HEAD_LINES)
    return undefined;
  if (task.catalogue) applyCatalogueSource(task.catalogue);
  const started = performance.now();
  const workers: Worker[] = [];
  for (let w = 0; request.worker && w < request.lanes - 1; w++) {
    const worker = new Worker(request.worker);
    // A worker that fails to start fails its chunks (postChunk), and the file is read at once.
    worker.on('error', () => {});
    workers.push(worker);
  }
  try {
    const prepared = await prepareFile(task.path, taskValidateOptions(task)).catch(() => undefined);
    // A file that cannot be prepared: the reading in one thread meets the same failure and reports it.
    if (!prepared) return undefined;
    const plan = await planChunks(prepared, task, size);
    if (!plan) return undefined;
    const chunks = request.lanes * CHUNKS_PER_LANE;
    if (task.privacy !== 'off' && prepared.labels.length * chunks * PRIVACY_SAMPLE > MAX_DEFERRED_VALUES)
      return undefined;
    const recorded = (task.profileLimits?.exactDistinct ?? 10_000) + 1;
    const held = HELD_PER_LANE * request.lanes;
    const perChunk = Math.floor((request.recordBudget ?? MAX_RECORDED_VALUES) / held);
    const spare = perChunk - prepared.labels.length * recorded;
    if (task.profile !== false && spare < 0) return undefined;
    // Loaded on use, as for one reading: a run of text reports does without it.
    const profiles =
      task.profile === false
        ? undefined
        : new ProfilesInOrder(
            new (await import('../profile/profile.js')).ProfileMerge(
              { labels: prepared.labels, schema: prepared.schema?.schema, mapping: prepared.mapping },
              task.profileLimits,
            ),
          );
    const queue = new ChunkQueue();
    if (profiles) queue.limit = held;
    const scanned = findChunks(
      plan.text.path,
      plan.start.offset,
      plan.start.line,
      size,
      chunks,
      plan.dialect,
      (range) => queue.push(plan.taskOf(range)),
    ).finally(() => queue.close());
    // A chunk that does not read as one reading would stops the handing out of chunks at once.
    // The profile is merged as the chunks come, in order (their recordings let go at once).
    const check = (i: number, t: ChunkTask, o: ChunkOutcome): boolean => {
      if (!agrees(t.range, o, i, plan.firstCells)) return false;
      if (!profiles) return true;
      const merged = profiles.offer(i, o.profile);
      delete o.profile;
      queue.limit = profiles.merged + held;
      return merged;
    };
    // A column the chunks before have frozen needs only its counts from the next chunk.
    const prepare = (t: ChunkTask): void => {
      if (!profiles) return;
      t.profileFrozen = profiles.merge.frozen();
      t.profileIds = spare * IDS_PER_VALUE;
    };
    const [ranges, outcomes] = await Promise.all([scanned, runChunks(queue, workers, check, prepare)]);
    if (!outcomes || ranges.length < 2 || outcomes.length !== ranges.length) return undefined;
    if (crossChunkDuplicate(outcomes)) return undefined;
    const file = await mergeChunks(prepared, task, outcomes);
    const report = buildFileReport(file, task.lang, task.display);
    if (profiles) {
      if (profiles.merged !== outcomes.length) return undefined;
      report.profile = profiles.merge.result(personalColumns(report));
    }
    report.score = scoreFile(report);
    return { ok: true, report, seconds: Math.round(performance.now() - started) / 1000 };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** How a prepared file is cut, or why not (undefined); its reading is closed either way. */
interface ChunkPlan {
  text: TextReading;
  dialect: SplitDialect;
  /** Where the data rows start, and the line of the first. */
  start: { offset: number; line: number };
  /** The first data row's cells as the sample read them. */
  firstCells: string[];
  taskOf(range: ChunkRange): ChunkTask;
}

async function planChunks(
  prepared: PreparedFile,
  task: FileTask,
  size: number,
): Promise<ChunkPlan | undefined> {
  const { table } = prepared;
  const it = prepared.rows[Symbol.asyncIterator]();
  const first = await it.next();
  await it.return?.();
  await table.close?.();
  const text = table.text;
  if (
    first.done ||
    !text ||
    !SPLITTABLE.has(text.encoding) ||
    prepared.composed ||
    prepared.split ||
    hasForeignKeys(prepared.schema?.schema)
  )
    return undefined;
  const dialect = splitDialect(text);
  if (!dialect) return undefined;
  const start = dataStartOf(await headOf(text.path, size), text.records, dialect);
  if (!start || start.line !== first.value.line) return undefined;
  // The sample's rows already gave reader findings (a cut line, bad bytes): a chunk would too.
  const metLine = (f: { code: string; loc: { line?: number } }): boolean =>
    f.code !== 'encoding-guessed' && f.loc.line !== undefined && f.loc.line >= start.line;
  if (table.meta.findings.some(metLine)) return undefined;
  const read = {
    maxCellLength: task.read.maxCellLength,
    maxLineLength: task.read.maxLineLength,
    maxColumns: task.read.maxColumns,
  };
  return {
    text,
    dialect,
    start,
    firstCells: first.value.cells,
    taskOf: (range) => ({
      text,
      range,
      read,
      labels: prepared.labels,
      schema: prepared.schema,
      mapping: prepared.mapping,
      limitErrors: task.limitErrors ?? 1000,
      pickErrors: task.pickErrors,
      skipErrors: task.skipErrors,
      customChecks: task.customChecks,
      privacy: task.privacy ?? 'warn',
      profile: task.profile === false ? undefined : (task.profileLimits ?? {}),
    }),
  };
}

/**
 * True when a chunk read exactly what one reading gives: as many rows as the scan counted, from the
 * row and line it said (the first chunk: the row the sample read first), and no reader finding (those
 * are said once per file, or counted over it: one reading reports them).
 */
function agrees(range: ChunkRange, o: ChunkOutcome, i: number, firstCells: readonly string[]): boolean {
  if (o.rows !== range.rows || o.reading.length > 0) return false;
  if (o.first && (o.first.rowNumber !== range.rowNumber || o.first.line !== range.line)) return false;
  return i !== 0 || JSON.stringify(o.first?.cells) === JSON.stringify(firstCells);
}

/** The chunks' profiles, merged in row order as their outcomes come in any order. */
class ProfilesInOrder {
  private readonly waiting = new Map<number, ProfileChunk>();
  /** Chunks merged: 0 to merged - 1. */
  merged = 0;

  constructor(readonly merge: ProfileMerge) {}

  /** Take chunk `i`'s profile; false once the merge cannot go on (the file is then read at once). */
  offer(i: number, profile: ProfileChunk | undefined): boolean {
    if (!profile || !this.merge.ok) return false;
    this.waiting.set(i, profile);
    for (let p = this.waiting.get(this.merged); p; p = this.waiting.get(this.merged)) {
      this.waiting.delete(this.merged);
      if (!this.merge.add(p)) return false;
      this.merged++;
    }
    return true;
  }
}

/**
 * The chunks found so far, handed out in order to the lanes that ask, each once the chunks before it
 * but `limit` are done with (merged: see HELD_PER_LANE). Exported for its tests.
 */
export class ChunkQueue {
  private readonly tasks: ChunkTask[] = [];
  private taken = 0;
  private closed = false;
  private stopped = false;
  private waiting: (() => void)[] = [];
  private bound = Infinity;

  /** Chunks from this one on wait (the chunk at `limit - 1` is the last handed out). */
  set limit(n: number) {
    this.bound = n;
    this.wake();
  }

  push(task: ChunkTask): void {
    this.tasks.push(task);
    this.wake();
  }

  /** No more chunks will be found. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Hand out no more chunks (one failed). */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** The next chunk and its place, or undefined once every chunk is handed out (or none is to be). */
  async next(): Promise<{ i: number; task: ChunkTask } | undefined> {
    // Nothing is handed out before a second chunk is known: a file the scan cannot cut is read at once.
    for (;;) {
      if (this.stopped) return undefined;
      const found = this.taken < this.tasks.length && this.tasks.length >= 2;
      if (found && this.taken < this.bound) break;
      if (!found && this.closed) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    const i = this.taken++;
    return { i, task: this.tasks[i]! };
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = [];
    for (const resolve of w) resolve();
  }
}

/**
 * Run the chunks on the workers and this thread, as they come; undefined as soon as a chunk failed or
 * `check` refuses what it read (the chunks being read end, no other starts).
 */
async function runChunks(
  queue: ChunkQueue,
  workers: readonly Worker[],
  check: (i: number, task: ChunkTask, outcome: ChunkOutcome) => boolean,
  prepare: (task: ChunkTask) => void,
): Promise<ChunkOutcome[] | undefined> {
  const outcomes: ChunkOutcome[] = [];
  let failed = false;
  const lane = async (run: (t: ChunkTask) => Promise<ChunkOutcome | undefined>): Promise<void> => {
    for (;;) {
      const next = failed ? undefined : await queue.next();
      if (!next) return;
      prepare(next.task);
      const o = await run(next.task);
      if (o === undefined || !check(next.i, next.task, o)) {
        failed = true;
        // Lanes waiting for the chunk before theirs to be merged would wait for ever.
        queue.stop();
      } else outcomes[next.i] = o;
    }
  };
  await Promise.all([
    ...workers.map((w) => lane((t) => postChunk(w, t))),
    lane((t) => runChunk(t).catch(() => undefined)),
  ]);
  return failed ? undefined : outcomes;
}

let messageId = 0;

/** One chunk on a worker thread; undefined when it failed there. */
function postChunk(worker: Worker, task: ChunkTask): Promise<ChunkOutcome | undefined> {
  const id = ++messageId;
  return new Promise((resolve) => {
    const onMessage = (m: { id: number; ok: boolean; outcome?: ChunkOutcome }): void => {
      if (m.id !== id) return;
      done();
      resolve(m.ok ? m.outcome : undefined);
    };
    const onError = (): void => {
      done();
      resolve(undefined);
    };
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onError);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    // A worker that has already stopped answers nothing: its 'exit' came before, hence threadId -1.
    if (worker.threadId < 0) return onError();
    worker.on('exit', onError);
    worker.postMessage({ id, task });
  });
}

/**
 * The result one reading gives, from the chunks in row order: the findings before the rows (the
 * structure's, the schema's, the mapping's: from a pass over no row), each chunk's row findings
 * through one error limit, then what the checks and observers say at the end from the merged
 * counts (number-spaces, personal data, formulas), the reading findings first.
 */
async function mergeChunks(
  prepared: PreparedFile,
  task: FileTask,
  outcomes: readonly ChunkOutcome[],
): Promise<FileResult> {
  const { table, labels, schema, mapping, recognized } = prepared;
  const meta = table.meta;
  const limit = task.limitErrors ?? 1000;
  const keepCode = codeFilter({ pick: task.pickErrors, skip: task.skipErrors });
  const before = await beforeRows(prepared, task, limit, keepCode);
  const sink = new FindingSink(limit, keepCode);
  for (const f of before) sink.add(f);
  const counted = { rows: 0, cells: 0, invalidRows: 0 };
  for (const o of outcomes) {
    counted.rows += o.rows;
    counted.cells += o.cells;
    counted.invalidRows += o.invalidRows;
    for (const f of o.rowFindings) sink.add(f);
    sink.addUnkept(o.unkept);
  }
  for (const f of mergeNumberSpaces(outcomes)) sink.add(f);
  const mode = task.privacy ?? 'warn';
  const privacy =
    mode === 'off'
      ? undefined
      : mergePrivacyChunks(
          privacyColumns(labels, schema, mapping),
          { mode, schemaName: schema?.name },
          outcomes.map((o) => o.privacy!),
        );
  if (privacy) for (const f of privacy.end()) sink.add(f);
  const formulas = createFormulaScanner(labels);
  for (const o of outcomes) formulas.absorb(o.formulas);
  for (const f of formulas.end()) sink.add(f);
  sink.prepend(meta.findings);
  meta.rowCount = counted.rows;
  const run: LoopResult = sink.result(counted);
  if (privacy) maskPersonalValues(run.findings, labels, privacy.decisions());
  return { path: meta.path, meta, schema, recognized, mapping, run, privacy: privacy?.decisions() };
}

/** The findings a pass gives before its first row (labels, schema, mapping, custom checks' declarations). */
async function beforeRows(
  prepared: PreparedFile,
  task: FileTask,
  limit: number,
  keepCode: ((code: string) => boolean) | undefined,
): Promise<Finding[]> {
  const sink = new FindingSink(limit, keepCode);
  const none: AsyncIterable<never> = {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.resolve({ done: true, value: undefined as never }),
    }),
  };
  // The structure's end (no data) is not one of them: the chunks hold the rows.
  await runValidation(prepared.labels, none, prepared.schema?.schema, prepared.mapping, prepared.initial, {
    sink,
    limitErrors: limit,
    keepCode,
    customChecks: task.customChecks,
  });
  return sink.findings.filter((f) => f.code !== 'no-data' && f.code !== 'no-table');
}

/** One `number-spaces` finding per column: the first chunk's (its first cell), with the count of all. */
function mergeNumberSpaces(outcomes: readonly ChunkOutcome[]): Finding[] {
  const byField = new Map<number | undefined, Finding>();
  for (const o of outcomes) {
    for (const f of o.numberSpaces) {
      const known = byField.get(f.loc.fieldNumber);
      if (!known) byField.set(f.loc.fieldNumber, { ...f, params: { ...f.params } });
      else known.params.count = Number(known.params.count) + Number(f.params.count);
    }
  }
  return [...byField.values()];
}

// A run's history (RunRequest.history): results of unchanged files taken from it, every file's outcome recorded in it.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { LoadedSchema } from '../schema/types.js';
import { History, type ObservationInput, type RunInfo } from '../history/store.js';
import type { FileTask, FileTaskResult } from './task.js';
import type { FetchedCopy, Source } from './inputs.js';
import { ODF_VERSION } from './version.js';

/** Where a run is recorded, and under which key and date. */
export interface HistoryRequest {
  /** The history file (SQLite), created when absent; relative to the run's `cwd`. */
  file: string;
  /** The run's key, shared by the shards of one run (default: its date). */
  runKey?: string;
  /** When the run started (default: now). */
  runDate?: string | Date;
}

/** What is known of a file's content before it is read: the key of its result in the history. */
export interface ContentInfo {
  sha256: string;
  bytes: number;
}

/** One file of a run as the history sees it. */
export interface HistoryEntry {
  source: Source;
  task?: FileTask;
  result?: FileTaskResult;
  copy?: FetchedCopy;
  content?: ContentInfo;
  fingerprint?: string;
  reused?: boolean;
}

export { ciRunKey } from './ci-run-key.js';

/** An ISO 8601 date without milliseconds: what the history and the observatory show. */
function isoSeconds(t: Date): string {
  return t.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The key and date of a run. @throws OdfError('bad-option') when the date is not one. */
export function runInfoOf(request: HistoryRequest, now = new Date()): RunInfo {
  let startedAt = isoSeconds(now);
  const d = request.runDate;
  if (d !== undefined) {
    const t = typeof d === 'string' ? Date.parse(d) : d.getTime();
    if (!Number.isFinite(t)) {
      throw new OdfError(
        'bad-option',
        `L'option --run-date attend une date ISO 8601 (2026-03-01 ou 2026-03-01T02:00:00Z), pas « ${String(d)} ».`,
        { option: '--run-date' },
        `Option --run-date expects an ISO 8601 date (2026-03-01 or 2026-03-01T02:00:00Z), not "${String(d)}".`,
      );
    }
    startedAt = isoSeconds(new Date(t));
  }
  return { key: request.runKey ?? startedAt, startedAt, odfVersion: ODF_VERSION };
}

/** SHA-256 of a local file, streamed; undefined when it cannot be read (the task then says why). */
async function hashFile(file: string): Promise<ContentInfo | undefined> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch {
    return undefined;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Each schema's digest, computed once per loaded object (a batch shares a few). */
const schemaDigests = new WeakMap<LoadedSchema, string>();

function schemaDigest(schema: LoadedSchema): string {
  let d = schemaDigests.get(schema);
  if (d === undefined) {
    d = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    schemaDigests.set(schema, d);
  }
  return d;
}

/**
 * The key of a validation result: the same content, name, schema, options and odf give the same report,
 * so a run may take an earlier run's instead of validating again. The local path is left out (a URL's
 * copy moves between runs); the schema counts by its digest.
 */
export function fingerprintOf(task: FileTask, contentHash: string): string {
  const { path: _path, schema, ...rest } = task;
  return createHash('sha256')
    .update(
      JSON.stringify({
        contentHash,
        odf: ODF_VERSION,
        schema: schema ? schemaDigest(schema) : null,
        task: rest,
      }),
    )
    .digest('hex');
}

/** A history open for one run: reuse before validating, record once every file is done. */
export class RunHistory {
  readonly run: RunInfo;
  private readonly history: History;

  private constructor(history: History, run: RunInfo) {
    this.history = history;
    this.run = run;
  }

  /**
   * Open (or create) the history of a run, before any work: a file that is not a history, damaged,
   * locked or from a newer odf fails the run at once, in one sentence, and is left as it was.
   * @throws OdfError('history-error' | 'bad-option')
   */
  static open(request: HistoryRequest, cwd: string, now = new Date()): RunHistory {
    const run = runInfoOf(request, now);
    return new RunHistory(History.open(path.resolve(cwd, request.file), { shown: request.file }), run);
  }

  /**
   * Find what an earlier run found for this file's content: the entry's content (its copy's, or the hash
   * of the local file), its fingerprint and, when the history has it, its result (then `reused`).
   */
  async reuse(entry: HistoryEntry): Promise<void> {
    const task = entry.task;
    if (!task || entry.result || task.path === '-') return;
    entry.content ??= entry.copy
      ? { sha256: entry.copy.sha256, bytes: entry.copy.bytes }
      : await hashFile(task.path);
    if (!entry.content) return;
    entry.fingerprint = fingerprintOf(task, entry.content.sha256);
    const stored = this.history.findResult(entry.fingerprint);
    if (!stored) return;
    entry.reused = true;
    const report = { ...stored.report, path: task.display };
    entry.result = stored.producer ? { ok: true, report, producer: stored.producer } : { ok: true, report };
  }

  /** Record the run and every file's outcome, in one transaction. */
  record(entries: readonly HistoryEntry[]): void {
    this.history.recordRun(this.run, entries.map(observationOf));
  }

  close(): void {
    this.history.close();
  }
}

/** What the history keeps of one file of the run. */
function observationOf(e: HistoryEntry): ObservationInput {
  const o: ObservationInput = {
    name: e.source.display,
    kind: e.source.fetch ? 'url' : 'file',
    reused: Boolean(e.reused),
  };
  if (e.source.catalogue) o.catalogue = e.source.catalogue;
  if (e.content) {
    o.contentHash = e.content.sha256;
    o.bytes = e.content.bytes;
  }
  if (e.copy?.lastModified) o.lastModified = e.copy.lastModified;
  if (e.copy?.notModified !== undefined) o.notModified = e.copy.notModified;
  const r = e.result;
  if (r?.ok) {
    // Without a content hash (standard input), the result is kept under the hash of its own report.
    const fingerprint =
      e.fingerprint ?? `report:${createHash('sha256').update(JSON.stringify(r.report)).digest('hex')}`;
    o.result = { fingerprint, report: r.report };
    if (r.producer) o.result.producer = r.producer;
  } else if (r) {
    const f = r.failure;
    o.failure = { code: f.code, message: f.message };
    if (f.messageEn) o.failure.messageEn = f.messageEn;
    if (typeof f.data?.kind === 'string') o.failure.kind = f.data.kind;
    if (typeof f.data?.status === 'number') o.failure.status = f.data.status;
  }
  return o;
}

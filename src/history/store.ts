// The history of runs: what each run found for each file or URL, stored so that unchanged files need no second check.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FileReport } from '../report/types.js';
import { catalogue, isFindingCode } from '../findings/catalogue.js';
import type { CatalogueInfo } from '../net/resources.js';
import type { ProducerInfo } from './producer.js';
export type { ProducerInfo } from './producer.js';
import {
  guarded,
  openHistoryDb,
  type HistoryDb,
  type OpenDbOptions,
  type SqlRow,
  type SqlValue,
} from './db.js';

/** What `History.prune` removed, and what is left. */
export interface PruneOutcome {
  runs: number;
  observations: number;
  results: number;
  files: number;
  runsLeft: number;
  /** False when the file could not be compacted (it stays valid, at its former size). */
  compacted: boolean;
}

/** One run: its key (shards of one run share it), when it started, which odf ran it. */
export interface RunInfo {
  key: string;
  /** ISO 8601 date and time. */
  startedAt: string;
  odfVersion: string;
}

/** A validation result as kept: the file's report (without its path) and its producer. */
export interface StoredResult {
  fingerprint: string;
  report: FileReport;
  producer?: ProducerInfo;
}

/** Why a file could not be checked in a run. */
export interface ObservedFailure {
  code: string;
  message: string;
  messageEn?: string;
  /** download.ts's failure kind (http, timeout, too-large…), for downloads. */
  kind?: string;
  /** HTTP status, for HTTP errors. */
  status?: number;
}

/** What one run saw of one file or URL. */
export interface ObservationInput {
  /** The URL, or the path as shown in reports. */
  name: string;
  kind: 'url' | 'file';
  catalogue?: CatalogueInfo;
  contentHash?: string;
  bytes?: number;
  /** The server's Last-Modified. */
  lastModified?: string;
  /** The server answered 304: the cached copy was used. */
  notModified?: boolean;
  /** True when the result was taken from an earlier run (same content, schema, odf and options). */
  reused: boolean;
  result?: StoredResult;
  failure?: ObservedFailure;
}

/** A result as the observatory reads it: totals and counts, not the whole report. */
export interface ResultSummary {
  schemaName?: string;
  schemaVersion?: string;
  schemaSource?: string;
  valid: boolean;
  score?: number;
  rows: number;
  errors: number;
  warnings: number;
  infos: number;
  partial: boolean;
  producer?: ProducerInfo;
  /**
   * Exact counts: per code (`field` empty), and per column (`code` and `level` empty: the column's errors
   * and warnings). See countFindings.
   */
  counts: { code: string; level: string; field: string; n: number }[];
}

/** A resource as the observatory reads it, with the latest catalogue metadata recorded for it. */
export interface ResourceRow {
  name: string;
  kind: 'url' | 'file';
  catalogue: CatalogueInfo;
}

/** An observation as the observatory reads it (keys instead of row ids, so merged files read the same). */
export interface ObservationRow {
  run: string;
  resource: string;
  status: 'checked' | 'failed';
  reused: boolean;
  contentHash?: string;
  bytes?: number;
  lastModified?: string;
  notModified?: boolean;
  result?: string;
  failure?: ObservedFailure;
  odfVersion: string;
}

/** The whole history as plain data, in a stable order (runs by date then key, the rest by name). */
export interface HistoryData {
  runs: RunInfo[];
  resources: ResourceRow[];
  observations: ObservationRow[];
  results: Map<string, ResultSummary>;
}

const CATALOGUE_COLUMNS: [keyof CatalogueInfo, string][] = [
  ['title', 'title'],
  ['resourceId', 'resource_id'],
  ['datasetId', 'dataset_id'],
  ['datasetTitle', 'dataset_title'],
  ['organization', 'organization'],
  ['organizationId', 'organization_id'],
  ['schemaName', 'declared_schema'],
  ['schemaVersion', 'declared_version'],
];

/**
 * What the history counts of a report: the exact totals per code (`field` empty) and per column (`code`
 * empty: the errors and warnings of that column), counted over every row whatever --limit-errors kept.
 * A report without totals (written by an older odf) is counted from the findings it lists.
 */
export function countFindings(report: FileReport): ResultSummary['counts'] {
  const levels = new Map<string, string>();
  for (const f of report.findings) if (!levels.has(f.code)) levels.set(f.code, f.level);
  const out: ResultSummary['counts'] = [];
  if (report.totals) {
    for (const [code, n] of Object.entries(report.totals.byCode))
      if (n > 0) out.push({ code, level: levels.get(code) ?? levelOf(code), field: '', n });
    for (const [field, n] of Object.entries(report.totals.byColumn))
      if (n > 0) out.push({ code: '', level: '', field, n });
  } else {
    const byCode = new Map<string, number>();
    const byColumn = new Map<string, number>();
    for (const f of report.findings) {
      byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
      const field = f.fieldName ?? f.column;
      if (field !== undefined && f.level !== 'info') byColumn.set(field, (byColumn.get(field) ?? 0) + 1);
    }
    for (const [code, n] of byCode) out.push({ code, level: levels.get(code)!, field: '', n });
    for (const [field, n] of byColumn) out.push({ code: '', level: '', field, n });
  }
  return out.sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : a.field < b.field ? -1 : a.field > b.field ? 1 : 0,
  );
}

/** A code's level in the catalogue (a code this odf does not know counts as an error). */
function levelOf(code: string): string {
  return isFindingCode(code) ? catalogue[code]!.level : 'error';
}

function nul<T>(v: T | undefined): T | null {
  return v === undefined ? null : v;
}

/**
 * A history file, open for recording (validate --history) or reading (the observatory). Every method
 * turns SQLite failures into one sentence (OdfError `history-error`); a run is recorded in one
 * transaction, so an interruption leaves the earlier runs as they were.
 */
export class History {
  readonly file: string;
  private readonly db: HistoryDb;

  private constructor(file: string, db: HistoryDb) {
    this.file = file;
    this.db = db;
  }

  /** Open or create a history file (see openHistoryDb). */
  static open(file: string, options: OpenDbOptions = {}): History {
    return new History(options.shown ?? file, openHistoryDb(file, options));
  }

  close(): void {
    this.db.close();
  }

  private guard<T>(fn: () => T): T {
    return guarded(this.file, fn);
  }

  /** A result kept by an earlier run with this fingerprint (same content, schema, odf and options). */
  findResult(fingerprint: string): StoredResult | undefined {
    return this.guard(() => {
      const row = this.db.get(
        `SELECT reports.body AS report, producer_id, producer_name, producer_field
         FROM results JOIN reports ON reports.result_id = results.id WHERE fingerprint = ?`,
        fingerprint,
      );
      if (!row) return undefined;
      const report = JSON.parse(gunzipSync(row.report as Uint8Array).toString('utf8')) as FileReport;
      const out: StoredResult = { fingerprint, report };
      const producer = producerOf(row);
      if (producer) out.producer = producer;
      return out;
    });
  }

  /** Record a run and what it saw, in one transaction. Recording the same run key again adds to it. */
  recordRun(run: RunInfo, observations: readonly ObservationInput[]): void {
    this.guard(() =>
      this.db.transaction(() => {
        const runId = this.upsertRun(run);
        for (const o of observations) this.insertObservation(runId, run, o);
      }),
    );
  }

  private insertObservation(runId: number, run: RunInfo, o: ObservationInput): void {
    const resourceId = this.upsertResource(o.name, o.kind, o.catalogue, run.startedAt);
    const known = o.result ? this.resultId(o.result.fingerprint) : undefined;
    const resultId = o.result ? (known ?? this.insertResult(o.result)) : null;
    // A new content: the full report of the content it replaces is no longer needed for reuse.
    if (resultId !== null && known === undefined) this.forgetOldReports(resourceId, resultId, run.startedAt);
    this.db.run(
      `INSERT OR REPLACE INTO observations (run_id, resource_id, status, reused, content_hash, bytes,
       last_modified, not_modified, result_id, failure_code, failure_kind, http_status,
       failure_message, failure_message_en, odf_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      runId,
      resourceId,
      o.failure ? 'failed' : 'checked',
      o.reused ? 1 : 0,
      hashBytes(o.contentHash),
      nul(o.bytes),
      nul(o.lastModified),
      o.notModified === undefined ? null : o.notModified ? 1 : 0,
      resultId,
      nul(o.failure?.code),
      nul(o.failure?.kind),
      nul(o.failure?.status),
      nul(o.failure?.message),
      nul(o.failure?.messageEn),
      run.odfVersion,
    );
  }

  private resultId(fingerprint: SqlValue): number | undefined {
    const row = this.db.get(`SELECT id FROM results WHERE fingerprint = ?`, fingerprint);
    return row ? Number(row.id) : undefined;
  }

  /**
   * Drop the full reports (not the summaries nor the counts) of a file's earlier results once a later
   * run replaced them: reuse only ever needs a file's latest content, and the reports are most of the
   * file's size. Results still seen by this run or a later one are kept.
   */
  private forgetOldReports(resourceId: number, keep: number, at: string): void {
    this.db.run(
      `DELETE FROM reports
       WHERE result_id != ? AND result_id IN (
         SELECT result_id FROM observations WHERE resource_id = ? AND result_id IS NOT NULL
         EXCEPT
         SELECT o.result_id FROM observations o JOIN runs r ON r.id = o.run_id
         WHERE o.resource_id = ? AND r.started_at >= ? AND o.result_id IS NOT NULL)`,
      keep,
      resourceId,
      resourceId,
      at,
    );
  }

  private upsertRun(run: RunInfo): number {
    const row = this.db.get(`SELECT id, started_at FROM runs WHERE key = ?`, run.key);
    if (row) {
      // Shards of one run start at slightly different times: the run started with the first.
      if (run.startedAt < (row.started_at as string))
        this.db.run(`UPDATE runs SET started_at = ? WHERE id = ?`, run.startedAt, row.id!);
      return Number(row.id);
    }
    return this.db.run(
      `INSERT INTO runs (key, started_at, odf_version) VALUES (?, ?, ?)`,
      run.key,
      run.startedAt,
      run.odfVersion,
    ).lastInsertRowid;
  }

  private upsertResource(
    name: string,
    kind: string,
    catalogue: CatalogueInfo | undefined,
    at: string,
  ): number {
    const row = this.db.get(`SELECT id, meta_at FROM resources WHERE name = ?`, name);
    const id = row
      ? Number(row.id)
      : this.db.run(`INSERT INTO resources (name, kind) VALUES (?, ?)`, name, kind).lastInsertRowid;
    // The catalogue's latest word on a resource wins (its title or organisation may change).
    if (catalogue && (row?.meta_at == null || (row.meta_at as string) <= at)) {
      const sets = CATALOGUE_COLUMNS.map(([, c]) => `${c} = ?`).join(', ');
      this.db.run(
        `UPDATE resources SET meta_at = ?, ${sets} WHERE id = ?`,
        at,
        ...CATALOGUE_COLUMNS.map(([k]) => nul(catalogue[k])),
        id,
      );
    }
    return id;
  }

  private insertResult(result: StoredResult): number {
    const r = result.report;
    const stored = { ...r, path: '' };
    const id = this.db.run(
      `INSERT INTO results (fingerprint, schema_name, schema_version, schema_source, valid, score, rows,
         errors, warnings, infos, partial, producer_id, producer_name, producer_field)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      result.fingerprint,
      nul(r.schema?.name),
      nul(r.schema?.version),
      nul(r.schema?.source),
      r.valid ? 1 : 0,
      nul(r.score?.score),
      r.stats.rows,
      r.stats.errors,
      r.stats.warnings,
      r.stats.infos,
      r.partial ? 1 : 0,
      nul(result.producer?.id),
      nul(result.producer?.name),
      nul(result.producer?.field),
    ).lastInsertRowid;
    this.db.run(`INSERT INTO reports (result_id, body) VALUES (?, ?)`, id, gzipSync(JSON.stringify(stored)));
    for (const c of countFindings(r))
      this.db.run(
        `INSERT INTO counts (result_id, code, level, field, n) VALUES (?, ?, ?, ?, ?)`,
        id,
        c.code,
        c.level,
        c.field,
        c.n,
      );
    return id;
  }

  /**
   * Forget old runs: all but the `keepRuns` latest, and those started before `before` (ISO 8601), with
   * their observations, then the results, reports, counts and files no run refers to any more. One
   * transaction: interrupted, the history is as it was. Then the file is compacted (VACUUM); a file that
   * cannot be compacted (no room for the copy SQLite makes) stays valid at its size.
   */
  prune(options: { keepRuns?: number; before?: string }): PruneOutcome {
    const outcome = this.guard(() =>
      this.db.transaction(() => {
        const runs = this.db.all(`SELECT id, started_at FROM runs ORDER BY started_at DESC, key DESC`);
        const drop = runs
          .filter(
            (r, i) =>
              (options.keepRuns !== undefined && i >= options.keepRuns) ||
              (options.before !== undefined && (r.started_at as string) < options.before),
          )
          .map((r) => Number(r.id));
        let observations = 0;
        for (const id of drop) {
          observations += this.db.run(`DELETE FROM observations WHERE run_id = ?`, id).changes;
          this.db.run(`DELETE FROM runs WHERE id = ?`, id);
        }
        const unused = `SELECT id FROM results WHERE id NOT IN
          (SELECT result_id FROM observations WHERE result_id IS NOT NULL)`;
        this.db.run(`DELETE FROM reports WHERE result_id IN (${unused})`);
        this.db.run(`DELETE FROM counts WHERE result_id IN (${unused})`);
        const results = this.db.run(`DELETE FROM results WHERE id IN (${unused})`).changes;
        const files = this.db.run(
          `DELETE FROM resources WHERE id NOT IN (SELECT resource_id FROM observations)`,
        ).changes;
        return { runs: drop.length, observations, results, files, runsLeft: runs.length - drop.length };
      }),
    );
    let compacted = true;
    try {
      this.db.exec('VACUUM');
    } catch {
      compacted = false;
    }
    return { ...outcome, compacted };
  }

  /** The whole history as plain data for the observatory (no report bodies). */
  read(options: { lastRuns?: number } = {}): HistoryData {
    return this.guard(() => {
      let runRows = this.db.all(`SELECT id, key, started_at, odf_version FROM runs ORDER BY started_at, key`);
      // Only the last N runs (a window for big histories): the others are not read at all.
      if (options.lastRuns !== undefined && runRows.length > options.lastRuns)
        runRows = runRows.slice(runRows.length - Math.max(1, options.lastRuns));
      const runs = runRows.map((r) => ({
        key: r.key as string,
        startedAt: r.started_at as string,
        odfVersion: r.odf_version as string,
      }));
      return {
        runs,
        resources: this.readResources(),
        observations: this.readObservations(runRows),
        results: this.readResults(),
      };
    });
  }

  private readResources(): ResourceRow[] {
    return this.db.all(`SELECT * FROM resources ORDER BY name`).map((r) => ({
      name: r.name as string,
      kind: r.kind as 'url' | 'file',
      catalogue: catalogueOf(r),
    }));
  }

  /** The observations of the runs read, ordered by run then file name, with keys instead of row ids. */
  private readObservations(runRows: readonly SqlRow[]): ObservationRow[] {
    // Ids become keys and names here (merged files number their rows differently); sorted in
    // JavaScript by rank, which is much faster than asking SQLite to sort on text.
    const runKey = new Map<number, { key: string; rank: number }>();
    runRows.forEach((r, rank) => runKey.set(Number(r.id), { key: r.key as string, rank }));
    const resourceName = new Map<number, { name: string; rank: number }>();
    this.db
      .all(`SELECT id, name FROM resources ORDER BY name`)
      .forEach((r, rank) => resourceName.set(Number(r.id), { name: r.name as string, rank }));
    const fingerprints = new Map<number, string>(
      this.db.all(`SELECT id, fingerprint FROM results`).map((r) => [Number(r.id), r.fingerprint as string]),
    );
    const firstRunAt = (runRows[0]?.started_at as string | undefined) ?? '';
    const raw = this.db
      .all(
        `SELECT o.* FROM observations o JOIN runs r ON r.id = o.run_id WHERE r.started_at >= ?`,
        firstRunAt,
      )
      .filter((o) => runKey.has(Number(o.run_id)));
    raw.sort(
      (a, b) =>
        runKey.get(Number(a.run_id))!.rank - runKey.get(Number(b.run_id))!.rank ||
        resourceName.get(Number(a.resource_id))!.rank - resourceName.get(Number(b.resource_id))!.rank,
    );
    return raw.map((o) =>
      observationRow(
        o,
        runKey.get(Number(o.run_id))!.key,
        resourceName.get(Number(o.resource_id))!.name,
        o.result_id == null ? undefined : fingerprints.get(Number(o.result_id)),
      ),
    );
  }

  /** Every result's summary and counts, by fingerprint. */
  private readResults(): Map<string, ResultSummary> {
    const results = new Map<string, ResultSummary>();
    const byId = new Map<number, ResultSummary>();
    for (const r of this.db.all(
      `SELECT id, fingerprint, schema_name, schema_version, schema_source, valid, score, rows, errors,
         warnings, infos, partial, producer_id, producer_name, producer_field
       FROM results ORDER BY fingerprint`,
    )) {
      const s = resultSummary(r);
      results.set(r.fingerprint as string, s);
      byId.set(Number(r.id), s);
    }
    for (const c of this.db.all(
      `SELECT result_id, code, level, field, n FROM counts ORDER BY result_id, code, field`,
    )) {
      byId.get(Number(c.result_id))?.counts.push({
        code: c.code as string,
        level: c.level as string,
        field: c.field as string,
        n: Number(c.n),
      });
    }
    return results;
  }

  /**
   * Add another history file's runs to this one (shards of one run, or nights recorded on several
   * machines): runs are matched by key, files by name, results by fingerprint; an observation already
   * here is kept. Merging the same file twice changes nothing.
   */
  mergeFrom(file: string, shown = file): { runs: number; observations: number } {
    const source = History.open(file, { readonly: true, shown });
    try {
      const src = source.db;
      const counts = { runs: 0, observations: 0 };
      this.guard(() =>
        this.db.transaction(() => {
          const runIds = this.mergeRuns(src, counts);
          const resourceIds = this.mergeResources(src);
          const resultIds = this.mergeResults(src);
          counts.observations += this.mergeObservations(src, runIds, resourceIds, resultIds);
        }),
      );
      return counts;
    } finally {
      source.close();
    }
  }

  private mergeRuns(src: HistoryDb, counts: { runs: number }): Map<number, number> {
    const ids = new Map<number, number>();
    for (const r of src.all(`SELECT * FROM runs`)) {
      if (!this.db.get(`SELECT 1 FROM runs WHERE key = ?`, r.key!)) counts.runs++;
      ids.set(
        Number(r.id),
        this.upsertRun({
          key: r.key as string,
          startedAt: r.started_at as string,
          odfVersion: r.odf_version as string,
        }),
      );
    }
    return ids;
  }

  private mergeResources(src: HistoryDb): Map<number, number> {
    const ids = new Map<number, number>();
    for (const r of src.all(`SELECT * FROM resources`)) {
      const at = r.meta_at as string | null;
      ids.set(
        Number(r.id),
        this.upsertResource(
          r.name as string,
          r.kind as string,
          at == null ? undefined : catalogueOf(r),
          at ?? '',
        ),
      );
    }
    return ids;
  }

  private mergeResults(src: HistoryDb): Map<number, number> {
    const ids = new Map<number, number>();
    for (const r of src.all(`SELECT * FROM results`)) {
      const found = this.resultId(r.fingerprint!);
      if (found !== undefined) {
        ids.set(Number(r.id), found);
        continue;
      }
      const { id: _id, ...cols } = r;
      const names = Object.keys(cols);
      const id = this.db.run(
        `INSERT INTO results (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
        ...names.map((n) => cols[n]!),
      ).lastInsertRowid;
      ids.set(Number(r.id), id);
      const body = src.get(`SELECT body FROM reports WHERE result_id = ?`, r.id!);
      if (body) this.db.run(`INSERT INTO reports (result_id, body) VALUES (?, ?)`, id, body.body!);
      for (const c of src.all(`SELECT code, level, field, n FROM counts WHERE result_id = ?`, r.id!))
        this.db.run(
          `INSERT INTO counts (result_id, code, level, field, n) VALUES (?, ?, ?, ?, ?)`,
          id,
          c.code!,
          c.level!,
          c.field!,
          c.n!,
        );
    }
    return ids;
  }

  private mergeObservations(
    src: HistoryDb,
    runIds: Map<number, number>,
    resourceIds: Map<number, number>,
    resultIds: Map<number, number>,
  ): number {
    let added = 0;
    for (const o of src.all(`SELECT * FROM observations`)) {
      added += this.db.run(
        `INSERT OR IGNORE INTO observations (run_id, resource_id, status, reused, content_hash, bytes,
         last_modified, not_modified, result_id, failure_code, failure_kind, http_status,
         failure_message, failure_message_en, odf_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        runIds.get(Number(o.run_id))!,
        resourceIds.get(Number(o.resource_id))!,
        o.status!,
        o.reused!,
        o.content_hash ?? null,
        o.bytes ?? null,
        o.last_modified ?? null,
        o.not_modified ?? null,
        o.result_id == null ? null : resultIds.get(Number(o.result_id))!,
        o.failure_code ?? null,
        o.failure_kind ?? null,
        o.http_status ?? null,
        o.failure_message ?? null,
        o.failure_message_en ?? null,
        o.odf_version!,
      ).changes;
    }
    return added;
  }
}

/** The catalogue metadata of a resources row. */
function catalogueOf(r: SqlRow): CatalogueInfo {
  const catalogue: CatalogueInfo = {};
  for (const [k, c] of CATALOGUE_COLUMNS) if (r[c] != null) catalogue[k] = r[c] as string;
  return catalogue;
}

/** An observations row as the observatory reads it. */
function observationRow(
  o: SqlRow,
  run: string,
  resource: string,
  result: string | undefined,
): ObservationRow {
  const row: ObservationRow = {
    run,
    resource,
    status: o.status as 'checked' | 'failed',
    reused: Number(o.reused) === 1,
    odfVersion: o.odf_version as string,
  };
  if (o.content_hash != null) row.contentHash = hashText(o.content_hash as Uint8Array | string);
  if (o.bytes != null) row.bytes = Number(o.bytes);
  if (o.last_modified != null) row.lastModified = o.last_modified as string;
  if (o.not_modified != null) row.notModified = Number(o.not_modified) === 1;
  if (result !== undefined) row.result = result;
  if (o.failure_code != null) {
    const failure: ObservedFailure = {
      code: o.failure_code as string,
      message: (o.failure_message as string | null) ?? '',
    };
    if (o.failure_message_en != null) failure.messageEn = o.failure_message_en as string;
    if (o.failure_kind != null) failure.kind = o.failure_kind as string;
    if (o.http_status != null) failure.status = Number(o.http_status);
    row.failure = failure;
  }
  return row;
}

/** A results row as the observatory reads it (its counts added after). */
function resultSummary(r: SqlRow): ResultSummary {
  const s: ResultSummary = {
    valid: Number(r.valid) === 1,
    rows: Number(r.rows),
    errors: Number(r.errors),
    warnings: Number(r.warnings),
    infos: Number(r.infos),
    partial: Number(r.partial) === 1,
    counts: [],
  };
  if (r.schema_name != null) s.schemaName = r.schema_name as string;
  if (r.schema_version != null) s.schemaVersion = r.schema_version as string;
  if (r.schema_source != null) s.schemaSource = r.schema_source as string;
  if (r.score != null) s.score = Number(r.score);
  const producer = producerOf(r);
  if (producer) s.producer = producer;
  return s;
}

/** A SHA-256 in hex kept as its 32 bytes (half the room); any other text is kept as text. */
function hashBytes(hex: string | undefined): Buffer | string | null {
  if (hex === undefined) return null;
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : hex;
}

function hashText(v: Uint8Array | string): string {
  return typeof v === 'string' ? v : Buffer.from(v).toString('hex');
}

/** The producer columns of a results row. */
function producerOf(r: SqlRow): ProducerInfo | undefined {
  const { producer_id: id, producer_name: name, producer_field: field } = r;
  if (id == null && name == null) return undefined;
  const p: ProducerInfo = {};
  if (id != null) p.id = id as string;
  if (name != null) p.name = name as string;
  if (field != null) p.field = field as string;
  return p;
}

// The history of runs: what each run found for each file or URL, stored so that unchanged files need no second check.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FileReport } from '../report/types.js';
import type { CatalogueInfo } from '../net/resources.js';
import { guarded, openHistoryDb, type HistoryDb, type OpenDbOptions } from './db.js';

/** One run: its key (shards of one run share it), when it started, which odf ran it. */
export interface RunInfo {
  key: string;
  /** ISO 8601 date and time. */
  startedAt: string;
  odfVersion: string;
}

/** Who produced a file, read from its data (a SIRET column the whole file shares). */
export interface ProducerInfo {
  id?: string;
  name?: string;
  /** The schema field it was read from. */
  field?: string;
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
  /** Findings per code and field ('' when the finding names no field), as counted in the kept report. */
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

/** Findings of a report per code and field, the way the history counts them. */
export function countFindings(report: FileReport): ResultSummary['counts'] {
  const map = new Map<string, { code: string; level: string; field: string; n: number }>();
  for (const f of report.findings) {
    const field = f.fieldName ?? f.column ?? '';
    const key = `${f.code}\u0000${field}`;
    const c = map.get(key);
    if (c) c.n++;
    else map.set(key, { code: f.code, level: f.level, field, n: 1 });
  }
  return [...map.values()].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : a.field < b.field ? -1 : a.field > b.field ? 1 : 0,
  );
}

function nul<T>(v: T | undefined): T | null {
  return v === undefined ? null : v;
}

function opt<T>(v: T | null): T | undefined {
  return v === null ? undefined : v;
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
      const row = this.db
        .prepare(
          `SELECT reports.body AS report, producer_id, producer_name, producer_field
           FROM results JOIN reports ON reports.result_id = results.id WHERE fingerprint = ?`,
        )
        .get(fingerprint) as
        | {
            report: Buffer;
            producer_id: string | null;
            producer_name: string | null;
            producer_field: string | null;
          }
        | undefined;
      if (!row) return undefined;
      const report = JSON.parse(gunzipSync(row.report).toString('utf8')) as FileReport;
      const out: StoredResult = { fingerprint, report };
      const producer = producerOf(row.producer_id, row.producer_name, row.producer_field);
      if (producer) out.producer = producer;
      return out;
    });
  }

  /** Record a run and what it saw, in one transaction. Recording the same run key again adds to it. */
  recordRun(run: RunInfo, observations: readonly ObservationInput[]): void {
    this.guard(() =>
      this.db
        .transaction(() => {
          const runId = this.upsertRun(run);
          for (const o of observations) {
            const resourceId = this.upsertResource(o.name, o.kind, o.catalogue, run.startedAt);
            const known = o.result
              ? (this.db.prepare(`SELECT id FROM results WHERE fingerprint = ?`).get(o.result.fingerprint) as
                  { id: number } | undefined)
              : undefined;
            const resultId = o.result ? (known?.id ?? this.insertResult(o.result)) : null;
            // A new content: the full report of the content it replaces is no longer needed for reuse.
            if (resultId !== null && !known) this.forgetOldReports(resourceId, resultId, run.startedAt);
            this.db
              .prepare(
                `INSERT OR REPLACE INTO observations (run_id, resource_id, status, reused, content_hash, bytes,
                 last_modified, not_modified, result_id, failure_code, failure_kind, http_status,
                 failure_message, failure_message_en, odf_version)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(
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
        })
        .immediate(),
    );
  }

  /**
   * Drop the full reports (not the summaries nor the counts) of a file's earlier results once a later
   * run replaced them: reuse only ever needs a file's latest content, and the reports are most of the
   * file's size. Results still seen by this run or a later one are kept.
   */
  private forgetOldReports(resourceId: number, keep: number, at: string): void {
    this.db
      .prepare(
        `DELETE FROM reports
         WHERE result_id != ? AND result_id IN (
           SELECT result_id FROM observations WHERE resource_id = ? AND result_id IS NOT NULL
           EXCEPT
           SELECT o.result_id FROM observations o JOIN runs r ON r.id = o.run_id
           WHERE o.resource_id = ? AND r.started_at >= ? AND o.result_id IS NOT NULL)`,
      )
      .run(keep, resourceId, resourceId, at);
  }

  private upsertRun(run: RunInfo): number {
    const row = this.db.prepare(`SELECT id, started_at FROM runs WHERE key = ?`).get(run.key) as
      { id: number; started_at: string } | undefined;
    if (row) {
      // Shards of one run start at slightly different times: the run started with the first.
      if (run.startedAt < row.started_at)
        this.db.prepare(`UPDATE runs SET started_at = ? WHERE id = ?`).run(run.startedAt, row.id);
      return row.id;
    }
    return Number(
      this.db
        .prepare(`INSERT INTO runs (key, started_at, odf_version) VALUES (?, ?, ?)`)
        .run(run.key, run.startedAt, run.odfVersion).lastInsertRowid,
    );
  }

  private upsertResource(
    name: string,
    kind: string,
    catalogue: CatalogueInfo | undefined,
    at: string,
  ): number {
    const row = this.db.prepare(`SELECT id, meta_at FROM resources WHERE name = ?`).get(name) as
      { id: number; meta_at: string | null } | undefined;
    const id =
      row?.id ??
      Number(
        this.db.prepare(`INSERT INTO resources (name, kind) VALUES (?, ?)`).run(name, kind).lastInsertRowid,
      );
    // The catalogue's latest word on a resource wins (its title or organisation may change).
    if (catalogue && (row?.meta_at == null || row.meta_at <= at)) {
      const sets = CATALOGUE_COLUMNS.map(([, c]) => `${c} = ?`).join(', ');
      this.db
        .prepare(`UPDATE resources SET meta_at = ?, ${sets} WHERE id = ?`)
        .run(at, ...CATALOGUE_COLUMNS.map(([k]) => nul(catalogue[k])), id);
    }
    return id;
  }

  private insertResult(result: StoredResult): number {
    const found = this.db.prepare(`SELECT id FROM results WHERE fingerprint = ?`).get(result.fingerprint) as
      { id: number } | undefined;
    if (found) return found.id;
    const r = result.report;
    const stored = { ...r, path: '' };
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO results (fingerprint, schema_name, schema_version, schema_source, valid, score, rows,
             errors, warnings, infos, partial, producer_id, producer_name, producer_field)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
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
        ).lastInsertRowid,
    );
    this.db
      .prepare(`INSERT INTO reports (result_id, body) VALUES (?, ?)`)
      .run(id, gzipSync(JSON.stringify(stored)));
    const insert = this.db.prepare(
      `INSERT INTO counts (result_id, code, level, field, n) VALUES (?, ?, ?, ?, ?)`,
    );
    for (const c of countFindings(r)) insert.run(id, c.code, c.level, c.field, c.n);
    return id;
  }

  /** The whole history as plain data for the observatory (no report bodies). */
  read(options: { lastRuns?: number } = {}): HistoryData {
    return this.guard(() => {
      let runRows = this.db
        .prepare(`SELECT id, key, started_at, odf_version FROM runs ORDER BY started_at, key`)
        .all() as {
        id: number;
        key: string;
        started_at: string;
        odf_version: string;
      }[];
      // Only the last N runs (a window for big histories): the others are not read at all.
      if (options.lastRuns !== undefined && runRows.length > options.lastRuns)
        runRows = runRows.slice(runRows.length - Math.max(1, options.lastRuns));
      const firstRunAt = runRows[0]?.started_at ?? '';
      const runs = runRows.map((r) => ({ key: r.key, startedAt: r.started_at, odfVersion: r.odf_version }));
      const resources = (
        this.db.prepare(`SELECT * FROM resources ORDER BY name`).all() as Record<string, string | null>[]
      ).map((r) => {
        const catalogue: CatalogueInfo = {};
        for (const [k, c] of CATALOGUE_COLUMNS) if (r[c] != null) catalogue[k] = r[c]!;
        return { name: r.name!, kind: r.kind as 'url' | 'file', catalogue };
      });
      // Ids become keys and names here (merged files number their rows differently); sorted in
      // JavaScript by rank, which is much faster than asking SQLite to sort on text.
      const runKey = new Map<number, { key: string; rank: number }>();
      runRows.forEach((r, rank) => runKey.set(r.id, { key: r.key, rank }));
      const resourceName = new Map<number, { name: string; rank: number }>();
      (
        this.db.prepare(`SELECT id, name FROM resources ORDER BY name`).all() as {
          id: number;
          name: string;
        }[]
      ).forEach((r, rank) => resourceName.set(r.id, { name: r.name, rank }));
      const fingerprints = new Map<number, string>(
        (
          this.db.prepare(`SELECT id, fingerprint FROM results`).all() as {
            id: number;
            fingerprint: string;
          }[]
        ).map((r) => [r.id, r.fingerprint]),
      );
      const rawObservations = (
        this.db
          .prepare(`SELECT o.* FROM observations o JOIN runs r ON r.id = o.run_id WHERE r.started_at >= ?`)
          .all(firstRunAt) as Record<string, string | number | null>[]
      ).filter((o) => runKey.has(o.run_id as number));
      rawObservations.sort(
        (a, b) =>
          runKey.get(a.run_id as number)!.rank - runKey.get(b.run_id as number)!.rank ||
          resourceName.get(a.resource_id as number)!.rank - resourceName.get(b.resource_id as number)!.rank,
      );
      const observations = rawObservations.map((o) => {
        const row: ObservationRow = {
          run: runKey.get(o.run_id as number)!.key,
          resource: resourceName.get(o.resource_id as number)!.name,
          status: o.status as 'checked' | 'failed',
          reused: o.reused === 1,
          odfVersion: o.odf_version as string,
        };
        if (o.content_hash != null) row.contentHash = hashText(o.content_hash as unknown as Buffer | string);
        if (o.bytes != null) row.bytes = o.bytes as number;
        if (o.last_modified != null) row.lastModified = o.last_modified as string;
        if (o.not_modified != null) row.notModified = o.not_modified === 1;
        if (o.result_id != null) row.result = fingerprints.get(o.result_id as number)!;
        if (o.failure_code != null) {
          const failure: ObservedFailure = {
            code: o.failure_code as string,
            message: (o.failure_message as string) ?? '',
          };
          if (o.failure_message_en != null) failure.messageEn = o.failure_message_en as string;
          if (o.failure_kind != null) failure.kind = o.failure_kind as string;
          if (o.http_status != null) failure.status = o.http_status as number;
          row.failure = failure;
        }
        return row;
      });
      const results = new Map<string, ResultSummary>();
      const byId = new Map<number, ResultSummary>();
      for (const r of this.db
        .prepare(
          `SELECT id, fingerprint, schema_name, schema_version, schema_source, valid, score, rows, errors,
             warnings, infos, partial, producer_id, producer_name, producer_field
           FROM results ORDER BY fingerprint`,
        )
        .all() as Record<string, string | number | null>[]) {
        const s: ResultSummary = {
          valid: r.valid === 1,
          rows: r.rows as number,
          errors: r.errors as number,
          warnings: r.warnings as number,
          infos: r.infos as number,
          partial: r.partial === 1,
          counts: [],
        };
        if (r.schema_name != null) s.schemaName = r.schema_name as string;
        if (r.schema_version != null) s.schemaVersion = r.schema_version as string;
        if (r.schema_source != null) s.schemaSource = r.schema_source as string;
        if (r.score != null) s.score = r.score as number;
        const producer = producerOf(
          opt(r.producer_id as string | null) ?? null,
          opt(r.producer_name as string | null) ?? null,
          opt(r.producer_field as string | null) ?? null,
        );
        if (producer) s.producer = producer;
        results.set(r.fingerprint as string, s);
        byId.set(r.id as number, s);
      }
      for (const c of this.db
        .prepare(`SELECT result_id, code, level, field, n FROM counts ORDER BY result_id, code, field`)
        .all() as { result_id: number; code: string; level: string; field: string; n: number }[]) {
        byId.get(c.result_id)?.counts.push({ code: c.code, level: c.level, field: c.field, n: c.n });
      }
      return { runs, resources, observations, results };
    });
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
        this.db
          .transaction(() => {
            const runIds = new Map<number, number>();
            for (const r of src.prepare(`SELECT * FROM runs`).all() as {
              id: number;
              key: string;
              started_at: string;
              odf_version: string;
            }[]) {
              const had = this.db.prepare(`SELECT 1 FROM runs WHERE key = ?`).get(r.key);
              if (!had) counts.runs++;
              runIds.set(
                r.id,
                this.upsertRun({ key: r.key, startedAt: r.started_at, odfVersion: r.odf_version }),
              );
            }
            const resourceIds = new Map<number, number>();
            for (const r of src.prepare(`SELECT * FROM resources`).all() as Record<
              string,
              string | number | null
            >[]) {
              const catalogue: CatalogueInfo = {};
              for (const [k, c] of CATALOGUE_COLUMNS) if (r[c] != null) catalogue[k] = r[c] as string;
              const at = r.meta_at as string | null;
              resourceIds.set(
                r.id as number,
                this.upsertResource(
                  r.name as string,
                  r.kind as string,
                  at == null ? undefined : catalogue,
                  at ?? '',
                ),
              );
            }
            const resultIds = new Map<number, number>();
            const counted = src.prepare(`SELECT code, level, field, n FROM counts WHERE result_id = ?`);
            for (const r of src.prepare(`SELECT * FROM results`).all() as Record<string, unknown>[]) {
              const found = this.db
                .prepare(`SELECT id FROM results WHERE fingerprint = ?`)
                .get(r.fingerprint) as { id: number } | undefined;
              if (found) {
                resultIds.set(r.id as number, found.id);
                continue;
              }
              const { id: _id, ...cols } = r;
              const names = Object.keys(cols);
              const id = Number(
                this.db
                  .prepare(
                    `INSERT INTO results (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
                  )
                  .run(...names.map((n) => cols[n])).lastInsertRowid,
              );
              resultIds.set(r.id as number, id);
              const body = src.prepare(`SELECT body FROM reports WHERE result_id = ?`).get(r.id) as
                { body: Buffer } | undefined;
              if (body)
                this.db.prepare(`INSERT INTO reports (result_id, body) VALUES (?, ?)`).run(id, body.body);
              const insert = this.db.prepare(
                `INSERT INTO counts (result_id, code, level, field, n) VALUES (?, ?, ?, ?, ?)`,
              );
              for (const c of counted.all(r.id) as {
                code: string;
                level: string;
                field: string;
                n: number;
              }[])
                insert.run(id, c.code, c.level, c.field, c.n);
            }
            const insertObs = this.db.prepare(
              `INSERT OR IGNORE INTO observations (run_id, resource_id, status, reused, content_hash, bytes,
               last_modified, not_modified, result_id, failure_code, failure_kind, http_status,
               failure_message, failure_message_en, odf_version)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            );
            for (const o of src.prepare(`SELECT * FROM observations`).all() as Record<string, unknown>[]) {
              const info = insertObs.run(
                runIds.get(o.run_id as number),
                resourceIds.get(o.resource_id as number),
                o.status,
                o.reused,
                o.content_hash,
                o.bytes,
                o.last_modified,
                o.not_modified,
                o.result_id == null ? null : resultIds.get(o.result_id as number),
                o.failure_code,
                o.failure_kind,
                o.http_status,
                o.failure_message,
                o.failure_message_en,
                o.odf_version,
              );
              counts.observations += info.changes;
            }
          })
          .immediate(),
      );
      return counts;
    } finally {
      source.close();
    }
  }
}

/** A SHA-256 in hex kept as its 32 bytes (half the room); any other text is kept as text. */
function hashBytes(hex: string | undefined): Buffer | string | null {
  if (hex === undefined) return null;
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : hex;
}

function hashText(v: Buffer | string): string {
  return typeof v === 'string' ? v : v.toString('hex');
}

function producerOf(id: string | null, name: string | null, field: string | null): ProducerInfo | undefined {
  if (id == null && name == null) return undefined;
  const p: ProducerInfo = {};
  if (id != null) p.id = id;
  if (name != null) p.name = name;
  if (field != null) p.field = field;
  return p;
}

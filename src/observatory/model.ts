// The observatory's model: from the history's plain data to files, producers and schemas followed across runs.
import { createHash } from 'node:crypto';
import type {
  HistoryData,
  ObservationRow,
  ObservedFailure,
  ResultSummary,
  RunInfo,
} from '../history/store.js';
import type { CatalogueInfo } from '../net/resources.js';

/** What a file was in one run. */
export type RunState = 'valid' | 'invalid' | 'failed' | 'absent';

/** One run of one file. */
export interface FilePoint {
  run: string;
  state: RunState;
  /** 0–100; a file odf could not read counts 0, an absent file has none. */
  score?: number;
  errors?: number;
  warnings?: number;
  contentHash?: string;
  failure?: ObservedFailure;
}

/** A finding code (and the field it is about) whose count changed between two runs. */
export interface CountChange {
  code: string;
  level: string;
  field: string;
  before: number;
  after: number;
}

/** What changed for a file between its last two runs. */
export interface FileChanges {
  /** The run compared with (the file's previous run), when there is one. */
  previous?: string;
  isNew: boolean;
  contentChanged: boolean;
  stateBefore?: RunState;
  /** Codes that appeared or grew, and codes that disappeared or shrank. */
  newProblems: CountChange[];
  fixedProblems: CountChange[];
}

/** Who publishes a file: from its data (a shared SIRET), else from the catalogue. */
export interface ProducerRef {
  key: string;
  id?: string;
  name?: string;
  source: 'data' | 'catalogue';
}

/** Why a file is no longer followed as it should be. */
export type Abandon =
  | { kind: 'gone'; lastSeen: string }
  | { kind: 'unpublished'; status?: number; since: string }
  | { kind: 'unreachable'; since: string }
  | { kind: 'stale'; since: string; days: number };

/** One file or URL across the runs. */
export interface FileView {
  name: string;
  kind: 'url' | 'file';
  slug: string;
  /** The catalogue's title, else the last part of the name. */
  label: string;
  catalogue: CatalogueInfo;
  schema?: { name?: string; version?: string };
  producer?: ProducerRef;
  /** One point per run of the history, oldest first. */
  points: FilePoint[];
  /** The last run the file was in, and what it was then. */
  current: FilePoint;
  currentResult?: ResultSummary;
  changes: FileChanges;
  /** The date since which its content is the same (the first run that saw it, or the server's Last-Modified). */
  unchangedSince?: string;
  abandon?: Abandon;
}

/** A group of files (a producer, a schema) and its trend. */
export interface GroupView {
  key: string;
  slug: string;
  label: string;
  /** Identifier shown beside the label (a SIRET, a schema version). */
  detail?: string;
  files: FileView[];
  /** Per run: mean score of the files present (unreadable ones count 0), files present and valid. */
  trend: TrendPoint[];
}

/** A group's figures in one run. */
export interface TrendPoint {
  run: string;
  files: number;
  valid: number;
  failed: number;
  /** Mean score, undefined when no file was present. */
  score?: number;
}

/** The whole observatory. */
export interface Observatory {
  runs: RunInfo[];
  files: FileView[];
  producers: GroupView[];
  schemas: GroupView[];
  all: GroupView;
  staleDays: number;
}

/** A stable file-name-safe slug: readable part and a hash of the whole, so that two names never share one. */
export function slugOf(text: string): string {
  const readable = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^[a-z]+:\/\/[^/]+/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-40)
    .replace(/^-+/, '');
  const hash = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10);
  return readable ? `${readable}-${hash}` : hash;
}

function lastPart(name: string): string {
  const clean = name.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const i = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
  return i >= 0 && i < clean.length - 1 ? clean.slice(i + 1) : name;
}

function pointOf(run: string, o: ObservationRow | undefined, result: ResultSummary | undefined): FilePoint {
  if (!o) return { run, state: 'absent' };
  if (o.status === 'failed' || !result) {
    const p: FilePoint = { run, state: 'failed', score: 0 };
    if (o.failure) p.failure = o.failure;
    if (o.contentHash) p.contentHash = o.contentHash;
    return p;
  }
  const p: FilePoint = {
    run,
    state: result.valid ? 'valid' : 'invalid',
    score: result.score ?? 0,
    errors: result.errors,
    warnings: result.warnings,
  };
  if (o.contentHash) p.contentHash = o.contentHash;
  return p;
}

function compareCounts(
  before: ResultSummary | undefined,
  after: ResultSummary | undefined,
): {
  newProblems: CountChange[];
  fixedProblems: CountChange[];
} {
  const key = (c: { code: string; field: string }): string => `${c.code}\u0000${c.field}`;
  const was = new Map((before?.counts ?? []).map((c) => [key(c), c]));
  const now = new Map((after?.counts ?? []).map((c) => [key(c), c]));
  const newProblems: CountChange[] = [];
  const fixedProblems: CountChange[] = [];
  for (const [k, c] of now) {
    const b = was.get(k)?.n ?? 0;
    if (c.n > b) newProblems.push({ code: c.code, level: c.level, field: c.field, before: b, after: c.n });
  }
  for (const [k, c] of was) {
    const a = now.get(k)?.n ?? 0;
    if (a < c.n) fixedProblems.push({ code: c.code, level: c.level, field: c.field, before: c.n, after: a });
  }
  // Kinds of problem first (errors, then the other levels), then the columns (code and level empty).
  const order = (x: CountChange, y: CountChange): number =>
    (x.code === '' ? 1 : 0) - (y.code === '' ? 1 : 0) ||
    (x.level === y.level
      ? 0
      : x.level === 'error'
        ? -1
        : y.level === 'error'
          ? 1
          : x.level < y.level
            ? -1
            : 1) ||
    (x.code < y.code ? -1 : x.code > y.code ? 1 : 0) ||
    (x.field < y.field ? -1 : x.field > y.field ? 1 : 0);
  return { newProblems: newProblems.sort(order), fixedProblems: fixedProblems.sort(order) };
}

function days(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function isoOfHttpDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = Date.parse(text);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

function trendOf(files: readonly FileView[], runs: readonly RunInfo[]): TrendPoint[] {
  return runs.map((run, i) => {
    let n = 0;
    let valid = 0;
    let failed = 0;
    let sum = 0;
    for (const f of files) {
      const p = f.points[i]!;
      if (p.state === 'absent') continue;
      n++;
      if (p.state === 'valid') valid++;
      if (p.state === 'failed') failed++;
      sum += p.score ?? 0;
    }
    const t: TrendPoint = { run: run.key, files: n, valid, failed };
    if (n) t.score = Math.round(sum / n);
    return t;
  });
}

function byLabel(a: GroupView, b: GroupView): number {
  return a.label.localeCompare(b.label, 'fr') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The last index before `from` (inclusive) holding an observation, or -1. */
function lastSeen(obs: readonly (ObservationRow | undefined)[], from: number): number {
  for (let i = from; i >= 0; i--) if (obs[i]) return i;
  return -1;
}

/** What changed between a file's previous and last runs. */
function changesOf(
  obs: readonly (ObservationRow | undefined)[],
  points: readonly FilePoint[],
  runs: readonly RunInfo[],
  last: number,
  prev: number,
  results: HistoryData['results'],
): FileChanges {
  const cur = obs[last]!;
  const currentResult = cur.result ? results.get(cur.result) : undefined;
  const prevResult = prev >= 0 && obs[prev]!.result ? results.get(obs[prev]!.result!) : undefined;
  const diff =
    prev >= 0 &&
    (currentResult || prevResult) &&
    points[last]!.state !== 'failed' &&
    points[prev]!.state !== 'failed'
      ? compareCounts(prevResult, currentResult)
      : { newProblems: [], fixedProblems: [] };
  const changes: FileChanges = {
    isNew: prev < 0,
    contentChanged:
      prev >= 0 &&
      cur.contentHash !== undefined &&
      obs[prev]!.contentHash !== undefined &&
      cur.contentHash !== obs[prev]!.contentHash,
    ...diff,
  };
  if (prev >= 0) {
    changes.previous = runs[prev]!.key;
    changes.stateBefore = points[prev]!.state;
  }
  return changes;
}

/** The schema and producer of a file: from its last known result, else from the catalogue. */
function describe(view: FileView, known: ResultSummary | undefined, catalogue: CatalogueInfo): void {
  const schemaName = known?.schemaName ?? catalogue.schemaName;
  if (schemaName !== undefined || known?.schemaVersion !== undefined) {
    view.schema = {};
    if (schemaName !== undefined) view.schema.name = schemaName;
    const version = known?.schemaVersion ?? catalogue.schemaVersion;
    if (version !== undefined) view.schema.version = version;
  }
  if (known?.producer?.id || known?.producer?.name) {
    const p = known.producer;
    view.producer = { key: `data:${p.id ?? p.name}`, source: 'data' };
    if (p.id) view.producer.id = p.id;
    if (p.name) view.producer.name = p.name;
  } else if (catalogue.organizationId || catalogue.organization) {
    view.producer = {
      key: `catalogue:${catalogue.organizationId ?? catalogue.organization}`,
      source: 'catalogue',
    };
    if (catalogue.organizationId) view.producer.id = catalogue.organizationId;
    if (catalogue.organization) view.producer.name = catalogue.organization;
  }
}

/** Same content since the first run of the current streak (or the server's own date, if older). */
function unchangedSince(
  obs: readonly (ObservationRow | undefined)[],
  runs: readonly RunInfo[],
  last: number,
): string | undefined {
  const hash = obs[last]!.contentHash;
  if (!hash) return undefined;
  let since = last;
  let date = runs[last]!.startedAt;
  for (let i = last; i >= 0; i--) {
    if (!obs[i]) continue;
    if (obs[i]!.contentHash !== hash) break;
    since = i;
    // The server's own date of this content, when it gave one and it is older.
    const server = isoOfHttpDate(obs[i]!.lastModified);
    if (server && server < date) date = server;
  }
  return runs[since]!.startedAt < date ? runs[since]!.startedAt : date;
}

/** Why a file is no longer followed as it should be: gone from the list, unpublished, unreachable, stale. */
function abandonOf(
  view: FileView,
  obs: readonly (ObservationRow | undefined)[],
  runs: readonly RunInfo[],
  last: number,
  staleDays: number,
): Abandon | undefined {
  const lastRun = runs[runs.length - 1];
  const cur = obs[last]!;
  if (lastRun && last < runs.length - 1) return { kind: 'gone', lastSeen: runs[last]!.key };
  if (cur.status === 'failed' && cur.failure?.code === 'network-error') {
    let since = last;
    for (let i = last - 1; i >= 0; i--) {
      if (!obs[i] || obs[i]!.status !== 'failed' || obs[i]!.failure?.code !== 'network-error') break;
      since = i;
    }
    const status = cur.failure.status;
    return status === 404 || status === 410
      ? { kind: 'unpublished', status, since: runs[since]!.key }
      : { kind: 'unreachable', since: runs[since]!.key };
  }
  if (view.unchangedSince && lastRun) {
    const d = days(view.unchangedSince, lastRun.startedAt);
    if (d >= staleDays) return { kind: 'stale', since: view.unchangedSince, days: d };
  }
  return undefined;
}

/** One file across the runs, or undefined when no run of the window saw it. */
function fileView(
  res: HistoryData['resources'][number],
  obs: readonly (ObservationRow | undefined)[],
  data: HistoryData,
  staleDays: number,
): FileView | undefined {
  const runs = data.runs;
  const points = runs.map((r, i) =>
    pointOf(r.key, obs[i], obs[i]?.result ? data.results.get(obs[i]!.result!) : undefined),
  );
  const last = lastSeen(obs, runs.length - 1);
  if (last < 0) return undefined;
  const prev = lastSeen(obs, last - 1);
  const cur = obs[last]!;
  const currentResult = cur.result ? data.results.get(cur.result) : undefined;
  // The last result the file had (a failed run keeps the schema and producer known from before).
  let known: ResultSummary | undefined;
  for (let i = last; i >= 0 && !known; i--) if (obs[i]?.result) known = data.results.get(obs[i]!.result!);
  const view: FileView = {
    name: res.name,
    kind: res.kind,
    slug: slugOf(res.name),
    label: res.catalogue.title || lastPart(res.name),
    catalogue: res.catalogue,
    points,
    current: points[last]!,
    changes: changesOf(obs, points, runs, last, prev, data.results),
  };
  if (currentResult) view.currentResult = currentResult;
  describe(view, known, res.catalogue);
  const since = unchangedSince(obs, runs, last);
  if (since) view.unchangedSince = since;
  const abandon = abandonOf(view, obs, runs, last, staleDays);
  if (abandon) view.abandon = abandon;
  return view;
}

/** Files grouped by a key (producer, schema), each group with its label and trend, sorted by label. */
function groupFiles(
  files: readonly FileView[],
  runs: readonly RunInfo[],
  key: (f: FileView) => string | undefined,
  make: (list: readonly FileView[], k: string) => { label: string; detail?: string },
): GroupView[] {
  const map = new Map<string, FileView[]>();
  for (const f of files) {
    const k = key(f) ?? '';
    const list = map.get(k);
    if (list) list.push(f);
    else map.set(k, [f]);
  }
  return [...map.entries()]
    .map(([k, list]) => {
      const { label, detail } = make(list, k);
      const g: GroupView = {
        key: k,
        slug: slugOf(k || '(none)'),
        label,
        files: list,
        trend: trendOf(list, runs),
      };
      if (detail !== undefined) g.detail = detail;
      return g;
    })
    .sort(byLabel);
}

/**
 * Build the observatory from a history: every file across the runs (oldest first), what changed
 * between its last two runs, whether it stopped being published or updated (`staleDays` without a new
 * content), and the same figures per producer and per schema. Pure and deterministic: the same history
 * (however it was merged) gives the same model.
 */
export function buildObservatory(data: HistoryData, options: { staleDays?: number } = {}): Observatory {
  const staleDays = options.staleDays ?? 365;
  const runs = data.runs;
  const runIndex = new Map(runs.map((r, i) => [r.key, i]));
  const byResource = new Map<string, (ObservationRow | undefined)[]>();
  for (const o of data.observations) {
    let row = byResource.get(o.resource);
    if (!row) byResource.set(o.resource, (row = new Array<ObservationRow | undefined>(runs.length)));
    row[runIndex.get(o.run)!] = o;
  }
  const files: FileView[] = [];
  for (const res of data.resources) {
    const obs = byResource.get(res.name);
    const view = obs && fileView(res, obs, data, staleDays);
    if (view) files.push(view);
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const producers = groupFiles(
    files,
    runs,
    (f) => f.producer?.key,
    (list, k) => {
      if (!k) return { label: '' };
      // The first name a file of the group gives (files are sorted by name: the same on every build).
      const named = list.find((f) => f.producer?.name)?.producer;
      const id = list[0]!.producer?.id;
      const out: { label: string; detail?: string } = { label: named?.name ?? id ?? k };
      if (id && named?.name) out.detail = id;
      return out;
    },
  );
  const schemas = groupFiles(
    files,
    runs,
    (f) => f.schema?.name,
    (_list, k) => ({ label: k }),
  );
  const all: GroupView = { key: '*', slug: 'all', label: '', files, trend: trendOf(files, runs) };
  return { runs, files, producers, schemas, all, staleDays };
}

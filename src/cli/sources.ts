// validate's inputs beyond local files: URLs (and lists of them), shares of a batch (--shard) and the history of runs.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from './commander.js';
import type { CliContext } from './context.js';
import type { LoadedSchema } from '../schema/types.js';
import type { SkippedFile } from '../report/types.js';
import { OdfError, isOdfError } from '../errors.js';
import { parsePositiveInt, readOptionsFrom } from './options.js';
import { resolveSchemaRef } from '../batch/config.js';
import { resolveSchema } from '../validate/validate.js';
import { readMappingFile } from '../schema/mapping-file.js';
import { loadSynonymsFile } from '../schema/synonyms.js';
import { refuseInputTarget, writeFileAtomic } from '../normalize/atomic.js';
import { DownloadCache, defaultCacheDir, type CachedCopy } from '../net/cache.js';
import {
  declaredSchemaRef,
  hostOf,
  isUrl,
  politeMap,
  readResourceList,
  type Resource,
} from '../net/resources.js';
import { inShard, parseShard, type Shard } from '../batch/shard.js';
import type { ShardInfo } from '../batch/merge.js';
import { History, type ObservationInput, type RunInfo } from '../history/store.js';
import { ODF_VERSION } from './version.js';
import { styleFor } from './ui.js';
import type { FileTask, FileTaskResult, TaskFailure } from './file-task.js';
import {
  assembleReport,
  failureError,
  isMachineFormat,
  prepareBatch,
  renderReport,
  runBatch,
  type BatchCliOptions,
} from './batch-run.js';

/** Default size limit of a download (512 MiB): above any municipal export, below a disk-filling mistake. */
export const DEFAULT_MAX_SIZE = 512 * 1024 * 1024;

/** Options this module adds to validate. */
export interface SourceCliOptions extends BatchCliOptions {
  urls?: string;
  history?: string;
  shard?: string;
  runId?: string;
  runDate?: string;
  /** A folder, or false for --no-cache. */
  cache?: string | boolean;
  maxSize?: number;
  timeout?: number;
  perHost?: number;
  downloads?: number;
  output?: string;
  strict?: boolean;
  maxExamples: number;
  quiet?: boolean;
}

/** Parse a size: bytes, or with a unit (500K, 100M, 2G; Ko/Mo/Go too). */
export function parseSize(name: string): (v: string) => number {
  return (v: string) => {
    const m = /^\s*(\d+(?:[.,]\d+)?)\s*([kmgt]?)(?:i?[bo])?\s*$/i.exec(v);
    const units: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
    const n = m ? Number(m[1]!.replace(',', '.')) * units[m[2]!.toLowerCase()]! : NaN;
    if (!Number.isFinite(n) || n < 1) {
      throw new OdfError(
        'bad-option',
        `L'option ${name} attend une taille (octets, ou 500K, 100M, 2G), pas « ${v} ».`,
        { option: name },
        `Option ${name} expects a size (bytes, or 500K, 100M, 2G), not "${v}".`,
      );
    }
    return Math.floor(n);
  };
}

function parseSeconds(name: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v.replace(',', '.'));
    if (!/^\s*\d+(?:[.,]\d+)?\s*$/.test(v) || !(n > 0)) {
      throw new OdfError(
        'bad-option',
        `L'option ${name} attend un nombre de secondes, pas « ${v} ».`,
        { option: name },
        `Option ${name} expects a number of seconds, not "${v}".`,
      );
    }
    return n;
  };
}

/** Add the URL, shard and history options to validate. */
export function addSourceOptions(cmd: Command, ctx: CliContext): Command {
  const en = ctx.lang === 'en';
  return cmd
    .option(
      '--urls <file>',
      en
        ? 'list of URLs: one a line, or a CSV with a url column (data.gouv.fr resource export: its schema_name is used)'
        : 'liste d’adresses : une par ligne, ou un CSV avec une colonne url (export des ressources de data.gouv.fr : son schema_name est utilisé)',
    )
    .option(
      '--history <file>',
      en
        ? 'record the run in this history (SQLite), reuse results of unchanged files'
        : 'enregistre l’exécution dans cet historique (SQLite), réutilise le résultat des fichiers inchangés',
    )
    .option(
      '--shard <K/N>',
      en
        ? 'check share K of N of the batch (stable split by name, for N machines)'
        : 'vérifie la part K sur N du lot (partage stable par nom, pour N machines)',
    )
    .option(
      '--run-id <id>',
      en
        ? 'key of the run in the history, shared by its shards (default: CI pipeline id, else the date)'
        : 'clé de l’exécution dans l’historique, commune à ses parts (défaut : id du pipeline CI, sinon la date)',
    )
    .option(
      '--run-date <date>',
      en
        ? 'date of the run (ISO 8601; default: now)'
        : 'date de l’exécution (ISO 8601 ; défaut : maintenant)',
    )
    .option(
      '--cache <dir>',
      en
        ? 'download cache (default: the user cache folder, or ODF_CACHE_DIR)'
        : 'cache des téléchargements (défaut : le dossier de cache de l’utilisateur, ou ODF_CACHE_DIR)',
    )
    .option('--no-cache', en ? 'download to a temporary folder' : 'télécharge dans un dossier temporaire')
    .addOption(
      new Option(
        '--max-size <size>',
        en ? 'largest download (500K, 100M, 2G)' : 'plus gros téléchargement (500K, 100M, 2G)',
      )
        .argParser(parseSize('--max-size'))
        .default(DEFAULT_MAX_SIZE, '512M'),
    )
    .addOption(
      new Option('--timeout <seconds>', en ? 'time allowed per download' : 'temps permis par téléchargement')
        .argParser(parseSeconds('--timeout'))
        .default(60),
    )
    .addOption(
      new Option(
        '--per-host <n>',
        en ? 'downloads at once from one server' : 'téléchargements simultanés par serveur',
      )
        .argParser(parsePositiveInt('--per-host'))
        .default(2),
    )
    .addOption(
      new Option('--downloads <n>', en ? 'downloads at once in all' : 'téléchargements simultanés en tout')
        .argParser(parsePositiveInt('--downloads'))
        .default(8),
    );
}

/** True when validate must go through this module: a URL, a list, a shard or a history. */
export function usesSources(files: readonly string[], o: SourceCliOptions): boolean {
  return files.some(isUrl) || o.urls !== undefined || o.history !== undefined || o.shard !== undefined;
}

/** The key and date of this run: --run-id / --run-date, else the CI's pipeline id, else the date. */
export function runIdentity(
  o: SourceCliOptions,
  env: Record<string, string | undefined>,
  now: Date,
): RunInfo {
  let startedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (o.runDate !== undefined) {
    const t = Date.parse(o.runDate);
    if (!Number.isFinite(t)) {
      throw new OdfError(
        'bad-option',
        `L'option --run-date attend une date ISO 8601 (2026-03-01 ou 2026-03-01T02:00:00Z), pas « ${o.runDate} ».`,
        { option: '--run-date' },
        `Option --run-date expects an ISO 8601 date (2026-03-01 or 2026-03-01T02:00:00Z), not "${o.runDate}".`,
      );
    }
    startedAt = new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const ci = env.CI_PIPELINE_ID
    ? `gitlab-${env.CI_PIPELINE_ID}`
    : env.GITHUB_RUN_ID
      ? `github-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`
      : undefined;
  return { key: o.runId ?? ci ?? startedAt, startedAt, odfVersion: ODF_VERSION };
}

/** One input of the whole batch, before sharding. */
type Entry =
  | { kind: 'file'; name: string; task: FileTask }
  | { kind: 'url'; name: string; resource: Resource }
  | { kind: 'skipped'; name: string; skipped: SkippedFile };

/** SHA-256 of a file, streamed. */
async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * The key of a validation result: the same file content, name, schema, odf and options give the same
 * report, so a run may reuse an earlier run's instead of validating again.
 */
export function fingerprintOf(task: FileTask, contentHash: string): string {
  const { path: _path, ...rest } = task;
  return createHash('sha256')
    .update(JSON.stringify({ contentHash, odf: ODF_VERSION, task: rest }))
    .digest('hex');
}

function failureOf(display: string, e: unknown): TaskFailure {
  if (!isOdfError(e)) throw e;
  const f: TaskFailure = {
    path: display,
    code: e.code,
    message: e.message,
    data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>,
  };
  if (e.messageEn) f.messageEn = e.messageEn;
  return f;
}

/**
 * validate over local files, URLs and URL lists, in shares, with a history: the files are listed (local
 * ones first, then URLs given on the command line, then those of --urls), the share kept, the URLs
 * downloaded through the cache, unchanged files taken from the history, the others validated; then the
 * run is recorded and the report written. Returns validate's exit code.
 */
export async function runSourcedValidate(
  files: string[],
  o: SourceCliOptions,
  ctx: CliContext,
  now = new Date(),
): Promise<number> {
  const lang = ctx.lang;
  const shard: Shard | undefined = o.shard !== undefined ? parseShard(o.shard) : undefined;
  const run = runIdentity(o, ctx.env, now);
  const history = o.history
    ? History.open(path.resolve(ctx.cwd, o.history), { shown: o.history })
    : undefined;
  let tempDir: string | undefined;
  try {
    // 1. Every input of the whole batch, in a fixed order (the same on every machine).
    const localInputs = files.filter((f) => !isUrl(f));
    const entries: Entry[] = [];
    const skippedEntries: Entry[] = [];
    let singleFile = false;
    if (localInputs.length) {
      const batch = await prepareBatch(localInputs, o, ctx);
      singleFile = batch.single && files.length === 1 && o.urls === undefined;
      for (const task of batch.tasks) entries.push({ kind: 'file', name: task.display, task });
      for (const s of batch.skipped) skippedEntries.push({ kind: 'skipped', name: s.path, skipped: s });
    }
    const seen = new Set<string>();
    for (const url of files.filter(isUrl)) {
      if (seen.has(url)) continue;
      seen.add(url);
      entries.push({ kind: 'url', name: url, resource: { url } });
    }
    if (o.urls !== undefined) {
      const list = await readResourceList(path.resolve(ctx.cwd, o.urls), o.urls);
      for (const r of list.resources) {
        if (seen.has(r.url)) continue;
        seen.add(r.url);
        entries.push({ kind: 'url', name: r.url, resource: r });
      }
      if (!o.quiet && (list.blank || list.duplicates)) {
        ctx.stderr.write(
          lang === 'en'
            ? `odf: ${o.urls}: ${list.blank} rows without a URL passed over, ${list.duplicates} URLs listed twice kept once\n`
            : `odf : ${o.urls} : ${list.blank} lignes sans adresse ignorées, ${list.duplicates} adresses en double gardées une fois\n`,
        );
      }
    }
    entries.push(...skippedEntries);
    if (!entries.length) {
      throw new OdfError(
        'file-not-found',
        'Aucun fichier ni adresse à vérifier : la liste est vide.',
        {},
        'No file or address to check: the list is empty.',
      );
    }
    // One file or URL named alone: a failure ends the run with its sentence (exit 2), as without a history.
    const single =
      singleFile ||
      (files.length === 1 && o.urls === undefined && entries.length === 1 && entries[0]!.kind === 'url');

    // 2. This machine's share.
    const mine = entries.map((e, i) => ({ e, i })).filter(({ e }) => inShard(e.name, shard));

    // 3. Options shared by every task (as validate sets them).
    const profile = o.format === 'json' || o.format === 'html';
    const mapping = typeof o.map === 'string' ? readMappingFile(path.resolve(ctx.cwd, o.map)) : undefined;
    const synonyms =
      typeof o.synonyms === 'string' ? loadSynonymsFile(path.resolve(ctx.cwd, o.synonyms)).fields : undefined;
    const { stdin: _stdin, ...read } = readOptionsFrom(o, ctx);
    const configure = (t: FileTask): FileTask => {
      t.profile = profile;
      if (mapping) t.mapping = mapping;
      if (synonyms) t.synonyms = synonyms;
      if (history) t.producer = true;
      return t;
    };
    if (o.output) {
      await refuseInputTarget(
        path.resolve(ctx.cwd, o.output),
        mine.flatMap(({ e }) => (e.kind === 'file' ? [e.task.path] : [])),
      );
    }

    // 4. Schemas of URL inputs: --schema, else the one the list declares (loaded once each).
    const schemas = new Map<string, Promise<LoadedSchema>>();
    const schemaFor = (ref: string, typed: boolean): Promise<LoadedSchema> => {
      const resolved = typed ? resolveSchemaRef(ref, ctx.cwd) : ref;
      let p = schemas.get(resolved);
      if (!p) {
        p = resolveSchema(resolved).then((s) => {
          const shown = path.relative(ctx.cwd, resolved).split(path.sep).join('/');
          return path.isAbsolute(resolved) && s!.source === resolved && !path.isAbsolute(ref)
            ? { ...s!, source: shown }
            : s!;
        });
        // A schema that cannot be loaded fails the files that need it, not the batch.
        p.catch(() => undefined);
        schemas.set(resolved, p);
      }
      return p;
    };

    // 5. Downloads, politely, through the cache.
    let cacheDir: string;
    if (o.cache === false) {
      tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'odf-downloads-'));
      cacheDir = tempDir;
    } else cacheDir = typeof o.cache === 'string' ? path.resolve(ctx.cwd, o.cache) : defaultCacheDir(ctx.env);
    const cache = new DownloadCache(cacheDir);
    const urlEntries = mine.filter(({ e }) => e.kind === 'url') as {
      e: Extract<Entry, { kind: 'url' }>;
      i: number;
    }[];
    type Fetched = { ok: true; copy: CachedCopy; notModified: boolean } | { ok: false; failure: TaskFailure };
    const fetched = await politeMap(
      urlEntries,
      ({ e }) => hostOf(e.name),
      async ({ e }): Promise<Fetched> => {
        try {
          const r = await cache.fetch(e.name, {
            maxBytes: o.maxSize ?? DEFAULT_MAX_SIZE,
            timeoutMs: Math.round((o.timeout ?? 60) * 1000),
            what: { fr: 'le fichier', en: 'the file' },
          });
          return { ok: true, copy: r.copy, notModified: r.notModified };
        } catch (err) {
          return { ok: false, failure: failureOf(e.name, err) };
        }
      },
      { concurrency: o.downloads ?? 8, perHost: o.perHost ?? 2 },
    );
    const fetchedByIndex = new Map(urlEntries.map(({ i }, k) => [i, fetched[k]!]));

    // 6. Tasks, reuse from the history, validation.
    type Slot = {
      entry: Entry;
      index: number;
      task?: FileTask;
      result?: FileTaskResult;
      reused?: boolean;
      contentHash?: string;
      bytes?: number;
      fingerprint?: string;
      copy?: CachedCopy;
      notModified?: boolean;
    };
    const slots: Slot[] = [];
    for (const { e, i } of mine) {
      const slot: Slot = { entry: e, index: i };
      slots.push(slot);
      if (e.kind === 'skipped') continue;
      if (e.kind === 'file') {
        slot.task = configure(e.task);
        continue;
      }
      const f = fetchedByIndex.get(i)!;
      if (!f.ok) {
        slot.result = { ok: false, failure: f.failure };
        continue;
      }
      slot.copy = f.copy;
      slot.notModified = f.notModified;
      const task: FileTask = {
        path: f.copy.path,
        display: e.name,
        lang,
        read,
        limitErrors: o.limitErrors ?? 1000,
      };
      const typed = o.schema !== undefined;
      const ref = typed ? o.schema : declaredSchemaRef(e.resource.catalogue);
      if (ref !== undefined) {
        try {
          task.schema = await schemaFor(ref, typed);
        } catch (err) {
          slot.result = { ok: false, failure: failureOf(e.name, err) };
          continue;
        }
      }
      const privacy = typeof o.privacy === 'string' ? o.privacy : undefined;
      if (privacy === 'warn' || privacy === 'error' || privacy === 'off') task.privacy = privacy;
      slot.task = configure(task);
    }
    if (history) {
      for (const slot of slots) {
        if (!slot.task || slot.task.path === '-') continue;
        if (slot.copy) {
          slot.contentHash = slot.copy.sha256;
          slot.bytes = slot.copy.bytes;
        } else {
          const h = await hashFile(slot.task.path).catch(() => undefined);
          if (!h) continue;
          slot.contentHash = h.sha256;
          slot.bytes = h.bytes;
        }
        slot.fingerprint = fingerprintOf(slot.task, slot.contentHash);
        const stored = history.findResult(slot.fingerprint);
        if (stored) {
          slot.reused = true;
          const report = { ...stored.report, path: slot.task.display };
          slot.result = stored.producer
            ? { ok: true, report, producer: stored.producer }
            : { ok: true, report };
        }
      }
    }
    const todo = slots.filter((s) => s.task && !s.result);
    const progress = !o.quiet && !(isMachineFormat(o.format) && !o.output);
    if (todo.length) {
      const outcome = await runBatchResults(
        todo.map((s) => s.task!),
        o,
        ctx,
        progress,
      );
      todo.forEach((s, k) => {
        s.result = outcome[k]!;
      });
    }
    if (single && slots[0]?.result && !slots[0].result.ok) throw failureError(slots[0].result.failure);

    // 7. The report, in the order of the whole batch.
    const reports = [];
    const failures: TaskFailure[] = [];
    const skipped: SkippedFile[] = [];
    const positions: ShardInfo['positions'] = { files: [], failures: [], skipped: [] };
    for (const s of slots) {
      if (s.entry.kind === 'skipped') {
        skipped.push(s.entry.skipped);
        positions.skipped.push(s.index);
      } else if (s.result?.ok) {
        reports.push(s.result.report);
        positions.files.push(s.index);
      } else if (s.result) {
        failures.push(s.result.failure);
        positions.failures.push(s.index);
      }
    }
    const report = assembleReport({ reports, failures, written: [] }, skipped, lang, Boolean(o.strict));
    if (shard) {
      const info: ShardInfo = { index: shard.index, total: shard.total, inputs: entries.length, positions };
      (report as typeof report & { shard?: ShardInfo }).shard = info;
    }

    // 8. The history first: a run that cannot be recorded fails before anything else is written.
    if (history) {
      const observations: ObservationInput[] = slots
        .filter((s) => s.entry.kind !== 'skipped')
        .map((s) => observationOf(s.entry as Exclude<Entry, { kind: 'skipped' }>, s));
      history.recordRun(run, observations);
    }
    const colour = !o.output && o.format === 'text' ? styleFor(ctx) : undefined;
    const text = renderReport(report, o.format, { lang, maxExamples: o.maxExamples, style: colour });
    if (o.output) await writeFileAtomic(path.resolve(ctx.cwd, o.output), text);
    else ctx.stdout.write(text);
    if (report.failures.length) return 2;
    return report.valid ? 0 : 1;
  } finally {
    history?.close();
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
  }
}

async function runBatchResults(
  tasks: FileTask[],
  o: SourceCliOptions,
  ctx: CliContext,
  progress: boolean,
): Promise<FileTaskResult[]> {
  const outcome = await runBatch(tasks, o, ctx, progress);
  return outcome.results!;
}

function observationOf(
  entry: Exclude<Entry, { kind: 'skipped' }>,
  s: {
    result?: FileTaskResult;
    reused?: boolean;
    contentHash?: string;
    bytes?: number;
    fingerprint?: string;
    copy?: CachedCopy;
    notModified?: boolean;
  },
): ObservationInput {
  const o: ObservationInput = { name: entry.name, kind: entry.kind, reused: Boolean(s.reused) };
  if (entry.kind === 'url' && entry.resource.catalogue) o.catalogue = entry.resource.catalogue;
  if (s.contentHash) o.contentHash = s.contentHash;
  if (s.bytes !== undefined) o.bytes = s.bytes;
  if (s.copy?.validators.lastModified) o.lastModified = s.copy.validators.lastModified;
  if (s.notModified !== undefined) o.notModified = s.notModified;
  const r = s.result;
  if (r?.ok) {
    // Without a content hash (standard input), the result is kept under the hash of its own report.
    const fingerprint =
      s.fingerprint ?? `report:${createHash('sha256').update(JSON.stringify(r.report)).digest('hex')}`;
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

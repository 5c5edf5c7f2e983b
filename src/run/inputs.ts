// The inputs of a run: what the user named (files, folders, globs, '-', or odf.config.yaml's patterns) → sources.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { SkippedFile } from '../report/types.js';
import { expandInputs, type BatchFile } from '../batch/expand.js';
import type { OdfConfig } from '../batch/config.js';
import type { CatalogueInfo } from '../net/resources.js';
import { inShard, type Shard } from '../batch/shard.js';
import type { TableSchema } from '../schema/types.js';
import type { ReadRequest } from './batch.js';
import type { TaskFailure } from './task.js';

/** One table to read: where to open it and how reports name it. */
export interface Source {
  /** What to open: an absolute path, '-' for standard input; for a source to fetch, its address. */
  path: string;
  /** The name shown in reports, as the user wrote it (never made absolute). */
  display: string;
  /**
   * The schema the source declares (a Data Package's resource: an inline schema, or a catalogue name,
   * absolute path or URL), used when neither the request nor odf.config.yaml gives one.
   */
  schema?: TableSchema | string;
  /** Reading options the source declares (a resource's dialect and encoding), unless the request sets them. */
  read?: Pick<ReadRequest, 'encoding' | 'delimiter' | 'quote'>;
  /** The input the source was found in when it is not the file named (a Data Package). */
  from?: string;
  /** What a catalogue says about the source (title, dataset, organisation), kept in the history. */
  catalogue?: CatalogueInfo;
  /** Set for a source that must be fetched before it is read (a URL). */
  fetch?: SourceFetch;
}

/** How a source is fetched: right before its file is read, a few at a time per group. */
export interface SourceFetch {
  /** Sources of one group (a URL's host) are fetched only a few at a time, politely. */
  group: string;
  /** A local copy of the source. @throws OdfError when it cannot be had (the file's failure). */
  get(): Promise<FetchedCopy>;
}

/** A fetched source: the local file to read and what is known of its content. */
export interface FetchedCopy {
  /** The local file (absolute). */
  path: string;
  /** SHA-256 of the content, in hex, and its size. */
  sha256: string;
  bytes: number;
  /** The server's Last-Modified, and whether it answered "not modified" (the cached copy was used). */
  lastModified?: string;
  notModified?: boolean;
  /** Called once the file is read: a copy in a temporary folder is removed. */
  release?(): Promise<void>;
}

/** The sources a run reads, in input order, and the files it passes over. */
export interface ResolvedInputs {
  sources: Source[];
  skipped: SkippedFile[];
  /** Sources named but refused, each with its sentence (a Data Package's remote resource…). */
  failures?: TaskFailure[];
}

/**
 * A plug-in that claims some of the inputs the user typed (URLs, archives…) and turns each into sources.
 * Resolvers are asked in order for every input; an input no resolver claims is a file, folder, glob or '-'.
 */
export interface SourceResolver {
  /** The sources an input stands for, or undefined when it is not this resolver's kind. */
  resolve(input: string, cwd: string): Promise<ResolvedInputs | undefined>;
  /** Sources the resolver brings besides the inputs it claims (a list of URLs it was given), after them. */
  extra?(cwd: string): Promise<ResolvedInputs>;
  /** Called once the run is over, whatever its outcome (temporary copies are removed). */
  close?(): Promise<void>;
}

/** What decides the sources of a run. */
export interface InputOptions {
  cwd: string;
  config?: OdfConfig;
  /** Found files to pass over silently (normalize: its own outputs). */
  ignore?: (file: string) => boolean;
  resolvers?: readonly SourceResolver[];
}

/** The files odf.config.yaml's rules name, shown relative to the working folder. */
async function configSources(config: OdfConfig, cwd: string, options: InputOptions): Promise<ResolvedInputs> {
  const patterns = [
    ...new Set(config.rules.flatMap((r) => r.files.map((f) => (f.includes('/') ? f : `**/${f}`)))),
  ];
  const found = await expandInputs(patterns, { cwd: config.dir, ignore: options.ignore });
  // A pattern matching nothing is not an input the user typed: leave it out.
  const files = found.files.filter((f) => f.path === '-' || !/[*?[{]/.test(f.display));
  const rel = path.relative(cwd, config.dir);
  if (rel) for (const f of files) f.display = `${rel.split(path.sep).join('/')}/${f.display}`;
  return { sources: files, skipped: found.skipped };
}

/** Inputs the resolvers claim are read as they say; the others are expanded as files, folders and globs. */
async function namedSources(inputs: readonly string[], options: InputOptions): Promise<ResolvedInputs> {
  const sources: Source[] = [];
  const skipped: SkippedFile[] = [];
  const failures: TaskFailure[] = [];
  let pending: string[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const found = await expandInputs(pending, { cwd: options.cwd, ignore: options.ignore });
    sources.push(...found.files.map((f: BatchFile) => ({ path: f.path, display: f.display })));
    skipped.push(...found.skipped);
    pending = [];
  };
  for (const input of inputs) {
    let claimed: ResolvedInputs | undefined;
    for (const r of options.resolvers ?? []) {
      claimed = await r.resolve(input, options.cwd);
      if (claimed) break;
    }
    if (!claimed) {
      pending.push(input);
      continue;
    }
    await flush();
    sources.push(...claimed.sources);
    skipped.push(...claimed.skipped);
    failures.push(...(claimed.failures ?? []));
  }
  await flush();
  for (const r of options.resolvers ?? []) {
    const more = await r.extra?.(options.cwd);
    if (!more) continue;
    sources.push(...more.sources);
    skipped.push(...more.skipped);
  }
  const once = readOnce(sources);
  return failures.length ? { sources: once, skipped, failures } : { sources: once, skipped };
}

/**
 * A file several inputs name is read once, where it first appears; as a Data Package's resource (with
 * its schema and dialect) when one of them is a package.
 */
function readOnce(sources: readonly Source[]): Source[] {
  const at = new Map<string, number>();
  const out: Source[] = [];
  for (const s of sources) {
    const i = s.path === '-' ? undefined : at.get(s.path);
    if (i === undefined) {
      at.set(s.path, out.length);
      out.push(s);
    } else if (s.from !== undefined && out[i]!.from === undefined) out[i] = s;
  }
  return out;
}

/** True when a resolver brings sources of its own (a list of URLs): the run then needs no other input. */
function bringsSources(options: InputOptions): boolean {
  return (options.resolvers ?? []).some((r) => r.extra !== undefined);
}

/**
 * Turn what the user named into sources: files, folders (walked), globs, '-'; without inputs, the
 * patterns of odf.config.yaml. Nothing to read is a failure: a mistyped glob must not turn a CI job green.
 * @throws OdfError('bad-option') without inputs nor configuration, ('file-not-found') when nothing is left.
 */
export async function resolveInputs(
  inputs: readonly string[],
  options: InputOptions,
): Promise<ResolvedInputs> {
  let found: ResolvedInputs;
  if (inputs.length || bringsSources(options)) found = await namedSources(inputs, options);
  else if (options.config) found = await configSources(options.config, options.cwd, options);
  else {
    throw new OdfError(
      'bad-option',
      'Indiquez les fichiers à traiter, ou placez un odf.config.yaml dans le dossier courant (ou --config FICHIER).',
      {},
      'Give the files to process, or put an odf.config.yaml in the current folder (or --config FILE).',
    );
  }
  if (found.sources.length === 0 && !found.failures?.length) {
    const n = found.skipped.length;
    const why = n ? ` (${n} ignoré${n > 1 ? 's' : ''} : format non pris en charge)` : '';
    const whyEn = n ? ` (${n} skipped: unsupported format)` : '';
    throw new OdfError(
      'file-not-found',
      `Aucun fichier à traiter${why} : vérifiez les chemins, les motifs et les règles de odf.config.yaml.`,
      { skipped: n },
      `No file to process${whyEn}: check the paths, the patterns and the rules of odf.config.yaml.`,
    );
  }
  return found;
}

/** True when a run names one file (not a folder): its failure ends the run (exit 2), as before batches. */
export async function namesOneFile(
  inputs: readonly string[],
  found: ResolvedInputs,
  cwd: string,
): Promise<boolean> {
  if (inputs.length !== 1 || found.sources.length !== 1 || found.skipped.length !== 0) return false;
  if (found.failures?.length || found.sources[0]!.from !== undefined) return false;
  const input = inputs[0]!;
  if (input === '-') return true;
  return fs.stat(path.resolve(cwd, input)).then(
    (s) => !s.isDirectory(),
    () => true,
  );
}

/** The part of a batch this run reads: its sources, inputs refused and skipped files, each with its place in the whole batch. */
export interface Share {
  sources: { source: Source; position: number }[];
  failures: { failure: TaskFailure; position: number }[];
  skipped: { file: SkippedFile; position: number }[];
  /** Inputs of the whole batch: its sources, then the inputs refused, then its skipped files. */
  inputs: number;
}

/**
 * Keep the inputs of one share of the batch (`--shard K/N`, by a stable hash of each name as shown),
 * or all of them without a shard. Places count the sources first, then the inputs refused, then the
 * skipped files: a merged report lists them in the order of a single run.
 */
export function shareOf(found: ResolvedInputs, shard: Shard | undefined): Share {
  const n = found.sources.length;
  const refused = found.failures ?? [];
  const f = refused.length;
  return {
    sources: found.sources
      .map((source, position) => ({ source, position }))
      .filter((s) => inShard(s.source.display, shard)),
    failures: refused
      .map((failure, i) => ({ failure, position: n + i }))
      .filter((s) => inShard(s.failure.path, shard)),
    skipped: found.skipped
      .map((file, i) => ({ file, position: n + f + i }))
      .filter((s) => inShard(s.file.path, shard)),
    inputs: n + f + found.skipped.length,
  };
}

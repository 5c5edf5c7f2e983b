// The inputs of a run: what the user named (files, folders, globs, '-', or odf.config.yaml's patterns) → sources.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { SkippedFile } from '../report/types.js';
import { expandInputs, type BatchFile } from '../batch/expand.js';
import type { OdfConfig } from '../batch/config.js';
import type { TableSchema } from '../schema/types.js';
import type { ReadRequest } from './batch.js';
import type { TaskFailure } from './task.js';

/**
 * One table to read: where to open it and how reports name it. Plain data, so it can be posted to a
 * worker thread.
 */
export interface Source {
  /** What to open: an absolute path, '-' for standard input. */
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
  if (inputs.length) found = await namedSources(inputs, options);
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

// Files given by URL as sources of a run: URLs typed as inputs and lists of them, fetched through a download cache.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DownloadCache } from '../net/cache.js';
import { declaredSchemaRef, hostOf, isUrl, type Resource } from '../net/resources.js';
import type { FetchedCopy, ResolvedInputs, Source, SourceResolver } from './inputs.js';

/** Default size limit of a download (512 MiB): above any municipal export, below a disk-filling mistake. */
export const DEFAULT_MAX_SIZE = 512 * 1024 * 1024;
/** Default time allowed per download. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;
/** Downloads at once from one host, and in all (docs/scale.md). */
export const DEFAULT_PER_HOST = 2;
export const DEFAULT_DOWNLOADS = 8;

/** How a run reads files given by URL. */
export interface UrlOptions {
  /** Files listing URLs (one a line, or a CSV with a url column): their files come after the inputs. */
  lists?: readonly string[];
  /** Download cache (kept between runs: unchanged files are not fetched again); absent: a temporary folder. */
  cacheDir?: string;
  /** Largest download, in bytes (default 512 MiB). */
  maxBytes?: number;
  /** Time allowed per download, in milliseconds (default 60 s). */
  timeoutMs?: number;
  /** Downloads at once from one host (default 2) and in all (default 8). */
  perHost?: number;
  downloads?: number;
}

/** Sentences about the inputs that are worth saying but are not failures (rows of a list passed over). */
export type Notice = (fr: string, en: string) => void;

/**
 * The resolver of URLs: claims http(s) inputs, reads the lists it is given, and fetches each file right
 * before it is read (through the cache, with conditional requests). A URL named twice is read once.
 */
export function createUrlResolver(
  options: UrlOptions,
  context: { fetch?: typeof fetch; notice?: Notice } = {},
): SourceResolver {
  const seen = new Set<string>();
  let temp: Promise<string> | undefined;
  let cache: Promise<DownloadCache> | undefined;
  // The cache (and the download code) is loaded on the first download: a run of local files does without it.
  const cacheOf = (): Promise<DownloadCache> =>
    (cache ??= import('../net/cache.js').then(async ({ DownloadCache }) =>
      options.cacheDir
        ? new DownloadCache(options.cacheDir)
        : new DownloadCache(await (temp = fs.mkdtemp(path.join(os.tmpdir(), 'odf-downloads-')))),
    ));

  const sourceOf = (r: Resource): Source => {
    const url = r.url;
    const source: Source = {
      path: url,
      display: url,
      fetch: {
        group: hostOf(url),
        async get(): Promise<FetchedCopy> {
          const c = await cacheOf();
          const got = await c.fetch(url, {
            maxBytes: options.maxBytes ?? DEFAULT_MAX_SIZE,
            timeoutMs: options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
            what: { fr: 'le fichier', en: 'the file' },
            fetch: context.fetch,
          });
          const copy: FetchedCopy = {
            path: got.copy.path,
            sha256: got.copy.sha256,
            bytes: got.copy.bytes,
            notModified: got.notModified,
          };
          if (got.copy.validators.lastModified) copy.lastModified = got.copy.validators.lastModified;
          // Without a cache the copy is only needed while its file is read.
          if (!options.cacheDir) copy.release = () => fs.rm(got.copy.path, { force: true });
          return copy;
        },
      },
    };
    const declared = declaredSchemaRef(r.catalogue);
    if (declared) source.schema = declared;
    if (r.catalogue) source.catalogue = r.catalogue;
    return source;
  };
  const fresh = (resources: readonly Resource[]): Source[] =>
    resources.filter((r) => !seen.has(r.url) && seen.add(r.url)).map(sourceOf);

  const resolver: SourceResolver = {
    async resolve(input: string): Promise<ResolvedInputs | undefined> {
      if (!isUrl(input)) return undefined;
      return { sources: fresh([{ url: input.trim() }]), skipped: [] };
    },
    async close(): Promise<void> {
      // A cache still being set up has its temporary folder named once it is.
      await cache?.catch(() => undefined);
      if (temp) await fs.rm(await temp, { recursive: true, force: true });
    },
  };
  const lists = options.lists ?? [];
  if (lists.length) {
    resolver.extra = async (cwd: string): Promise<ResolvedInputs> => {
      const sources: Source[] = [];
      const { readResourceList } = await import('./url-list.js');
      for (const list of lists) {
        const read = await readResourceList(path.resolve(cwd, list), list);
        const before = seen.size;
        sources.push(...fresh(read.resources));
        const twice = read.duplicates + read.resources.length - (seen.size - before);
        if (read.blank || twice)
          context.notice?.(
            `${list} : ${read.blank} ligne(s) sans adresse ignorée(s), ${twice} adresse(s) en double gardée(s) une fois`,
            `${list}: ${read.blank} row(s) without a URL passed over, ${twice} URL(s) listed twice kept once`,
          );
      }
      return { sources, skipped: [] };
    };
  }
  return resolver;
}

// A local cache of downloaded files: conditional requests (ETag, Last-Modified) so that an unchanged file is not fetched again.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { downloadToFile, type DownloadMeta, type DownloadOptions, type Validators } from './download.js';

/** A copy of a URL's body held in the cache. */
export interface CachedCopy {
  url: string;
  /** Absolute path of the body. */
  path: string;
  sha256: string;
  bytes: number;
  validators: Validators;
  finalUrl: string;
  contentType: string;
  /** When the body was downloaded (ISO date). */
  fetchedAt: string;
}

/** What fetching through the cache gave: the copy, and whether the server said it had not changed. */
export interface CacheFetch {
  copy: CachedCopy;
  notModified: boolean;
}

interface MetaFile {
  version: 1;
  url: string;
  file: string;
  sha256: string;
  bytes: number;
  validators: Validators;
  finalUrl: string;
  contentType: string;
  fetchedAt: string;
}

export { defaultCacheDir } from './cache-dir.js';

function keyOf(url: string): string {
  return createHash('sha256').update(url, 'utf8').digest('hex').slice(0, 32);
}

function cacheError(dir: string, e: unknown): OdfError {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return new OdfError(
    'output-error',
    `Impossible d’utiliser le cache de téléchargement ${dir} (${code || (e as Error).message}) : choisissez un autre dossier avec --cache.`,
    { path: dir, code },
    `Cannot use the download cache ${dir} (${code || (e as Error).message}): choose another folder with --cache.`,
  );
}

/**
 * Downloads kept in a folder, one body and one small JSON description per URL. Bodies are named by
 * URL and content hash and written atomically, so several processes may share the folder: a reader
 * sees either the old copy or the new one, never half a file.
 */
export class DownloadCache {
  readonly dir: string;
  private ready: Promise<void> | undefined;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  private ensure(): Promise<void> {
    this.ready ??= fs.mkdir(this.dir, { recursive: true }).then(
      () => undefined,
      (e: unknown) => {
        throw cacheError(this.dir, e);
      },
    );
    return this.ready;
  }

  private metaPath(url: string): string {
    return path.join(this.dir, `${keyOf(url)}.json`);
  }

  /** The copy held for `url`, if its description and body are both there. */
  async get(url: string): Promise<CachedCopy | undefined> {
    let meta: MetaFile;
    try {
      meta = JSON.parse(await fs.readFile(this.metaPath(url), 'utf8')) as MetaFile;
    } catch {
      return undefined;
    }
    if (meta.version !== 1 || meta.url !== url || typeof meta.file !== 'string') return undefined;
    const file = path.join(this.dir, path.basename(meta.file));
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile() || stat.size !== meta.bytes) return undefined;
    return {
      url,
      path: file,
      sha256: meta.sha256,
      bytes: meta.bytes,
      validators: meta.validators ?? {},
      finalUrl: meta.finalUrl,
      contentType: meta.contentType,
      fetchedAt: meta.fetchedAt,
    };
  }

  /**
   * Fetch `url` into the cache: with the validators of the copy held (a conditional request), a 304
   * answer keeps that copy; otherwise the new body replaces it.
   * @throws OdfError `network-error` (see download.ts), or `output-error` when the folder cannot be written.
   */
  async fetch(
    url: string,
    options: Omit<DownloadOptions, 'validators'>,
    now = new Date(),
  ): Promise<CacheFetch> {
    await this.ensure();
    const old = await this.get(url);
    const key = keyOf(url);
    const incoming = path.join(this.dir, `${key}.${randomBytes(8).toString('hex')}.incoming`);
    const validators =
      old && (old.validators.etag || old.validators.lastModified) ? old.validators : undefined;
    const res = await downloadToFile(url, incoming, validators ? { ...options, validators } : options);
    if (res.status === 'not-modified') {
      if (!old) {
        // A 304 to a request that sent no validators: the server answers a question nobody asked.
        throw new OdfError(
          'network-error',
          `Impossible de télécharger ${url} : le serveur répond « non modifié » (304) sans qu’une copie ait été demandée.`,
          { url, kind: 'http', status: 304 },
          `Cannot download ${url}: the server answers "not modified" (304) although no copy was asked about.`,
        );
      }
      const copy = { ...old, validators: { ...old.validators, ...res.validators } };
      return { copy, notModified: true };
    }
    const file = `${key}-${res.sha256.slice(0, 16)}.data`;
    const dest = path.join(this.dir, file);
    try {
      await fs.rename(incoming, dest);
      await this.writeMeta(url, {
        version: 1,
        url,
        file,
        sha256: res.sha256,
        bytes: res.bytes,
        validators: res.validators,
        finalUrl: res.finalUrl,
        contentType: res.contentType,
        fetchedAt: now.toISOString(),
      });
    } catch (e) {
      await fs.rm(incoming, { force: true });
      throw cacheError(this.dir, e);
    }
    if (old && old.path !== dest) await fs.rm(old.path, { force: true });
    return { copy: copyOf(url, dest, res, now), notModified: false };
  }

  private async writeMeta(url: string, meta: MetaFile): Promise<void> {
    const target = this.metaPath(url);
    const temp = `${target}.${randomBytes(8).toString('hex')}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(meta)}\n`);
    await fs.rename(temp, target);
  }
}

function copyOf(
  url: string,
  file: string,
  res: DownloadMeta & { sha256: string; bytes: number },
  now: Date,
): CachedCopy {
  return {
    url,
    path: file,
    sha256: res.sha256,
    bytes: res.bytes,
    validators: res.validators,
    finalUrl: res.finalUrl,
    contentType: res.contentType,
    fetchedAt: now.toISOString(),
  };
}

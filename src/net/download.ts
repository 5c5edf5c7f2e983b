// Bounded HTTP(S) downloads: size, time and redirect limits, conditional requests, one clear sentence on failure.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, createWriteStream } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';

/** Redirects followed before giving up (browsers allow 20; a data file or a schema needs few). */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Time allowed for a whole download, headers and body, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Why a download failed: machines read this, people read the sentence. */
export type DownloadFailure =
  | 'bad-url'
  | 'http'
  | 'timeout'
  | 'too-large'
  | 'redirects'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'blocked-port'
  | 'network';

/** Validators of a copy already held, for a conditional request (RFC 9110 §13). */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface DownloadOptions {
  /** The body may not exceed this many bytes: announced larger, refused at once; larger while read, aborted. */
  maxBytes: number;
  /** Time allowed for the whole download (default 60 s). */
  timeoutMs?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** The Accept header. */
  accept?: string;
  /** Validators of a cached copy: a 304 answer gives `{ status: 'not-modified' }`. */
  validators?: Validators;
  /** What the download is, in the sentence of a failure (« le schéma », « le fichier »…). Default: the URL alone. */
  what?: { fr: string; en: string };
  /** fetch implementation (tests); default the global fetch. */
  fetch?: typeof fetch;
}

/** What a server answered, besides the body. */
export interface DownloadMeta {
  /** The URL asked for. */
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  contentType: string;
  validators: Validators;
}

export type DownloadResult =
  ({ status: 'not-modified' } & DownloadMeta) | ({ status: 'ok'; body: Uint8Array } & DownloadMeta);

export type DownloadToFileResult =
  | ({ status: 'not-modified' } & DownloadMeta)
  | ({ status: 'ok'; path: string; bytes: number; sha256: string } & DownloadMeta);

function failure(
  url: string,
  kind: DownloadFailure,
  what: DownloadOptions['what'],
  reason: { fr: string; en: string },
  extra: Record<string, unknown> = {},
): OdfError {
  const subject = what ? `${what.fr} ${url}` : url;
  const subjectEn = what ? `${what.en} ${url}` : url;
  return new OdfError(
    'network-error',
    `Impossible de télécharger ${subject} : ${reason.fr}.`,
    { url, kind, reason: reason.en, ...extra },
    `Cannot download ${subjectEn}: ${reason.en}.`,
  );
}

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} Mo` : `${Math.ceil(n / 1024)} Ko`;
}

function megabytesEn(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** A system or fetch error as a failure kind and words, never a raw code in the sentence. */
function networkFailure(e: unknown, timeoutMs: number): { kind: DownloadFailure; fr: string; en: string } {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return {
      kind: 'timeout',
      fr: `pas de réponse complète en ${timeoutMs / 1000} s`,
      en: `no complete answer within ${timeoutMs / 1000} s`,
    };
  }
  const code = err.cause?.code ?? (err as { code?: string }).code ?? '';
  const message = `${err.message} ${err.cause?.message ?? ''}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { kind: 'dns', fr: 'serveur introuvable (nom inconnu)', en: 'server not found (unknown name)' };
  if (code === 'ECONNREFUSED')
    return { kind: 'refused', fr: 'le serveur refuse la connexion', en: 'the server refuses the connection' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return { kind: 'reset', fr: 'la connexion a été coupée', en: 'the connection was cut' };
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT')
    return { kind: 'timeout', fr: 'le serveur ne répond pas', en: 'the server does not answer' };
  if (/CERT|SSL|TLS/i.test(code) || /certificate/i.test(message))
    return {
      kind: 'tls',
      fr: 'le certificat du serveur n’est pas valide',
      en: 'the server’s certificate is not valid',
    };
  if (/bad port/i.test(message))
    return {
      kind: 'blocked-port',
      fr: 'ce port est interdit aux téléchargements (liste des ports bloqués de la norme fetch)',
      en: 'this port is barred from downloads (the fetch standard’s blocked ports)',
    };
  return { kind: 'network', fr: 'erreur réseau', en: 'network error' };
}

function parseUrl(raw: string, what: DownloadOptions['what']): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw failure(raw, 'bad-url', what, { fr: 'adresse invalide', en: 'invalid address' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw failure(raw, 'bad-url', what, {
      fr: `seules les adresses http et https sont acceptées, pas ${url.protocol}`,
      en: `only http and https addresses are accepted, not ${url.protocol}`,
    });
  }
  return url;
}

/** Send the request, following redirects by hand so that they are counted and stay http(s). */
async function request(
  url: string,
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<{ res: Response; finalUrl: string }> {
  const doFetch = options.fetch ?? fetch;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const headers: Record<string, string> = { 'user-agent': 'odf (https://github.com/opendatafrance)' };
  if (options.accept) headers.accept = options.accept;
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  let current = parseUrl(url, options.what);
  for (let hops = 0; ; hops++) {
    const res = await doFetch(current, { headers, redirect: 'manual', signal });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || res.status === 304 || !location)
      return { res, finalUrl: current.href };
    await res.body?.cancel();
    if (hops >= maxRedirects) {
      throw failure(url, 'redirects', options.what, {
        fr: `plus de ${maxRedirects} redirections`,
        en: `more than ${maxRedirects} redirects`,
      });
    }
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw failure(url, 'bad-url', options.what, {
        fr: 'le serveur redirige vers une adresse invalide',
        en: 'the server redirects to an invalid address',
      });
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw failure(url, 'bad-url', options.what, {
        fr: `le serveur redirige vers une adresse ${next.protocol} (seules http et https sont suivies)`,
        en: `the server redirects to a ${next.protocol} address (only http and https are followed)`,
      });
    }
    current = next;
  }
}

function metaOf(url: string, finalUrl: string, res: Response): DownloadMeta {
  const validators: Validators = {};
  const etag = res.headers.get('etag');
  const lastModified = res.headers.get('last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return { url, finalUrl, contentType: res.headers.get('content-type') ?? '', validators };
}

function httpFailure(url: string, res: Response, what: DownloadOptions['what']): OdfError {
  const text = `HTTP ${res.status} ${res.statusText}`.trim();
  const hint =
    res.status === 404 || res.status === 410
      ? {
          fr: ' (cette adresse n’existe pas ou plus)',
          en: ' (this address does not exist or no longer does)',
        }
      : res.status >= 500
        ? { fr: ' (erreur du serveur)', en: ' (server error)' }
        : { fr: '', en: '' };
  return failure(url, 'http', what, { fr: text + hint.fr, en: text + hint.en }, { status: res.status });
}

function tooLarge(url: string, max: number, what: DownloadOptions['what']): OdfError {
  return failure(
    url,
    'too-large',
    what,
    {
      fr: `il dépasse la taille permise (${megabytes(max)})`,
      en: `it exceeds the allowed size (${megabytesEn(max)})`,
    },
    { maxBytes: max },
  );
}

/**
 * Run `body` over the answer's bytes within the limits. Every failure becomes one OdfError
 * (`network-error`) whose `data.kind` says why; HTTP errors carry `data.status`.
 */
async function withResponse<T>(
  url: string,
  options: DownloadOptions,
  body: (res: Response, meta: DownloadMeta, chunks: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<T | ({ status: 'not-modified' } & DownloadMeta)> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { res, finalUrl } = await request(url, options, signal);
    const meta = metaOf(url, finalUrl, res);
    if (res.status === 304) {
      await res.body?.cancel();
      return { status: 'not-modified', ...meta };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw httpFailure(url, res, options.what);
    }
    const announced = Number(res.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > options.maxBytes) {
      await res.body?.cancel();
      throw tooLarge(url, options.maxBytes, options.what);
    }
    const stream = res.body;
    const max = options.maxBytes;
    async function* counted(): AsyncIterable<Uint8Array> {
      if (!stream) return;
      let got = 0;
      for await (const chunk of stream as AsyncIterable<Uint8Array>) {
        got += chunk.byteLength;
        if (got > max) {
          await stream.cancel().catch(() => undefined);
          throw tooLarge(url, max, options.what);
        }
        yield chunk;
      }
    }
    return await body(res, meta, counted());
  } catch (e) {
    if (e instanceof OdfError) throw e;
    const f = networkFailure(e, timeoutMs);
    throw failure(url, f.kind, options.what, f);
  }
}

/**
 * Download `url` into memory within `maxBytes`. For small documents (a schema, a catalogue file).
 * @throws OdfError `network-error` with `data.kind` (and `data.status` for HTTP errors).
 */
export async function download(url: string, options: DownloadOptions): Promise<DownloadResult> {
  return withResponse(url, options, async (_res, meta, chunks) => {
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    return { status: 'ok' as const, body: Buffer.concat(parts), ...meta };
  });
}

/**
 * Download `url` to `dest`, streaming, within `maxBytes`: written to a temporary file beside `dest`, then
 * renamed, so `dest` is either the old copy or the complete new one. Returns its size and SHA-256.
 * @throws OdfError `network-error` (see `download`) or `output-error` when the file cannot be written.
 */
export async function downloadToFile(
  url: string,
  dest: string,
  options: DownloadOptions,
): Promise<DownloadToFileResult> {
  return withResponse(url, options, async (_res, meta, chunks) => {
    const temp = path.join(
      path.dirname(dest),
      `.${path.basename(dest)}.${randomBytes(4).toString('hex')}.odf-part`,
    );
    const hash = createHash('sha256');
    let bytes = 0;
    const out = createWriteStream(temp);
    const written = new Promise<void>((resolve, reject) => {
      out.on('error', reject);
      out.on('finish', resolve);
    });
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.byteLength;
        if (!out.write(chunk)) {
          await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), written]);
        }
      }
      out.end();
      await written;
      await fs.rename(temp, dest);
    } catch (e) {
      out.destroy();
      await fs.rm(temp, { force: true });
      if (e instanceof OdfError) throw e;
      const err = e as NodeJS.ErrnoException;
      if (err.code && err.syscall) {
        const reason = err.code === 'ENOSPC' ? 'disque plein' : 'écriture impossible';
        const reasonEn = err.code === 'ENOSPC' ? 'disk full' : 'cannot write';
        throw new OdfError(
          'output-error',
          `Impossible d’enregistrer ${url} dans ${dest} : ${reason}.`,
          { url, path: dest, code: err.code },
          `Cannot save ${url} to ${dest}: ${reasonEn}.`,
        );
      }
      throw e;
    }
    return { status: 'ok' as const, path: dest, bytes, sha256: hash.digest('hex'), ...meta };
  });
}

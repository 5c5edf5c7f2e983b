import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, downloadToFile } from '../../src/net/download.js';
import { isOdfError, type OdfError } from '../../src/errors.js';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/ok':
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(200, {
          'content-type': 'text/csv',
          etag: '"v1"',
          'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
        });
        res.end('a,b\n1,2\n');
        return;
      case '/announced-big':
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        res.end();
        return;
      case '/endless': {
        // No content-length: the limit is met while reading.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 97);
        const push = (): void => {
          while (res.write(chunk)) {
            /* keep writing until the socket pushes back */
          }
        };
        res.on('drain', push);
        res.on('close', () => res.off('drain', push));
        push();
        return;
      }
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        res.end();
        return;
      case '/hop':
        res.writeHead(301, { location: `/ok` });
        res.end();
        return;
      case '/to-ftp':
        res.writeHead(302, { location: 'ftp://example.org/x' });
        res.end();
        return;
      case '/slow':
        res.writeHead(200);
        res.write('a');
        return; // never ends
      case '/missing':
        res.writeHead(404, 'Not Found');
        res.end('no');
        return;
      default:
        res.writeHead(500, 'Internal Server Error');
        res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function failureOf(p: Promise<unknown>): Promise<OdfError> {
  try {
    await p;
  } catch (e) {
    if (isOdfError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('download', () => {
  it('reads a body with its validators, then answers not-modified to a conditional request', async () => {
    const r = await download(`${base}/ok`, { maxBytes: 1000 });
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(Buffer.from(r.body).toString()).toBe('a,b\n1,2\n');
    expect(r.validators).toEqual({ etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
    const again = await download(`${base}/ok`, { maxBytes: 1000, validators: r.validators });
    expect(again.status).toBe('not-modified');
  });

  it('follows a redirect and names the final address', async () => {
    const r = await download(`${base}/hop`, { maxBytes: 1000 });
    expect(r.status).toBe('ok');
    expect(r.finalUrl).toBe(`${base}/ok`);
  });

  it.each([
    ['/announced-big', 'too-large'],
    ['/endless', 'too-large'],
    ['/loop', 'redirects'],
    ['/to-ftp', 'bad-url'],
    ['/missing', 'http'],
    ['/boom', 'http'],
  ])('%s fails as %s in one sentence', async (p, kind) => {
    const e = await failureOf(
      download(`${base}${p}`, { maxBytes: 1024 * 1024, what: { fr: 'le schéma', en: 'the schema' } }),
    );
    expect(e.code).toBe('network-error');
    expect(e.data.kind).toBe(kind);
    expect(e.message).toMatch(/^Impossible de télécharger le schéma http:\/\/127\.0\.0\.1:\d+\//);
    expect(e.message).not.toMatch(/E[A-Z]{3,}|undici|fetch failed/);
    expect(e.messageEn).toMatch(/^Cannot download the schema /);
  });

  it('gives up on a server that never finishes, within the time limit', async () => {
    const e = await failureOf(download(`${base}/slow`, { maxBytes: 1000, timeoutMs: 300 }));
    expect(e.data.kind).toBe('timeout');
  });

  it('says a refused connection and a bad address in words', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const addr = closed.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    await new Promise((r) => closed.close(r));
    const refused = await failureOf(download(`http://127.0.0.1:${port}/x`, { maxBytes: 10 }));
    expect(refused.data.kind).toBe('refused');
    expect(refused.message).toContain('refuse la connexion');
    const bad = await failureOf(download('http://127.0.0.1:99999/x', { maxBytes: 10 }));
    expect(bad.data.kind).toBe('bad-url');
    const blocked = await failureOf(download('http://127.0.0.1:6000/x', { maxBytes: 10 }));
    expect(blocked.data.kind).toBe('blocked-port');
    expect(blocked.message).not.toContain('bad port');
  });
});

describe('downloadToFile', () => {
  it('writes the whole body with its hash, and nothing at all when the limit is passed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-dl-'));
    const dest = path.join(dir, 'f.csv');
    const r = await downloadToFile(`${base}/ok`, dest, { maxBytes: 1000 });
    expect(r.status).toBe('ok');
    if (r.status === 'ok') {
      expect(r.bytes).toBe(8);
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(readFileSync(dest, 'utf8')).toBe('a,b\n1,2\n');
    writeFileSync(dest, 'old copy');
    const e = await failureOf(downloadToFile(`${base}/endless`, dest, { maxBytes: 256 * 1024 }));
    expect(e.data.kind).toBe('too-large');
    expect(readFileSync(dest, 'utf8')).toBe('old copy');
    expect(readdirSync(dir)).toEqual(['f.csv']);
  });
});

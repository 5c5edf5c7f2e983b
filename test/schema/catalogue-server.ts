// Test helper: a schema.data.gouv.fr look-alike on 127.0.0.1 serving the bundled catalogue, or a newer one.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const bundled = path.resolve(import.meta.dirname, '..', '..', 'schemas');

/** What the server answers: the bundled snapshot, a newer one, or garbage of some kind. */
export type ServerMode = 'snapshot' | 'newer' | 'html' | 'garbage-schemas' | 'hang-schemas';

interface PortalDoc {
  schemas: {
    name: string;
    schema_type: string;
    title?: string;
    versions: { version_name: string; schema_url: string }[];
  }[];
}

const SITE = 'https://schema.data.gouv.fr';

/** The bundled schemas.json with the bytes the bundled schema files hold, keyed by URL path. */
function snapshotFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('/schemas.json', readFileSync(path.join(bundled, 'schemas.json')));
  const doc = JSON.parse(readFileSync(path.join(bundled, 'schemas.json'), 'utf8')) as PortalDoc;
  for (const s of doc.schemas) {
    if (s.schema_type !== 'tableschema') continue;
    for (const v of s.versions) {
      try {
        const bytes = readFileSync(path.join(bundled, s.name, v.version_name, 'schema.json'));
        files.set(new URL(v.schema_url).pathname, bytes);
      } catch {
        // The portal lists a few versions under another file name that the bundled copy lacks: 404.
      }
    }
  }
  return files;
}

/** The newer snapshot: scdl/budget 0.9.0 (a new required field), a new schema, 0.8.1 republished changed. */
export function newerFiles(): Map<string, Buffer> {
  const files = snapshotFiles();
  const doc = JSON.parse(files.get('/schemas.json')!.toString('utf8')) as PortalDoc;
  const budget = doc.schemas.find((s) => s.name === 'scdl/budget')!;
  budget.versions.push({
    version_name: '0.9.0',
    schema_url: `${SITE}/schemas/scdl/budget/0.9.0/schema.json`,
  });
  const b083 = JSON.parse(readFileSync(path.join(bundled, 'scdl/budget/0.8.3/schema.json'), 'utf8')) as {
    version: string;
    fields: { name: string; type: string; constraints?: Record<string, unknown> }[];
  };
  b083.version = '0.9.0';
  b083.fields.push({ name: 'BGT_CODE_NOUVEAU', type: 'string', constraints: { required: true } });
  files.set('/schemas/scdl/budget/0.9.0/schema.json', Buffer.from(JSON.stringify(b083, null, 2)));
  // 0.8.1 published again in place with other content: odf must keep its bundled copy.
  const b081 = JSON.parse(readFileSync(path.join(bundled, 'scdl/budget/0.8.1/schema.json'), 'utf8')) as {
    fields: unknown[];
  };
  b081.fields = b081.fields.slice(0, 1);
  files.set('/schemas/scdl/budget/0.8.1/schema.json', Buffer.from(JSON.stringify(b081)));
  doc.schemas.push({
    name: 'test-org/nouveau-schema',
    schema_type: 'tableschema',
    title: 'Un schéma apparu depuis',
    versions: [
      { version_name: '1.0.0', schema_url: `${SITE}/schemas/test-org/nouveau-schema/1.0.0/schema.json` },
    ],
  });
  files.set(
    '/schemas/test-org/nouveau-schema/1.0.0/schema.json',
    Buffer.from(JSON.stringify({ name: 'nouveau-schema', fields: [{ name: 'id', type: 'integer' }] })),
  );
  files.set('/schemas.json', Buffer.from(JSON.stringify(doc)));
  return files;
}

/** A running catalogue server: its base URL, the mode it serves, and what it was asked. */
export interface CatalogueServer {
  url: string;
  mode: ServerMode;
  /** Requests received: path, and whether they were conditional (If-None-Match). */
  requests: { path: string; conditional: boolean }[];
  close(): Promise<void>;
}

/** Start the server on 127.0.0.1 (a free port) serving `mode`; change `server.mode` to serve another. */
export async function startCatalogueServer(mode: ServerMode = 'snapshot'): Promise<CatalogueServer> {
  const snapshot = snapshotFiles();
  const newer = newerFiles();
  const state: CatalogueServer = {
    url: '',
    mode,
    requests: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    state.requests.push({ path: p, conditional: req.headers['if-none-match'] !== undefined });
    if (state.mode === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Maintenance</title><p>Le site est en maintenance.</p>');
      return;
    }
    const files = state.mode === 'newer' ? newer : snapshot;
    const body = files.get(p);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (p !== '/schemas.json' && state.mode === 'garbage-schemas') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"fields": [{"name": "a", "type": "money"');
      return;
    }
    if (p !== '/schemas.json' && state.mode === 'hang-schemas') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"fields": ');
      return; // never ends: the update's time limit must stop it
    }
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      etag,
      'last-modified': 'Sat, 05 Dec 2026 10:00:00 GMT',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '../../src/schema/load.js';
import { catalogueIndex } from '../../src/schema/catalogue.js';
import { isOdfError } from '../../src/errors.js';

async function failure(p: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isOdfError(e)) return { code: e.code, data: e.data };
    throw e;
  }
  throw new Error('expected an OdfError');
}

const dir = mkdtempSync(path.join(tmpdir(), 'odf-load-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const JSON_SCHEMA = '{"fields": [{"name": "id", "type": "integer"}], "version": "1.2.0"}';
const YAML_SCHEMA = 'fields:\n  - name: id\n    type: integer\n  - name: nom\n';

describe('loadSchema from the catalogue', () => {
  it('loads a name@version with its schema.data.gouv.fr URL as source', async () => {
    const l = await loadSchema('scdl/budget@0.8.3');
    expect([l.name, l.version, l.source]).toEqual([
      'scdl/budget',
      '0.8.3',
      'https://schema.data.gouv.fr/schemas/scdl/budget/0.8.3/schema.json',
    ]);
    expect(l.schema.fields).toHaveLength(22);
  });

  it('takes the latest version of a short name', async () => {
    const l = await loadSchema('deliberations');
    expect([l.name, l.version]).toEqual(['scdl/deliberations', '2.1.5']);
  });

  it.each([
    ['budjet', 'schema-not-found'],
    ['scdl/budget@0.0.1', 'schema-not-found'],
  ])('%s → %s', async (ref, code) => {
    expect((await failure(loadSchema(ref))).code).toBe(code);
  });

  it('loads every vendored schema version without a schema error', async () => {
    const broken: string[] = [];
    let versions = 0;
    let withWarnings = 0;
    for (const e of catalogueIndex()) {
      for (const v of e.versions) {
        const l = await loadSchema(`${e.name}@${v.version}`);
        versions++;
        const errors = l.findings.filter((f) => f.level === 'error');
        if (errors.length > 0) broken.push(`${e.name}@${v.version}: ${errors.map((f) => f.code).join(', ')}`);
        if (
          l.findings.some((f) => f.code === 'schema-example-invalid' && f.params.reason === 'not-a-string')
        ) {
          withWarnings++;
        }
      }
    }
    expect(broken).toEqual([]);
    expect(versions).toBe(160);
    // 34 catalogue versions plus IRVE statique 2.3.1 write some examples as JSON numbers or booleans.
    expect(withWarnings).toBe(35);
  });
});

describe('loadSchema from a file', () => {
  it.each([
    ['s.json', JSON_SCHEMA, 1],
    ['s.yaml', YAML_SCHEMA, 2],
    ['s.yml', YAML_SCHEMA, 2],
    ['sniffed-json.schema', JSON_SCHEMA, 1],
    ['sniffed-yaml.txt', YAML_SCHEMA, 2],
    ['bom.json', `\ufeff${JSON_SCHEMA}`, 1],
  ])('%s', async (name, text, fields) => {
    const p = file(name, text);
    const l = await loadSchema(p);
    expect(l.schema.fields).toHaveLength(fields);
    expect(l.source).toBe(p);
    expect(l.name).toBeUndefined();
    expect(l.findings).toEqual([]);
  });

  it('reads a relative path against cwd and keeps the schema version', async () => {
    file('rel.json', JSON_SCHEMA);
    const l = await loadSchema('rel.json', { cwd: dir });
    expect([l.source, l.version]).toEqual(['rel.json', '1.2.0']);
  });

  it('returns the findings of a broken schema instead of throwing', async () => {
    const l = await loadSchema(file('broken.json', '{"fields": [{"name": "a", "type": "money"}]}'));
    expect(l.findings.map((f) => [f.code, f.params.path])).toEqual([
      ['schema-field-type-unknown', '/fields/0/type'],
    ]);
  });

  it.each([['missing.json'], ['missing.yaml'], ['./budget'], ['no/such/dir/schema']])(
    '%s that does not exist → schema-not-found',
    async (ref) => {
      expect((await failure(loadSchema(ref, { cwd: dir }))).code).toBe('schema-not-found');
    },
  );

  it.each([
    ['trailing-comma.json', '{\n  "fields": [\n    {"name": "a"},\n  ]\n}', 4, 3],
    ['bad-token.json', '{\n  "fields": [\n    {"name": tr}\n  ]\n}', 3, 16],
    ['truncated.json', '{\n  "fields": [\n', 3, 1],
    ['bad.yaml', 'fields:\n  - name: a\n - name: b\n', 3, 1],
    ['bad-flow.yml', 'fields: [\n  {name: a\n', 3, 1],
  ])('%s → schema-unreadable with its line and column', async (name, text, line, column) => {
    const e = await failure(loadSchema(file(name, text)));
    expect([e.code, e.data.line, e.data.column]).toEqual(['schema-unreadable', line, column]);
  });

  it.each([
    ['array.json', '[1, 2]'],
    ['scalar.yaml', 'just text'],
    ['empty.yaml', ''],
  ])('%s is not an object → schema-unreadable', async (name, text) => {
    expect((await failure(loadSchema(file(name, text)))).code).toBe('schema-unreadable');
  });

  it('accepts an already parsed schema', async () => {
    const l = await loadSchema({ fields: [{ name: 'x' }] });
    expect([l.source, l.findings]).toEqual(['<inline>', []]);
  });
});

describe('loadSchema from a URL', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const send = (status: number, type: string, body: string): void => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (req.url === '/schema.json') send(200, 'application/json; charset=utf-8', JSON_SCHEMA);
      else if (req.url === '/schema') send(200, 'application/x-yaml', YAML_SCHEMA);
      else if (req.url === '/raw.yml') send(200, 'text/plain', YAML_SCHEMA);
      else if (req.url === '/plain') send(200, 'text/plain', JSON_SCHEMA);
      else if (req.url === '/bad.json') send(200, 'application/json', '{"fields": [');
      else if (req.url === '/slow') setTimeout(() => send(200, 'application/json', JSON_SCHEMA), 2_000);
      else send(404, 'text/plain', 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    ['/schema.json', 1],
    ['/schema', 2],
    ['/raw.yml', 2],
    ['/plain', 1],
  ])('%s', async (p, fields) => {
    const l = await loadSchema(base + p);
    expect(l.schema.fields).toHaveLength(fields);
    expect(l.source).toBe(base + p);
    expect(l.findings).toEqual([]);
  });

  it('turns a 404 into network-error', async () => {
    const e = await failure(loadSchema(`${base}/missing.json`));
    expect([e.code, e.data.url]).toEqual(['network-error', `${base}/missing.json`]);
    expect(e.data.reason).toMatch(/^HTTP 404/);
  });

  it('turns a syntax error into schema-unreadable with its position', async () => {
    const e = await failure(loadSchema(`${base}/bad.json`));
    expect([e.code, e.data.line]).toEqual(['schema-unreadable', 1]);
  });

  it('gives up after the timeout with network-error', async () => {
    expect((await failure(loadSchema(`${base}/slow`, { timeoutMs: 50 }))).code).toBe('network-error');
  });

  it('reports a refused connection as network-error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await failure(loadSchema(`http://127.0.0.1:${port}/s.json`))).code).toBe('network-error');
  });

  it('uses the fetch it is given, and only for URLs', async () => {
    const seen: string[] = [];
    const fake = (async (url: string | URL | Request) => {
      seen.push(String(url));
      return new Response(JSON_SCHEMA, { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    await loadSchema('scdl/budget', { fetch: fake });
    expect(seen).toEqual([]);
    const l = await loadSchema('https://example.invalid/schema.json', { fetch: fake });
    expect([seen, l.schema.fields.length]).toEqual([['https://example.invalid/schema.json'], 1]);
  });
});

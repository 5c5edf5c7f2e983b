import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSchema, MAX_SCHEMA_BYTES } from '../../src/schema/load.js';
import { parseYamlDocument } from '../../src/schema/yaml.js';
import { readSmallFile } from '../../src/net/read-file.js';
import { readMappingFile } from '../../src/schema/mapping-file.js';
import { loadSynonymsFile } from '../../src/schema/synonyms.js';
import { loadConfig } from '../../src/batch/config.js';
import type { OdfError } from '../../src/errors.js';

// Issue 12, rows 5, 12 and 13: schemas, configurations, mappings and synonyms that are bombs, folders,
// pipes, loops or endless downloads give one sentence about the user's file, never a raw error.

const BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'fields: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
].join('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-sources-'));
});

async function failure(p: Promise<unknown>): Promise<OdfError> {
  try {
    await p;
  } catch (e) {
    return e as OdfError;
  }
  throw new Error('expected a failure');
}

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('YAML bombs and deep nesting', () => {
  it('an alias bomb is one problem, in French, at the first alias', () => {
    const doc = parseYamlDocument(BOMB);
    expect(doc.errors).toHaveLength(1);
    expect(doc.errors[0]!.fr).toMatch(/« bombe » YAML/);
    expect(doc.errors[0]!.message).toMatch(/YAML bomb/);
    expect(doc.errors[0]!.line).toBe(2);
    expect(doc.value).toBeUndefined();
  });

  it('100,000 nested brackets are refused before the parser sees them (it crashed natively)', () => {
    const doc = parseYamlDocument(`fields: ${'['.repeat(100_000)}`);
    expect(doc.errors.map((e) => [e.line, /imbrication trop profonde/.test(e.fr)])).toEqual([[1, true]]);
  });

  it('a few aliases and brackets are fine', () => {
    const doc = parseYamlDocument('base: &b {a: 1}\nx: *b\ny: [[[1]]]\n');
    expect(doc.errors).toEqual([]);
    expect(doc.value).toEqual({ base: { a: 1 }, x: { a: 1 }, y: [[[1]]] });
  });

  it.each([
    ['--config', (f: string) => loadConfig(f), 'config-invalid'],
    ['--map', async (f: string) => readMappingFile(f), 'mapping-invalid'],
    ['--synonyms', async (f: string) => loadSynonymsFile(f), 'config-invalid'],
    ['--schema', (f: string) => loadSchema(f), 'schema-unreadable'],
  ])('%s with a bomb: %s', async (_opt, load, code) => {
    const e = await failure(load(file(`bomb-${code}.yaml`, BOMB)));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/bombe/);
    expect(e.message).not.toMatch(/Excessive|erreur interne/);
  });

  it('a schema nesting 100,000 levels in valid JSON is refused in one sentence', async () => {
    const deep = `{"fields": [{"name": "a", "example": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
    const e = await failure(loadSchema(file('deep.json', deep)));
    expect([e.code, e.message]).toEqual([
      'schema-unreadable',
      expect.stringMatching(/imbrication trop profonde/),
    ]);
  });
});

describe('files that are not files', () => {
  it('a folder as --schema says it is a folder', async () => {
    mkdirSync(path.join(dir, 'dossier'));
    const e = await failure(loadSchema(path.join(dir, 'dossier')));
    expect(e.code).toBe('schema-unreadable');
    expect(e.message).toMatch(/est un dossier, pas un fichier/);
  });

  it('a folder named like a catalogue schema does not hide the catalogue', async () => {
    mkdirSync(path.join(dir, 'budget'));
    const l = await loadSchema('budget', { cwd: dir });
    expect(l.name).toBe('scdl/budget');
  });

  it('a loop of symbolic links says so in words', async () => {
    symlinkSync('boucle', path.join(dir, 'boucle'));
    const e = await failure(loadSchema(path.join(dir, 'boucle')));
    expect(e.message).toMatch(/tourne en boucle \(liens symboliques\)/);
    expect(e.message).not.toMatch(/ELOOP/);
  });

  it('an endless device is cut at the size limit', async () => {
    if (!existsSync('/dev/zero')) return;
    const e = await failure(loadSchema('/dev/zero'));
    expect([e.code, e.data.maxBytes]).toEqual(['schema-unreadable', MAX_SCHEMA_BYTES]);
  });

  it('a named pipe with a writer is read like a file (shell <(…))', async () => {
    const fifo = path.join(dir, 'tube');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this system
    }
    const writer = spawn(process.execPath, [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(fifo)}, '{"fields": [{"name": "a"}]}')`,
    ]);
    const l = await loadSchema(fifo);
    expect(l.schema.fields.map((f) => f.name)).toEqual(['a']);
    await new Promise((resolve) => writer.on('close', resolve));
  });

  it('a file over the limit is refused without being read whole', () => {
    const big = file('big.yaml', `fields:\n${'  - name: x\n'.repeat(120_000)}`);
    expect(() => readSmallFile(big, 'big.yaml', 'mapping')).toThrow(/dépasse 1 Mo/);
  });
});

describe('schema downloads are limited (row 5)', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/endless') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1 << 16, 32);
        const pump = (): void => {
          while (res.write(chunk));
          res.once('drain', pump);
        };
        pump();
        res.on('error', () => undefined);
      } else if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('an endless body stops at the schema size limit, in one sentence', async () => {
    const e = await failure(loadSchema(`${base}/endless`));
    expect([e.code, e.data.kind]).toEqual(['network-error', 'too-large']);
    expect(e.message).toBe(
      `Impossible de télécharger le schéma ${base}/endless : il dépasse la taille permise (10 Mo).`,
    );
  });

  it('a redirect loop stops after 5 hops, in words', async () => {
    const e = await failure(loadSchema(`${base}/loop`));
    expect([e.code, e.data.kind]).toEqual(['network-error', 'redirects']);
    expect(e.message).not.toMatch(/redirect count exceeded/);
  });
});

// A big CSV file validated in chunks gives the report one thread gives, byte for byte (issue 14).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChunkedTask, type ChunkRequest } from '../../src/run/chunked.js';
import { runFileTask, type FileTask, type FileTaskResult } from '../../src/run/task.js';
import { assembleReport } from '../../src/run/engine.js';
import { renderReport } from '../../src/index.js';
import { loadSchema } from '../../src/schema/load.js';
import type { LoadedSchema, TableSchema } from '../../src/schema/types.js';
import { findChunks, dataStartOf } from '../../src/io/split-points.js';
import { scanCsv } from '../../src/io/csv.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-chunked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema: TableSchema = {
  fields: [
    { name: 'id', type: 'integer', constraints: { required: true } },
    { name: 'date', type: 'date' },
    { name: 'code', type: 'string', constraints: { pattern: '^[A-Z]{2}[0-9]{3}$' } },
    { name: 'montant', type: 'number' },
    { name: 'contact', type: 'string' },
    { name: 'note', type: 'string' },
  ],
  custom_checks: [{ name: 'french-siret-value', params: { column: 'siret' } }],
} as TableSchema;
(schema.fields as { name: string; type: string }[]).push({ name: 'siret', type: 'string' });

const FIRST = ['Jean', 'Marie', 'Pierre', 'Sophie', 'Luc', 'Anne', 'Paul', 'Claire'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Leroy'];

/** Rows with something wrong every few rows, multi-line notes, personal data, formulas, blank rows. */
function table(rows: number, eol: string, seed = 1): string {
  const out = ['id,date,code,montant,contact,note,siret'];
  for (let i = 1; i <= rows; i++) {
    const k = (i * 7919 + seed) % 1000;
    if (k === 3) {
      out.push(',,,,,,');
      continue;
    }
    const id = k % 97 === 0 ? `x${i}` : String(i);
    const date = k % 89 === 0 ? '31/02/2021' : `2021-0${(i % 9) + 1}-1${i % 10}`;
    const code = k % 61 === 0 ? 'zz1' : `AB${String(i % 1000).padStart(3, '0')}`;
    const montant = k % 53 === 0 ? ` ${i}.5 ` : k % 47 === 0 ? '12,5€' : `${i}.25`;
    const contact =
      i % 3 === 0
        ? `${FIRST[i % 8]!.toLowerCase()}.${LAST[(i >> 3) % 8]!.toLowerCase()}@gmail.com`
        : `${FIRST[i % 8]} ${LAST[(i >> 2) % 8]}`;
    const note =
      k % 11 === 0
        ? `"première ligne${eol}seconde « ligne », avec ""guillemets"""`
        : k % 43 === 0
          ? '=SOMME(A1:A3)'
          : k % 7 === 0
            ? `"Café, été"`
            : 'ok';
    const siret = k % 71 === 0 ? '12345678901234' : '21930048018033';
    const line = [id, date, code, montant, contact, note, siret];
    if (k % 101 === 0) line.pop();
    if (k % 103 === 0) line.push('de trop');
    out.push(line.join(','));
  }
  return out.join(eol) + eol;
}

function write(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function rendered(r: FileTaskResult, format: 'text' | 'json', lang: 'fr' | 'en'): string {
  if (!r.ok) return JSON.stringify(r.failure);
  const report = assembleReport([r.report], [], [], lang, {});
  return renderReport(report, format, { lang });
}

/** Run a file in chunks on `lanes` lanes and in one thread; the chunked result must exist (no fallback). */
async function compare(
  task: FileTask,
  lanes: number,
  worker?: URL,
  request: Partial<ChunkRequest> = {},
): Promise<void> {
  const chunked = await runChunkedTask(task, { lanes, threshold: 0, worker, ...request });
  expect(chunked, 'the file was cut into chunks').toBeDefined();
  const single = await runFileTask(task);
  for (const format of ['text', 'json'] as const) {
    expect(rendered(chunked!, format, task.lang)).toBe(rendered(single, format, task.lang));
  }
}

async function taskOf(file: string, extra: Partial<FileTask> = {}): Promise<FileTask> {
  const loaded = await loadSchema(schema);
  return {
    path: file,
    display: path.basename(file),
    lang: 'fr',
    read: {},
    profile: false,
    schema: loaded,
    ...extra,
  };
}

/** The test schema with `id` unique and a primary key over `id` and `siret`. */
function withKeys(): Promise<LoadedSchema> {
  const fields = schema.fields.map((f) =>
    f.name === 'id' ? { ...f, constraints: { ...f.constraints, unique: true } } : f,
  );
  return loadSchema({ ...schema, fields, primaryKey: ['id', 'siret'] } as TableSchema);
}

describe('chunked validation (one file on several threads)', () => {
  it('reports unique and primary-key duplicates within chunks as one reading does', async () => {
    // Duplicates close together (within a chunk), none across chunks.
    const text = table(3000, '\n', 2).replace('\n12,', '\n10,').replace('\n1812,', '\n1810,');
    const task = { ...(await taskOf(write('unique-within.csv', text))), schema: await withKeys() };
    const single = await runFileTask(task);
    expect(single.ok && single.report.findings.some((f) => f.code === 'unique-error')).toBe(true);
    expect(single.ok && single.report.findings.some((f) => f.code === 'primary-key')).toBe(true);
    for (const lanes of [2, 3]) await compare(task, lanes);
  });

  it('gives the same text and JSON reports with LF, CRLF, a BOM and Windows-1252', async () => {
    const lf = write('lf.csv', table(3000, '\n'));
    const crlf = write('crlf.csv', table(3000, '\r\n', 5));
    const bom = write(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(table(2000, '\n', 9))]),
    );
    const cp1252 = write('cp1252.csv', Buffer.from(table(2500, '\r\n', 13), 'latin1'));
    for (const file of [lf, crlf, bom, cp1252]) {
      for (const lanes of [2, 3]) await compare(await taskOf(file), lanes);
    }
  });

  it('keeps the first findings in row order under a small error limit, with code filters', async () => {
    const file = write('limit.csv', table(3000, '\n', 21));
    await compare(await taskOf(file, { limitErrors: 7 }), 3);
    await compare(await taskOf(file, { limitErrors: 40, lang: 'en' }), 2);
    await compare(await taskOf(file, { skipErrors: ['type-error'], limitErrors: 10 }), 3);
    await compare(await taskOf(file, { pickErrors: ['#structure'] }), 2);
  });

  it('merges the personal-data guard (every mode) and a recognised schema', async () => {
    const file = write('privacy.csv', table(4000, '\n', 33));
    await compare(await taskOf(file, { privacy: 'error' }), 3);
    await compare(await taskOf(file, { privacy: 'off' }), 3);
    const budget = readFileSync(path.resolve('fixtures/exports/budget-logiciel-ca.csv'), 'latin1');
    const [head, ...rest] = budget.split(/\r?\n/).filter((l) => l !== '');
    const big = [head, ...Array.from({ length: 400 }, (_, i) => rest[i % rest.length])].join('\r\n') + '\r\n';
    const recognised = write('budget.csv', Buffer.from(big, 'latin1'));
    await compare({ path: recognised, display: 'budget.csv', lang: 'fr', read: {}, profile: false }, 3);
  });

  it('falls back to one thread when a chunk would not read as the whole file does', async () => {
    // An unclosed quote: the scanner re-reads it as text, the cut points cannot know.
    const broken = write('broken.csv', table(1500, '\n').replace('\n7,', '\n"7,'));
    expect(await runChunkedTask(await taskOf(broken), { lanes: 2, threshold: 0 })).toBeUndefined();
    // A unique value or a primary key met in two chunks: the chunk of the second could not see it.
    const unique = await withKeys();
    const crossing = write('unique-crossing.csv', table(3000, '\n').replace('\n2900,', '\n5,'));
    const crossTask = { ...(await taskOf(crossing)), schema: unique };
    expect(await runChunkedTask(crossTask, { lanes: 2, threshold: 0 })).toBeUndefined();
    const crossSingle = await runFileTask(crossTask);
    expect(
      crossSingle.ok &&
        crossSingle.report.findings.some((f) => f.code === 'unique-error' && f.rowNumber === 2901),
    ).toBe(true);
    // Same-table foreign keys compare every row with every other: read at once.
    const fk = await loadSchema({
      ...schema,
      foreignKeys: [{ fields: 'code', reference: { resource: '', fields: 'siret' } }],
    } as TableSchema);
    const task = { ...(await taskOf(crossing)), schema: fk };
    expect(await runChunkedTask(task, { lanes: 2, threshold: 0 })).toBeUndefined();
    // Bytes that are not UTF-8, a cell past the length limit: reader findings, read at once, same report.
    const lines = table(2000, '\n', 7).split('\n');
    const bytes = lines.map((l, i) =>
      i === 1200 ? Buffer.from(`${l}\u00e9\n`, 'latin1') : Buffer.from(`${l}\n`),
    );
    const badTask = await taskOf(write('bad-bytes.csv', Buffer.concat(bytes)));
    expect(await runChunkedTask(badTask, { lanes: 2, threshold: 0 })).toBeUndefined();
    const badSingle = await runFileTask(badTask);
    expect(badSingle.ok && badSingle.report.findings.some((f) => f.code === 'encoding-error')).toBe(true);
    const long = table(2000, '\n', 7).replace('\n900,', `\n${'9'.repeat(80)},`);
    const longTask = await taskOf(write('long.csv', long), { read: { maxCellLength: 64 } });
    expect(await runChunkedTask(longTask, { lanes: 3, threshold: 0 })).toBeUndefined();
    const single = await runFileTask(longTask);
    expect(single.ok && single.report.findings.some((f) => f.code === 'cell-too-long')).toBe(true);
  });
});

const profileSchema: TableSchema = {
  fields: [
    { name: 'montant', type: 'number' },
    { name: 'quantite', type: 'integer' },
    { name: 'jour', type: 'date' },
    { name: 'lot', type: 'string' },
    { name: 'ville', type: 'string' },
    { name: 'rare', type: 'string' },
    { name: 'vide', type: 'string' },
    { name: 'siret', type: 'string' },
  ],
} as TableSchema;

const TOWNS = ['Lyon', 'Paris', 'Nantes', 'Lille', 'Brest', 'Metz', 'Pau', 'Dax'];

/**
 * Columns of every kind for the profile: amounts mostly distinct (some written `12.50` and `12.5`, some
 * not numbers), quantities repeating, dates (ISO and French), runs of lot codes (many distinct values,
 * each repeated), a few towns with spaces around some, a value only on the first and last rows, a mostly
 * empty column, identifiers repeating now and then.
 */
function profiled(rows: number, seed = 1): string {
  const out = ['montant,quantite,jour,lot,ville,rare,vide,siret'];
  for (let i = 1; i <= rows; i++) {
    const k = (i * 7919 + seed) % 1000;
    const montant =
      k === 5 ? 'n/a' : k % 9 === 0 ? '12.50' : k % 13 === 0 ? '12.5' : `${(k * i) % 100003}.${i % 100}`;
    const quantite = k % 17 === 0 ? '' : String(k % 40);
    const jour = k % 5 === 0 ? `1${i % 10}/0${(i % 9) + 1}/2020` : `2021-0${(i % 9) + 1}-${10 + (k % 19)}`;
    const lot = `L${Math.floor(i / 7)}`;
    const ville = k % 3 === 0 ? ` ${TOWNS[k % 8]} ` : TOWNS[(k >> 2) % 8]!;
    const rare = i === 1 ? 'début' : i === rows ? 'fin' : 'milieu';
    const vide = k % 97 === 0 ? 'x' : '';
    const siret = String(21930048000000 + (k % 31 === 0 ? 7 : (i * 13) % 4000));
    out.push([montant, quantite, jour, lot, ville, rare, vide, siret].join(','));
  }
  return out.join('\n') + '\n';
}

describe('chunked validation with the column profile', () => {
  async function profileTask(file: string, extra: Partial<FileTask> = {}): Promise<FileTask> {
    return {
      path: file,
      display: path.basename(file),
      lang: 'fr',
      read: {},
      schema: await loadSchema(profileSchema),
      ...extra,
    };
  }

  it('merges the profile of every kind of column as one reading gives it', async () => {
    const file = write('profiled.csv', profiled(6000));
    const task = await profileTask(file);
    const single = await runFileTask(task);
    const columns = single.ok ? single.report.profile! : [];
    // The cases the merge must rebuild are there: a summary that dropped counters, exact ones.
    expect(columns.find((c) => c.label === 'siret')).toMatchObject({ distinctExact: true, topExact: false });
    expect(columns.find((c) => c.label === 'ville')).toMatchObject({ distinct: 8, topExact: true });
    expect(columns.find((c) => c.label === 'rare')!.top!.map((v) => v.value)).toContain('fin');
    for (const lanes of [2, 3]) await compare(task, lanes);
    // Without a schema: kinds guessed from the values.
    await compare(await profileTask(file, { schema: undefined }), 3);
    // Windows-1252 and CRLF, the personal-data guard hiding a column's values.
    const cp = write('profiled-cp.csv', Buffer.from(table(4000, '\r\n', 3), 'latin1'));
    await compare(await taskOf(cp, { profile: true }), 3);
  });

  it('replays the frequent values across chunks past the exact distinct count', async () => {
    const file = write('profiled-small.csv', profiled(3000, 7));
    // Amounts and lots overflow the exact count: amounts mostly distinct (frozen), lots repeated.
    const limits = { exactDistinct: 100, frequentCapacity: 12, topValues: 4 };
    const task = await profileTask(file, { profileLimits: limits });
    const single = await runFileTask(task);
    const columns = single.ok ? single.report.profile! : [];
    expect(columns.find((c) => c.label === 'montant')).toMatchObject({
      distinctExact: false,
      topExact: false,
    });
    expect(columns.find((c) => c.label === 'lot')).toMatchObject({ distinctExact: false, topExact: false });
    expect(columns.find((c) => c.label === 'lot')!.top!.length).toBeGreaterThan(0);
    for (const lanes of [2, 3]) await compare(task, lanes);
    await compare(await profileTask(file, { profileLimits: { ...limits, exactDistinct: 60 } }), 3);
    await compare(
      await profileTask(file, { profileLimits: { exactDistinct: 300, frequentCapacity: 1000 } }),
      2,
    );
  });

  it('falls back to one thread when a chunk holds more values than it records', async () => {
    // One value for the first half, then all different: the exact count overflows late (the summary is
    // not frozen) and the chunks of the second half hold more values than they record.
    const lines = ['montant,quantite,jour,lot,ville,rare,vide,siret'];
    for (let i = 0; i < 3000; i++) lines.push(`1,1,2021-01-01,${i < 1500 ? 'L' : `L${i}`},Pau,,,1`);
    const task = await profileTask(write('late.csv', lines.join('\n') + '\n'), {
      profileLimits: { exactDistinct: 100, frequentCapacity: 12 },
    });
    expect(await runChunkedTask(task, { lanes: 2, threshold: 0 })).toBeUndefined();
    const single = await runFileTask(task);
    expect(single.ok && single.report.profile!.find((c) => c.label === 'lot')!.topExact).toBe(false);
    // With room for every value, the same file is merged.
    await compare({ ...task, profileLimits: { exactDistinct: 4000, frequentCapacity: 12 } }, 2);
    // A very wide file: the values its chunks would record at once are too many to hold.
    const header = Array.from({ length: 120 }, (_, i) => `c${i}`).join(',');
    const row = (i: number): string => Array.from({ length: 120 }, (_, j) => `v${(i * j) % 50}`).join(',');
    const wide = write(
      'wide.csv',
      [header, ...Array.from({ length: 300 }, (_, i) => row(i))].join('\n') + '\n',
    );
    const wideTask: FileTask = { path: wide, display: 'wide.csv', lang: 'fr', read: {} };
    expect(await runChunkedTask(wideTask, { lanes: 2, threshold: 0 })).toBeUndefined();
    expect(await runChunkedTask({ ...wideTask, profile: false }, { lanes: 2, threshold: 0 })).toBeDefined();
    await compare({ ...wideTask, profileLimits: { exactDistinct: 2000 } }, 2);
  });
});

/**
 * A code of 60 values in no order (each repeated: more than the test's 12 counters, fewer than its
 * exact distinct count, so the merge replays it), then columns of a few values.
 */
function coded(rows: number): string {
  const out = ['code,ville,sens,annee,rare'];
  for (let i = 1; i <= rows; i++) {
    const k = (i * 7919) % 1009;
    const rare = i === 1 ? 'début' : i === rows ? 'fin' : 'milieu';
    out.push(
      [`C${(k * 31) % 60}`, TOWNS[k % 8], k % 3 === 0 ? 'dépense' : 'recette', 2015 + (k % 5), rare].join(
        ',',
      ),
    );
  }
  return out.join('\n') + '\n';
}

const codedLimits = { exactDistinct: 200, frequentCapacity: 12, topValues: 5 };
/** The budget of values that leaves each chunk of `coded` `ids` ids (5 columns of 201 values, 2 lanes). */
const codedBudget = (ids: number): number => 4 * (5 * 201 + ids / 16);

describe('chunked validation with a budget of recorded ids', () => {
  const limits = codedLimits;
  const budget = codedBudget;

  it('drops the ids of columns of few values past it, with the report of one reading', async () => {
    const file = write('coded.csv', coded(12000));
    const task: FileTask = { path: file, display: 'coded.csv', lang: 'fr', read: {}, profileLimits: limits };
    const single = await runFileTask(task);
    const columns = single.ok ? single.report.profile! : [];
    expect(columns.find((c) => c.label === 'code')).toMatchObject({ distinct: 60, topExact: false });
    expect(columns.find((c) => c.label === 'ville')).toMatchObject({ distinct: 8, topExact: true });
    // Chunks of about 1,500 rows: the five columns' ids pass 6,000 within each chunk, the code's do not.
    await compare(task, 2, undefined, { recordBudget: budget(6000) });
    await compare(task, 2);
    // Room for no column's ids past its first: the code's are dropped with the others, and the merge
    // needs them.
    expect(
      await runChunkedTask(task, { lanes: 2, threshold: 0, recordBudget: budget(1500) }),
    ).toBeUndefined();
    // No room left for the ids once the values are counted: the file is read at once.
    expect(
      await runChunkedTask(task, { lanes: 2, threshold: 0, recordBudget: budget(0) - 4 }),
    ).toBeUndefined();
  });
});

describe('chunked validation on worker threads (the built package)', () => {
  const worker = new URL('../../dist/run/chunk-worker.js', import.meta.url);
  const BIN = path.resolve('bin/odf.js');

  it('merges what the workers post back', async () => {
    expect(existsSync(worker), 'dist/ is built (npm run check does it)').toBe(true);
    const file = write('workers.csv', table(3000, '\r\n', 41));
    await compare(await taskOf(file, { limitErrors: 25 }), 3, worker);
    const profiledFile = write('workers-profiled.csv', profiled(5000, 3));
    await compare(
      await taskOf(profiledFile, { schema: await loadSchema(profileSchema), profile: true }),
      3,
      worker,
    );
    // The chunks' ids within their budget (the columns of few values drop theirs), moved back.
    const coded16 = write('workers-coded.csv', coded(12000));
    const codedTask: FileTask = {
      path: coded16,
      display: 'c.csv',
      lang: 'fr',
      read: {},
      profileLimits: codedLimits,
    };
    await compare(codedTask, 2, worker, { recordBudget: codedBudget(6000) });
    await compare(codedTask, 2, worker);
  });

  it('odf validate --jobs 2 and 3 print what --jobs 1 prints, text and JSON', () => {
    const file = write('cli.csv', table(2000, '\n', 17));
    const schemaFile = write('schema.json', JSON.stringify(schema));
    const odf = (args: string[]): string => {
      const r = spawnSync(process.execPath, [BIN, 'validate', file, '-s', schemaFile, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', ODF_CHUNK_THRESHOLD: '0' },
      });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    const text = odf(['--jobs', '1']);
    expect(text).toContain('type-error');
    expect(odf(['--jobs', '2'])).toBe(text);
    const json = odf(['--jobs', '1', '--format', 'json', '--limit-errors', '9']);
    expect(odf(['--jobs', '3', '--format', 'json', '--limit-errors', '9'])).toBe(json);
  });
});

describe('findChunks', () => {
  it('cuts at record boundaries with the rows and lines the scanner counts', async () => {
    for (const eol of ['\n', '\r\n']) {
      const text = table(2000, eol, 3);
      const file = write(`cut${eol.length}.csv`, text);
      const bytes = readFileSync(file);
      const start = dataStartOf(bytes, 1, { delimiter: 44, quote: 34 })!;
      const chunks = await findChunks(file, start.offset, start.line, bytes.length, 9, {
        delimiter: 44,
        quote: 34,
      });
      expect(chunks.length).toBe(9);
      const all = scanCsv(text, { delimiter: ',', quoteChar: '"' }).rows.slice(1);
      let row = 0;
      for (const c of chunks) {
        const rows = scanCsv(bytes.subarray(c.start, c.end).toString('utf8'), {
          delimiter: ',',
          quoteChar: '"',
        }).rows;
        expect(rows.length).toBe(c.rows);
        expect(all[row]!.line).toBe(c.line);
        expect(c.rowNumber).toBe(row + 2);
        for (const r of rows) expect(r.cells).toEqual(all[row++]!.cells);
      }
      expect(row).toBe(all.length);
    }
  });
});

// Tests of openTable/detect: inputs (path, stdin, bytes), failures, detection, rows, and reading findings.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isOdfError } from '../../src/errors.js';
import { scanCsv } from '../../src/io/csv.js';
import { detect, openTable } from '../../src/io/open.js';
import type { OpenOptions, RawRow, TableMeta } from '../../src/io/types.js';

const MALFORMED = join(import.meta.dirname, '../../fixtures/malformed');
const ENCODINGS = join(import.meta.dirname, '../../fixtures/encodings');
const SHEETS = join(import.meta.dirname, '../../fixtures/sheets');

async function readAll(input: string | Uint8Array, options: OpenOptions = {}) {
  const table = await openTable(input, options);
  const rows: RawRow[] = [];
  // Plain rows: the reader's own keep their cells behind an accessor (offsets until read).
  for await (const row of table.rows)
    rows.push({ cells: row.cells, rowNumber: row.rowNumber, line: row.line });
  return { meta: table.meta, rows };
}

/** [code, line, problem?] of each finding: what the tests compare. */
function flat(meta: TableMeta): (string | number | undefined)[][] {
  return meta.findings.map((f) => {
    const out: (string | number | undefined)[] = [f.code, f.loc.line];
    if (typeof f.params.problem === 'string') out.push(f.params.problem);
    return out;
  });
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    if (isOdfError(e)) return { code: e.code, data: e.data };
    throw e;
  }
  throw new Error('expected an OdfError');
}

function stdinOf(bytes: Uint8Array, chunkSize: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize)
    chunks.push(Buffer.from(bytes.subarray(at, at + chunkSize)));
  return Readable.from(chunks);
}

interface Expected {
  delimiter: string;
  lineTerminator?: string;
  headerRow: number;
  columns: string[];
  /** [rowNumber, line, cells] */
  rows: [number, number, string[]][];
  findings: (string | number | undefined)[][];
}

const malformed: [string, Expected][] = [
  [
    'unclosed-quote.csv',
    {
      delimiter: ',',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['id', 'nom', 'montant'],
      rows: [
        [2, 2, ['1', '"Dupont', '10']],
        [3, 3, ['2', 'Martin', '20']],
        [4, 4, ['3', 'Durand', '30']],
      ],
      findings: [['format-error', 2, 'unclosed-quote']],
    },
  ],
  [
    'stray-quote.csv',
    {
      delimiter: ',',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['id', 'diametre', 'nom'],
      rows: [
        [2, 2, ['1', '12" pipe', 'a']],
        [3, 3, ['2', '3', 'b']],
      ],
      findings: [['format-error', 2, 'stray-quote']],
    },
  ],
  [
    'text-after-quote.csv',
    {
      delimiter: ',',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['id', 'lieu', 'ville'],
      rows: [
        [2, 2, ['1', 'Salle "Les Tilleuls""', 'Lyon']],
        [3, 3, ['2', 'Mairie', 'Paris']],
      ],
      findings: [['format-error', 2, 'text-after-quote']],
    },
  ],
  [
    'blank-header-cell.csv',
    {
      delimiter: ',',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['id', '', 'montant'],
      rows: [
        [2, 2, ['1', 'a', '2']],
        [3, 3, ['2', 'b', '3']],
      ],
      findings: [],
    },
  ],
  [
    'duplicate-header.csv',
    {
      delimiter: ',',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['id', 'nom', 'nom'],
      rows: [
        [2, 2, ['1', 'a', 'b']],
        [3, 3, ['2', 'c', 'd']],
      ],
      findings: [],
    },
  ],
  [
    'ragged-rows.csv',
    {
      delimiter: ',',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['a', 'b', 'c'],
      rows: [
        [2, 2, ['1', '2']],
        [3, 3, ['1', '2', '3', '4']],
        [4, 4, ['1', '2', '3']],
      ],
      findings: [],
    },
  ],
  [
    'blank-rows.csv',
    {
      delimiter: ',',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['a', 'b'],
      rows: [
        [2, 2, ['1', '2']],
        [3, 3, ['']],
        [4, 4, ['3', '4']],
        [5, 5, ['', '']],
        [6, 6, ['5', '6']],
      ],
      findings: [],
    },
  ],
  [
    'title-rows.csv',
    {
      delimiter: ';',
      lineTerminator: 'CRLF',
      headerRow: 3,
      columns: ['Code', 'Libellé', 'Montant', 'Année'],
      rows: [
        [2, 4, ['011', 'Charges à caractère général', '1200,50', '2023']],
        [3, 5, ['012', 'Charges de personnel', '3400', '2023']],
      ],
      findings: [['header-rows-skipped', 3]],
    },
  ],
  [
    'semicolon-with-commas.csv',
    {
      delimiter: ';',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['nom', 'adresse', 'commentaire', 'montant'],
      rows: [
        [2, 2, ['Dupont', '12, rue des Lilas, Lyon', 'oui, non, peut-être', '12,5']],
        [3, 3, ['Martin', '3 place Bellecour', 'a, b, c, d, e', '7,25']],
        [4, 4, ['Durand', '1, 2, 3 avenue Foch', 'ok', '100']],
        [5, 5, ['Petit', 'rue X', '', '0,5']],
      ],
      findings: [],
    },
  ],
  [
    'single-column.csv',
    {
      delimiter: ';',
      lineTerminator: 'LF',
      headerRow: 1,
      columns: ['nom'],
      rows: [
        [2, 2, ['Dupont']],
        [3, 3, ['Martin, Jean']],
        [4, 4, ['Petit']],
      ],
      findings: [],
    },
  ],
  [
    'cr-only.csv',
    {
      delimiter: ',',
      lineTerminator: 'CR',
      headerRow: 1,
      columns: ['id', 'texte'],
      rows: [
        [2, 2, ['1', 'ligne un\rligne deux']],
        [3, 4, ['2', 'simple']],
      ],
      findings: [],
    },
  ],
];

describe('openTable: malformed and awkward CSV fixtures', () => {
  it.each(malformed)('%s', async (file, expected) => {
    const { meta, rows } = await readAll(join(MALFORMED, file));
    expect(meta).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: expected.delimiter,
      quoteChar: '"',
      headerRow: expected.headerRow,
      columns: expected.columns,
      rowCount: expected.rows.length,
    });
    expect(meta.lineTerminator).toBe(expected.lineTerminator);
    expect(rows.map((r) => [r.rowNumber, r.line, r.cells])).toEqual(expected.rows);
    expect(flat(meta)).toEqual(expected.findings);
  });

  it('says which rows were skipped above the header', async () => {
    const { meta } = await readAll(join(MALFORMED, 'title-rows.csv'));
    expect(meta.findings[0]).toMatchObject({
      code: 'header-rows-skipped',
      level: 'warning',
      params: { lines: [1, 2], headerLine: 3 },
    });
  });

  it('delivers the rows before a format error', async () => {
    const table = await openTable(Buffer.from('a,b\n1,2\n3,"x\n4,5\n'));
    const first = (await table.rows[Symbol.asyncIterator]().next()).value as RawRow;
    expect({ cells: first.cells, rowNumber: first.rowNumber, line: first.line }).toEqual({
      cells: ['1', '2'],
      rowNumber: 2,
      line: 2,
    });
  });

  it('caps format errors at 100 per file', async () => {
    const text = 'a,b\n' + '1,2"\n'.repeat(150);
    const { meta, rows } = await readAll(Buffer.from(text));
    expect(rows).toHaveLength(150);
    expect(meta.findings.filter((f) => f.code === 'format-error')).toHaveLength(100);
  });
});

interface ManifestEntry {
  file: string;
  kind: string;
  detected: string;
  bom: boolean;
  delimiter?: string;
  eol?: string;
  reference?: string;
  verdict?: string;
  line?: number;
}
const manifest = JSON.parse(readFileSync(join(ENCODINGS, 'manifest.json'), 'utf8')) as ManifestEntry[];
const EOL_NAMES: Record<string, string> = { '\n': 'LF', '\r\n': 'CRLF', '\r': 'CR' };

describe('openTable: the same table in every encoding and dialect', () => {
  const tables = manifest.filter((e) => e.kind === 'table');
  it.each(tables.map((e) => [e.file, e]))('%s', async (_file, entry) => {
    const { meta, rows } = await readAll(join(ENCODINGS, entry.file));
    const reference = await readAll(join(ENCODINGS, entry.reference!));
    expect(meta).toMatchObject({
      encoding: entry.detected,
      bom: entry.bom,
      delimiter: entry.delimiter,
      lineTerminator: EOL_NAMES[entry.eol!],
      headerRow: 1,
      columns: reference.meta.columns,
    });
    const lf = (r: RawRow) => [r.rowNumber, r.line, r.cells.map((c) => c.replace(/\r\n/g, '\n'))];
    expect(rows.map(lf)).toEqual(reference.rows.map(lf));
    expect(meta.findings.filter((f) => f.level === 'error')).toEqual([]);
  });
});

describe('openTable: encoding surprises', () => {
  it('a file whose first non-ASCII byte comes late is read whole in the right encoding', async () => {
    const { meta, rows } = await readAll(join(ENCODINGS, 'late-non-ascii.windows-1252.csv'));
    expect(meta.encoding).toBe('windows-1252');
    expect(flat(meta)).toEqual([
      ['encoding-guessed', 2435],
      ['encoding-not-utf8', undefined],
    ]);
    expect(meta.findings[0]!.params.reason).toBe('late-contradiction');
    expect(rows.some((r) => r.cells.some((c) => c.includes('é')))).toBe(true);
    expect(rows.some((r) => r.cells.some((c) => c.includes('\uFFFD')))).toBe(false);
  });

  it('the same late file on stdin: switches encoding where contradicted and reports it', async () => {
    const bytes = readFileSync(join(ENCODINGS, 'late-non-ascii.windows-1252.csv'));
    const { meta, rows } = await readAll('-', { stdin: stdinOf(bytes, 16384) });
    expect(meta.path).toBe('<stdin>');
    expect(meta.encoding).toBe('windows-1252');
    const error = meta.findings.find((f) => f.code === 'encoding-error');
    expect(error).toMatchObject({
      loc: { line: 2435 },
      params: { encoding: 'utf-8', suggested: 'windows-1252' },
    });
    expect(rows.some((r) => r.cells.some((c) => c.includes('é')))).toBe(true);
    expect(rows.some((r) => r.cells.some((c) => c.includes('\uFFFD')))).toBe(false);
  });

  it('an ISO-8859-15 guess overturned by a late Windows-1252 byte', async () => {
    const { meta } = await readAll(join(ENCODINGS, 'late-c1.iso-8859-15.csv'));
    expect(meta.encoding).toBe('windows-1252');
    expect(flat(meta)[0]).toEqual(['encoding-guessed', 2325]);
  });

  it('an invalid byte late in UTF-8 is an encoding-error at its line', async () => {
    const { meta, rows } = await readAll(join(ENCODINGS, 'late-invalid.utf-8.csv'));
    expect(meta.encoding).toBe('utf-8');
    expect(flat(meta)).toEqual([['encoding-error', 2435]]);
    expect(meta.findings[0]!.params).toMatchObject({
      encoding: 'utf-8',
      replaced: 1,
      reason: 'invalid-bytes',
    });
    expect(rows.filter((r) => r.cells.some((c) => c.includes('\uFFFD'))).map((r) => r.line)).toEqual([2435]);
  });

  it('a truncated UTF-16 file is an encoding-error', async () => {
    const { meta } = await readAll(join(ENCODINGS, 'truncated.utf-16le-bom.csv'));
    const error = meta.findings.find((f) => f.code === 'encoding-error');
    // The cut character follows the last CR: the line after it, as the scanner counts lines.
    expect(error?.params).toMatchObject({ encoding: 'utf-16le', reason: 'truncated', line: 8 });
  });

  it('double-encoded text is a warning at its first line', async () => {
    const { meta } = await readAll(join(ENCODINGS, 'double-encoded.utf-8.semicolon.crlf.csv'));
    expect(flat(meta)).toEqual([['double-encoded-text', 2]]);
    expect(meta.findings[0]!.params).toMatchObject({
      sample: expect.any(String),
      repaired: expect.any(String),
    });
  });

  it('options.encoding overrides detection', async () => {
    const { meta, rows } = await readAll(join(ENCODINGS, 'table.windows-1252.comma.lf.csv'), {
      encoding: 'latin1',
    });
    expect(meta).toMatchObject({ encoding: 'iso-8859-1', encodingConfidence: 1 });
    expect(rows[0]!.cells[1]).toBe('Bourg-en-Bresse');
  });
});

describe('openTable: inputs', () => {
  const text = 'id;nom\r\n1;"a\r\nb"\r\n2;é\r\n';

  it('bytes, stdin and a path give the same table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'odf-open-'));
    const path = join(dir, 't.csv');
    writeFileSync(path, text);
    const bytes = Buffer.from(text);
    const fromPath = await readAll(path);
    const fromBytes = await readAll(bytes, { name: 'mine.csv' });
    const fromStdin = await readAll('-', { stdin: stdinOf(bytes, 3) });
    expect(fromPath.meta).toMatchObject({ path, bytes: bytes.length, delimiter: ';', rowCount: 2 });
    expect(fromBytes.meta.path).toBe('mine.csv');
    expect(fromStdin.meta.bytes).toBeUndefined();
    expect(fromBytes.rows).toEqual(fromPath.rows);
    expect(fromStdin.rows).toEqual(fromPath.rows);
    expect(fromPath.rows).toEqual([
      { cells: ['1', 'a\r\nb'], rowNumber: 2, line: 2 },
      { cells: ['2', 'é'], rowNumber: 3, line: 4 },
    ]);
  });

  it('a file of one read chunk is read from disk once: its rows come from the bytes its head read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'odf-open-'));
    const path = join(dir, 't.csv');
    writeFileSync(path, text);
    const table = await openTable(path);
    // Removed once its head is read: opening it again for the rows would fail.
    rmSync(path);
    const cells: string[][] = [];
    for await (const row of table.rows) cells.push(row.cells);
    expect(cells).toEqual([
      ['1', 'a\r\nb'],
      ['2', 'é'],
    ]);
  });

  it('a file of many read chunks gives the event loop a turn at each chunk (worker threads wait on it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'odf-open-'));
    const path = join(dir, 'big.csv');
    const lines = ['id,label'];
    for (let i = 0; i < 60000; i++) lines.push(`${i},libellé ${i}`);
    writeFileSync(path, lines.join('\n'));
    const table = await openTable(path);
    let rows = 0;
    const turnsAt: number[] = [];
    let reading = true;
    const tick = (): void => {
      turnsAt.push(rows);
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    for await (const _row of table.rows) rows++;
    reading = false;
    rmSync(dir, { recursive: true });
    expect(rows).toBe(60000);
    // About 1 MB: 8 chunks of 128 KiB, so the loop turns several times while the rows are read.
    expect(turnsAt.filter((r) => r > 0 && r < rows).length).toBeGreaterThanOrEqual(4);
  });

  it('rows are identical whatever the chunking of a large input (multi-byte characters, quoted line breaks)', async () => {
    const lines = ['id,label,montant'];
    for (let i = 0; i < 40000; i++) {
      lines.push(
        i % 7 === 0 ? `${i},"Œuvre «${i}»\nsur deux lignes, ""citée""",${i}.5` : `${i},Été ${i} à côté,${i}`,
      );
    }
    const whole = lines.join('\r\n') + '\r\n';
    const bytes = Buffer.from(whole);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const expected = scanCsv(whole, { delimiter: ',', quoteChar: '"' }).rows.slice(1);
    for (const read of [() => readAll(bytes), () => readAll('-', { stdin: stdinOf(bytes, 65537) })]) {
      const { meta, rows } = await read();
      expect(meta.findings).toEqual([]);
      expect(rows.map((r) => ({ cells: r.cells, line: r.line }))).toEqual(expected);
      expect(rows.at(-1)!.rowNumber).toBe(40001);
    }
  });

  it('breaking out early ends the reading (row count then unknown)', async () => {
    const table = await openTable(join(ENCODINGS, 'late-invalid.utf-8.csv'));
    let seen = 0;
    for await (const _row of table.rows) if (++seen === 3) break;
    expect(seen).toBe(3);
    expect(table.meta.rowCount).toBeUndefined();
    expect(await table.rows[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
  });

  it('reports progress in bytes read', async () => {
    const seen: number[] = [];
    await readAll(Buffer.from(text), { onProgress: (n) => seen.push(n) });
    expect(seen.at(-1)).toBe(Buffer.byteLength(text));
  });

  it('opens workbooks through the spreadsheet reader', async () => {
    const fromPath = await openTable(join(SHEETS, 'table.xlsx'));
    expect(fromPath.meta.format).toBe('xlsx');
    const fromStdin = await openTable('-', {
      stdin: stdinOf(readFileSync(join(SHEETS, 'table.xlsx')), 4096),
    });
    expect(fromStdin.meta.columns).toEqual(fromPath.meta.columns);
  });
});

describe('openTable: overrides', () => {
  const text = 'Titre\n\na,b;c\n1,2;3\n';

  it.each([
    [{}, ',', 1, ['Titre']],
    [{ headerRow: 3 }, ',', 3, ['a', 'b;c']],
    [{ headerRow: 3, delimiter: ';' }, ';', 3, ['a,b', 'c']],
  ] as [OpenOptions, string, number, string[]][])('%j', async (options, delimiter, headerRow, columns) => {
    const { meta } = await readAll(Buffer.from(text), options);
    expect(meta).toMatchObject({ delimiter, headerRow, columns });
  });

  it('quoteChar', async () => {
    const { rows } = await readAll(Buffer.from("a;b\n'x;y';z\n"), { quoteChar: "'" });
    expect(rows[0]!.cells).toEqual(['x;y', 'z']);
  });
});

describe('openTable: failures', () => {
  it.each([
    ['a missing file', () => openTable('/no/such/file.csv'), 'file-not-found'],
    ['a directory', () => openTable(MALFORMED), 'file-unreadable'],
    ['an empty file', () => openTable(join(ENCODINGS, 'empty.csv')), 'empty-file'],
    ['only blank lines', () => openTable(Buffer.from('\n \r\n\n')), 'empty-file'],
    ['only a BOM', () => openTable(Buffer.from([0xef, 0xbb, 0xbf])), 'empty-file'],
    ['a PNG image', () => openTable(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), 'not-a-table'],
    [
      'a web page',
      () => openTable(Buffer.from('<!DOCTYPE html><html><body>404</body></html>')),
      'not-a-table',
    ],
    ['stdin without a stream', () => openTable('-'), 'bad-option'],
    ['a two-character delimiter', () => openTable(Buffer.from('a,b\n'), { delimiter: ';;' }), 'bad-option'],
    ['delimiter equal to quote', () => openTable(Buffer.from('a,b\n'), { delimiter: '"' }), 'bad-option'],
    [
      'a header row that is no row start',
      () => openTable(Buffer.from('a\n"b\nc"\n'), { headerRow: 3 }),
      'bad-option',
    ],
    [
      'an unknown encoding',
      () => openTable(Buffer.from('a,b\n'), { encoding: 'klingon' }),
      'encoding-unsupported',
    ],
  ])('%s', async (_name, run, code) => {
    expect((await failure(run())).code).toBe(code);
  });
});

describe('detect', () => {
  it('reads the whole file and gives the metadata with the row count', async () => {
    const meta = await detect(join(MALFORMED, 'title-rows.csv'));
    expect(meta).toMatchObject({
      path: join(MALFORMED, 'title-rows.csv'),
      format: 'csv',
      encoding: 'utf-8',
      bom: false,
      delimiter: ';',
      quoteChar: '"',
      lineTerminator: 'CRLF',
      headerRow: 3,
      columns: ['Code', 'Libellé', 'Montant', 'Année'],
      rowCount: 2,
    });
    expect(meta.encodingConfidence).toBeGreaterThan(0.9);
    expect(meta.bytes).toBe(readFileSync(join(MALFORMED, 'title-rows.csv')).length);
  });

  it('a pure-ASCII file verified to its end is certain', async () => {
    const big = Buffer.from('a,b\n' + '1,2\n'.repeat(30000));
    expect((await detect(big)).encodingConfidence).toBe(1);
  });

  it('counts the rows of a workbook too', async () => {
    const meta = await detect(join(SHEETS, 'table.xlsx'));
    expect(meta.format).toBe('xlsx');
    expect(meta.rowCount).toBeGreaterThan(0);
  });
});

describe('reader limits on text tables (docs/limits.md)', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('a row longer than the line limit is cut and reported; the next rows are read', async () => {
    const long = 'x'.repeat(5000);
    for (const chunk of [64, 4096, 1 << 20]) {
      const { meta, rows } = await readAll('-', {
        stdin: stdinOf(enc(`a,b\n1,2\n${long},${long}\n3,4\n`), chunk),
        maxLineLength: 1000,
      });
      expect(rows.map((r) => [r.line, r.cells.map((c) => c.length)])).toEqual([
        [2, [1, 1]],
        [3, [1000]],
        [4, [1, 1]],
      ]);
      expect(flat(meta)).toContainEqual(['line-too-long', 3]);
    }
  });

  it('a 20 MB single-line row does not hold more than the line limit', async () => {
    const bytes = enc(`a,b\n${'y'.repeat(20 * 2 ** 20)}\n1,2\n`);
    const { meta, rows } = await readAll(bytes);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[0]!.cells[0]).toHaveLength(2 ** 20);
    expect(meta.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['line-too-long', 'cell-too-long']),
    );
  });

  it('cells beyond the column limit are left out and counted', async () => {
    const { meta, rows } = await readAll(enc('a,b,c\n1,2,3,4,5\n'), { maxColumns: 3 });
    expect(rows[0]!.cells).toEqual(['1', '2', '3']);
    expect(meta.findings.find((f) => f.code === 'table-beyond-limits')?.params).toMatchObject({
      what: 'columns',
      limit: 3,
      count: 2,
    });
  });
});

describe('tab-separated text without quoting', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('reads JSON-like cells with quotes as data, without format errors', async () => {
    const text =
      'nom\tlieux\n' +
      Array.from({ length: 100 }, (_, i) => `n${i}\t["Hameau de Cerin", "Le Bourg ${i}"]`).join('\n') +
      '\n';
    const { meta, rows } = await readAll(enc(text));
    expect(meta).toMatchObject({ delimiter: '\t', quoteChar: '' });
    expect(meta.findings.filter((f) => f.code === 'format-error')).toEqual([]);
    expect(rows[0]!.cells).toEqual(['n0', '["Hameau de Cerin", "Le Bourg 0"]']);
  });

  it('keeps CSV quoting for a tab-separated file that quotes its fields', async () => {
    const { meta, rows } = await readAll(enc('a\tb\n"x\ty"\t"1"\n'));
    expect(meta.quoteChar).toBe('"');
    expect(rows[0]!.cells).toEqual(['x\ty', '1']);
  });
});

describe('damage in text tables', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('a header made only of spaces is the header, reported, and no data row is lost', async () => {
    const { meta, rows } = await readAll(enc('  ;  ;  \n1;2;3\n4;5;6\n'));
    expect(meta.headerRow).toBe(1);
    expect(flat(meta)).toContainEqual(['header-blank', 1]);
    expect(rows.map((r) => r.cells)).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('reports C1 controls in labels and cells with the intended characters, whatever the chunking', async () => {
    const text = 'nom\u0092,montant\n' + 'a,1\n'.repeat(3000) + 'Prix \u0096 total,2\nb,3\nc\u0080,4\n';
    for (const chunk of [7, 1000, 1 << 20]) {
      const { meta } = await readAll('-', { stdin: stdinOf(enc(text), chunk) });
      const c1 = meta.findings.filter((f) => f.code === 'c1-control-characters');
      expect(c1.map((f) => [f.loc.line, f.loc.fieldNumber])).toEqual([
        [1, 1],
        [3002, 1],
      ]);
      expect(c1[0]!.params.repaired).toEqual(['nom’']);
      expect(c1[1]!.params).toMatchObject({
        count: 2,
        repaired: 'Prix – total',
        chars: [
          { code: 'U+0096', intended: '–' },
          { code: 'U+0080', intended: '€' },
        ],
      });
    }
  });

  it('reports spreadsheet error values exported as text, English and French', async () => {
    const { meta } = await readAll(enc('a;b\n1;#DIV/0!\n#N/A;2\n#VALEUR!;Err:502\n# not an error;3\n'));
    const errors = meta.findings.filter((f) => f.code === 'sheet-error-cell');
    expect(errors.map((f) => [f.loc.line, f.loc.fieldNumber, f.params.cell, f.value])).toEqual([
      [2, 2, 'B2', '#DIV/0!'],
      [3, 1, 'A3', '#N/A'],
      [4, 1, 'A4', '#VALEUR!'],
      [4, 2, 'B4', 'Err:502'],
    ]);
  });

  it('reports an error value cut by a chunk boundary, wherever the cut falls', async () => {
    // Two chunks, cut inside the value at every place: neither chunk alone holds an error value.
    const values = ['#DIV/0!', '#N/A', '#GETTING_DATA', '#PROPAGATION!', 'Err:502'];
    for (const value of values) {
      const text = `a;b\nx;${value}\nz;1\n`;
      const at = text.indexOf(value);
      for (let cut = at + 1; cut < at + value.length; cut++) {
        const bytes = enc(text);
        const stdin = Readable.from([Buffer.from(bytes.subarray(0, cut)), Buffer.from(bytes.subarray(cut))]);
        const { meta } = await readAll('-', { stdin });
        const errors = meta.findings.filter((f) => f.code === 'sheet-error-cell');
        expect(
          errors.map((f) => [f.loc.line, f.loc.fieldNumber, f.value]),
          `cut at ${cut}`,
        ).toEqual([[2, 2, value]]);
      }
    }
    // One byte at a time: the text across a boundary spans many chunks.
    const text = 'a;b\n1;#DIV/0!\n#GETTING_DATA;2\n';
    const { meta } = await readAll('-', { stdin: stdinOf(enc(text), 1) });
    const errors = meta.findings.filter((f) => f.code === 'sheet-error-cell');
    expect(errors.map((f) => [f.loc.line, f.loc.fieldNumber, f.value])).toEqual([
      [2, 2, '#DIV/0!'],
      [3, 1, '#GETTING_DATA'],
    ]);
  });
});

describe('rows above the header', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('are dropped with their damage, whichever path scans them; data rows are numbered from 2', async () => {
    // Line 1 is quoted irregularly (cut into strings), line 2 is plain (cut into offsets).
    const text = '"t"x;#N/A\n\u0080;#REF!\nnom;montant\nb\u0080;1\n"c";2\n';
    for (const chunk of [1, 5, 1 << 20]) {
      const { meta, rows } = await readAll('-', { stdin: stdinOf(enc(text), chunk), headerRow: 3 });
      expect(rows.map((r) => [r.rowNumber, r.line, r.cells])).toEqual([
        [2, 4, ['b\u0080', '1']],
        [3, 5, ['c', '2']],
      ]);
      const damage = meta.findings.filter(
        (f) => f.code === 'sheet-error-cell' || f.code === 'c1-control-characters',
      );
      expect(damage.map((f) => [f.code, f.loc.line])).toEqual([['c1-control-characters', 4]]);
      expect(meta.rowCount).toBe(2);
    }
  });

  it('leave a row count of 0 when no data row follows them', async () => {
    expect((await detect(enc('titre\n\nnom;montant\n'), { headerRow: 3 })).rowCount).toBe(0);
    expect((await detect(enc('nom;montant\n'))).rowCount).toBe(0);
  });
});

describe('older software: Mac Roman', () => {
  it('detects an old Mac export (`;`, CR line ends) and says which bytes decided it', async () => {
    const { meta, rows } = await readAll(join(ENCODINGS, 'table-mac.macintosh.semicolon.cr.csv'));
    expect(meta).toMatchObject({ encoding: 'macintosh', delimiter: ';', lineTerminator: 'CR' });
    expect(rows[0]!.cells[4]).toBe('Préfecture de l’Ain');
    const guessed = meta.findings.find((f) => f.code === 'encoding-guessed');
    expect(guessed?.params).toMatchObject({ reason: 'mac-roman-letters', alternative: 'windows-1252' });
    expect(guessed?.params.evidence).toContainEqual({ byte: '8E', as: 'é', sample: 'Préfecture' });
    expect(meta.findings.map((f) => f.code)).not.toContain('encoding-error');
  });

  it('reads « RŽpublique » as République, with no unreadable character', async () => {
    const iconv = (await import('iconv-lite')).default;
    const text = 'commune;libellé;adresse\r' + 'Bourg;Hôtel de ville;Place de la République\r'.repeat(40);
    const { meta, rows } = await readAll(new Uint8Array(iconv.encode(text, 'macintosh')));
    expect(meta.encoding).toBe('macintosh');
    expect(rows[0]!.cells).toEqual(['Bourg', 'Hôtel de ville', 'Place de la République']);
  });

  it('a Windows-1252 file with ’ and œ inside words stays Windows-1252', async () => {
    const iconv = (await import('iconv-lite')).default;
    const text = 'nom;commentaire\r\n' + 'a;l’hôtel de ville, cœur d’été – 12 €\r\n'.repeat(20);
    const { meta } = await readAll(new Uint8Array(iconv.encode(text, 'windows-1252')));
    expect(meta.encoding).toBe('windows-1252');
  });
});

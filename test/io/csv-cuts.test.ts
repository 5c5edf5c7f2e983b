// The CSV scanner's offsets path (onCuts, issue 14): rows handed as offsets into the decoded text must
// be the very rows the reference scanner cuts into strings, kept valid after later chunks, and used for
// the lines they are meant for (unquoted, plainly quoted), never for the others.
import { describe, expect, it } from 'vitest';
import { random as prng } from '../../scripts/random.js';
import { CsvScanner, type CsvProblem, type CsvScannerOptions } from '../../src/io/csv.js';
import { openTable } from '../../src/io/open.js';
import type { RawRow } from '../../src/io/types.js';
import { ReferenceCsvScanner } from './csv-reference.js';
import { every, pushAll, randomOptions, randomText, run } from './csv-scan-helpers.js';

interface Kept {
  text: string;
  bounds: Int32Array;
  at: number;
  count: number;
  line: number;
}

/**
 * Scan with offsets; the cells of rows handed as offsets are made only once every chunk was pushed
 * (so a bounds array written again after its row was handed would show).
 */
function scanCuts(text: string, options: CsvScannerOptions, cuts: number[]) {
  const kept: (Kept | { cells: string[]; line: number })[] = [];
  const problems: CsvProblem[] = [];
  const scanner = new CsvScanner(
    options,
    (cells, line) => kept.push({ cells, line }),
    (p) => problems.push(p),
    { rowCuts: (t, bounds, at, count, line) => void kept.push({ text: t, bounds, at, count, line }) },
  );
  pushAll(scanner, text, cuts);
  let viaCuts = 0;
  const rows = kept.map((k) => {
    if ('cells' in k) return k;
    viaCuts++;
    const cells: string[] = [];
    for (let i = 0; i < k.count; i++)
      cells.push(k.text.slice(k.bounds[k.at + 2 * i], k.bounds[k.at + 2 * i + 1]));
    return { cells, line: k.line };
  });
  return { rows, problems, lineBreaks: { ...scanner.lineBreaks }, viaCuts };
}

function scanReference(text: string, options: CsvScannerOptions, cuts: number[]) {
  return run(ReferenceCsvScanner, text, options, cuts);
}

describe('CsvScanner offsets (onCuts) against the reference scanner', () => {
  it('20,000 seeded inputs, random delimiters, limits and chunking', () => {
    const rnd = prng(2026);
    let viaCuts = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomText(rnd);
      const options = randomOptions(rnd);
      const cuts = rnd() < 0.3 ? [] : every(1 + Math.floor(rnd() * 12), text.length);
      const got = scanCuts(text, options, cuts);
      viaCuts += got.viaCuts;
      const { rows, problems, lineBreaks } = got;
      expect({ rows, problems, lineBreaks }, JSON.stringify({ text, options, cuts })).toEqual(
        scanReference(text, options, cuts),
      );
    }
    expect(viaCuts).toBeGreaterThan(20_000);
  });

  it('many rows across chunk boundaries: every bounds array stays as handed', () => {
    const rnd = prng(7);
    const lines = Array.from({ length: 5000 }, (_, i) =>
      Array.from({ length: 1 + (i % 9) }, (_, c) =>
        c % 3 === 1 ? `"q${i},${c}"` : rnd() < 0.2 ? '' : `v${i}-${c}`,
      ).join(';'),
    );
    const text = lines.join('\r\n') + '\r\n';
    for (const step of [1, 3, 64, 1000, text.length]) {
      const got = scanCuts(text, { delimiter: ';', quoteChar: '"' }, every(step, text.length));
      expect(got.viaCuts).toBe(5000);
      const { rows, problems, lineBreaks } = got;
      expect({ rows, problems, lineBreaks }).toEqual(
        scanReference(text, { delimiter: ';', quoteChar: '"' }, every(step, text.length)),
      );
    }
  });

  it('doubled quotes: random tables, every line break, cut anywhere, as the reference cuts them', () => {
    const rnd = prng(1414);
    // Cells a line with doubled quotes is made of, and a few that send it to the full scan instead.
    const plain = [
      'a',
      '',
      'é',
      '12',
      '"p"',
      '"x""y"',
      '""""',
      '""',
      '"a,b""c;d"',
      '""" q """',
      '"😀""\u2028"',
    ];
    const odd = ['"a"b', '"open', 'x"y', '"two\nlines"', ' "blank"', '"cr\r"', '"a""', '"""'];
    let viaCuts = 0;
    let rows = 0;
    for (let t = 0; t < 400; t++) {
      const delimiter = rnd() < 0.5 ? ',' : ';';
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 20) }, () =>
        Array.from({ length: 1 + Math.floor(rnd() * 8) }, () =>
          rnd() < 0.05
            ? odd[Math.floor(rnd() * odd.length)]!
            : plain[Math.floor(rnd() * plain.length)]!.replace(/[,;]/g, delimiter),
        ).join(delimiter),
      );
      const eol = ['\n', '\r\n', '\r'][Math.floor(rnd() * 3)]!;
      const text = lines.join(eol) + (rnd() < 0.5 ? eol : '');
      const options = { delimiter, quoteChar: '"' };
      for (const cuts of [[], every(1 + Math.floor(rnd() * 12), text.length)]) {
        const got = scanCuts(text, options, cuts);
        viaCuts += got.viaCuts;
        rows += got.rows.length;
        const { problems, lineBreaks } = got;
        expect({ rows: got.rows, problems, lineBreaks }, JSON.stringify({ text, cuts })).toEqual(
          scanReference(text, options, cuts),
        );
      }
    }
    // Most lines are plain, doubled quotes and all: handed as offsets.
    expect(viaCuts).toBeGreaterThan(rows / 2);
  });

  it('hands unquoted and plainly quoted lines as offsets, and cuts the others into strings', () => {
    const text = 'a,b,c\n1,"x,y",\n"",,\n2,"a""b",3\n4,5"6,7\r\n,\n\n';
    const got = scanCuts(text, { delimiter: ',', quoteChar: '"' }, []);
    expect(got.rows).toEqual([
      { cells: ['a', 'b', 'c'], line: 1 },
      { cells: ['1', 'x,y', ''], line: 2 },
      { cells: ['', '', ''], line: 3 },
      { cells: ['2', 'a"b', '3'], line: 4 },
      { cells: ['4', '5"6', '7'], line: 5 },
      { cells: ['', ''], line: 6 },
      { cells: [''], line: 7 },
    ]);
    // The stray quote comes as strings; the six others (the doubled quote too) as offsets.
    expect(got.viaCuts).toBe(6);
    expect(got.problems).toEqual([{ kind: 'stray-quote', line: 5 }]);
  });

  it('keeps the limits: too many cells, a cell or a line too long come as strings with their finding', () => {
    const options = { delimiter: '\t', quoteChar: '', maxColumns: 2, maxCellLength: 4, maxLineLength: 12 };
    const text = 'a\tb\n1\t2\t3\nabcdef\tg\n' + 'x'.repeat(20) + '\nok\tok\n';
    const got = scanCuts(text, options, [5, 9]);
    const want = scanReference(text, options, [5, 9]);
    expect(got.rows).toEqual(want.rows);
    expect(got.problems).toEqual(want.problems);
    expect(new Set(got.problems.map((p) => p.kind))).toEqual(
      new Set(['too-many-cells', 'cell-too-long', 'line-too-long']),
    );
    // Only `a<TAB>b`: a line longer than maxCellLength (`ok<TAB>ok`) is cut into strings, to be checked.
    expect(got.viaCuts).toBe(1);
  });
});

describe('the text reader hands rows as offsets', () => {
  async function rowsOf(bytes: Buffer): Promise<{ rows: RawRow[]; findings: string[] }> {
    const table = await openTable(bytes, { name: 't.csv' });
    const rows: RawRow[] = [];
    for await (const row of table.rows) rows.push(row);
    return { rows, findings: table.meta.findings.map((f) => f.code) };
  }

  it('cells made on first read, then `cuts` is gone and the cells can be changed', async () => {
    const { rows } = await rowsOf(Buffer.from('\ufeffid;nom;n\n1;"Lyon";\n2;"a""b";3\r\n4;5"6;7\n'));
    expect(rows).toHaveLength(3);
    const [first, second, third] = rows as [RawRow, RawRow, RawRow];
    expect(first.cuts?.count).toBe(3);
    expect(second.cuts?.count).toBe(3);
    expect(third.cuts).toBeUndefined();
    expect(first.cells).toEqual(['1', 'Lyon', '']);
    expect(first.cuts).toBeUndefined();
    expect(second.cells).toEqual(['2', 'a"b', '3']);
    expect(third.cells).toEqual(['4', '5"6', '7']);
    first.cells = ['x'];
    expect(first.cells).toEqual(['x']);
    // A copy carries the cells, never the offsets.
    expect({ ...rows[0]!, cells: ['y'] }.cuts).toBeUndefined();
  });

  it('a chunk with C1 controls: its rows are checked (their cells made) and still right', async () => {
    const { rows, findings } = await rowsOf(Buffer.from('a,b\n1,x\u0092y\n2,z\n'));
    expect(findings).toContain('c1-control-characters');
    expect(rows.map((r) => r.cells)).toEqual([
      ['1', 'x\u0092y'],
      ['2', 'z'],
    ]);
  });
});

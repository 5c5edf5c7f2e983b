// Tests of the CSV scanner: RFC 4180, real-world deviations, tolerance, and chunk-boundary independence.
import { describe, expect, it } from 'vitest';
import { random as prng } from '../../scripts/random.js';
import { CsvScanner, countLineBreaks, scanCsv, type CsvProblem } from '../../src/io/csv.js';

const comma = { delimiter: ',', quoteChar: '"' };

type Rows = { cells: string[]; line: number }[];

/** Feed `text` in chunks of `size` characters. */
function scanChunked(
  text: string,
  size: number,
  options = comma as { delimiter: string; quoteChar: string; maxQuotedLength?: number },
) {
  const rows: Rows = [];
  const problems: CsvProblem[] = [];
  const scanner = new CsvScanner(
    options,
    (cells, line) => rows.push({ cells, line }),
    (p) => problems.push(p),
  );
  for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
  scanner.end();
  return { rows, problems, lineBreaks: scanner.lineBreaks };
}

function cellsOf(text: string, options = comma) {
  return scanCsv(text, options).rows.map((r) => r.cells);
}

function linesOf(text: string, options = comma) {
  return scanCsv(text, options).rows.map((r) => r.line);
}

// [name, input, expected cells, expected lines]
const valid: [string, string, string[][], number[]][] = [
  ['empty input', '', [], []],
  ['one cell no newline', 'a', [['a']], [1]],
  [
    'LF',
    'a,b\nc,d\n',
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
    [1, 2],
  ],
  [
    'CRLF',
    'a,b\r\nc,d\r\n',
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
    [1, 2],
  ],
  [
    'CR only',
    'a,b\rc,d\r',
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
    [1, 2],
  ],
  ['mixed line endings', 'a\r\nb\nc\rd', [['a'], ['b'], ['c'], ['d']], [1, 2, 3, 4]],
  [
    'last line without newline',
    'a,b\nc,d',
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
    [1, 2],
  ],
  [
    'empty fields',
    ',,\na,,b\n',
    [
      ['', '', ''],
      ['a', '', 'b'],
    ],
    [1, 2],
  ],
  ['trailing delimiter', 'a,b,\n', [['a', 'b', '']], [1]],
  ['blank line is a row with one empty cell', 'a\n\nb\n', [['a'], [''], ['b']], [1, 2, 3]],
  ['blank line before EOF', 'a\n\n', [['a'], ['']], [1, 2]],
  ['blank CRLF lines', '\r\n\r\na\r\n', [[''], [''], ['a']], [1, 2, 3]],
  ['quoted fields', '"a","b,c"\n', [['a', 'b,c']], [1]],
  ['escaped quotes', '"a ""quoted"" word",x\n', [['a "quoted" word', 'x']], [1]],
  ['only an escaped quote', '""""\n', [['"']], [1]],
  ['empty quoted field', '"",x\n', [['', 'x']], [1]],
  ['quoted empty at end', 'x,""', [['x', '']], [1]],
  [
    'newline inside quotes LF',
    '"a\nb",c\nd,e\n',
    [
      ['a\nb', 'c'],
      ['d', 'e'],
    ],
    [1, 3],
  ],
  [
    'newline inside quotes CRLF',
    '"a\r\nb",c\r\nd,e\r\n',
    [
      ['a\r\nb', 'c'],
      ['d', 'e'],
    ],
    [1, 3],
  ],
  ['newline inside quotes CR', '"a\rb\rc",x\rd\r', [['a\rb\rc', 'x'], ['d']], [1, 4]],
  ['several multi-line cells in a row', '"a\nb","c\n\nd"\ne\n', [['a\nb', 'c\n\nd'], ['e']], [1, 5]],
  ['whitespace before a quote', 'a, "b, c" ,d\n', [['a', 'b, c', 'd']], [1]],
  ['tab before a quote', 'a,\t"b"\n', [['a', 'b']], [1]],
  ['spaces kept in unquoted fields', ' a , b \n', [[' a ', ' b ']], [1]],
  ['quoted field last with no newline', 'a,"b"', [['a', 'b']], [1]],
  [
    'ragged rows pass through',
    'a,b,c\n1\n1,2,3,4\n',
    [['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']],
    [1, 2, 3],
  ],
  ['quote then CRLF', '"a"\r\n"b"\r\n', [['a'], ['b']], [1, 2]],
  [
    'unicode text',
    'é,€\n"ü,ß",😀\n',
    [
      ['é', '€'],
      ['ü,ß', '😀'],
    ],
    [1, 2],
  ],
  [
    'BOM already stripped: first cell clean',
    'id,name\n1,x\n',
    [
      ['id', 'name'],
      ['1', 'x'],
    ],
    [1, 2],
  ],
];

describe('CsvScanner: valid input', () => {
  it.each(valid)('%s', (_name, input, cells, lines) => {
    const { rows, problems } = scanChunked(input, input.length + 1);
    expect(rows.map((r) => r.cells)).toEqual(cells);
    expect(rows.map((r) => r.line)).toEqual(lines);
    expect(problems).toEqual([]);
  });

  it('other delimiters and quote characters', () => {
    expect(cellsOf('a;"b;c";d\n', { delimiter: ';', quoteChar: '"' })).toEqual([['a', 'b;c', 'd']]);
    expect(cellsOf('a\t"b\tc"\n', { delimiter: '\t', quoteChar: '"' })).toEqual([['a', 'b\tc']]);
    expect(cellsOf("a|'b|c'|d\n", { delimiter: '|', quoteChar: "'" })).toEqual([['a', 'b|c', 'd']]);
    // A tab delimiter is not skipped as blank before a quote.
    expect(cellsOf('a\t\t"b"\n', { delimiter: '\t', quoteChar: '"' })).toEqual([['a', '', 'b']]);
  });

  it('counts line breaks between rows by kind, not those inside quotes', () => {
    expect(scanChunked('a\r\nb\nc\rd\r\n"x\ny"\n', 100).lineBreaks).toEqual({ lf: 2, crlf: 2, cr: 1 });
  });

  it('rejects delimiters that cannot work', () => {
    expect(() => new CsvScanner({ delimiter: ',,', quoteChar: '"' }, () => {})).toThrow(RangeError);
    expect(() => new CsvScanner({ delimiter: '"', quoteChar: '"' }, () => {})).toThrow(RangeError);
    expect(() => new CsvScanner({ delimiter: '\n', quoteChar: '"' }, () => {})).toThrow(RangeError);
  });
});

// [name, input, expected cells, expected lines, expected problems]
const malformed: [string, string, string[][], number[], CsvProblem[]][] = [
  [
    'stray quote in an unquoted field',
    'a,12" pipe,b\nc\n',
    [['a', '12" pipe', 'b'], ['c']],
    [1, 2],
    [{ kind: 'stray-quote', line: 1 }],
  ],
  [
    'text after a closing quote',
    '"ab"c,d\ne\n',
    [['ab"c', 'd'], ['e']],
    [1, 2],
    [{ kind: 'text-after-quote', line: 1 }],
  ],
  [
    'inner quotes not doubled',
    'x\n"Salle "Les Tilleuls", rue X"\n',
    [['x'], ['Salle "Les Tilleuls"', ' rue X"']],
    [1, 2],
    [
      { kind: 'text-after-quote', line: 2 },
      { kind: 'stray-quote', line: 2 },
    ],
  ],
  [
    'unclosed quote at EOF: following rows still delivered',
    'a,b\n1,"x\n2,y\n3,z\n',
    [
      ['a', 'b'],
      ['1', '"x'],
      ['2', 'y'],
      ['3', 'z'],
    ],
    [1, 2, 3, 4],
    [{ kind: 'unclosed-quote', line: 2 }],
  ],
  [
    'unclosed quote on the last line without newline',
    'a\n"b',
    [['a'], ['"b']],
    [1, 2],
    [{ kind: 'unclosed-quote', line: 2 }],
  ],
  [
    'unclosed quote with escaped quotes after it',
    'a,"x""y\nb,c\n',
    [
      ['a', '"x""y'],
      ['b', 'c'],
    ],
    [1, 2],
    [{ kind: 'unclosed-quote', line: 1 }],
  ],
  [
    'unclosed quote opening on a later line of a multi-line row',
    '"a\nb","c\nd\n',
    [['a\nb', '"c'], ['d']],
    [1, 3],
    [{ kind: 'unclosed-quote', line: 2 }],
  ],
  [
    'quotes after an unclosed one are scanned again',
    'a,"x\nb,"" c\n',
    [
      ['a', '"x'],
      ['b', '" c'],
    ],
    [1, 2],
    [
      { kind: 'unclosed-quote', line: 1 },
      { kind: 'text-after-quote', line: 2 },
    ],
  ],
];

describe('CsvScanner: malformed input is tolerated and reported', () => {
  it.each(malformed)('%s', (_name, input, cells, lines, problems) => {
    const got = scanChunked(input, input.length + 1);
    expect(got.rows.map((r) => r.cells)).toEqual(cells);
    expect(got.rows.map((r) => r.line)).toEqual(lines);
    expect(got.problems).toEqual(problems);
  });

  it('a quoted cell longer than maxQuotedLength is taken as an unclosed quote', () => {
    const input = 'a,"' + 'x'.repeat(20) + '\nb,c\n"ok"\n';
    const options = { ...comma, maxQuotedLength: 10 };
    const got = scanChunked(input, 1000, options);
    expect(got.rows.map((r) => r.cells)).toEqual([['a', '"' + 'x'.repeat(20)], ['b', 'c'], ['ok']]);
    expect(got.problems).toEqual([{ kind: 'unclosed-quote', line: 1 }]);
    // Same result whatever the chunking, even when the closing quote is in the text but too far.
    const closedTooFar = 'a,"' + 'x'.repeat(20) + '"\nb\n';
    for (const size of [1, 3, 7, 100]) {
      expect(scanChunked(closedTooFar, size, options)).toEqual(scanChunked(closedTooFar, 1000, options));
    }
  });
});

describe('CsvScanner: chunk boundaries anywhere give identical rows', () => {
  const inputs = [
    ...valid.map((v) => v[1]),
    ...malformed.map((m) => m[1]),
    'id,label,amount\r\n1,"Dupont, Jean",12.5\r\n2,"multi\r\nline ""cell""",\r\n3,x,"y"\r\n',
    'a;b\r"c\rd";e\r\n\nf;"g"""\r',
    '"a"  ,  "b"  \n  "c",d',
  ];
  it.each(inputs.map((i) => [JSON.stringify(i).slice(0, 40), i]))('%s', (_name, input) => {
    for (const delimiter of [',', ';']) {
      const options = { delimiter, quoteChar: '"' };
      const whole = scanChunked(input, input.length + 1, options);
      for (let size = 1; size <= input.length; size++) {
        expect(scanChunked(input, size, options), `chunk size ${size}`).toEqual(whole);
      }
    }
  });

  it('a long row without quotes split in many chunks', () => {
    const row = Array.from({ length: 500 }, (_, i) => `c${i}`).join(',');
    const input = `${row}\n${row}\n`;
    const got = scanChunked(input, 7);
    expect(got.rows.map((r) => r.cells.length)).toEqual([500, 500]);
    expect(got.rows[1]!.cells[499]).toBe('c499');
  });
});

describe('countLineBreaks', () => {
  it.each([
    ['', 0],
    ['a', 0],
    ['a\nb', 1],
    ['a\r\nb', 1],
    ['a\rb', 1],
    ['\r\r\n\n', 3],
  ] as const)('%j → %i', (text, n) => {
    expect(countLineBreaks(text)).toBe(n);
  });
});

describe('scanCsv', () => {
  it('gives rows and lines for a whole text', () => {
    expect(cellsOf('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(linesOf('"x\n\ny"\nz')).toEqual([1, 4]);
  });
});

describe('CsvScanner: write → scan round trip (seeded random tables)', () => {
  const alphabet = ['a', 'b', 'é', ' ', ',', ';', '"', '\n', '\r', '\r\n', '1'];

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('seed %i', (seed) => {
    const rnd = prng(seed);
    const table: string[][] = [];
    for (let r = 0; r < 30; r++) {
      const width = 1 + Math.floor(rnd() * 5);
      const row: string[] = [];
      for (let c = 0; c < width; c++) {
        let cell = '';
        const n = Math.floor(rnd() * 6);
        for (let k = 0; k < n; k++) cell += alphabet[Math.floor(rnd() * alphabet.length)];
        row.push(cell);
      }
      table.push(row);
    }
    const ends = ['\n', '\r\n', '\r'];
    const text = table
      .map(
        (row) =>
          row
            // A lone empty cell is quoted, as a blank line after a CR would join it into a CRLF.
            .map((c) =>
              /[",\r\n]/.test(c) || /^[ \t]/.test(c) || row.length === 1 ? `"${c.replace(/"/g, '""')}"` : c,
            )
            .join(',') + ends[Math.floor(rnd() * 3)],
      )
      .join('');
    const whole = scanChunked(text, text.length + 1);
    expect(whole.problems).toEqual([]);
    expect(whole.rows.map((r) => r.cells)).toEqual(table);
    for (const size of [1, 2, 3, 5, 8, 13, 64, 1000]) {
      expect(scanChunked(text, size)).toEqual(whole);
    }
  });
});

describe('CsvScanner.lineAfter', () => {
  it('locates a position of text not pushed yet', () => {
    const scanner = new CsvScanner(comma, () => {});
    expect(scanner.lineAfter('')).toBe(1);
    scanner.push('a\nb\n"c\n');
    expect(scanner.currentLine).toBe(3);
    expect(scanner.lineAfter('')).toBe(4);
    expect(scanner.lineAfter('d"\ne\r\nf')).toBe(6);
  });

  it('counts the chunks held without line break between the row and the text not pushed', () => {
    const scanner = new CsvScanner(comma, () => {});
    scanner.push('a\n"b\r');
    // Chunks without line break after an unfinished row are held, not joined yet: the CR above and
    // an LF to come are not one CRLF.
    scanner.push('c');
    scanner.push('d');
    expect(scanner.lineAfter('\ne')).toBe(4);
  });
});

describe('CsvScanner on a row longer than maxLineLength', () => {
  it('reports every cell of the cut head though it splits only those kept', () => {
    const rows: string[][] = [];
    const problems: CsvProblem[] = [];
    const scanner = new CsvScanner(
      { ...comma, maxLineLength: 1000, maxColumns: 5 },
      (cells) => rows.push(cells),
      (p) => problems.push(p),
    );
    scanner.push('h\n');
    // 2,000 characters on one line, pushed in chunks without line break (held, then joined once).
    for (let i = 0; i < 20; i++) scanner.push(',x'.repeat(50));
    scanner.push('\nlast\n');
    scanner.end();
    expect(rows).toEqual([['h'], ['', 'x', 'x', 'x', 'x'], ['last']]);
    expect(problems).toEqual([
      { kind: 'line-too-long', line: 2, cell: 500 },
      { kind: 'too-many-cells', line: 2, cell: 5, count: 496 },
    ]);
  });
});

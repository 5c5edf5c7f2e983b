// The quality score (docs/score.md): a table of files and the score each gets, determinism, the batch mean.
import { describe, expect, it } from 'vitest';
import { scoreBatch, scoreFile, withScores } from '../../src/report/score.js';
import type { Level } from '../../src/findings/types.js';
import type { FileReport, Report, ReportFinding } from '../../src/report/types.js';

function finding(level: Level, rowNumber?: number, line?: number): ReportFinding {
  const f: ReportFinding = { code: 'x', level, message: '', params: {} };
  if (rowNumber !== undefined) f.rowNumber = rowNumber;
  if (line !== undefined) f.line = line;
  return f;
}

/** A file of `rows` rows over 4 schema fields, all fed, with the given findings (stats counted from them). */
function file(rows: number, findings: ReportFinding[], extra: Partial<FileReport> = {}): FileReport {
  const count = (l: Level): number => findings.filter((f) => f.level === l).length;
  return {
    path: 'f.csv',
    valid: count('error') === 0,
    partial: false,
    source: { format: 'csv' },
    labels: ['a', 'b', 'c', 'd'],
    columns: ['a', 'b', 'c', 'd'].map((n, i) => ({ field: n, label: n, column: i + 1, match: 'exact' })),
    extraColumns: [],
    stats: {
      rows,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      cells: rows * 4,
      invalidCells: 0,
      invalidRows: new Set(
        findings.filter((f) => f.level === 'error' && (f.rowNumber ?? 0) > 1).map((f) => f.rowNumber),
      ).size,
    },
    findings,
    totals: { byCode: {}, byColumn: {} },
    ...extra,
  };
}

const header = (level: Level, n: number): ReportFinding[] =>
  Array.from({ length: n }, () => finding(level, 1));
const cells = (level: Level, n: number): ReportFinding[] =>
  Array.from({ length: n }, (_, i) => finding(level, 2 + i));

describe('scoreFile', () => {
  it.each([
    ['a clean file', file(10, []), { score: 100, structure: 100, content: 100 }],
    [
      'infos cost nothing',
      file(10, [finding('info'), finding('info', 3)]),
      { score: 100, structure: 100, content: 100 },
    ],
    [
      'file-level findings cost no share, but a file with any finding never scores 100',
      file(10, [finding('warning'), finding('error')]),
      { score: 99, structure: 100, content: 100 },
    ],
    [
      'one header error of four columns',
      file(10, header('error', 1)),
      { score: 90, structure: 75, content: 100 },
    ],
    ['four header warnings', file(10, header('warning', 4)), { score: 90, structure: 75, content: 100 }],
    [
      'header errors beyond the columns floor at 0',
      file(10, header('error', 9)),
      { score: 60, structure: 0, content: 100 },
    ],
    // Cell share 90 %, row share 60 % (4 rows of 10 have an error): content 75.
    ['4 cell errors in 40 cells', file(10, cells('error', 4)), { score: 85, structure: 100, content: 75 }],
    [
      '4 cell warnings in 40 cells',
      file(10, cells('warning', 4)),
      { score: 99, structure: 100, content: 98.8 },
    ],
    [
      'a finding located by line only counts as content',
      file(10, [finding('error', undefined, 7)]),
      { score: 99, structure: 100, content: 98.8 },
    ],
    [
      'more cell errors than cells floor at 0',
      file(1, cells('error', 9)),
      { score: 40, structure: 100, content: 0 },
    ],
    ['no data rows: no content', file(0, []), { score: 40, structure: 100, content: 0 }],
  ])('%s', (_, f, expected) => {
    expect(scoreFile(f)).toEqual(expected);
  });

  it('counts an extra column among the columns', () => {
    const f = file(10, header('warning', 1), { labels: ['a', 'b', 'c', 'd', 'e'], extraColumns: ['e'] });
    expect(scoreFile(f).structure).toBe(95);
  });

  it('uses the stats, not the listed findings, for content (a partial report counts every error)', () => {
    const f = file(10, cells('error', 1));
    f.stats.errors = 4;
    f.partial = true;
    expect(scoreFile(f).content).toBe(90);
  });

  it('without a schema, judges the header labels and rows × labels cells', () => {
    const f = file(10, [...header('error', 1), ...cells('error', 2)], {
      columns: [],
      stats: { rows: 10, errors: 3, warnings: 0, infos: 0, cells: 0, invalidCells: 0 },
    });
    expect(scoreFile(f)).toEqual({ score: 87, structure: 75, content: 95 });
  });

  it('gives the same score for the same report', () => {
    const f = file(123, [...header('warning', 2), ...cells('error', 17), ...cells('warning', 5)]);
    expect(scoreFile(structuredClone(f))).toEqual(scoreFile(f));
  });
});

describe('scoreBatch', () => {
  const report = (files: FileReport[], failed: number): Report => ({
    version: 1,
    valid: false,
    lang: 'fr',
    files,
    failures: Array.from({ length: failed }, (_, i) => ({
      path: `x${i}`,
      code: 'file-not-found',
      message: '',
    })),
    summary: { files: files.length + failed, valid: 0, invalid: 0, failed, rows: 0, errors: 0, warnings: 0 },
  });

  it.each([
    [[100, 100], 0, 100],
    [[100, 40], 0, 70],
    [[100, 90], 1, 63],
    [[], 1, 0],
  ])('scores %j with %i unreadable file(s) as %i', (scores, failed, expected) => {
    const files = scores.map((s) => ({ ...file(10, []), score: { score: s, structure: 0, content: 0 } }));
    expect(scoreBatch(report(files, failed))).toBe(expected);
  });

  it('is undefined for an empty run, and withScores fills every file and the summary', () => {
    expect(scoreBatch(report([], 0))).toBeUndefined();
    const r = withScores(report([file(10, []), file(10, header('error', 4))], 0));
    expect(r.files.map((f) => f.score?.score)).toEqual([100, 60]);
    expect(r.summary.score).toBe(80);
  });
});

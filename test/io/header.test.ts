// Header-row detection: the shape rules, and the expectation's score choosing a lower row.
import { describe, expect, it } from 'vitest';
import { findHeaderRow } from '../../src/io/header.js';

const TABLE = [
  ['Budget 2024', '', ''],
  ['a', 'b', 'c'],
  ['1', '2', '3'],
  ['4', '5', '6'],
];

/** A scorer that gives each row (by its first cell) a fixed score, and records what it was asked. */
function scorer(scores: Record<string, number>): { score: (labels: string[]) => number; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    score: (labels) => {
      asked.push(labels[0] ?? '');
      return scores[labels[0] ?? ''] ?? 0;
    },
  };
}

describe('findHeaderRow', () => {
  it('skips a title row above a wider table', () => {
    expect(findHeaderRow(TABLE)).toEqual({ index: 1, skipped: [{ index: 0, reason: 'title' }] });
  });

  it('takes a lower row that fits the expectation clearly better', () => {
    const rows = [['x', 'y', 'z'], ...TABLE.slice(1)];
    const s = scorer({ x: 0.3, a: 0.9 });
    expect(findHeaderRow(rows, s.score)).toEqual({ index: 1, skipped: [{ index: 0, reason: 'title' }] });
  });

  it('keeps the row found by shape when a lower one fits better by less than the gain asked', () => {
    const rows = [['x', 'y', 'z'], ...TABLE.slice(1)];
    const s = scorer({ x: 0.75, a: 0.9 });
    expect(findHeaderRow(rows, s.score)).toEqual({ index: 0, skipped: [] });
    // Every row was scored: 0.75 + the gain asked is within reach of a score of 1.
    expect(s.asked).toEqual(['x', 'x', 'a', '1', '4']);
  });

  it('scores no other row once the row found by shape fits beyond what a lower row could beat', () => {
    const rows = [['x', 'y', 'z'], ...TABLE.slice(1)];
    const s = scorer({ x: 0.85, a: 1 });
    expect(findHeaderRow(rows, s.score)).toEqual({ index: 0, skipped: [] });
    expect(s.asked).toEqual(['x']);
  });
});

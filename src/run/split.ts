// Fields read from a part of one column (a coordinate of a pair, the date or time of a datetime): applied as columns added after the input's own.
import type { RawRow } from '../io/types.js';
import type { Finding } from '../findings/types.js';
import type { RowObserver } from '../checks/types.js';
import { finding } from '../findings/catalogue.js';
import type {
  ColumnMapping,
  ColumnSample,
  CoordinateOrder,
  SplitPart,
  SplitProposal,
} from '../schema/mapping-types.js';
import { partIndex, splitApplicable, splitCell, splitKind, type SplitFailure } from '../match/split.js';
import { mapRows } from './map-rows.js';

/** The word a part adds to its column's label: « geo_point_2d (longitude) ». */
const PART_LABEL: Record<SplitPart, string> = {
  lon: 'longitude',
  lat: 'latitude',
  date: 'date',
  time: 'heure',
};

/** One input column split: the fields its parts feed, each read from a column added after the input's own. */
export interface AppliedSplit {
  /** The input column, 0-based, and its label. */
  column: number;
  label: string;
  kind: 'coordinates' | 'date-time';
  /** The order of the column's coordinate pairs, when known (else each value must tell it). */
  order?: CoordinateOrder;
  parts: { fieldName: string; part: SplitPart; column: number; label: string }[];
  /** Non-empty cells that could not be split (counted by the validation pass: see splitObserver). */
  failed: number;
}

/**
 * The last cell each split column split, and what it gave: the validation pass reports a row's failures
 * right after the row is split (splitObserver), so it reads them here rather than split the cell again.
 */
const lastSplit = new WeakMap<AppliedSplit, { text: string; split: [string, string] | SplitFailure }>();

/** Split one cell of a split column, remembering it for splitObserver. */
function splitOnce(a: AppliedSplit, text: string): [string, string] | SplitFailure {
  let last = lastSplit.get(a);
  if (last && last.text === text) return last.split;
  if (!last) lastSplit.set(a, (last = { text, split: ['', ''] }));
  last.text = text;
  last.split = splitCell(text, a.kind, a.order, a.label);
  return last.split;
}

/**
 * Apply the split proposals of a mapping (issue 11): a mapping file's always, odf's own only when
 * `accepted` (--accept-suggestions), and only those whose order is known. Each part gets a column added
 * after the input's own — after the composed ones when `labels` already has them — labelled with its
 * source and part (« geo_point_2d (longitude) »), whose cell is computed on each row (decimal point,
 * `YYYY-MM-DD`, `HH:MM:SS`); a cell that cannot be split gives empty parts (splitObserver reports it).
 * The source column no longer counts as extra. Rows shorter than the header are left as they are.
 */
export function applySplits(
  labels: readonly string[],
  mapping: ColumnMapping,
  sample: ColumnSample,
  rows: AsyncIterable<RawRow>,
  accepted: boolean,
): { labels: string[]; sample: ColumnSample; rows: AsyncIterable<RawRow>; applied: AppliedSplit[] } {
  const width = labels.length;
  const applied: AppliedSplit[] = [];
  const byColumn = new Map<number, AppliedSplit>();
  let added = 0;
  for (const m of mapping.fields) {
    const p: SplitProposal | undefined = m.split;
    if (!p || m.column !== undefined || m.constant !== undefined || !splitApplicable(p)) continue;
    if (!accepted && p.fromMapping !== true) continue;
    let a = byColumn.get(p.column);
    if (!a) {
      a = { column: p.column, label: p.label, kind: splitKind(p.part), parts: [], failed: 0 };
      if (p.order !== undefined) a.order = p.order;
      byColumn.set(p.column, a);
      applied.push(a);
    }
    const column = width + added++;
    const label = `${p.label} (${PART_LABEL[p.part]})`;
    a.parts.push({ fieldName: m.fieldName, part: p.part, column, label });
    m.column = column;
    m.label = label;
    m.kind = p.fromMapping === true ? 'mapping' : 'suggestion';
  }
  if (applied.length === 0) return { labels: [...labels], sample, rows, applied };
  const sources = new Set(applied.map((a) => a.column));
  mapping.extra = mapping.extra.filter((e) => !sources.has(e.column));
  const extend = (cells: readonly string[]): string[] => {
    if (cells.length < width) return [...cells];
    const parts: string[] = [];
    for (const a of applied) {
      const split = splitOnce(a, cells[a.column] ?? '');
      for (const p of a.parts) parts.push(Array.isArray(split) ? split[partIndex(p.part)] : '');
    }
    if (cells.length === width) return [...cells, ...parts];
    return [...cells.slice(0, width), ...parts, ...cells.slice(width)];
  };
  return {
    labels: [...labels, ...applied.flatMap((a) => a.parts.map((p) => p.label))],
    sample: { rows: sample.rows.map(extend) },
    rows: mapRows(rows, extend),
    applied,
  };
}

/**
 * The row observer of the validation pass that reports each cell of a split column that could not be
 * split (`split-error`, on its row and column: its parts were left empty) and counts them per column
 * (`failed`), for normalize's cell accounting.
 */
export function splitObserver(applied: readonly AppliedSplit[]): RowObserver {
  return {
    row(cells, rowNumber, line) {
      let out: Finding[] | undefined;
      for (const a of applied) {
        const text = cells[a.column];
        if (text === undefined) continue;
        const split = splitOnce(a, text);
        if (Array.isArray(split)) continue;
        a.failed++;
        (out ??= []).push(
          finding(
            'split-error',
            { rowNumber, line, column: a.label },
            {
              label: a.label,
              columnNumber: a.column + 1,
              parts: a.kind,
              reason: split,
              fields: a.parts.map((p) => p.fieldName),
              ...(a.order !== undefined ? { order: a.order } : {}),
            },
            { value: text },
          ),
        );
      }
      return out;
    },
    end: () => [],
  };
}

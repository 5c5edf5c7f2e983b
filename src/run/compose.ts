// Fields built from several input columns ([Xlongitude, Ylatitude], a date and a time): applied as one more column.
import type { RawRow } from '../io/types.js';
import type { ColumnMapping, ColumnSample, ComposedProposal } from '../schema/mapping-types.js';
import { composeValue } from '../match/match.js';
import { mapRows } from './map-rows.js';

/** A composition applied: the field it feeds, its source columns and the column added for it. */
export interface AppliedComposition {
  fieldName: string;
  /** Source input columns, 0-based. */
  columns: number[];
  /** The column added after the input's own (0-based), holding the composed value. */
  column: number;
  label: string;
}

/** The composed value of one row, or '' when every source cell is empty. */
function composeCell(cells: readonly string[], p: ComposedProposal): string {
  return composeValue(
    p.columns.map((c) => cells[c] ?? ''),
    p,
  );
}

/**
 * Apply the composed proposals of a mapping (issue 11: only with --accept-suggestions, as any proposal
 * odf found by itself): each field gets a column added after the input's own, labelled with its sources
 * (« Xlongitude + Ylatitude »), whose cell is composed on each row; its sources no longer count as
 * extra columns. Rows shorter than the header are left as they are (their missing cells are reported).
 */
export function applyCompositions(
  labels: readonly string[],
  mapping: ColumnMapping,
  sample: ColumnSample,
  rows: AsyncIterable<RawRow>,
  accepted: boolean,
): { labels: string[]; sample: ColumnSample; rows: AsyncIterable<RawRow>; applied: AppliedComposition[] } {
  const width = labels.length;
  const applied: AppliedComposition[] = [];
  const proposals: ComposedProposal[] = [];
  for (const m of mapping.fields) {
    const p = m.composed;
    if (!p || p.template === undefined || m.column !== undefined || m.constant !== undefined) continue;
    if (!accepted && p.fromMapping !== true) continue;
    const column = width + applied.length;
    const label = p.labels.join(' + ');
    applied.push({ fieldName: m.fieldName, columns: [...p.columns], column, label });
    proposals.push(p);
    m.column = column;
    m.label = label;
    m.kind = p.fromMapping === true ? 'mapping' : 'suggestion';
  }
  if (applied.length === 0) return { labels: [...labels], sample, rows, applied };
  const used = new Set(applied.flatMap((a) => a.columns));
  mapping.extra = mapping.extra.filter((e) => !used.has(e.column));
  const extend = (cells: readonly string[]): string[] => {
    const added = proposals.map((p) => composeCell(cells, p));
    if (cells.length === width) return [...cells, ...added];
    if (cells.length > width) return [...cells.slice(0, width), ...added, ...cells.slice(width)];
    return [...cells];
  };
  return {
    labels: [...labels, ...applied.map((a) => a.label)],
    sample: { rows: sample.rows.map(extend) },
    rows: mapRows(rows, extend),
    applied,
  };
}

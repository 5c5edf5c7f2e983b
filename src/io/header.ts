// Header-row detection: skip leading blank rows and title rows above a wider table (Excel exports).

/** Result of looking for the header among the first rows of a table. */
export interface HeaderGuess {
  /** Index (0-based, in the rows given) of the header row. */
  index: number;
  /** Indexes of rows skipped before it, and why. */
  skipped: { index: number; reason: 'blank' | 'title' }[];
}

function filledCount(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== '') n++;
  return n;
}

/**
 * Find the header among the first rows: the first non-blank row, unless it is a title row, i.e. it has
 * fewer than half as many filled cells as the widest of the following rows (and at most 2 filled). A table
 * whose every row has one cell (a single-column file) keeps its first row as header. With `labelScore` (how
 * well labels fit what is expected, 0..1), a lower row that fits clearly better is taken instead.
 */
export function findHeaderRow(
  rows: readonly (readonly string[])[],
  labelScore?: (labels: string[]) => number,
): HeaderGuess {
  const guess = findHeaderByShape(rows);
  if (!labelScore) return guess;
  // With an expectation (a schema), a lower row whose labels clearly fit it better is the header: a
  // two-level export (group titles over the real names) or a long title block.
  const base = labelScore([...(rows[guess.index] ?? [])]);
  // Scores are at most 1 (OpenOptions.labelScore): a row that fits this well cannot be beaten by the gain
  // asked, so the rows below need not be scored (each is a recognition; most headers fit fully).
  if (base + MIN_SCORE_GAIN > 1) return guess;
  let best = { index: guess.index, score: base };
  for (let i = 0, seen = 0; i < rows.length && seen < MAX_SCORED_ROWS; i++) {
    if (filledCount(rows[i]!) === 0) continue;
    seen++;
    const score = labelScore([...rows[i]!]);
    if (score > best.score) best = { index: i, score };
  }
  if (best.index === guess.index || best.score < base + MIN_SCORE_GAIN) return guess;
  const skipped: HeaderGuess['skipped'] = [];
  for (let i = 0; i < best.index; i++)
    skipped.push({ index: i, reason: filledCount(rows[i]!) === 0 ? 'blank' : 'title' });
  return { index: best.index, skipped };
}

/** Rows scored against the expectation, and how much better a lower row must fit to be taken. */
const MAX_SCORED_ROWS = 10;
const MIN_SCORE_GAIN = 0.2;

/**
 * True for a row of several cells that are all blank but not all empty: a header made only of spaces.
 * It is the header (reported as `header-blank`), not a blank line to skip: skipping it would make the
 * first data row the header and lose it.
 */
export function isSpacesRow(cells: readonly string[]): boolean {
  if (cells.length < 2 || filledCount(cells) > 0) return false;
  for (const c of cells) if (c !== '') return true;
  return false;
}

function findHeaderByShape(rows: readonly (readonly string[])[]): HeaderGuess {
  const skipped: HeaderGuess['skipped'] = [];
  let i = 0;
  while (i < rows.length && filledCount(rows[i]!) === 0 && !isSpacesRow(rows[i]!))
    skipped.push({ index: i++, reason: 'blank' });
  if (i >= rows.length) return { index: 0, skipped: [] };
  for (;;) {
    if (isSpacesRow(rows[i]!)) break;
    const filled = filledCount(rows[i]!);
    let widestBelow = 0;
    for (let j = i + 1; j < Math.min(rows.length, i + 21); j++) {
      widestBelow = Math.max(widestBelow, filledCount(rows[j]!));
    }
    const isTitle = filled <= 2 && widestBelow >= 3 && filled * 2 < widestBelow;
    if (!isTitle) break;
    skipped.push({ index: i, reason: 'title' });
    i++;
    while (i < rows.length && filledCount(rows[i]!) === 0 && !isSpacesRow(rows[i]!))
      skipped.push({ index: i++, reason: 'blank' });
    if (i >= rows.length) return { index: 0, skipped: [] };
  }
  return { index: i, skipped };
}

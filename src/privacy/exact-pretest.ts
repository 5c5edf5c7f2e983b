// Which free-text cells read in place the exact detectors can find nothing in, without making their strings.

/** No '@' from the search's start to the end of the text. */
const NONE = 0x7fffffff;

/** True for the char code of an ASCII digit (what `\d` matches in a regular expression without `u`). */
function isDigit(c: number): boolean {
  // One unsigned comparison: codes below 48 wrap to large numbers. NaN (charCodeAt past the text) would
  // count as a digit: callers read inside their span only.
  return (c - 48) >>> 0 <= 9;
}

/**
 * True when `text[start, end)` holds three ASCII digits in a row. Every three consecutive offsets of the
 * span include one of `start + 2`, `start + 5`, … so only those are probed, and a digit met at probe p
 * is part of a run of three only as `p-2 p-1 p`, `p-1 p p+1` or `p p+1 p+2` (p - 2 is never before the
 * span): about a third of the span is read, never more than it all (bounded by the cell, whatever
 * comes after it).
 */
export function hasDigitRun(text: string, start: number, end: number): boolean {
  for (let p = start + 2; p < end; p += 3) {
    if (!isDigit(text.charCodeAt(p))) continue;
    if (isDigit(text.charCodeAt(p - 1))) {
      if (isDigit(text.charCodeAt(p - 2))) return true;
      if (p + 1 < end && isDigit(text.charCodeAt(p + 1))) return true;
    } else if (p + 2 < end && isDigit(text.charCodeAt(p + 1)) && isDigit(text.charCodeAt(p + 2))) return true;
  }
  return false;
}

/**
 * Characters searched for '@' at a time, past the cell (at least the cell): a text met again after
 * another (see ExactPretest) is searched again at this cost at most, not to its end.
 */
export const AT_WINDOW = 2048;

/**
 * The search for '@' in one text: `text[from, to)` holds no '@' before `at` (NONE: none in it), and
 * `at`, when not NONE, is the first '@' at or after `from`.
 */
interface AtSearch {
  text: string;
  from: number;
  to: number;
  at: number;
}

/**
 * The exact detectors' cheap pre-tests (an email needs an '@' and 6 characters, an identifier three
 * digits in a row and 15 characters: mayHoldIdentifier) on cells given as offsets into one text. The
 * next '@' is searched once, moving forward through the text as the cells do, so a cell without one is
 * passed by comparing offsets ('@' is rare); the three digits are looked for inside the cell only
 * (hasDigitRun), since in tables the next digits are mostly in the next cell (a code next to its
 * label), where a forward search would stop and have to start again for the following cell. Cells may
 * come in any order and from any text (a cell met again, or out of order, is searched again): only the
 * cost depends on it.
 *
 * A reader's rows are cells of one large decoded chunk, but a row with a doubled quote comes as a text
 * of its own (the row, unescaped), after which the rows go back to the chunk. A search to the end of
 * the text, forgotten at each change of text, then cost a search from the cell to the chunk's next
 * '@', mostly its end, per such row (issue 14: 860 million characters on 100,000 budget rows). So the
 * searches of the last two texts are kept (the chunk's survives a row of its own), and a search covers
 * AT_WINDOW characters past the cell at most (a text met again after two others costs that much).
 */
export class ExactPretest {
  /** The search of the text met last. */
  private recent: AtSearch = { text: '', from: NONE, to: NONE, at: NONE };
  /** The search of the text met before it. */
  private before: AtSearch = { text: '', from: NONE, to: NONE, at: NONE };

  /** False when scanExact can find nothing in `text[start, end)`. */
  mayHold(text: string, start: number, end: number): boolean {
    const len = end - start;
    if (len < 6) return false;
    let s = this.recent;
    if (text !== s.text) {
      s = this.before;
      this.before = this.recent;
      this.recent = s;
      if (text !== s.text) {
        s.text = text;
        s.from = NONE;
      }
    }
    // Known when the cell starts inside the searched span and either reaches the '@' found or ends
    // inside the span: otherwise a new search from the cell.
    if (start < s.from || start > s.at || (s.at === NONE && end > s.to)) {
      const to = Math.min(text.length, Math.max(end, start + AT_WINDOW));
      const p = to === text.length ? text.indexOf('@', start) : text.slice(start, to).indexOf('@');
      s.from = start;
      s.to = to;
      s.at = p < 0 ? NONE : to === text.length ? p : start + p;
    }
    if (s.at < end) return true;
    return len >= 15 && hasDigitRun(text, start, end);
  }
}

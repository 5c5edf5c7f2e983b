// Which free-text cells read in place the exact detectors can find nothing in, without making their strings.

/** No '@' from the search's start to the end of the text. */
const NONE = 0x7fffffff;

/** True for the char code of an ASCII digit (what `\d` matches in a regular expression without `u`). */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * True when `text[start, end)` holds three ASCII digits in a row. Every three consecutive offsets of the
 * span include one of `start + 2`, `start + 5`, … so only those are probed, and a digit met there is
 * looked at with at most two neighbours on each side: about a third of the span is read, never more than
 * it all (bounded by the cell, whatever comes after it).
 */
export function hasDigitRun(text: string, start: number, end: number): boolean {
  for (let p = start + 2; p < end; p += 3) {
    if (!isDigit(text.charCodeAt(p))) continue;
    let a = p;
    while (a > start && a > p - 2 && isDigit(text.charCodeAt(a - 1))) a--;
    let b = p + 1;
    while (b < end && b < a + 3 && isDigit(text.charCodeAt(b))) b++;
    if (b - a >= 3) return true;
  }
  return false;
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
 */
export class ExactPretest {
  private text = '';
  /** The first '@' at or after `atFrom` is at `at` (NONE: none to the end of the text). */
  private atFrom = NONE;
  private at = NONE;

  /** False when scanExact can find nothing in `text[start, end)`. */
  mayHold(text: string, start: number, end: number): boolean {
    const len = end - start;
    if (len < 6) return false;
    if (text !== this.text) {
      this.text = text;
      this.atFrom = NONE;
    }
    if (start < this.atFrom || this.at < start) {
      const p = text.indexOf('@', start);
      this.atFrom = start;
      this.at = p < 0 ? NONE : p;
    }
    if (this.at < end) return true;
    return len >= 15 && hasDigitRun(text, start, end);
  }
}

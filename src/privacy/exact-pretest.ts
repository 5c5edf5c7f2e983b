// Which free-text cells read in place the exact detectors can find nothing in, without a character loop.

/** No '@' or three digits from the search's start to the end of the text. */
const NONE = 0x7fffffff;
const THREE_DIGITS_RE = /\d{3}/g;

/**
 * The exact detectors' cheap pre-tests (an email needs an '@' and 6 characters, an identifier three
 * digits in a row and 15 characters: mayHoldIdentifier) on cells given as offsets into one text. The
 * next '@' and the next run of three digits are searched once, moving forward through the text as the
 * cells do, so a cell holding neither is passed by comparing offsets. Cells may come in any order and
 * from any text (a cell met again, or out of order, is searched again): only the cost depends on it.
 */
export class ExactPretest {
  private text = '';
  /** The first '@' at or after `atFrom` is at `at` (NONE: none to the end of the text). */
  private atFrom = NONE;
  private at = NONE;
  /** The first run of three digits starting at or after `digitsFrom` starts at `digits`. */
  private digitsFrom = NONE;
  private digits = NONE;

  /** False when scanExact can find nothing in `text[start, end)`. */
  mayHold(text: string, start: number, end: number): boolean {
    const len = end - start;
    if (len < 6) return false;
    if (text !== this.text) {
      this.text = text;
      this.atFrom = NONE;
      this.digitsFrom = NONE;
    }
    if (start < this.atFrom || this.at < start) {
      const p = text.indexOf('@', start);
      this.atFrom = start;
      this.at = p < 0 ? NONE : p;
    }
    if (this.at < end) return true;
    if (len < 15) return false;
    if (start < this.digitsFrom || this.digits < start) {
      THREE_DIGITS_RE.lastIndex = start;
      this.digitsFrom = start;
      this.digits = THREE_DIGITS_RE.test(text) ? THREE_DIGITS_RE.lastIndex - 3 : NONE;
    }
    return this.digits <= end - 3;
  }
}

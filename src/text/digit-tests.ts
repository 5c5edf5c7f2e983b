// In-place tests of a fixed count of ASCII digits known by identity, so that a field's `^\d{14}$` and
// the SIRET check of the same cells read its digits once (issue 14).

/** An in-place test of the cell `text[start, end)`. */
export type InPlaceTest = (text: string, start: number, end: number) => boolean;

/** Tests true exactly for the texts of n ASCII digits (the value: n). */
const exactly = new WeakMap<InPlaceTest, number>();
/** Tests true only for texts of n ASCII digits, maybe not all of them (an identifier with a key). */
const within = new WeakMap<InPlaceTest, number>();
/** The test of exactly n digits, one per n. */
const byCount = new Map<number, InPlaceTest>();

/** True when `text[start, end)` is exactly `length` ASCII digits. */
export function digitsAt(text: string, start: number, end: number, length: number): boolean {
  if (end - start !== length) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The in-place test true exactly when the cell is `count` ASCII digits (what `^\d{count}$` and
 * `^[0-9]{count}$` match): one function per count, known to digitsWithin.
 */
export function exactDigitsTest(count: number): InPlaceTest {
  let test = byCount.get(count);
  if (test === undefined) {
    test = (text, start, end) => digitsAt(text, start, end, count);
    byCount.set(count, test);
    exactly.set(test, count);
  }
  return test;
}

/**
 * Declare that `test` is true only for cells of `count` ASCII digits (a SIRET's check: 14 digits and
 * a valid key). Returns the test.
 */
export function onlyDigits<T extends InPlaceTest>(test: T, count: number): T {
  within.set(test, count);
  return test;
}

/**
 * True when every cell `test` accepts, `wider` accepts too (so `wider && test` is `test`): `wider` is
 * the exact test of n digits and `test` accepts only cells of n digits (declared by onlyDigits, or the
 * same exact test).
 */
export function digitsWithin(test: InPlaceTest, wider: InPlaceTest): boolean {
  const n = exactly.get(wider);
  return n !== undefined && (within.get(test) ?? exactly.get(test)) === n;
}

import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, wrap } from '../../src/report/wrap.js';

describe('displayWidth', () => {
  it('agrees with string-width on every code point below U+3000, alone and between letters', () => {
    const differ: string[] = [];
    for (let cp = 0; cp < 0x3000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      // A mark that joins the letter before it, or the letter after, changes the width of the whole.
      for (const text of [c, `a${c}a`, `${c}${c}`])
        if (displayWidth(text) !== stringWidth(text)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it.each([
    ['French text', 'Montant (€) de l’opération « réel » — 12 % … ✓'],
    ['a soft hyphen, which is invisible', 'sub\u00advention'],
    ['combining accents (NFD)', 'Ope\u0301ration re\u0301alise\u0301e'],
    ['wide East Asian characters', '東京都 予算'],
    ['emoji, with modifiers and joiners', '👍🏽 👨‍👩‍👧 ✔️'],
    ['colour codes', '\u001b[31mrouge\u001b[39m'],
    ['control characters', 'a\tb\u0007c\r\nd'],
    ['zero-width and bidirectional marks', 'a\u200bb\u200ec\u202ed\u2060e'],
    ['Hangul jamo', '\u1100\u1161\u11a8'],
    ['the empty string', ''],
  ])('gives string-width’s answer for %s', (_what, text) => {
    expect(displayWidth(text)).toBe(stringWidth(text));
  });

  it('wraps text with wide characters by their width', () => {
    const lines = wrap('東京都 東京都 東京都 東京都', 14);
    expect(lines).toEqual(['東京都 東京都', '東京都 東京都']);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(14);
  });
});

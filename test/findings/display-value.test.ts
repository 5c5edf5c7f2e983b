import { describe, expect, it } from 'vitest';
import { displayValue } from '../../src/findings/spec.js';
import { messageOf } from '../../src/findings/catalogue.js';

describe('values as reports show them', () => {
  it.each([
    ['court', 'court'],
    ['evil\u202Eexe.txt', 'evil⟨U+202E⟩exe.txt'],
    ['ligne 1\nligne 2', 'ligne 1⏎ligne 2'],
  ])('%j → %j', (v, shown) => {
    expect(displayValue(v)).toBe(shown);
  });

  it('a 5,000-character cell is cut in the message; the finding keeps it whole', () => {
    const value = 'x'.repeat(5000);
    const message = messageOf({
      code: 'type-error',
      level: 'error',
      loc: { fieldName: 'n' },
      params: { type: 'number' },
      value,
    });
    expect(message.length).toBeLessThan(400);
    expect(message).toContain('…');
  });
});

import { describe, expect, test } from 'vitest';
import type { Field } from '../../src/schema/types.js';
import { outcome } from './outcome.js';

// A repair is offered only when a lenient reading is unambiguous AND passes every constraint.
type Row = [Partial<Field>, string, string];

const numbers: Row[] = [
  [{ type: 'number' }, '3,5', 'type-error → 3.5'],
  [{ type: 'number' }, '0,125', 'type-error → 0.125'],
  [{ type: 'number' }, '1 234,56', 'type-error → 1234.56'],
  [{ type: 'number' }, '1\u00a0234,56', 'type-error → 1234.56'],
  [{ type: 'number' }, '1\u202f234\u202f567,5', 'type-error → 1234567.5'],
  [{ type: 'number' }, '1.234,56', 'type-error → 1234.56'],
  [{ type: 'number' }, '1,234.56', 'type-error → 1234.56'],
  [{ type: 'number' }, '1.234.567', 'type-error → 1234567'],
  [{ type: 'number' }, '\u22125,5', 'type-error → -5.5'],
  // Surrounding spaces: valid, as Frictionless strips them for numbers (issue 11); the canonical drops them.
  [{ type: 'number' }, ' 12 ', 'ok 12'],
  [{ type: 'number' }, '12\u00a0', 'ok 12'],
  [{ type: 'number' }, ' 3,5 ', 'type-error → 3.5'],
  // Thousands or decimals? Nobody can tell: no repair.
  [{ type: 'number' }, '1,234', 'type-error'],
  [{ type: 'number' }, '-12,500', 'type-error'],
  [{ type: 'number' }, '12 €', 'type-error'],
  [{ type: 'number' }, '1 23,5', 'type-error'],
  [{ type: 'number', decimalChar: ',' }, '1 234.5', 'type-error → 1234,5'],
  // The repaired value must pass the constraints too.
  [{ type: 'number', constraints: { maximum: 10 } }, '12,5', 'type-error'],
  [{ type: 'number', constraints: { maximum: 10 } }, '9,5', 'type-error → 9.5'],
  [{ type: 'integer' }, '1 234', 'type-error → 1234'],
  [{ type: 'integer' }, '12,0', 'type-error → 12'],
  [{ type: 'integer' }, '1.234', 'type-error'],
  [{ type: 'integer' }, '12,5', 'type-error'],
  [{ type: 'year' }, '2020.0', 'type-error → 2020'],
  [{ type: 'year' }, ' 2020', 'type-error → 2020'],
];

const dates: Row[] = [
  [{ type: 'date' }, '15/09/2020', 'type-error → 2020-09-15'],
  [{ type: 'date' }, '15-09-2020', 'type-error → 2020-09-15'],
  [{ type: 'date' }, '15.09.2020', 'type-error → 2020-09-15'],
  [{ type: 'date' }, '15/09/20', 'type-error → 2020-09-15'],
  [{ type: 'date' }, '5/9/2020', 'type-error → 2020-09-05'],
  [{ type: 'date' }, '2020/09/15', 'type-error → 2020-09-15'],
  [{ type: 'date' }, '2020-09-15T00:00:00', 'type-error → 2020-09-15'],
  [{ type: 'date' }, '2020-09-15 00:00', 'type-error → 2020-09-15'],
  [{ type: 'date' }, '2020-09-15T00:00:00Z', 'type-error → 2020-09-15'],
  [{ type: 'date' }, ' 2020-09-15 ', 'type-error → 2020-09-15'],
  // Day first is impossible here (month 15): no guess.
  [{ type: 'date' }, '09/15/2020', 'type-error'],
  [{ type: 'date' }, '31/02/2020', 'type-error'],
  [{ type: 'date' }, '2020-09-15T10:30:00', 'type-error'],
  [{ type: 'date', constraints: { minimum: '2021-01-01' } }, '15/09/2020', 'type-error'],
  // A date field with a pattern gets the repair written in that pattern.
  [{ type: 'date', format: '%d/%m/%Y' }, '2020-09-15', 'type-error → 15/09/2020'],
  [{ type: 'date', format: '%d/%m/%Y' }, '15-09-2020', 'type-error → 15/09/2020'],
  [{ type: 'date', format: '%Y-%m-%d' }, '15/09/2020', 'type-error → 2020-09-15'],
  // Writing 2020-09-15 as `%Y` would lose the day: no repair.
  [{ type: 'date', format: '%Y' }, '15/09/2020', 'type-error'],
  [{ type: 'datetime' }, '15/09/2020 14:30', 'type-error → 2020-09-15T14:30:00'],
  [{ type: 'datetime' }, '2020-09-15 14:30', 'type-error → 2020-09-15T14:30:00'],
  [{ type: 'datetime' }, '2020-09-15', 'type-error'],
  [{ type: 'time' }, '9:30', 'type-error → 09:30:00'],
  [{ type: 'time' }, '09h30', 'type-error → 09:30:00'],
  [{ type: 'time' }, '14h', 'type-error → 14:00:00'],
  [{ type: 'time' }, '25h', 'type-error'],
  [{ type: 'time', format: '%H:%M' }, '09:30:00', 'type-error → 09:30'],
  [{ type: 'time', format: '%H:%M' }, '09:30:15', 'type-error'],
  [{ type: 'yearmonth' }, '09/2020', 'type-error → 2020-09'],
  [{ type: 'yearmonth' }, '2020/09', 'type-error → 2020-09'],
  [{ type: 'duration' }, 'p1d', 'type-error → P1D'],
];

const booleans: Row[] = [
  [{ type: 'boolean' }, 'Oui', 'type-error → true'],
  [{ type: 'boolean' }, 'NON', 'type-error → false'],
  [{ type: 'boolean' }, 'Vrai', 'type-error → true'],
  [{ type: 'boolean' }, 'faux', 'type-error → false'],
  [{ type: 'boolean' }, 'O', 'type-error → true'],
  [{ type: 'boolean' }, 'n', 'type-error → false'],
  [{ type: 'boolean' }, 'Yes', 'type-error → true'],
  [{ type: 'boolean' }, 'no', 'type-error → false'],
  [{ type: 'boolean' }, ' true ', 'type-error → true'],
  [{ type: 'boolean' }, 'peut-être', 'type-error'],
  [{ type: 'boolean', trueValues: ['oui'], falseValues: ['non'] }, '1', 'type-error → oui'],
  [{ type: 'boolean', trueValues: ['oui'], falseValues: ['non'] }, 'False', 'type-error → non'],
  [{ type: 'boolean', constraints: { enum: [true] } }, 'non', 'type-error'],
];

const strings: Row[] = [
  [{ constraints: { enum: ['Paris', 'Lyon'] } }, 'paris', 'constraint-error:enum → Paris'],
  [{ constraints: { enum: ['Paris', 'Lyon'] } }, ' Lyon\u00a0', 'constraint-error:enum → Lyon'],
  [{ constraints: { enum: ['Électrique', 'Hybride'] } }, 'electrique', 'constraint-error:enum → Électrique'],
  [{ constraints: { enum: ['œufs', 'lait'] } }, 'Oeufs', 'constraint-error:enum → œufs'],
  [
    { constraints: { enum: ["Chambre d'hôtes"] } },
    'chambre d’hotes',
    "constraint-error:enum → Chambre d'hôtes",
  ],
  [{ constraints: { enum: ['Paris', 'Lyon'] } }, 'Marseille', 'constraint-error:enum'],
  // Two allowed values fold alike: no guess.
  [{ constraints: { enum: ['Été', 'été'] } }, 'ETE', 'constraint-error:enum'],
  [{ type: 'integer', constraints: { enum: [1, 2] } }, ' 2', 'ok 2'],
  [{ type: 'integer', constraints: { enum: [1, 2] } }, ' 3', 'constraint-error:enum'],
  // Digit codes that lost their leading zeros, or went through a float.
  [{ constraints: { pattern: '^\\d{5}$' } }, '1053', 'constraint-error:pattern → 01053'],
  [
    { constraints: { pattern: '^[0-9]{14}$' } },
    '3805449320029.0',
    'constraint-error:pattern → 03805449320029',
  ],
  [
    { constraints: { pattern: '^\\d{14}$' } },
    '21860194600013.0',
    'constraint-error:pattern → 21860194600013',
  ],
  [
    { constraints: { pattern: '^\\d{14}$' } },
    '2.1860194600013E+13',
    'constraint-error:pattern → 21860194600013',
  ],
  [{ constraints: { pattern: '\\d{9}' } }, '12345678', 'constraint-error:pattern → 012345678'],
  // Excel dropped digits here: the exponent's zeros are not data.
  [{ constraints: { pattern: '^\\d{14}$' } }, '2.18601946E+13', 'constraint-error:pattern'],
  // Ranges cannot tell how many zeros were lost; other patterns are never touched.
  [{ constraints: { pattern: '^\\d{9,14}$' } }, '1234', 'constraint-error:pattern'],
  [{ constraints: { pattern: '^\\d{9,14}$' } }, '123456789.0', 'constraint-error:pattern → 123456789'],
  [{ constraints: { pattern: '^\\d{5}$' } }, '123456', 'constraint-error:pattern'],
  [{ constraints: { pattern: '^\\d{5}$' } }, '1053A', 'constraint-error:pattern'],
  [{ constraints: { pattern: '^([013-9]\\d|2[AB1-9])\\d{3}$' } }, '1053', 'constraint-error:pattern'],
  [{ constraints: { pattern: '^[A-Z]{2}$' } }, ' FR ', 'constraint-error:pattern → FR'],
  [{ constraints: { maxLength: 3 } }, ' abc ', 'constraint-error:maxLength → abc'],
  [{ type: 'string', format: 'email' }, ' contact@mairie.fr', 'type-error → contact@mairie.fr'],
  [
    { type: 'array', arrayItem: { type: 'string', constraints: { enum: ['lait', 'soja'] } } },
    '["Lait", "soja"]',
    'constraint-error:enum [item 0] → ["lait","soja"]',
  ],
  [
    { type: 'array', arrayItem: { type: 'string', constraints: { enum: ['lait', 'soja'] } } },
    '["vin"]',
    'constraint-error:enum [item 0]',
  ],
];

// Lists written as people write them, in an `array` field (issue 11): the JSON array is the repair.
const allergens = { type: 'array', arrayItem: { type: 'string', constraints: { enum: ['lait', 'soja'] } } };
const lists: Row[] = [
  [{ type: 'array' }, 'lsf,lpc,sts', 'type-error → ["lsf","lpc","sts"]'],
  [{ type: 'array' }, 'lsf, lpc , sts,', 'type-error → ["lsf","lpc","sts"]'],
  [{ type: 'array' }, 'Mo-Fr 08:00, 12:00; Sa', 'type-error → ["Mo-Fr 08:00, 12:00","Sa"]'],
  [{ type: 'array' }, 'a|b', 'type-error → ["a","b"]'],
  [{ type: 'array' }, '[lsf, lpc]', 'type-error → ["lsf","lpc"]'],
  [{ type: 'array' }, "['lsf', 'lpc']", 'type-error → ["lsf","lpc"]'],
  [{ type: 'array' }, 'lsf', 'type-error → ["lsf"]'],
  [{ type: 'array' }, '[]', 'ok []'],
  [{ type: 'array' }, '["lsf","lpc"]', 'ok ["lsf","lpc"]'],
  [{ type: 'array' }, ' , ', 'type-error'],
  [{ type: 'array', arrayItem: { type: 'integer' } }, '1; 2; 3', 'type-error → [1,2,3]'],
  [{ type: 'array', arrayItem: { type: 'integer' } }, 'un, deux', 'type-error'],
  [allergens, 'lait,soja', 'type-error → ["lait","soja"]'],
  [allergens, 'lait,vin', 'type-error'],
];

describe.each([
  ['lists in array fields', lists],
  ['numbers', numbers],
  ['dates and times', dates],
  ['booleans', booleans],
  ['strings, enums and codes', strings],
])('%s', (_name, rows) => {
  test.each(rows)('%j %j → %s', (field, text, expected) => {
    expect(outcome(field, text)).toBe(expected);
  });
});

import { describe, expect, test } from 'vitest';
import type { Field } from '../../src/schema/types.js';
import { outcome, valueOf } from './outcome.js';

// Each row: field, cell text, expected outcome (see outcome.ts). Spec: https://specs.frictionlessdata.io/table-schema/
type Row = [Partial<Field>, string, string];

const string: Row[] = [
  [{}, 'anything at all', 'ok anything at all'],
  [{}, ' spaces kept ', 'ok  spaces kept '],
  [{ type: 'string', format: 'email' }, 'contact@mairie-exemple.fr', 'ok contact@mairie-exemple.fr'],
  [{ type: 'string', format: 'email' }, 'prénom.nom@ville-été.fr', 'type-error'],
  [{ type: 'string', format: 'email' }, 'nom@ville-été.fr', 'ok nom@ville-été.fr'],
  [{ type: 'string', format: 'email' }, 'contact@', 'type-error'],
  [{ type: 'string', format: 'email' }, 'contact at mairie.fr', 'type-error'],
  [{ type: 'string', format: 'uri' }, 'https://www.data.gouv.fr/fr/', 'ok https://www.data.gouv.fr/fr/'],
  [{ type: 'string', format: 'uri' }, 'mailto:contact@mairie.fr', 'ok mailto:contact@mairie.fr'],
  [{ type: 'string', format: 'uri' }, 'www.data.gouv.fr', 'type-error'],
  [{ type: 'string', format: 'uri' }, 'https://exemple.fr/a b', 'type-error'],
  [
    { type: 'string', format: 'uuid' },
    '123e4567-e89b-12d3-a456-426614174000',
    'ok 123e4567-e89b-12d3-a456-426614174000',
  ],
  [{ type: 'string', format: 'uuid' }, '123e4567e89b12d3a456426614174000', 'type-error'],
  [{ type: 'string', format: 'binary' }, 'aGVsbG8=', 'ok aGVsbG8='],
  [{ type: 'string', format: 'binary' }, 'aGVsbG8', 'type-error'],
  [{ type: 'string', format: 'binary' }, 'a', 'type-error'],
  [{ type: 'string', format: 'wkt' }, 'POINT (2.35 48.85)', 'ok POINT (2.35 48.85)'],
  [{ type: 'string', format: 'wkt' }, 'POINT (2.35 48.85', 'type-error'],
];

// Table Schema v1 number: decimal with optional exponent, NaN, INF, -INF; decimalChar, groupChar, bareNumber.
const number: Row[] = [
  [{ type: 'number' }, '12', 'ok 12'],
  [{ type: 'number' }, '-12.50', 'ok -12.50'],
  [{ type: 'number' }, '+0.5', 'ok +0.5'],
  [{ type: 'number' }, '.5', 'ok .5'],
  [{ type: 'number' }, '1e3', 'ok 1000'],
  [{ type: 'number' }, '1.5E-2', 'ok 0.015'],
  [{ type: 'number' }, 'NaN', 'ok NaN'],
  [{ type: 'number' }, 'INF', 'ok INF'],
  [{ type: 'number' }, '-INF', 'ok -INF'],
  [{ type: 'number' }, '', 'missing'],
  [{ type: 'number' }, '12 €', 'type-error'],
  [{ type: 'number' }, 'douze', 'type-error'],
  [{ type: 'number' }, '1.2.3', 'type-error'],
  [{ type: 'number', decimalChar: ',' }, '3,5', 'ok 3,5'],
  [{ type: 'number', decimalChar: ',' }, '3.5', 'type-error → 3,5'],
  [{ type: 'number', decimalChar: ',', groupChar: ' ' }, '1 234,50', 'ok 1234,50'],
  [{ type: 'number', groupChar: ',' }, '1,234,567.5', 'ok 1234567.5'],
  [{ type: 'number', bareNumber: false }, '€ 12.5', 'ok 12.5'],
  [{ type: 'number', bareNumber: false }, '12%', 'ok 12'],
  [{ type: 'number', bareNumber: false }, '-5 €', 'ok -5'],
  [{ type: 'number', bareNumber: false }, 'EUR', 'type-error'],
];

// Integer: Python's int() as Frictionless: `1.0` and `1e3` are not integers (repairs aside).
const integer: Row[] = [
  [{ type: 'integer' }, '42', 'ok 42'],
  [{ type: 'integer' }, '-7', 'ok -7'],
  [{ type: 'integer' }, '007', 'ok 007'],
  [{ type: 'integer' }, '1.5', 'type-error'],
  [{ type: 'integer' }, '1.0', 'type-error → 1'],
  [{ type: 'integer' }, '1e3', 'type-error → 1000'],
  [{ type: 'integer' }, 'x', 'type-error'],
  [{ type: 'integer', bareNumber: false }, '42 ans', 'ok 42'],
  [{ type: 'integer', groupChar: ' ' }, '1 234', 'ok 1234'],
];

// Boolean: exact (case-sensitive) match of trueValues/falseValues; canonical is the first of each list.
const boolean: Row[] = [
  [{ type: 'boolean' }, 'true', 'ok true'],
  [{ type: 'boolean' }, 'TRUE', 'ok true'],
  [{ type: 'boolean' }, '1', 'ok true'],
  [{ type: 'boolean' }, 'False', 'ok false'],
  [{ type: 'boolean' }, '0', 'ok false'],
  [{ type: 'boolean' }, 'tRUE', 'type-error → true'],
  [{ type: 'boolean' }, 'peut-être', 'type-error'],
  [{ type: 'boolean', trueValues: ['oui'], falseValues: ['non'] }, 'oui', 'ok oui'],
  [{ type: 'boolean', trueValues: ['oui'], falseValues: ['non'] }, 'true', 'type-error → oui'],
  [{ type: 'boolean', trueValues: ['oui'], falseValues: ['non'] }, 'Non', 'type-error → non'],
];

const json: Row[] = [
  [{ type: 'object' }, '{"a": 1}', 'ok {"a": 1}'],
  [{ type: 'object' }, '[1]', 'type-error'],
  [{ type: 'object' }, 'null', 'type-error'],
  [{ type: 'object' }, '{a: 1}', 'type-error'],
  [{ type: 'array' }, '["a", "b"]', 'ok ["a", "b"]'],
  [{ type: 'array' }, '[]', 'ok []'],
  [{ type: 'array' }, '{"a": 1}', 'type-error'],
  // Not JSON, but a list: the JSON array is offered as the repair (issue 11).
  [{ type: 'array' }, 'a,b', 'type-error → ["a","b"]'],
  [{ type: 'array', arrayItem: { type: 'integer' } }, '[1, 2]', 'ok [1, 2]'],
  [{ type: 'array', arrayItem: { type: 'integer' } }, '[1, "x"]', 'type-error [item 1]'],
  [{ type: 'array', arrayItem: { type: 'string' } }, '[1]', 'type-error [item 0]'],
  [
    { type: 'array', arrayItem: { type: 'string', constraints: { required: true } } },
    '["a", null]',
    'constraint-error:required [item 1]',
  ],
  [
    { type: 'array', arrayItem: { type: 'string', constraints: { maxLength: 2 } } },
    '["ab", "abc"]',
    'constraint-error:maxLength [item 1]',
  ],
  [
    { type: 'geojson' },
    '{"type": "Point", "coordinates": [2.35, 48.85]}',
    'ok {"type": "Point", "coordinates": [2.35, 48.85]}',
  ],
  [
    { type: 'geojson' },
    '{"type": "Feature", "geometry": null, "properties": {"a": 1}}',
    'ok {"type": "Feature", "geometry": null, "properties": {"a": 1}}',
  ],
  [
    { type: 'geojson' },
    '{"type": "FeatureCollection", "features": []}',
    'ok {"type": "FeatureCollection", "features": []}',
  ],
  [
    { type: 'geojson' },
    '{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}',
    'ok {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}',
  ],
  [{ type: 'geojson' }, '{"type": "Point", "coordinates": [[2.35, 48.85]]}', 'type-error'],
  [{ type: 'geojson' }, '{"type": "Circle"}', 'type-error'],
  [
    { type: 'geojson', format: 'topojson' },
    '{"type": "Topology", "objects": {}}',
    'ok {"type": "Topology", "objects": {}}',
  ],
];

// Geopoint: lon then lat; lon within -180..180, lat within -90..90.
const geopoint: Row[] = [
  [{ type: 'geopoint' }, '2.35,48.85', 'ok 2.35,48.85'],
  [{ type: 'geopoint' }, '2.35, 48.85', 'ok 2.35, 48.85'],
  [{ type: 'geopoint' }, '-180,-90', 'ok -180,-90'],
  [{ type: 'geopoint' }, '181,0', 'type-error'],
  [{ type: 'geopoint' }, '0,91', 'type-error'],
  [{ type: 'geopoint' }, '2.35;48.85', 'type-error'],
  [{ type: 'geopoint' }, '2,35, 48,85', 'type-error'],
  [{ type: 'geopoint', format: 'array' }, '[2.35, 48.85]', 'ok [2.35, 48.85]'],
  [{ type: 'geopoint', format: 'array' }, '[2.35]', 'type-error'],
  [{ type: 'geopoint', format: 'object' }, '{"lon": 2.35, "lat": 48.85}', 'ok {"lon": 2.35, "lat": 48.85}'],
  [{ type: 'geopoint', format: 'object' }, '{"lon": 2.35, "lat": 48.85, "z": 1}', 'type-error'],
];

// Dates: default is ISO YYYY-MM-DD, zero-padded (Table Schema v1), a real calendar date.
const date: Row[] = [
  [{ type: 'date' }, '2020-09-15', 'ok 2020-09-15'],
  [{ type: 'date' }, '2020-02-29', 'ok 2020-02-29'],
  [{ type: 'date' }, '2019-02-29', 'type-error'],
  [{ type: 'date' }, '2020-13-01', 'type-error'],
  [{ type: 'date' }, '2020-9-5', 'type-error → 2020-09-05'],
  [{ type: 'date' }, '20200915', 'type-error'],
  [{ type: 'date', format: '%d/%m/%Y' }, '15/09/2020', 'ok 15/09/2020'],
  [{ type: 'date', format: '%d/%m/%Y' }, '1/9/2020', 'ok 01/09/2020'],
  [{ type: 'date', format: '%d/%m/%Y' }, '31/04/2020', 'type-error'],
  [{ type: 'date', format: '%d/%m/%y' }, '15/09/20', 'ok 15/09/20'],
  [{ type: 'date', format: 'fmt:%d/%m/%Y' }, '15/09/2020', 'ok 15/09/2020'],
  [{ type: 'date', format: '%Y' }, '2020', 'ok 2020'],
  [{ type: 'date', format: '%Y-%m-%d' }, '2020-09-15', 'ok 2020-09-15'],
  [{ type: 'date', format: '%d %B %Y' }, '15 september 2020', 'ok 15 September 2020'],
  [{ type: 'date', format: '%Y-%j' }, '2020-060', 'ok 2020-060'],
  [{ type: 'date', format: 'any' }, '2020-09-15', 'ok 2020-09-15'],
  [{ type: 'date', format: 'any' }, '15/09/2020', 'ok 2020-09-15'],
  [{ type: 'date', format: 'any' }, '09/15/2020', 'ok 2020-09-15'],
  [{ type: 'date', format: 'any' }, 'hier', 'type-error'],
  // An unusable format is a schema problem (warning); cells are read with the default.
  [{ type: 'date', format: 'YYYY-MM-DD' }, '2020-09-15', 'ok 2020-09-15'],
];

// Time: ISO hh:mm:ss with optional fraction and offset (dateutil's isoparse after Frictionless's guard).
const time: Row[] = [
  [{ type: 'time' }, '14:30:00', 'ok 14:30:00'],
  [{ type: 'time' }, '14:30:00.250', 'ok 14:30:00.250'],
  [{ type: 'time' }, '14:30:00Z', 'ok 14:30:00Z'],
  [{ type: 'time' }, '14:30:00+02:00', 'ok 14:30:00+02:00'],
  [{ type: 'time' }, '24:00:00', 'type-error'],
  [{ type: 'time' }, '14:60:00', 'type-error'],
  [{ type: 'time' }, '14:30', 'type-error → 14:30:00'],
  [{ type: 'time', format: '%H:%M' }, '14:30', 'ok 14:30'],
  [{ type: 'time', format: '%I:%M %p' }, '2:30 PM', 'ok 02:30 PM'],
  [{ type: 'time', format: 'any' }, '9h30', 'ok 09:30:00'],
];

// Datetime: ISO 8601 with `Z`, `±hh:mm`, `±hhmm` offsets and fractions, as the IRVE files write them.
const datetime: Row[] = [
  [{ type: 'datetime' }, '2020-09-15T14:30:00Z', 'ok 2020-09-15T14:30:00Z'],
  [{ type: 'datetime' }, '2020-09-15T14:30:00', 'ok 2020-09-15T14:30:00'],
  [{ type: 'datetime' }, '2023-02-01T10:12:35.123456+01:00', 'ok 2023-02-01T10:12:35.123456+01:00'],
  [{ type: 'datetime' }, '2020-09-15T14:30:00+0200', 'ok 2020-09-15T14:30:00+0200'],
  [{ type: 'datetime' }, '2020-09-15 14:30:00', 'ok 2020-09-15T14:30:00'],
  [{ type: 'datetime' }, '2020-09-15', 'type-error'],
  [{ type: 'datetime' }, '2020-09-31T14:30:00Z', 'type-error'],
  [{ type: 'datetime' }, '2020-09-15T14:30:00+25:00', 'type-error'],
  [{ type: 'datetime', format: '%d/%m/%Y %H:%M' }, '15/09/2020 14:30', 'ok 15/09/2020 14:30'],
  [{ type: 'datetime', format: 'any' }, '2020-09-15', 'ok 2020-09-15T00:00:00'],
  [{ type: 'datetime', format: 'any' }, '15/09/2020 14:30', 'ok 2020-09-15T14:30:00'],
];

// Year: 4 digits (Frictionless: len 4 and 0..9999); no sign, so no negative years.
const yearish: Row[] = [
  [{ type: 'year' }, '2020', 'ok 2020'],
  [{ type: 'year' }, '0999', 'ok 0999'],
  [{ type: 'year' }, '999', 'type-error'],
  [{ type: 'year' }, '-200', 'type-error'],
  [{ type: 'year' }, '20200', 'type-error'],
  [{ type: 'yearmonth' }, '2020-09', 'ok 2020-09'],
  [{ type: 'yearmonth' }, '2020-9', 'ok 2020-09'],
  [{ type: 'yearmonth' }, '2020-13', 'type-error'],
  [{ type: 'yearmonth' }, '2020', 'type-error'],
  [{ type: 'duration' }, 'P1Y2M10DT2H30M', 'ok P1Y2M10DT2H30M'],
  [{ type: 'duration' }, 'PT0.5S', 'ok PT0.5S'],
  [{ type: 'duration' }, 'P2W', 'ok P2W'],
  [{ type: 'duration' }, '-P1D', 'ok -P1D'],
  [{ type: 'duration' }, 'P', 'type-error'],
  [{ type: 'duration' }, 'PT', 'type-error'],
  [{ type: 'duration' }, '1 jour', 'type-error'],
  [{ type: 'any' }, 'whatever', 'ok whatever'],
  [{ type: 'any' }, '', 'missing'],
];

describe.each([
  ['string', string],
  ['number', number],
  ['integer', integer],
  ['boolean', boolean],
  ['object, array, geojson', json],
  ['geopoint', geopoint],
  ['date', date],
  ['time', time],
  ['datetime', datetime],
  ['year, yearmonth, duration, any', yearish],
])('%s', (_name, rows) => {
  test.each(rows)('%j %j → %s', (field, text, expected) => {
    expect(outcome(field, text)).toBe(expected);
  });
});

describe('typed values', () => {
  test.each<[Partial<Field>, string, unknown]>([
    [{ type: 'number' }, '1.5', 1.5],
    [{ type: 'number', decimalChar: ',' }, '1,5', 1.5],
    [{ type: 'integer' }, '42', 42],
    [{ type: 'integer' }, '123456789012345678901', 123456789012345678901n],
    [{ type: 'boolean' }, '0', false],
    [{ type: 'date', format: '%d/%m/%Y' }, '15/09/2020', '2020-09-15'],
    [{ type: 'time' }, '01:00:00+01:00', 0],
    [{ type: 'datetime' }, '1970-01-01T01:00:00+01:00', 0],
    [{ type: 'datetime' }, '2020-09-15T14:30:00.5Z', Date.UTC(2020, 8, 15, 14, 30, 0, 500)],
    [{ type: 'year' }, '2020', 2020],
    [{ type: 'geopoint' }, '2.35, 48.85', [2.35, 48.85]],
    [{ type: 'object' }, '{"a": [1]}', { a: [1] }],
  ])('%j %j', (field, text, value) => {
    expect(valueOf(field, text)).toEqual(value);
  });

  test('NaN and infinities', () => {
    expect(valueOf({ type: 'number' }, 'nan')).toBeNaN();
    expect(valueOf({ type: 'number' }, '-Infinity')).toBe(-Infinity);
  });
});

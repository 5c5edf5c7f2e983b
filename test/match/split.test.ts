// A column holding two values (a coordinate pair, a date with its time) proposed for two fields (issue 11):
// reading the pair, deciding its order from evidence only, and the proposals matching makes.
import { describe, expect, it } from 'vitest';
import { decideOrder, nameOrder, readPair, splitCell, type WrittenPair } from '../../src/match/split.js';
import { matchColumns } from '../../src/match/match.js';
import type { TableSchema } from '../../src/schema/types.js';

describe('readPair: a coordinate pair in degrees, in the forms exports write', () => {
  it.each([
    ['48.8566, 2.3522', '48.8566', '2.3522', 'plain'],
    ['48.8566,2.3522', '48.8566', '2.3522', 'plain'],
    ['(48.8566, 2.3522)', '48.8566', '2.3522', 'plain'],
    ['48.8566;2.3522', '48.8566', '2.3522', 'plain'],
    ['48,8566;2,3522', '48.8566', '2.3522', 'plain'],
    ['48.8566 2.3522', '48.8566', '2.3522', 'plain'],
    ['[2.3522, 48.8566]', '2.3522', '48.8566', 'geojson'],
    ['[-61.5331,16.2411]', '-61.5331', '16.2411', 'geojson'],
    ['POINT(2.3522 48.8566)', '2.3522', '48.8566', 'wkt'],
    ['point (2.3522 48.8566)', '2.3522', '48.8566', 'wkt'],
    ['SRID=4326;POINT(2.3522 48.8566)', '2.3522', '48.8566', 'wkt'],
    ['+48.8566, +2.3522', '48.8566', '2.3522', 'plain'],
  ])('%s → %s, %s (%s)', (text, first, second, form) => {
    expect(readPair(text)).toEqual({ first, second, form });
  });

  it.each([
    'POINT(652000 6862000)', // Lambert 93, metres
    'SRID=2154;POINT(652.1 686.2)',
    '200.5, 48.8',
    '120.5, 150.2', // two longitudes
    '48.8566, 2.3522, 35', // three numbers
    '48,8566, 2,3522', // decimal commas and a comma between: unreadable
    'Paris',
    '48.8566',
    '',
  ])('%s is not one', (text) => {
    expect(readPair(text)).toBeUndefined();
  });
});

describe('nameOrder: what a column name says of the order', () => {
  it.each([
    ['geo_point_2d', 'lat-lon'],
    ['Geo Point', 'lat-lon'],
    ['lat_lon', 'lat-lon'],
    ['latLng', 'lat-lon'],
    ['coord_lon_lat', 'lon-lat'],
    ['lonlat', 'lon-lat'],
    ['coordonneesXY', 'lon-lat'],
    ['position', undefined],
    ['coordonnees', undefined],
  ])('%s → %s', (label, order) => {
    expect(nameOrder(label)).toBe(order);
  });
});

const pairs = (...values: string[]): WrittenPair[] => values.map((v) => readPair(v)!);

describe('decideOrder: from evidence, never a default', () => {
  it('a value beyond ±90 is a longitude', () => {
    expect(decideOrder(pairs('-21.1151, 155.5364', '-22.27, 166.44'), 'coords')).toEqual({
      order: 'lat-lon',
      evidence: 'range',
    });
    expect(decideOrder(pairs('-149.5585, -17.5516'), 'coords')).toEqual({
      order: 'lon-lat',
      evidence: 'range',
    });
  });

  it('values in mainland France fit one order only', () => {
    expect(decideOrder(pairs('47.9961, -4.1024', '43.6047, 1.4442'), 'position')).toEqual({
      order: 'lat-lon',
      evidence: 'france',
    });
    expect(decideOrder(pairs('7.7521;48.5734'), 'position')).toEqual({
      order: 'lon-lat',
      evidence: 'france',
    });
  });

  it('the values win over the form and the name', () => {
    // Brackets written latitude first (not GeoJSON), a geo_point_2d written longitude first.
    expect(decideOrder(pairs('[48.8566, 2.3522]'), 'coordonnees')).toMatchObject({ order: 'lat-lon' });
    expect(decideOrder(pairs('2.3522, 48.8566'), 'geo_point_2d')).toMatchObject({ order: 'lon-lat' });
  });

  it('without telling values: WKT and GeoJSON are longitude first, geo_point_2d latitude first', () => {
    // Réunion: both numbers within ±90, outside mainland France.
    expect(decideOrder(pairs('POINT(55.5364 -21.1151)'), 'the_geom')).toEqual({
      order: 'lon-lat',
      evidence: 'wkt',
    });
    expect(decideOrder(pairs('[55.5364, -21.1151]'), 'coordonnees')).toEqual({
      order: 'lon-lat',
      evidence: 'geojson',
    });
    expect(decideOrder(pairs('-21.1151, 55.5364'), 'geo_point_2d')).toEqual({
      order: 'lat-lon',
      evidence: 'name',
    });
  });

  it('one pair in ten written the other way is a wrong cell, not a doubt about the column', () => {
    const lats = ['48.1', '48.2', '48.3', '48.4', '48.5', '48.6', '48.7', '48.8', '48.9'];
    const column = pairs(...lats.map((lat) => `${lat}, 2.35`), '2.35, 48.85');
    expect(decideOrder(column, 'position')).toEqual({ order: 'lat-lon', evidence: 'france' });
    expect(decideOrder(pairs('48.1, 2.35', '48.2, 2.35', '2.35, 48.85'), 'position')).toEqual({
      undecided: 'conflict',
    });
  });

  it('nothing decides: no evidence, or evidence that disagrees', () => {
    expect(decideOrder(pairs('-21.1151, 55.5364', '16.2411, -61.5331'), 'coordonnees')).toEqual({
      undecided: 'no-evidence',
    });
    // Rows in mainland France written in both orders.
    expect(decideOrder(pairs('48.8566, 2.3522', '2.3522, 48.8566'), 'coordonnees')).toEqual({
      undecided: 'conflict',
    });
    // GeoJSON brackets in a column named geo_point_2d, overseas: the clues disagree.
    expect(decideOrder(pairs('[55.5364, -21.1151]'), 'geo_point_2d')).toEqual({ undecided: 'conflict' });
  });
});

describe('splitCell: one cell, in its column’s order', () => {
  it('splits into [lon, lat] with decimal points', () => {
    expect(splitCell('48,8566;2,3522', 'coordinates', 'lat-lon', 'c')).toEqual(['2.3522', '48.8566']);
    expect(splitCell('POINT(2.3522 48.8566)', 'coordinates', 'lon-lat', 'c')).toEqual(['2.3522', '48.8566']);
    expect(splitCell('  ', 'coordinates', 'lat-lon', 'c')).toEqual(['', '']);
  });

  it('refuses a value in mainland France written in the other order, and what is no pair', () => {
    expect(splitCell('2.3522, 48.8566', 'coordinates', 'lat-lon', 'c')).toBe('order');
    expect(splitCell('48.8566', 'coordinates', 'lat-lon', 'c')).toBe('form');
    expect(splitCell('N/A', 'date-time', undefined, 'c')).toBe('form');
  });

  it('without a column order, each value must tell its own', () => {
    expect(splitCell('48.8566, 2.3522', 'coordinates', undefined, 'c')).toEqual(['2.3522', '48.8566']);
    expect(splitCell('-21.1151, 55.5364', 'coordinates', undefined, 'c')).toBe('undecided');
    expect(splitCell('-21.1151, 55.5364', 'coordinates', undefined, 'geo_point_2d')).toEqual([
      '55.5364',
      '-21.1151',
    ]);
  });

  it('a date with its time splits into ISO date and time', () => {
    expect(splitCell('01/03/2024 08:30', 'date-time', undefined, 'c')).toEqual(['2024-03-01', '08:30:00']);
  });
});

const coordinates: TableSchema = {
  fields: [
    { name: 'nom', type: 'string' },
    { name: 'EQUIP_LAT', type: 'number' },
    { name: 'EQUIP_LONG', type: 'number' },
  ],
};
const sample = (...rows: string[][]) => ({ rows });

describe('proposals: a coordinate column for the longitude and latitude fields', () => {
  it('geo_point_2d « lat, lon » feeds both fields, each with its part and the first row as example', () => {
    const m = matchColumns(['nom', 'geo_point_2d'], coordinates, {
      sample: sample(['Mairie', '47.9961, -4.1024'], ['École', '47.99508, -4.10193']),
    });
    const lat = m.fields.find((f) => f.fieldName === 'EQUIP_LAT')!;
    const lon = m.fields.find((f) => f.fieldName === 'EQUIP_LONG')!;
    expect(lat.split).toMatchObject({ column: 1, part: 'lat', order: 'lat-lon', example: '47.9961' });
    expect(lon.split).toMatchObject({ column: 1, part: 'lon', order: 'lat-lon', example: '-4.1024' });
    expect(lon.split!.orderEvidence).toBe('france');
    // Never applied by matching.
    expect(lat.column).toBeUndefined();
    expect(lon.column).toBeUndefined();
  });

  it.each([
    ['coordonnees', '[2.3522, 48.8566]', '2.3522', '48.8566'],
    ['the_geom', 'POINT(2.3522 48.8566)', '2.3522', '48.8566'],
    ['position', '"48,8566;2,3522"', '2.3522', '48.8566'],
  ])('%s %s', (label, value, lon, lat) => {
    const m = matchColumns(['nom', label], coordinates, {
      sample: sample(['Mairie', value.replace(/"/g, '')]),
    });
    expect(m.fields.find((f) => f.fieldName === 'EQUIP_LONG')!.split?.example).toBe(lon);
    expect(m.fields.find((f) => f.fieldName === 'EQUIP_LAT')!.split?.example).toBe(lat);
  });

  it('one value in ten may be something else (then reported on its row when split)', () => {
    const rows = [...Array(9).keys()].map((i) => [`site ${i}`, `47.99${i}, -4.10${i}`]);
    const m = matchColumns(['nom', 'geo_point_2d'], coordinates, {
      sample: sample(...rows, ['site 9', 'inconnue']),
    });
    expect(m.fields.find((f) => f.fieldName === 'EQUIP_LAT')!.split).toMatchObject({ part: 'lat' });
    const two = matchColumns(['nom', 'geo_point_2d'], coordinates, {
      sample: sample(...rows, ['site 9', 'inconnue'], ['site 10', 'à voir']),
    });
    expect(two.fields.filter((f) => f.split)).toEqual([]);
  });

  it('an undecided order is proposed with its reason and no example', () => {
    const m = matchColumns(['nom', 'coordonnees'], coordinates, {
      sample: sample(['Saint-Denis', '-20.8821, 55.4504'], ['Saint-Pierre', '-21.3393, 55.4781']),
    });
    const lon = m.fields.find((f) => f.fieldName === 'EQUIP_LONG')!;
    expect(lon.split).toMatchObject({ part: 'lon', undecided: 'no-evidence' });
    expect(lon.split!.order).toBeUndefined();
    expect(lon.split!.example).toBeUndefined();
  });

  it('proposes nothing without a telling name, with two candidate columns, or for bare x/y fields', () => {
    const none = (labels: string[], rows: string[][], schema = coordinates) =>
      matchColumns(labels, schema, { sample: sample(...rows) }).fields.filter((f) => f.split);
    // Two numbers that could be anything, under a name that says nothing.
    expect(none(['nom', 'mesures'], [['a', '48.8566, 2.3522']])).toEqual([]);
    expect(none(['nom', 'geo_point_2d', 'position'], [['a', '48.8566, 2.3522', '48.8566, 2.3522']])).toEqual(
      [],
    );
    // x and y are often projected coordinates (Lambert 93 in BAL): never fed from degrees.
    const xy: TableSchema = {
      fields: [
        { name: 'x', type: 'number' },
        { name: 'y', type: 'number' },
      ],
    };
    expect(none(['geo_point_2d'], [['48.8566, 2.3522']], xy)).toEqual([]);
  });

  it('proposes nothing when the fields refuse the parts (an integer field)', () => {
    const ints: TableSchema = {
      fields: [
        { name: 'lat', type: 'integer' },
        { name: 'lon', type: 'integer' },
      ],
    };
    const m = matchColumns(['geo_point_2d'], ints, { sample: sample(['48.8566, 2.3522']) });
    expect(m.fields.filter((f) => f.split)).toEqual([]);
  });
});

describe('proposals: a datetime column for a date field and a time field', () => {
  const schema: TableSchema = {
    fields: [
      { name: 'site', type: 'string' },
      { name: 'date_passage', type: 'date' },
      { name: 'heure_passage', type: 'time' },
    ],
  };

  it.each([
    ['2024-03-01T08:30:00', '2024-03-01', '08:30:00'],
    ['2024-03-01 08:30', '2024-03-01', '08:30:00'],
    ['01/03/2024 08:30', '2024-03-01', '08:30:00'],
  ])('%s → %s and %s', (value, date, time) => {
    const m = matchColumns(['site', 'horodatage'], schema, { sample: sample(['A', value]) });
    expect(m.fields.find((f) => f.fieldName === 'date_passage')!.split).toMatchObject({
      column: 1,
      part: 'date',
      example: date,
    });
    expect(m.fields.find((f) => f.fieldName === 'heure_passage')!.split).toMatchObject({
      column: 1,
      part: 'time',
      example: time,
    });
  });

  it('not from dates at midnight (a date exported as a datetime), nor with a free datetime field', () => {
    const midnight = matchColumns(['site', 'jour'], schema, {
      sample: sample(['A', '2024-03-01 00:00:00'], ['B', '2024-03-02T00:00:00']),
    });
    expect(midnight.fields.filter((f) => f.split)).toEqual([]);
    const withDatetime: TableSchema = {
      fields: [...schema.fields, { name: 'horodatage_complet', type: 'datetime' }],
    };
    const m = matchColumns(['site', 'quand'], withDatetime, { sample: sample(['A', '2024-03-01 08:30']) });
    expect(m.fields.filter((f) => f.split)).toEqual([]);
  });
});

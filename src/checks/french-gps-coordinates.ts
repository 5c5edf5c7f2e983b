// Custom check `french-gps-coordinates`: `lon, lat` (or `[lon, lat]`) inside France, with a distinct code for a swapped pair.
import { columnParams, singleColumnCheck } from './columns.js';
import type { CustomCheck } from './types.js';

/** A territory's bounding box in WGS84 degrees (lon then lat), margin included. */
export interface Territory {
  name: string;
  lon: [min: number, max: number];
  lat: [min: number, max: number];
}

/**
 * Bounding boxes of French territories, each widened by about 0.05°. Like Validata's (fr-format), boxes
 * approximate the land, so places just across a border pass. Beyond Validata's metropolitan France and
 * five overseas departments, every other inhabited or administered French territory counts as France:
 * Saint-Pierre-et-Miquelon, Saint-Barthélemy and Saint-Martin, Wallis-et-Futuna, French Polynesia,
 * New Caledonia (main islands and Loyalty Islands; not the Chesterfield reefs), the TAAF (Kerguelen,
 * Crozet, Amsterdam and Saint-Paul, the Scattered Islands, Adélie Land) and Clipperton.
 */
export const FRENCH_TERRITORIES: readonly Territory[] = [
  { name: 'France métropolitaine', lon: [-5.3, 9.65], lat: [41.3, 51.15] },
  { name: 'Guadeloupe', lon: [-61.86, -60.95], lat: [15.8, 16.56] },
  { name: 'Saint-Martin et Saint-Barthélemy', lon: [-63.2, -62.75], lat: [17.85, 18.15] },
  { name: 'Martinique', lon: [-61.28, -60.76], lat: [14.34, 14.93] },
  { name: 'Guyane', lon: [-54.65, -51.57], lat: [2.06, 5.8] },
  { name: 'La Réunion', lon: [55.17, 55.89], lat: [-21.44, -20.82] },
  { name: 'Mayotte', lon: [44.97, 45.35], lat: [-13.06, -12.59] },
  { name: 'Saint-Pierre-et-Miquelon', lon: [-56.45, -56.1], lat: [46.7, 47.15] },
  { name: 'Wallis-et-Futuna', lon: [-178.25, -176.1], lat: [-14.4, -13.15] },
  { name: 'Polynésie française', lon: [-154.8, -134.4], lat: [-28.0, -7.8] },
  { name: 'Nouvelle-Calédonie', lon: [163.5, 169.0], lat: [-22.9, -19.5] },
  { name: 'Kerguelen', lon: [68.4, 70.6], lat: [-50.05, -48.4] },
  { name: 'Crozet', lon: [50.1, 52.35], lat: [-46.5, -45.9] },
  { name: 'Amsterdam et Saint-Paul', lon: [77.45, 77.65], lat: [-38.8, -37.75] },
  { name: 'Glorieuses', lon: [47.2, 47.45], lat: [-11.62, -11.45] },
  { name: 'Juan de Nova', lon: [42.65, 42.8], lat: [-17.12, -17.0] },
  { name: 'Europa', lon: [40.3, 40.42], lat: [-22.42, -22.3] },
  { name: 'Bassas da India', lon: [39.6, 39.77], lat: [-21.56, -21.4] },
  { name: 'Tromelin', lon: [54.47, 54.57], lat: [-15.94, -15.84] },
  { name: 'Terre Adélie', lon: [136.0, 142.0], lat: [-90.0, -66.0] },
  { name: 'Clipperton', lon: [-109.27, -109.17], lat: [10.25, 10.35] },
];

/** The French territory a point falls in, or undefined. */
export function frenchTerritoryOf(lon: number, lat: number): Territory | undefined {
  return FRENCH_TERRITORIES.find(
    (t) => lon >= t.lon[0] && lon <= t.lon[1] && lat >= t.lat[0] && lat <= t.lat[1],
  );
}

const PAIR = /^\s*(\[?)\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*(\]?)\s*$/;

/** How a `lon, lat` text fares: `ok`, `format` (unreadable), `outside` France, or `reversed` (in France once swapped). */
export function gpsVerdict(text: string): 'ok' | 'format' | 'outside' | 'reversed' {
  const m = PAIR.exec(text);
  if (!m || m[1] !== (m[4] === ']' ? '[' : '')) return 'format';
  const lon = Number(m[2]);
  const lat = Number(m[3]);
  if (frenchTerritoryOf(lon, lat)) return 'ok';
  return frenchTerritoryOf(lat, lon) ? 'reversed' : 'outside';
}

/** The finding code of a swapped pair (`lat, lon`), distinct from the check's own. */
export const REVERSED_GPS_CODE = 'reversed-french-gps-coordinates';

/** `french-gps-coordinates`. */
export const frenchGpsCheck: CustomCheck = {
  name: 'french-gps-coordinates',
  params: columnParams,
  create(ctx) {
    return singleColumnCheck(ctx, (text) => {
      const verdict = gpsVerdict(text);
      if (verdict === 'ok') return undefined;
      if (verdict === 'format') return { params: { reason: 'format' } };
      const m = PAIR.exec(text) as RegExpExecArray;
      const lon = m[2] as string;
      const lat = m[3] as string;
      if (verdict === 'outside') return { params: { reason: 'outside', lon, lat } };
      const suggestion = m[1] ? `[${lat}, ${lon}]` : `${lat}, ${lon}`;
      return { code: REVERSED_GPS_CODE, params: { lon, lat, suggestion } };
    });
  },
};

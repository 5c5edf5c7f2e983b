// Hints of a column split into two fields (a coordinate pair, a date with its time: src/match/split.ts).
import type { MessageParams } from '../spec.js';
import { q, qe } from '../spec.js';

const PART_FR: Record<string, string> = {
  lon: 'la longitude',
  lat: 'la latitude',
  date: 'la date',
  time: "l'heure",
};
const PART_EN: Record<string, string> = {
  lon: 'the longitude',
  lat: 'the latitude',
  date: 'the date',
  time: 'the time',
};
const ORDER_FR: Record<string, string> = {
  'lat-lon': 'latitude puis longitude',
  'lon-lat': 'longitude puis latitude',
};
const ORDER_EN: Record<string, string> = {
  'lat-lon': 'latitude first',
  'lon-lat': 'longitude first',
};
/** What decided the order of a column's pairs (OrderEvidence), as a reason. */
const EVIDENCE_FR: Record<string, string> = {
  range: "car une valeur au-delà de ±90 ne peut être qu'une longitude",
  france: 'car les valeurs ne tombent en France métropolitaine que dans cet ordre',
  wkt: 'car WKT écrit POINT(lon lat)',
  geojson: 'car GeoJSON écrit [lon, lat]',
  name: 'car le nom de la colonne le dit',
  mapping: 'car le fichier de correspondance le dit',
};
const EVIDENCE_EN: Record<string, string> = {
  range: 'as a value beyond ±90 can only be a longitude',
  france: 'as the values fall in mainland France in this order only',
  wkt: 'as WKT writes POINT(lon lat)',
  geojson: 'as GeoJSON writes [lon, lat]',
  name: "as the column's name says",
  mapping: 'as the mapping file says',
};

/** The entry a mapping file takes for this field, to copy (`{ split: "geo_point_2d", part: lon }`). */
const entry = (p: MessageParams, order: string): string =>
  `{ split: ${JSON.stringify(String(p.splitFrom))}, part: ${String(p.part)}${order} }`;

/**
 * The hint of a missing field that a part of one column can feed (params set by src/match/split.ts:
 * `splitFrom`, `part`, `order`, `orderEvidence`, `undecided`, `example`).
 */
export function splitHintFr(p: MessageParams): string {
  const col = q(p.splitFrom);
  if (p.undecided !== undefined) {
    const why =
      p.undecided === 'conflict'
        ? 'ses premières lignes les écrivent dans les deux ordres'
        : 'rien ne dit laquelle vient en premier';
    return `La colonne ${col} contient des paires de coordonnées, mais ${why} : donnez l'ordre dans un fichier de correspondance (odf map), ${entry(p, ', order: lat-lon')} ou order: lon-lat.`;
  }
  const example = p.example !== undefined ? `, ${q(p.example)} pour la première ligne` : '';
  const order =
    p.order !== undefined
      ? ` (paires écrites ${ORDER_FR[String(p.order)] ?? ''}, ${EVIDENCE_FR[String(p.orderEvidence)] ?? ''})`
      : '';
  return `La colonne ${col} contient ${PART_FR[String(p.part)] ?? ''}${example}${order} : odf normalize --accept-suggestions l'écrit ainsi, ou écrivez ${entry(p, p.order !== undefined ? `, order: ${String(p.order)}` : '')} dans un fichier de correspondance.`;
}

/** The English hint of splitHintFr. */
export function splitHintEn(p: MessageParams): string {
  const col = qe(p.splitFrom);
  if (p.undecided !== undefined) {
    const why =
      p.undecided === 'conflict'
        ? 'its first rows write them in both orders'
        : 'nothing tells which comes first';
    return `Column ${col} holds coordinate pairs, but ${why}: give the order in a mapping file (odf map), ${entry(p, ', order: lat-lon')} or order: lon-lat.`;
  }
  const example = p.example !== undefined ? `, ${qe(p.example)} for the first row` : '';
  const order =
    p.order !== undefined
      ? ` (pairs written ${ORDER_EN[String(p.order)] ?? ''}, ${EVIDENCE_EN[String(p.orderEvidence)] ?? ''})`
      : '';
  return `Column ${col} holds ${PART_EN[String(p.part)] ?? ''}${example}${order}: odf normalize --accept-suggestions writes it so, or write ${entry(p, p.order !== undefined ? `, order: ${String(p.order)}` : '')} in a mapping file.`;
}

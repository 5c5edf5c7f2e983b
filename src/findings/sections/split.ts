// Finding codes and hints of a column split into two fields (a coordinate pair, a date with its time: src/match/split.ts).
import type { FindingSpec, MessageParams } from '../spec.js';
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

const fieldsFr = (v: unknown): string => (Array.isArray(v) ? v.map((f) => q(f)).join(' et ') : '');
const fieldsEn = (v: unknown): string => (Array.isArray(v) ? v.map((f) => qe(f)).join(' and ') : '');

/** Why a cell could not be split (SplitFailure), per kind of column. */
const REASON_FR: Record<string, string> = {
  'coordinates:form':
    "ce n'est pas une paire de coordonnées en degrés (« 48.8566, 2.3522 », [2.3522, 48.8566] ou POINT(2.3522 48.8566))",
  'coordinates:order':
    "ses nombres ne tombent en France métropolitaine que dans l'ordre inverse de celui de la colonne",
  'coordinates:undecided': 'rien ne dit laquelle de ses deux coordonnées vient en premier',
  'date-time:form': "ce n'est pas une date suivie d'une heure (2024-03-01T08:30:00, 01/03/2024 08:30)",
};
const REASON_EN: Record<string, string> = {
  'coordinates:form':
    'it is not a coordinate pair in degrees ("48.8566, 2.3522", [2.3522, 48.8566] or POINT(2.3522 48.8566))',
  'coordinates:order': "its numbers fall in mainland France only in the reverse of the column's order",
  'coordinates:undecided': 'nothing tells which of its two coordinates comes first',
  'date-time:form': 'it is not a date followed by a time (2024-03-01T08:30:00, 01/03/2024 08:30)',
};

const kindOf = (p: MessageParams): string => (p.parts === 'date-time' ? 'date-time' : 'coordinates');

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const splitCodes = {
  'split-error': {
    level: 'error',
    tags: ['cell'],
    title: { fr: 'Valeur impossible à découper', en: 'Value cannot be split' },
    message: {
      fr: (p) =>
        `La valeur ${q(p.value)} de la colonne ${q(p.label)} ne se découpe pas en ${kindOf(p) === 'date-time' ? 'date et heure' : 'longitude et latitude'} : ${REASON_FR[`${kindOf(p)}:${String(p.reason)}`] ?? String(p.reason)} ; ${fieldsFr(p.fields)} restent vides sur cette ligne.`,
      en: (p) =>
        `Value ${qe(p.value)} of column ${qe(p.label)} cannot be split into ${kindOf(p) === 'date-time' ? 'a date and a time' : 'a longitude and a latitude'}: ${REASON_EN[`${kindOf(p)}:${String(p.reason)}`] ?? String(p.reason)}; ${fieldsEn(p.fields)} stay empty on this row.`,
    },
    hint: {
      fr: (p) =>
        p.reason === 'order' || p.reason === 'undecided'
          ? `Écrivez la paire dans l'ordre des autres lignes (${ORDER_FR[String(p.order)] ?? 'le même partout'}).`
          : `Écrivez la valeur sous la forme des autres lignes de la colonne ${q(p.label)}.`,
      en: (p) =>
        p.reason === 'order' || p.reason === 'undecided'
          ? `Write the pair in the order of the other rows (${ORDER_EN[String(p.order)] ?? 'the same everywhere'}).`
          : `Write the value in the form of the other rows of column ${qe(p.label)}.`,
    },
  },
} satisfies Record<string, FindingSpec>;

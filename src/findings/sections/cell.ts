// Finding codes of the cell area: type and constraint errors of one cell, and the key errors the validator emits.
import type { FindingSpec, Lang, MessageParams } from '../spec.js';
import { q, qe } from '../spec.js';

/*
 * Params these messages read (set by src/fields/compile.ts and src/validate/run.ts):
 * - every cell error: `type`, `format`, `example?`, `description?`, `repaired?`; booleans `trueValues`,
 *   `falseValues`; numbers `decimalChar?`; array items `arrayItem`, `itemIndex` (0-based), `itemValue`;
 * - constraint-error: `constraint` (Frictionless names: required, minLength, maxLength, minimum, maximum,
 *   exclusiveMinimum, exclusiveMaximum, pattern, enum) and `expected` (the constraint as the schema writes it);
 * - unique-error: `firstRowNumber` and `firstLine` (the physical line messages show); primary-key: `fields`
 *   (names joined by ", "), `firstRowNumber`, `firstLine`.
 */

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const col = (p: MessageParams, lang: Lang): string => (lang === 'fr' ? q : qe)(p.fieldName ?? '?');

/** `%d/%m/%Y` → `JJ/MM/AAAA` (fr) or `DD/MM/YYYY` (en). */
export function describeDatePattern(pattern: string, lang: Lang): string {
  const fr: Record<string, string> = {
    Y: 'AAAA',
    y: 'AA',
    m: 'MM',
    d: 'JJ',
    H: 'hh',
    I: 'hh',
    M: 'mm',
    S: 'ss',
  };
  const en: Record<string, string> = {
    Y: 'YYYY',
    y: 'YY',
    m: 'MM',
    d: 'DD',
    H: 'hh',
    I: 'hh',
    M: 'mm',
    S: 'ss',
  };
  const names = lang === 'fr' ? fr : en;
  const more: Record<string, string> = {
    f: 'ffffff',
    z: '±hhmm',
    p: 'AM/PM',
    j: lang === 'fr' ? 'jour de l’année' : 'day of year',
    b: lang === 'fr' ? 'mois abrégé (Jan)' : 'abbreviated month (Jan)',
    B: lang === 'fr' ? 'mois (January)' : 'month (January)',
    a: lang === 'fr' ? 'jour abrégé (Mon)' : 'abbreviated weekday (Mon)',
    A: lang === 'fr' ? 'jour (Monday)' : 'weekday (Monday)',
    '%': '%',
  };
  return pattern.replace(/%(.)/g, (m, d: string) => names[d] ?? more[d] ?? m);
}

const MASCULINE: Record<string, string> = {
  'trop courte': 'trop court',
  'trop longue': 'trop long',
  'trop petite': 'trop petit',
  'trop grande': 'trop grand',
  'trop ancienne': 'trop ancien',
  'trop récente': 'trop récent',
};

const TEMPORAL = new Set(['date', 'time', 'datetime', 'year', 'yearmonth', 'duration']);

/** What a field of this type and format expects, with an indefinite article (« une date au format … »). */
export function expectedText(p: MessageParams, lang: Lang): string {
  const type = str(p.type) || 'string';
  const format = str(p.format) || 'default';
  const fr = lang === 'fr';
  const pattern = format !== 'default' && format !== 'any' ? describeDatePattern(format, lang) : undefined;
  switch (type) {
    case 'string':
      switch (format) {
        case 'email':
          return fr
            ? 'une adresse électronique (ex. nom@exemple.fr)'
            : 'an email address (e.g. name@example.org)';
        case 'uri':
          return fr
            ? 'une adresse web complète, avec son schéma (ex. https://exemple.fr/page)'
            : 'a full web address, with its scheme (e.g. https://example.org/page)';
        case 'uuid':
          return fr
            ? 'un identifiant UUID (ex. 123e4567-e89b-12d3-a456-426614174000)'
            : 'a UUID (e.g. 123e4567-e89b-12d3-a456-426614174000)';
        case 'binary':
          return fr ? 'des données encodées en base64' : 'base64-encoded data';
        case 'wkt':
          return fr
            ? 'une géométrie WKT (ex. POINT (2.35 48.85))'
            : 'a WKT geometry (e.g. POINT (2.35 48.85))';
        default:
          return fr ? 'un texte' : 'a text';
      }
    case 'number': {
      const dec = str(p.decimalChar) || '.';
      return fr
        ? `un nombre écrit avec ${q(dec)} comme séparateur décimal et sans espace (ex. 1234${dec}5)`
        : `a number written with ${qe(dec)} as decimal separator and no spaces (e.g. 1234${dec}5)`;
    }
    case 'integer':
      return fr
        ? 'un nombre entier, sans espace ni décimale (ex. 42)'
        : 'a whole number, no spaces or decimals (e.g. 42)';
    case 'boolean': {
      const t = Array.isArray(p.trueValues) ? str(p.trueValues[0]) : 'true';
      const f = Array.isArray(p.falseValues) ? str(p.falseValues[0]) : 'false';
      return fr ? `${q(t)} (vrai) ou ${q(f)} (faux)` : `${qe(t)} (true) or ${qe(f)} (false)`;
    }
    case 'object':
      return fr ? 'un objet JSON (ex. {"clé": "valeur"})' : 'a JSON object (e.g. {"key": "value"})';
    case 'array':
      return fr ? 'une liste JSON (ex. ["a", "b"])' : 'a JSON array (e.g. ["a", "b"])';
    case 'date':
      if (format === 'any') return fr ? 'une date' : 'a date';
      return fr
        ? `une date au format ${pattern ?? 'AAAA-MM-JJ'}`
        : `a date in the format ${pattern ?? 'YYYY-MM-DD'}`;
    case 'time':
      if (format === 'any') return fr ? 'une heure' : 'a time';
      return fr
        ? `une heure au format ${pattern ?? 'hh:mm:ss'}`
        : `a time in the format ${pattern ?? 'hh:mm:ss'}`;
    case 'datetime':
      if (format === 'any') return fr ? 'une date et heure' : 'a date and time';
      return pattern !== undefined
        ? fr
          ? `une date et heure au format ${pattern}`
          : `a date and time in the format ${pattern}`
        : fr
          ? 'une date et heure au format AAAA-MM-JJThh:mm:ss, avec éventuellement un fuseau (ex. 2020-09-15T14:30:00+02:00)'
          : 'a date and time as YYYY-MM-DDThh:mm:ss, optionally with an offset (e.g. 2020-09-15T14:30:00+02:00)';
    case 'year':
      return fr ? 'une année sur 4 chiffres (ex. 2020)' : 'a 4-digit year (e.g. 2020)';
    case 'yearmonth':
      return fr
        ? 'une année et un mois au format AAAA-MM (ex. 2020-09)'
        : 'a year and month as YYYY-MM (e.g. 2020-09)';
    case 'duration':
      return fr ? 'une durée ISO 8601 (ex. P1DT2H30M)' : 'an ISO 8601 duration (e.g. P1DT2H30M)';
    case 'geopoint':
      if (format === 'array')
        return fr
          ? 'un point [longitude, latitude] (ex. [2.35, 48.85])'
          : 'a point [longitude, latitude] (e.g. [2.35, 48.85])';
      if (format === 'object')
        return fr
          ? 'un point {"lon": longitude, "lat": latitude}'
          : 'a point {"lon": longitude, "lat": latitude}';
      return fr
        ? 'un point « longitude, latitude » (ex. 2.35, 48.85 ; longitude entre -180 et 180, latitude entre -90 et 90)'
        : 'a point "longitude, latitude" (e.g. 2.35, 48.85; longitude within -180..180, latitude within -90..90)';
    case 'geojson':
      return format === 'topojson'
        ? fr
          ? 'un objet TopoJSON'
          : 'a TopoJSON object'
        : fr
          ? 'un objet GeoJSON (ex. {"type": "Point", "coordinates": [2.35, 48.85]})'
          : 'a GeoJSON object (e.g. {"type": "Point", "coordinates": [2.35, 48.85]})';
    default:
      return fr ? 'une valeur' : 'a value';
  }
}

/** « La valeur « x » » or, for an array item, « L'élément n°2 (« x ») de la liste ». */
function subject(p: MessageParams, lang: Lang): string {
  if (p.arrayItem === true) {
    const n = Number(p.itemIndex ?? 0) + 1;
    return lang === 'fr'
      ? `L’élément n°${n} (${q(p.itemValue)}) de la liste`
      : `Item #${n} (${qe(p.itemValue)}) of the list`;
  }
  return lang === 'fr' ? `La valeur ${q(p.value ?? '')}` : `The value ${qe(p.value ?? '')}`;
}

function codePoints(v: unknown): number {
  return [...str(v)].length;
}

/** The first sentence of a field description, short enough for a message. */
function shortDescription(v: unknown): string {
  // Markdown links keep their text, bare URLs go: a message is no place for a half-cut address.
  const line = str(v)
    .trim()
    .split(/\n/)[0]!
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s*\(?https?:\/\/\S+\)?/g, '')
    .trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  if (sentence.length <= 160) return sentence;
  const cut = sentence.slice(0, 157);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100))}…`;
}

function listValues(values: unknown, lang: Lang, count?: unknown): string {
  const all = Array.isArray(values) ? values : [];
  const quote = lang === 'fr' ? q : qe;
  const shown = all.slice(0, 8).map(quote).join(', ');
  // A long enum reaches findings cut, with its full count (src/fields/compile.ts).
  const n = typeof count === 'number' ? count : all.length;
  if (n <= 8) return shown;
  return lang === 'fr' ? `${shown}… (${n} valeurs)` : `${shown}… (${n} values)`;
}

function constraintMessage(p: MessageParams, lang: Lang): string {
  const fr = lang === 'fr';
  const c = str(p.constraint);
  const field = col(p, lang);
  const who = subject(p, lang);
  // Lazy: `expected` may be a long list (an enum), quoted only by the messages that show it.
  const exp = (): string => (fr ? q : qe)(p.expected);
  const temporal = TEMPORAL.has(str(p.type));
  const collection = p.type === 'array' || p.type === 'object';
  // « La valeur » is feminine, « L’élément » masculine.
  const g = (fem: string): string => (p.arrayItem === true ? MASCULINE[fem]! : fem);
  switch (c) {
    case 'required':
      if (p.arrayItem === true)
        return fr
          ? `${who} est vide dans la colonne ${field}, dont les éléments sont obligatoires.`
          : `${who} is empty in column ${field}, whose items are required.`;
      return fr
        ? `Cellule vide dans la colonne obligatoire ${field}.`
        : `Empty cell in the required column ${field}.`;
    case 'minLength':
      if (collection)
        return fr
          ? `${who} a trop peu d’éléments : la colonne ${field} en demande au moins ${str(p.expected)}.`
          : `${who} has too few items: column ${field} requires at least ${str(p.expected)}.`;
      return fr
        ? `${who} est ${g('trop courte')} (${codePoints(p.arrayItem === true ? p.itemValue : p.value)} caractères) : la colonne ${field} en demande au moins ${str(p.expected)}.`
        : `${who} is too short (${codePoints(p.arrayItem === true ? p.itemValue : p.value)} characters): column ${field} requires at least ${str(p.expected)}.`;
    case 'maxLength':
      if (collection)
        return fr
          ? `${who} a trop d’éléments : la colonne ${field} en accepte au plus ${str(p.expected)}.`
          : `${who} has too many items: column ${field} accepts at most ${str(p.expected)}.`;
      return fr
        ? `${who} est ${g('trop longue')} (${codePoints(p.arrayItem === true ? p.itemValue : p.value)} caractères) : la colonne ${field} en accepte au plus ${str(p.expected)}.`
        : `${who} is too long (${codePoints(p.arrayItem === true ? p.itemValue : p.value)} characters): column ${field} accepts at most ${str(p.expected)}.`;
    case 'minimum':
      return fr
        ? `${who} est ${temporal ? g('trop ancienne') : g('trop petite')} : la colonne ${field} demande ${temporal ? 'au plus tôt' : 'au moins'} ${exp()}.`
        : `${who} is too ${temporal ? 'early' : 'small'}: column ${field} requires ${temporal ? 'no earlier than' : 'at least'} ${exp()}.`;
    case 'maximum':
      return fr
        ? `${who} est ${temporal ? g('trop récente') : g('trop grande')} : la colonne ${field} demande ${temporal ? 'au plus tard' : 'au plus'} ${exp()}.`
        : `${who} is too ${temporal ? 'late' : 'large'}: column ${field} requires ${temporal ? 'no later than' : 'at most'} ${exp()}.`;
    case 'exclusiveMinimum':
      return fr
        ? `${who} est ${temporal ? g('trop ancienne') : g('trop petite')} : la colonne ${field} demande une valeur ${temporal ? 'postérieure à' : 'strictement supérieure à'} ${exp()}.`
        : `${who} is too ${temporal ? 'early' : 'small'}: column ${field} requires a value ${temporal ? 'after' : 'greater than'} ${exp()}.`;
    case 'exclusiveMaximum':
      return fr
        ? `${who} est ${temporal ? g('trop récente') : g('trop grande')} : la colonne ${field} demande une valeur ${temporal ? 'antérieure à' : 'strictement inférieure à'} ${exp()}.`
        : `${who} is too ${temporal ? 'late' : 'large'}: column ${field} requires a value ${temporal ? 'before' : 'less than'} ${exp()}.`;
    case 'pattern': {
      const d = p.description === undefined ? '' : shortDescription(p.description);
      return fr
        ? `${who} n’a pas la forme attendue dans la colonne ${field}${d ? ` (${d})` : ''}.`
        : `${who} does not have the expected form in column ${field}${d ? ` (${d})` : ''}.`;
    }
    case 'enum':
      return fr
        ? `${who} ne fait pas partie des valeurs autorisées dans la colonne ${field}.`
        : `${who} is not one of the allowed values of column ${field}.`;
    default:
      return fr
        ? `${who} ne respecte pas la contrainte ${q(c)} de la colonne ${field}.`
        : `${who} breaks the ${qe(c)} constraint of column ${field}.`;
  }
}

function repairedHint(p: MessageParams, lang: Lang): string | undefined {
  if (p.repaired === undefined) return undefined;
  return lang === 'fr'
    ? `Écrivez ${q(p.repaired)} au lieu de ${q(p.value ?? '')}.`
    : `Write ${qe(p.repaired)} instead of ${qe(p.value ?? '')}.`;
}

function spacesHint(p: MessageParams, lang: Lang): string | undefined {
  const v = str(p.value);
  if (v === '' || v === v.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, '')) return undefined;
  return lang === 'fr'
    ? 'Supprimez les espaces au début ou à la fin de la valeur.'
    : 'Remove the spaces at the start or end of the value.';
}

function exampleHint(p: MessageParams, lang: Lang): string | undefined {
  if (p.example === undefined || p.example === null || p.example === '') return undefined;
  return lang === 'fr'
    ? `Exemple de valeur attendue : ${q(p.example)}.`
    : `Example of an expected value: ${qe(p.example)}.`;
}

function typeHint(p: MessageParams, lang: Lang): string | undefined {
  const fr = lang === 'fr';
  const repaired = repairedHint(p, lang) ?? spacesHint(p, lang);
  if (repaired !== undefined) return repaired;
  const v = str(p.arrayItem === true ? p.itemValue : p.value);
  if ((p.type === 'number' || p.type === 'integer') && /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/.test(v)) {
    const digits = v.replace(/[.,]/, '');
    const decimal = v.replace(',', '.');
    if (p.type === 'integer')
      return fr
        ? `S’il s’agit de milliers, écrivez ${q(digits)} (sans séparateur).`
        : `If these are thousands, write ${qe(digits)} (no separator).`;
    return fr
      ? `${q(v)} est ambigu : écrivez ${q(digits)} s’il s’agit de milliers, ${q(decimal)} s’il s’agit de décimales.`
      : `${qe(v)} is ambiguous: write ${qe(digits)} for thousands, ${qe(decimal)} for decimals.`;
  }
  if (p.type === 'date' && /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(v))
    return fr
      ? `Vérifiez le jour et le mois : odf lit les dates jour/mois/année, et ${q(v)} n’en est pas une.`
      : `Check the day and month: odf reads dates day/month/year, and ${qe(v)} is not a valid date that way.`;
  const percent = /^\s*([+-]?\d+(?:[.,]\d+)?)\s*%\s*$/.exec(v);
  if ((p.type === 'number' || p.type === 'integer') && percent) {
    const n = percent[1]!.replace(',', '.');
    const ratio = String(Number(n) / 100);
    return fr
      ? `Sans le signe % : écrivez ${q(n)} si la colonne attend un pourcentage, ${q(ratio)} si elle attend une proportion entre 0 et 1.`
      : `Without the % sign: write ${qe(n)} if the column expects a percentage, ${qe(ratio)} if it expects a proportion between 0 and 1.`;
  }
  return exampleHint(p, lang) ?? typeFallback(p, lang);
}

/** What to do with a value of the wrong type when odf has nothing more precise to say. */
function typeFallback(p: MessageParams, lang: Lang): string {
  const fr = lang === 'fr';
  switch (p.arrayItem === true ? undefined : str(p.type)) {
    case 'number':
    case 'integer':
      return fr
        ? 'Écrivez seulement le nombre, sans texte, unité ni symbole ; videz la cellule si la valeur n’est pas connue.'
        : 'Write the number alone, with no text, unit or symbol; empty the cell if the value is not known.';
    case 'date':
    case 'datetime':
    case 'yearmonth':
    case 'year':
      return fr
        ? 'Vérifiez que la date existe et suit le format demandé ; videz la cellule si elle n’est pas connue.'
        : 'Check that the date exists and follows the format required; empty the cell if it is not known.';
    case 'boolean':
      return fr
        ? 'Écrivez l’une des deux valeurs indiquées, sans autre texte.'
        : 'Write one of the two values given, with no other text.';
    default:
      return fr
        ? 'Corrigez la valeur pour qu’elle suive la forme demandée, ou videz la cellule si elle n’est pas connue.'
        : 'Correct the value so that it follows the form required, or empty the cell if it is not known.';
  }
}

function constraintHint(p: MessageParams, lang: Lang): string | undefined {
  const fr = lang === 'fr';
  const repaired = repairedHint(p, lang);
  if (repaired !== undefined) return repaired;
  switch (str(p.constraint)) {
    case 'required':
      return exampleHint(p, lang) ?? (fr ? 'Remplissez la cellule.' : 'Fill in the cell.');
    case 'enum':
      return fr
        ? `Valeurs autorisées : ${listValues(p.expected, lang, p.expectedCount)}.`
        : `Allowed values: ${listValues(p.expected, lang, p.expectedCount)}.`;
    case 'pattern':
      return (
        spacesHint(p, lang) ??
        exampleHint(p, lang) ??
        (fr
          ? 'Comparez avec une valeur conforme de la colonne : mêmes caractères permis, même longueur, mêmes séparateurs.'
          : 'Compare with a valid value of the column: same characters allowed, same length, same separators.')
      );
    case 'minLength':
    case 'maxLength':
      return (
        spacesHint(p, lang) ??
        exampleHint(p, lang) ??
        (str(p.constraint) === 'minLength'
          ? fr
            ? 'Complétez la valeur : un caractère manque peut-être (un zéro initial perdu par le tableur ?).'
            : 'Complete the value: a character may be missing (a leading zero lost by the spreadsheet?).'
          : fr
            ? 'Raccourcissez la valeur, ou vérifiez qu’elle n’en contient pas deux.'
            : 'Shorten the value, or check that it does not hold two.')
      );
    default:
      return fr
        ? 'Corrigez la valeur ; si toute la colonne est concernée, vérifiez l’unité (euros et non centimes, proportion et non pourcentage) ou la période.'
        : 'Correct the value; if the whole column is affected, check the unit (euros not cents, proportion not percentage) or the period.';
  }
}

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const cellCodes = {
  'type-error': {
    level: 'error',
    tags: ['cell', 'type'],
    title: { fr: 'Valeur du mauvais type', en: 'Type error' },
    message: {
      fr: (p) =>
        p.arrayItem === true
          ? `${subject(p, 'fr')} n’est pas valide dans la colonne ${col(p, 'fr')}, qui attend pour chaque élément ${expectedText(p, 'fr')}.`
          : `${subject(p, 'fr')} n’est pas valide dans la colonne ${col(p, 'fr')}, qui attend ${expectedText(p, 'fr')}.`,
      en: (p) =>
        p.arrayItem === true
          ? `${subject(p, 'en')} is not valid in column ${col(p, 'en')}, which expects for each item ${expectedText(p, 'en')}.`
          : `${subject(p, 'en')} is not valid in column ${col(p, 'en')}, which expects ${expectedText(p, 'en')}.`,
    },
    hint: { fr: (p) => typeHint(p, 'fr'), en: (p) => typeHint(p, 'en') },
    frictionless: 'type-error',
    validata: 'type-error',
  },
  'constraint-error': {
    level: 'error',
    tags: ['cell', 'constraint'],
    title: { fr: 'Contrainte non respectée', en: 'Constraint error' },
    message: { fr: (p) => constraintMessage(p, 'fr'), en: (p) => constraintMessage(p, 'en') },
    hint: { fr: (p) => constraintHint(p, 'fr'), en: (p) => constraintHint(p, 'en') },
    frictionless: 'constraint-error',
    validata: 'constraint-error',
  },
  'unique-error': {
    level: 'error',
    tags: ['cell', 'table'],
    title: { fr: 'Valeur en double', en: 'Unique error' },
    message: {
      fr: (p) =>
        `La valeur ${q(p.value ?? '')} de la colonne ${col(p, 'fr')}, dont les valeurs doivent être uniques, apparaît déjà ligne ${str(p.firstLine ?? p.firstRowNumber)}.`,
      en: (p) =>
        `The value ${qe(p.value ?? '')} of column ${col(p, 'en')}, whose values must be unique, already appears on line ${str(p.firstLine ?? p.firstRowNumber)}.`,
    },
    hint: {
      fr: () => 'Corrigez l’une des deux valeurs, ou supprimez la ligne en double.',
      en: () => 'Correct one of the two values, or delete the duplicate row.',
    },
    frictionless: 'unique-error',
    validata: 'unique-error',
  },
  'primary-key': {
    level: 'error',
    tags: ['row', 'table'],
    title: { fr: 'Clé primaire en double', en: 'Primary key error' },
    message: {
      fr: (p) =>
        p.blank
          ? `Les cellules de la clé primaire (${str(p.fields)}) sont toutes vides : chaque ligne doit avoir sa propre valeur.`
          : `La clé primaire (${str(p.fields)}) vaut ${q(p.value ?? '')}, comme à la ligne ${str(p.firstLine ?? p.firstRowNumber)} : chaque ligne doit avoir sa propre valeur.`,
      en: (p) =>
        p.blank
          ? `The primary key cells (${str(p.fields)}) are all empty: each row needs its own value.`
          : `The primary key (${str(p.fields)}) is ${qe(p.value ?? '')}, as on line ${str(p.firstLine ?? p.firstRowNumber)}: each row needs its own value.`,
    },
    hint: {
      fr: (p) =>
        p.blank
          ? 'Remplissez la clé de la ligne.'
          : 'Corrigez la clé de l’une des deux lignes, ou supprimez la ligne en double.',
      en: (p) =>
        p.blank
          ? 'Fill in the key of the row.'
          : 'Correct the key of one of the two rows, or delete the duplicate row.',
    },
    frictionless: 'primary-key',
    validata: 'primary-key',
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const cellFindings: Readonly<Record<string, FindingSpec>> = cellCodes;

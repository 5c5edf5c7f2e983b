// Street-type words and street addresses: what makes « rue Victor Hugo » a street, not a person.
import { foldCompat } from '../text/fold.js';

/** Street-type words (folded), full and abbreviated: rue, avenue, bd, place, allée, chemin, impasse… */
export const STREET_TYPES: ReadonlySet<string> = new Set([
  'rue',
  'r',
  'avenue',
  'av',
  'ave',
  'boulevard',
  'bd',
  'bld',
  'bvd',
  'place',
  'pl',
  'allee',
  'allees',
  'all',
  'chemin',
  'ch',
  'chem',
  'che',
  'impasse',
  'imp',
  'quai',
  'cours',
  'crs',
  'square',
  'sq',
  'route',
  'rte',
  'voie',
  'passage',
  'pass',
  'sentier',
  'sente',
  'rond-point',
  'rond',
  'cite',
  'hameau',
  'ham',
  'lieu-dit',
  'lieudit',
  'ld',
  'lotissement',
  'lot',
  'residence',
  'res',
  'villa',
  'mail',
  'esplanade',
  'promenade',
  'parvis',
  'faubourg',
  'fg',
  'fbg',
  'montee',
  'cote',
  'rampe',
  'venelle',
  'ruelle',
  'traverse',
  'carrefour',
  'pont',
  'port',
  'quartier',
  'zone',
  'za',
  'zi',
  'zac',
  'domaine',
  'clos',
  'parc',
  'jardin',
  'val',
  'vallee',
  'plateau',
  'chaussee',
  'digue',
  'galerie',
  'terrasse',
  'impas',
  'boucle',
]);

// Words that may open a street name after the house number without being a street type: 12 Grande Rue.
const ADDRESS_LEADS: ReadonlySet<string> = new Set([
  ...STREET_TYPES,
  ...['grande', 'grand', 'petite', 'petit', 'vieille', 'vieux', 'nouvelle', 'ancienne', 'porte', 'tour'],
]);

const HOUSE_NUMBER_RE = /^\s*\d{1,4}\s*(?:bis|ter|quater|[a-d])?\b[\s,]*/i;
const FIRST_WORD_RE = /^[\p{L}-]+/u;

/**
 * True when a cell is a street address with a house number: `12 rue des Lilas`, `3 bis, avenue Jean Jaurès
 * 75011 Paris`. A street name alone (`Rue Victor Hugo`) is not an address of anyone.
 */
export function isStreetAddress(text: string): boolean {
  const number = HOUSE_NUMBER_RE.exec(text);
  if (number === null) return false;
  const word = FIRST_WORD_RE.exec(text.slice(number[0].length));
  return word !== null && ADDRESS_LEADS.has(foldCompat(word[0]));
}

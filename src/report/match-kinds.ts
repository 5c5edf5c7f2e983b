// How a column was matched to its field, in words, for the renderers that show the column mapping.
import type { Lang } from '../findings/spec.js';

/** Names of the mapping kinds (`exact`, `folded`…) per language. */
export const MATCH_KIND_NAMES: Record<Lang, Record<string, string>> = {
  fr: {
    exact: 'exact',
    folded: 'casse, accents ou séparateurs',
    title: 'titre du champ',
    synonym: 'synonyme',
    mapping: 'fichier de correspondance',
    suggestion: 'suggestion',
  },
  en: {
    exact: 'exact',
    folded: 'case, accents or separators',
    title: 'field title',
    synonym: 'synonym',
    mapping: 'mapping file',
    suggestion: 'suggestion',
  },
};

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

/** What a suggestion rests on (`evidence` of a report column), in words, per language. */
export const EVIDENCE_NAMES: Record<Lang, Record<string, string>> = {
  fr: {
    name: 'nom ressemblant',
    content: 'valeurs typiques du champ',
    'name+content': 'nom et valeurs',
    'content-mismatch': 'nom connu, valeurs contraires',
  },
  en: {
    name: 'similar name',
    content: 'values typical of the field',
    'name+content': 'name and values',
    'content-mismatch': 'known name, contrary values',
  },
};

/** `suggestion` with what it rests on: « suggestion : nom et valeurs, 95 % ». */
export function matchKindText(
  lang: Lang,
  match: string | undefined,
  evidence?: string,
  score?: number,
): string {
  const kind = MATCH_KIND_NAMES[lang][match ?? ''] ?? match ?? '';
  if (evidence === undefined) return kind;
  const why = EVIDENCE_NAMES[lang][evidence] ?? evidence;
  const pct = score === undefined ? '' : `, ${Math.round(score * 100)}${lang === 'fr' ? ' %' : '%'}`;
  return `${kind}${lang === 'fr' ? ' : ' : ': '}${why}${pct}`;
}

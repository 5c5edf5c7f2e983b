// Custom check `nomenclature-acte` (Validata's `nomenclature-actes-value`): the ACTES subject heading before the `/`.
import { columnParams, singleColumnCheck } from './columns.js';
import type { CustomCheck } from './types.js';
import { foldAccents } from '../text/fold.js';

/** The nine level-1 headings of the ACTES nomenclature (Aide au Contrôle de légaliTé dématErialiSé). */
export const ACTES_HEADINGS = [
  'Commande publique',
  'Urbanisme',
  'Domaine et patrimoine',
  'Fonction publique',
  'Institutions et vie politique',
  'Libertés publiques et pouvoirs de police',
  'Finances locales',
  'Domaines de compétences par thèmes',
  'Autres domaines de compétences',
] as const;

/** Lower case without accents: the ACTES headings are compared that way (`URBANISME`, `liberte…` match). */
export function foldHeading(text: string): string {
  return foldAccents(text);
}

const FOLDED = new Set(ACTES_HEADINGS.map(foldHeading));

/**
 * Why a matter name is not `heading/sub-heading` of the ACTES nomenclature: `missing-slash` (no `/`),
 * `unknown-heading` (the text before the first `/`, trimmed, is not one of the nine headings),
 * `space-around-slash` (the heading is right but a `/` has a space before or after it).
 */
export type ActesProblem = 'missing-slash' | 'unknown-heading' | 'space-around-slash';

/** What is wrong with an ACTES matter name, with the heading as read; undefined when it is valid. */
export function actesProblem(text: string): { reason: ActesProblem; heading?: string } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return { reason: 'missing-slash' };
  const heading = text.slice(0, slash).trim();
  if (!FOLDED.has(foldHeading(heading))) return { reason: 'unknown-heading', heading };
  // Validata refuses "/ " anywhere and a heading with a trailing space; any slash with a space beside it is refused here.
  if (/\s\/|\/\s/.test(text)) return { reason: 'space-around-slash', heading };
  return undefined;
}

/** `nomenclature-acte`, also declared as `nomenclature-actes-value` (the catalogue's name). */
export const nomenclatureActeCheck: CustomCheck = {
  name: 'nomenclature-acte',
  aliases: [{ name: 'nomenclature-actes-value', deprecated: true }],
  params: columnParams,
  create(ctx) {
    return singleColumnCheck(ctx, (text) => {
      const problem = actesProblem(text);
      if (!problem) return undefined;
      if (problem.reason !== 'space-around-slash') return { params: problem };
      return { params: { ...problem, suggestion: text.replace(/\s*\/\s*/g, '/') } };
    });
  },
};

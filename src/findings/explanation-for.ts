// The explanation of a finding code in a language: the English text when there is one, else the French.
import type { Lang } from './spec.js';
import { EXPLANATIONS, type Explanation } from './explanations.js';
import { EXPLANATIONS_EN } from './explanations-en.js';

/**
 * The longer explanation of `code` in `lang`, for docs/errors*.md and the SARIF rules; undefined when
 * the code has none. The example is the French entry's, with the params the English text replaces.
 * A code whose English text is missing gets the French one (a test fails on such a code, so the
 * fallback only covers a release made in between).
 */
export function explanationFor(code: string, lang: Lang): Explanation | undefined {
  const fr = EXPLANATIONS[code];
  if (fr === undefined || lang === 'fr') return fr;
  const en = EXPLANATIONS_EN[code];
  if (en === undefined) return fr;
  const { example, ...texts } = en;
  return {
    ...texts,
    example: example?.params
      ? { ...fr.example, params: { ...fr.example.params, ...example.params } }
      : fr.example,
  };
}

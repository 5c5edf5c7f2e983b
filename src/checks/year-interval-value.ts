// Custom check `year-interval-value`: a period `YYYY/YYYY` whose second year is after the first (or a lone year when allowed).
import { singleColumnCheck } from './columns.js';
import type { ParamsSchema } from './params.js';
import type { CustomCheck } from './types.js';

/**
 * Why a period is refused: `format` (neither `YYYY/YYYY` nor, when allowed, `YYYY`), `year-only`
 * (a lone year while `allow-year-only` is not `yes`), `same-years`, `reversed` (second year before the first).
 */
export type YearIntervalProblem = 'format' | 'year-only' | 'same-years' | 'reversed';

/** What is wrong with a period, or undefined when it is valid. */
export function yearIntervalProblem(text: string, allowYearOnly: boolean): YearIntervalProblem | undefined {
  if (/^\d{4}$/.test(text)) return allowYearOnly ? undefined : 'year-only';
  const m = /^(\d{4})\/(\d{4})$/.exec(text);
  if (!m) return 'format';
  const first = Number(m[1]);
  const second = Number(m[2]);
  if (first === second) return 'same-years';
  return second < first ? 'reversed' : undefined;
}

const params: ParamsSchema = {
  type: 'object',
  required: ['column'],
  properties: {
    column: { type: 'string', minLength: 1, description: 'the field checked' },
    // Validata reads "yes" as allowed and anything else as not; booleans are accepted too.
    'allow-year-only': { enum: ['yes', 'no', true, false], description: 'whether a lone year is valid' },
  },
};

/** `year-interval-value`. */
export const yearIntervalCheck: CustomCheck = {
  name: 'year-interval-value',
  params,
  create(ctx) {
    const allow = ctx.params['allow-year-only'];
    const allowYearOnly = allow === 'yes' || allow === true;
    return singleColumnCheck(ctx, (text) => {
      const reason = yearIntervalProblem(text, allowYearOnly);
      if (!reason) return undefined;
      if (reason === 'format') return { params: { reason, allowYearOnly } };
      if (reason !== 'reversed') return { params: { reason } };
      const [first, second] = text.split('/');
      return { params: { reason, suggestion: `${second}/${first}` } };
    });
  },
};

// Schema recognition: score candidate schemas on a header and pick one only when it is clearly ahead.
import type { Finding } from '../findings/types.js';
import { foldLabel } from '../text/fold.js';
import type { ColumnSample, MatchKind, SchemaCandidate } from './mapping-types.js';
import { cachedSchemaIndex, indexSchema, matchWithIndex, type SchemaIndex } from './match.js';
import type { TableSchema } from './types.js';

/** A schema offered to recognition (usually the latest version of each catalogue schema). */
export interface RecognitionInput {
  name: string;
  version: string;
  schema: TableSchema;
}

/** Options of recognizeSchema. */
export interface RecognizeOptions {
  /** Use each candidate's bundled synonyms (default true). */
  synonyms?: boolean;
  /** Keep at most this many candidates (default: all with a score above 0). */
  limit?: number;
  /** The first data rows, for weighing the values too (issue 11). */
  sample?: ColumnSample;
}

/** How much a matched field counts, by how it was matched: exact names are the strongest evidence. */
const KIND_WEIGHT: Record<MatchKind, number> = {
  exact: 1,
  mapping: 1,
  folded: 0.95,
  title: 0.9,
  synonym: 0.9,
  suggestion: 0.5,
};
/** A required field weighs twice an optional one: required fields are what make a file that schema. */
const REQUIRED_WEIGHT = 2;

/**
 * The labels that are a key (name, folded name, title or alias) of at least one candidate, in order: the
 * others match no field of any candidate, and matching them once per candidate made a header of 16,384
 * unrelated columns cost seconds per row tried as the header. Scores only count matched fields, so they
 * are the same.
 */
function keyedLabels(
  labels: readonly string[],
  folded: readonly string[],
  indexes: readonly SchemaIndex[],
): string[] {
  const exact = new Set<string>();
  const other = new Set<string>();
  for (const index of indexes) {
    for (const key of index.keys.exact.keys()) exact.add(key);
    for (const level of ['folded', 'title', 'synonym'] as const)
      for (const key of index.keys[level].keys()) other.add(key);
  }
  const out: string[] = [];
  for (let c = 0; c < labels.length; c++) {
    if (exact.has(labels[c]!) || (folded[c] !== '' && other.has(folded[c]!))) out.push(labels[c]!);
  }
  return out;
}

/**
 * Score every candidate on the header and return them best first (score, then name, for stable output).
 *
 * Score (0..1) = harmonic mean of
 * - field coverage: Σ over matched fields of weight × kind weight / Σ weights (required 2, optional 1;
 *   exact 1, folded 0.95, title and synonym 0.9), and
 * - column use: non-blank input columns that feed a field / non-blank input columns.
 * So a file with exactly a schema's fields scores 1; missing fields or unrelated columns lower it. Columns
 * that tie (ambiguous) count as unmatched. Similarity suggestions are not used.
 */
export function recognizeSchema(
  labels: readonly string[],
  candidates: readonly RecognitionInput[],
  options: RecognizeOptions = {},
): SchemaCandidate[] {
  const useSynonyms = options.synonyms !== false;
  const folded = labels.map(foldLabel);
  let totalColumns = 0;
  for (const f of folded) if (f !== '') totalColumns++;
  const indexes = candidates.map((cand) =>
    useSynonyms ? cachedSchemaIndex(cand.schema, cand.name) : indexSchema(cand.schema),
  );
  const keyed = keyedLabels(labels, folded, indexes);
  const out: SchemaCandidate[] = [];
  for (const [k, cand] of candidates.entries()) {
    const index = indexes[k]!;
    // Only columns whose label is some schema's key can feed a field (similarity is not used here).
    const mapping = matchWithIndex(keyed, index, { suggest: false });
    let weightTotal = 0;
    let weightMatched = 0;
    let matchedFields = 0;
    let matchedRequired = 0;
    let totalRequired = 0;
    for (const m of mapping.fields) {
      const required = index.required[m.fieldIndex] === true;
      const w = required ? REQUIRED_WEIGHT : 1;
      weightTotal += w;
      if (required) totalRequired++;
      if (m.column === undefined) continue;
      matchedFields++;
      if (required) matchedRequired++;
      weightMatched += w * KIND_WEIGHT[m.kind ?? 'exact'];
    }
    const coverage = weightTotal === 0 ? 0 : weightMatched / weightTotal;
    const use = totalColumns === 0 ? 0 : matchedFields / totalColumns;
    const score = coverage + use === 0 ? 0 : (2 * coverage * use) / (coverage + use);
    if (score <= 0) continue;
    out.push({
      name: cand.name,
      version: cand.version,
      score: Math.round(score * 10000) / 10000,
      matchedFields,
      totalFields: mapping.fields.length,
      matchedRequired,
      totalRequired,
      matchedColumns: matchedFields,
      totalColumns,
    });
  }
  out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

/** Below this score no schema is chosen: fewer than about half the fields and columns agree. */
export const RECOGNITION_MIN_SCORE = 0.5;
/** The best must lead the runner-up by this much… */
export const RECOGNITION_MIN_LEAD = 0.05;

/** Why pickSchema chose a schema or not. */
export type PickReason =
  /** chosen: ahead of the runner-up by at least RECOGNITION_MIN_LEAD. */
  | 'clear-lead'
  /** chosen: strictly ahead, and every non-blank column and every required field matched. */
  | 'complete-match'
  /** not chosen: nothing scored above 0. */
  | 'no-candidate'
  /** not chosen: the best is below RECOGNITION_MIN_SCORE. */
  | 'too-weak'
  /** not chosen: the runner-up is too close (or equal: a tie). */
  | 'too-close';

/** The outcome of pickSchema. */
export interface SchemaPick {
  chosen?: SchemaCandidate;
  reason: PickReason;
  /** The second best, when there is one (the rival in a `too-close`). */
  runnerUp?: SchemaCandidate;
}

/**
 * Pick the best candidate (input sorted best first, as recognizeSchema returns) when it is good enough
 * (score ≥ RECOGNITION_MIN_SCORE) and clearly ahead: a lead of RECOGNITION_MIN_LEAD, or any strict lead
 * when it is a complete match (all non-blank columns used and all required fields found): a file with
 * exactly a schema's fields is that schema even when a bigger schema shares most of them.
 */
export function pickSchema(ranked: readonly SchemaCandidate[]): SchemaPick {
  const best = ranked[0];
  const runnerUp = ranked[1];
  if (!best) return { reason: 'no-candidate' };
  if (best.score < RECOGNITION_MIN_SCORE) return { reason: 'too-weak', runnerUp };
  if (!runnerUp) return { chosen: best, reason: 'clear-lead' };
  const lead = best.score - runnerUp.score;
  if (lead >= RECOGNITION_MIN_LEAD - 1e-9) return { chosen: best, reason: 'clear-lead', runnerUp };
  const complete =
    best.matchedRequired === best.totalRequired &&
    best.matchedColumns !== undefined &&
    best.matchedColumns === best.totalColumns;
  if (complete && lead > 1e-9) return { chosen: best, reason: 'complete-match', runnerUp };
  return { reason: 'too-close', runnerUp };
}

/**
 * The finding that tells the user what recognition decided: `schema-recognized` (info, with name,
 * version, score) or `schema-not-recognized` (warning, with the closest candidates and why).
 */
export function recognitionFinding(
  pick: SchemaPick,
  ranked: readonly SchemaCandidate[],
  closest = 3,
): Finding {
  if (pick.chosen) {
    return {
      code: 'schema-recognized',
      level: 'info',
      loc: {},
      params: {
        name: pick.chosen.name,
        version: pick.chosen.version,
        score: pick.chosen.score,
        reason: pick.reason,
        runnerUp: pick.runnerUp ? `${pick.runnerUp.name}@${pick.runnerUp.version}` : undefined,
      },
    };
  }
  return {
    code: 'schema-not-recognized',
    level: 'warning',
    loc: {},
    params: {
      reason: pick.reason,
      closest: ranked.slice(0, closest).map((c) => ({ name: c.name, version: c.version, score: c.score })),
    },
  };
}

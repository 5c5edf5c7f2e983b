// Schema recognition: score candidate schemas (every version) on a header and its content; pick one only when it is clearly ahead.
import type { Finding } from '../findings/types.js';
import { compareVersions } from '../schema/catalogue.js';
import {
  columnFit,
  columnSupports,
  CONTENT_ONLY_MIN_SPECIFICITY,
  contentCandidates,
  contradicts,
  fieldContent,
  mayBeSpecific,
  sampleContent,
  type SampleContent,
} from './content.js';
import type { ColumnSample, MatchKind, SchemaCandidate } from '../schema/mapping-types.js';
import {
  cachedSchemaIndex,
  indexSchema,
  labelWords,
  LEVELS,
  mutualBest,
  pairsPerLevel,
  resolveLevels,
  suggestionCandidates,
  type LabelWords,
  type SchemaIndex,
} from './match.js';
import { foldedLabels } from './tokens.js';
import type { TableSchema } from '../schema/types.js';

/** A schema offered to recognition (a catalogue version, or any schema). */
export interface RecognitionInput {
  name: string;
  version: string;
  schema: TableSchema;
  /** True for the catalogue's latest version of the schema (else the highest version number is). */
  latest?: boolean;
}

/** Options of recognizeSchema. */
export interface RecognizeOptions {
  /** Use each candidate's bundled synonyms (default true). */
  synonyms?: boolean;
  /** Keep at most this many candidates (default: all with a score above 0). */
  limit?: number;
  /** The first data rows: content confirms or contradicts name matches and finds fields under odd names. */
  sample?: ColumnSample;
  /**
   * Count names only similar to a field's (reordered or abbreviated words, a typo) for the leading
   * schemas (default true). Scoring many candidate header rows or sheets can do without.
   */
  similarNames?: boolean;
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
/** A field found by its content alone counts this much × its specificity (less than any name match). */
const CONTENT_WEIGHT = 0.6;
/** A name match (title, synonym) whose content contradicts the field counts this much of its weight. */
const CONTRADICTED_FACTOR = 0.25;
/** A column only similar to a field's name (words reordered, abbreviated…) counts this much; with content that fits, more. */
const SIMILAR_WEIGHT = 0.5;
const SIMILAR_WITH_CONTENT_WEIGHT = 0.7;
/** Schemas whose every version is scored with all the evidence, after a first ranking (bounded work). */
const LEADING_SCHEMAS = 3;

/** Every candidate's names, folded names, titles and aliases in one table: a label is looked up once. */
interface CandidateIndex {
  /** The index of candidate k (built on first use when the table came ready-made). */
  indexOf(k: number): SchemaIndex;
  /** Per level: key → its candidates and fields, as flat pairs `[k, f, k, f…]`. */
  byLevel: NameLookup[];
}

/**
 * The name table of a candidate list, as stored (src/schema/prebuilt-catalogue.ts): per level, each key
 * with its flat `[candidate, field…]` pairs, in the order candidateIndex builds them.
 */
export type NameTable = [key: string, pairs: number[]][][];

/** A stored name table: each key's pairs as one comma-separated text (`0,3,0,7`). */
export type PackedNameTable = [key: string, pairs: string][][];

/** One level of a name index: key → its flat pairs. */
interface NameLookup {
  get(key: string): number[] | undefined;
}

/** A level of a stored name table, each key's pairs decoded the first time it is looked up. */
function packedLevel(entries: readonly [string, string][]): NameLookup {
  const packed = new Map(entries);
  const decoded = new Map<string, number[]>();
  return {
    get(key) {
      let pairs = decoded.get(key);
      if (pairs === undefined) {
        const text = packed.get(key);
        if (text === undefined) return undefined;
        pairs = text === '' ? [] : text.split(',').map(Number);
        decoded.set(key, pairs);
      }
      return pairs;
    },
  };
}

const candidateIndexes = new WeakMap<readonly RecognitionInput[], Map<boolean, CandidateIndex>>();

function candidateIndex(candidates: readonly RecognitionInput[], useSynonyms: boolean): CandidateIndex {
  let bySynonyms = candidateIndexes.get(candidates);
  if (!bySynonyms) candidateIndexes.set(candidates, (bySynonyms = new Map()));
  const known = bySynonyms.get(useSynonyms);
  if (known) return known;
  const indexes = candidates.map((c) =>
    useSynonyms ? cachedSchemaIndex(c.schema, c.name) : indexSchema(c.schema),
  );
  const built = { indexOf: (k: number) => indexes[k]!, byLevel: nameLevels(indexes) };
  bySynonyms.set(useSynonyms, built);
  return built;
}

/** Per level, each key of the indexes with its flat `[candidate, field…]` pairs, in candidate order. */
function nameLevels(indexes: readonly SchemaIndex[]): Map<string, number[]>[] {
  const byLevel = LEVELS.map(() => new Map<string, number[]>());
  indexes.forEach((index, k) => {
    LEVELS.forEach((level, li) => {
      for (const [key, fields] of index.keys[level]) {
        const list = byLevel[li]!.get(key) ?? byLevel[li]!.set(key, []).get(key)!;
        for (const f of fields) list.push(k, f);
      }
    });
  });
  return byLevel;
}

/** The name table of `candidates` with their bundled synonyms, to store (scripts/build-prebuilt-catalogue.js). */
export function candidateNameTable(candidates: readonly RecognitionInput[]): NameTable {
  return nameLevels(candidates.map((c) => cachedSchemaIndex(c.schema, c.name))).map((m) => [...m]);
}

/**
 * Use a stored name table (candidateNameTable of the same candidates, synonyms and code) for
 * `candidates`: a header is then looked up without indexing every candidate, and a candidate's own
 * index is built only when it is scored (the bundled catalogue has 160 versions; a header names few).
 */
export function useCandidateNameTable(candidates: readonly RecognitionInput[], table: PackedNameTable): void {
  let bySynonyms = candidateIndexes.get(candidates);
  if (!bySynonyms) candidateIndexes.set(candidates, (bySynonyms = new Map()));
  const indexes: SchemaIndex[] = [];
  bySynonyms.set(true, {
    indexOf: (k) => (indexes[k] ??= cachedSchemaIndex(candidates[k]!.schema, candidates[k]!.name)),
    byLevel: table.map(packedLevel),
  });
}

/**
 * Score every candidate on the header (and the sample's content) and return them best first (score, then
 * name, then latest version first, for stable output).
 *
 * Score (0..1) = harmonic mean of
 * - field coverage: Σ over matched fields of weight × kind weight / Σ weights (required 2, optional 1;
 *   exact 1, folded 0.95, title and synonym 0.9; a title or synonym match whose content contradicts
 *   the field ×0.25; a field found by its content alone under an unrelated name 0.5 × its specificity),
 * - column use: non-blank input columns that feed a field / non-blank input columns.
 * So a file with exactly a schema's fields scores 1; missing fields or unrelated columns lower it; odd
 * names with typical values score lower than the names would. Columns that tie (ambiguous) count as
 * unmatched. Similarity suggestions are not used.
 *
 * Cost: every label is folded and looked up once in a table of all candidates' names (not compared
 * with each candidate), so a 20,000-column header costs about what matching it to one schema does.
 */
export function recognizeSchema(
  labels: readonly string[],
  candidates: readonly RecognitionInput[],
  options: RecognizeOptions = {},
): SchemaCandidate[] {
  const ci = candidateIndex(candidates, options.synonyms !== false);
  const header = readHeader(labels, options.sample);
  const pairs = namePairs(ci, header);
  const { content } = header;
  const scoredAt = new Map<number, SchemaCandidate>();
  const score = (k: number, pass: ScorePass): SchemaCandidate | undefined =>
    scoreCandidate(candidates[k]!, ci.indexOf(k), pairs.get(k), header, pass);
  // First pass: names, for every version.
  candidates.forEach((_, k) => {
    if (!pairs.has(k)) return;
    const scored = score(k, { contentOnly: false });
    if (scored) scoredAt.set(k, scored);
  });
  // Unless names alone already single out one schema, fields found by their content alone are looked
  // for in every schema, on its latest version (older versions mostly repeat its fields).
  if (content && !namesDecide([...scoredAt.values()])) {
    candidates.forEach((cand, k) => {
      if (cand.latest === false) return;
      const scored = score(k, { contentOnly: true });
      if (scored) scoredAt.set(k, scored);
    });
  }
  // Second pass, for the few schemas in the lead: every version again, with content alone and names only
  // similar (reordered, abbreviated, a typo), so that their versions compare on the same evidence.
  const similar: SimilarPass | undefined =
    options.similarNames === false
      ? undefined
      : { words: labelWords(labels, header.folded), byName: new Map() };
  if (content || similar) {
    for (const k of leadingCandidates(scoredAt, candidates)) {
      const again = score(k, { contentOnly: content !== undefined, similar });
      if (again) scoredAt.set(k, again);
      else scoredAt.delete(k);
    }
  }
  const out = [...scoredAt.values()].sort(byRank);
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

/**
 * True when no sample (nor its absence) can change what recognizeSchema and then bestVersions say of
 * these labels among these candidates, each candidate's `contentFit` value aside: so a choice of
 * version made on one file holds for every file with the same header (recognize-schema.ts caches it).
 * The content of a sample acts in four places only, each ruled out here, for every candidate:
 * - fields found by content alone, and names only similar (weighed with content): every non-blank,
 *   non-repeated column is already taken (or tied) by a name, so neither pass has a column to give;
 * - a title or synonym match that content contradicts: no such match on a field content may judge
 *   (mayBeSpecific), so no weight depends on content;
 * - contentFit, the last key of versionOrder: versions of a schema that tie on the first two keys judge
 *   the same columns with the same field definitions in the same order (columnFit's own memo key), so
 *   their contentFit is equal whatever the values, and the order between them is decided without it.
 */
export function contentCannotDecide(
  labels: readonly string[],
  candidates: readonly RecognitionInput[],
): boolean {
  const ci = candidateIndex(candidates, true);
  const header = readHeader(labels, undefined);
  const pairs = namePairs(ci, header);
  // Candidates that tie on versionOrder's first two keys → the columns and field definitions content judges.
  const judged = new Map<string, string>();
  for (let k = 0; k < candidates.length; k++) {
    const cand = candidates[k]!;
    const index = ci.indexOf(k);
    const outcome = pairs.has(k) ? resolveLevels(pairs.get(k)!) : undefined;
    for (let c = 0; c < labels.length; c++) {
      if (header.folded[c] === '' || header.repeated.has(c)) continue;
      if (!outcome?.doneCols.has(c)) return false;
    }
    const fits: (number | string)[] = [];
    for (let f = 0; f < index.fieldCount; f++) {
      const hit = outcome?.assigned.get(f);
      if (!hit || !mayBeSpecific(cand.schema, f)) continue;
      if (hit.level === 'title' || hit.level === 'synonym') return false;
      fits.push(hit.column, fieldContent(cand.schema, f).key);
    }
    const scored = scoreCandidate(cand, index, pairs.get(k), header, { contentOnly: false });
    if (!scored) continue;
    const tie = JSON.stringify([
      cand.name,
      scored.matchedColumns ?? scored.matchedFields,
      scored.totalRequired - scored.matchedRequired,
    ]);
    const signature = JSON.stringify(fits);
    const seen = judged.get(tie);
    if (seen !== undefined && seen !== signature) return false;
    judged.set(tie, signature);
  }
  return true;
}

/** A header as recognition reads it: labels, folded names, repeated labels, non-blank count, content. */
interface Header {
  labels: readonly string[];
  folded: readonly string[];
  /** Columns whose label repeats an earlier one to the letter: one column read twice, matched once. */
  repeated: ReadonlySet<number>;
  totalColumns: number;
  content: SampleContent | undefined;
}

function readHeader(labels: readonly string[], sample: ColumnSample | undefined): Header {
  const folded = foldedLabels(labels);
  let totalColumns = 0;
  for (const f of folded) if (f !== '') totalColumns++;
  const repeated = new Set<number>();
  const firstOf = new Map<string, number>();
  labels.forEach((l, c) => {
    if (folded[c] === '') return;
    if (firstOf.has(l)) repeated.add(c);
    else firstOf.set(l, c);
  });
  const content = sample ? sampleContent(sample) : undefined;
  return { labels, folded, repeated, totalColumns, content };
}

/** Candidate → per level, the [column, field] pairs whose names meet (each label looked up once). */
function namePairs(ci: CandidateIndex, header: Header): Map<number, [number, number][][]> {
  const { labels, folded, repeated } = header;
  const pairs = new Map<number, [number, number][][]>();
  const seen = new Set<number>();
  for (let c = 0; c < labels.length; c++) {
    if (folded[c] === '' || repeated.has(c)) continue;
    seen.clear();
    for (let li = 0; li < LEVELS.length; li++) {
      const hits = ci.byLevel[li]!.get(li === 0 ? labels[c]! : folded[c]!);
      if (!hits) continue;
      for (let h = 0; h < hits.length; h += 2) {
        const k = hits[h]!;
        const f = hits[h + 1]!;
        const id = k * 100_000 + f;
        if (seen.has(id)) continue;
        seen.add(id);
        let perLevel = pairs.get(k);
        if (!perLevel) pairs.set(k, (perLevel = pairsPerLevel()));
        perLevel[li]!.push([c, f]);
      }
    }
  }
  return pairs;
}

/**
 * The candidates of the few schemas in the lead (every version), the leading versions first so each
 * schema's similar names are found on its best version.
 */
function leadingCandidates(
  scoredAt: ReadonlyMap<number, SchemaCandidate>,
  candidates: readonly RecognitionInput[],
): number[] {
  const ranked = [...scoredAt].sort((a, b) => byRank(a[1], b[1]));
  const names = new Set<string>();
  for (const [, c] of ranked) {
    if (names.size >= LEADING_SCHEMAS) break;
    names.add(c.name);
  }
  const order = [...ranked.map(([k]) => k), ...candidates.map((_, k) => k)];
  const seen = new Set<number>();
  const out: number[] = [];
  for (const k of order) {
    if (seen.has(k) || !names.has(candidates[k]!.name)) continue;
    seen.add(k);
    out.push(k);
  }
  return out;
}

/** The state of the similar-names pass over one header: its words, and what each set of names found. */
interface SimilarPass {
  words: LabelWords;
  /** Schema name → the similar pairs found on its leading version (field name, column). */
  byName: Map<string, { field: string; column: number; evidence: string }[]>;
}

/**
 * True when names alone make one schema the clear choice (score 0.9 or more, ahead of every other
 * schema by more than twice the lead recognition asks): content can then only confirm it, and is
 * weighed for that schema's versions alone.
 */
function namesDecide(scored: readonly SchemaCandidate[]): boolean {
  const best = new Map<string, number>();
  for (const c of scored) best.set(c.name, Math.max(best.get(c.name) ?? 0, c.score));
  const [first = 0, second = 0] = [...best.values()].sort((a, b) => b - a);
  return first >= 0.9 && first - second > 2 * RECOGNITION_MIN_LEAD;
}

/**
 * Names in the locale's order. Equal names (the versions of one schema: most ties) are told equal without
 * asking: the first localeCompare of a process loads ICU's collation data (some 8 ms).
 */
function byName(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}

/** Best first: score, then name, then the later version. */
function byRank(a: SchemaCandidate, b: SchemaCandidate): number {
  return b.score - a.score || byName(a.name, b.name) || compareVersions(b.version, a.version);
}

/** One scoring pass: content alone counted or not; names only similar counted (second pass) or not. */
interface ScorePass {
  contentOnly: boolean;
  similar?: SimilarPass;
}

/** What one candidate explains of a header, counted field by field. */
interface Tally {
  weightTotal: number;
  weightMatched: number;
  matchedFields: number;
  matchedRequired: number;
  totalRequired: number;
  contentFields: number;
  similarFields: number;
  contradictedFields: number;
  fitSum: number;
  fitCount: number;
  /** Columns and fields already paired. */
  used: Set<number>;
  taken: Set<number>;
}

const weightOf = (index: SchemaIndex, f: number): number =>
  index.required[f] === true ? REQUIRED_WEIGHT : 1;

function scoreCandidate(
  cand: RecognitionInput,
  index: SchemaIndex,
  pairsByLevel: [number, number][][] | undefined,
  header: Header,
  pass: ScorePass,
): SchemaCandidate | undefined {
  const outcome = pairsByLevel ? resolveLevels(pairsByLevel) : undefined;
  const t: Tally = {
    weightTotal: 0,
    weightMatched: 0,
    matchedFields: 0,
    matchedRequired: 0,
    totalRequired: 0,
    contentFields: 0,
    similarFields: 0,
    contradictedFields: 0,
    fitSum: 0,
    fitCount: 0,
    used: new Set<number>(outcome?.doneCols ?? []),
    taken: new Set<number>(outcome?.doneFields ?? []),
  };
  tallyNamed(t, cand, index, outcome?.assigned, header.content);
  if (header.content && pass.contentOnly) tallyContentOnly(t, cand, index, header, header.content);
  if (pass.similar) tallySimilar(t, cand, index, header, pass.similar);
  const coverage = t.weightTotal === 0 ? 0 : t.weightMatched / t.weightTotal;
  const use = header.totalColumns === 0 ? 0 : t.matchedFields / header.totalColumns;
  const score = coverage + use === 0 ? 0 : (2 * coverage * use) / (coverage + use);
  if (score <= 0) return undefined;
  return {
    name: cand.name,
    version: cand.version,
    score: Math.round(score * 10000) / 10000,
    matchedFields: t.matchedFields,
    totalFields: index.fieldCount,
    matchedRequired: t.matchedRequired,
    totalRequired: t.totalRequired,
    matchedColumns: t.matchedFields,
    totalColumns: header.totalColumns,
    ...(t.contentFields > 0 ? { contentFields: t.contentFields } : {}),
    ...(t.similarFields > 0 ? { similarFields: t.similarFields } : {}),
    ...(t.contradictedFields > 0 ? { contradictedFields: t.contradictedFields } : {}),
    ...(t.fitCount > 0 ? { contentFit: Math.round((t.fitSum / t.fitCount) * 10000) / 10000 } : {}),
  };
}

/** Fields matched by name, weighed by how; a title or alias whose content contradicts the field counts less. */
function tallyNamed(
  t: Tally,
  cand: RecognitionInput,
  index: SchemaIndex,
  assigned: ReturnType<typeof resolveLevels>['assigned'] | undefined,
  content: SampleContent | undefined,
): void {
  for (let f = 0; f < index.fieldCount; f++) {
    const w = weightOf(index, f);
    t.weightTotal += w;
    if (index.required[f] === true) t.totalRequired++;
    const hit = assigned?.get(f);
    if (!hit) continue;
    t.matchedFields++;
    if (index.required[f] === true) t.matchedRequired++;
    let factor = 1;
    if (content && mayBeSpecific(cand.schema, f)) {
      const fc = fieldContent(cand.schema, f);
      const fit = columnFit(content, hit.column, fc);
      if (fit.n > 0) {
        t.fitSum += fit.ok / fit.n;
        t.fitCount++;
      }
      if ((hit.level === 'title' || hit.level === 'synonym') && contradicts(fit, fc)) {
        factor = CONTRADICTED_FACTOR;
        t.contradictedFields++;
      }
    }
    t.weightMatched += w * KIND_WEIGHT[hit.level] * factor;
  }
}

/** Fields still free found by their content alone, when the field is specific enough. */
function tallyContentOnly(
  t: Tally,
  cand: RecognitionInput,
  index: SchemaIndex,
  header: Header,
  content: SampleContent,
): void {
  const { folded, repeated } = header;
  for (let f = 0; f < index.fieldCount; f++) {
    if (t.taken.has(f) || !mayBeSpecific(cand.schema, f)) continue;
    const fc = fieldContent(cand.schema, f);
    for (const c of contentCandidates(content, fc)) {
      if (t.used.has(c) || folded[c] === '' || folded[c] === undefined || repeated.has(c)) continue;
      if (!columnSupports(content, c, fc) || content.columns[c]!.values.length < 2) continue;
      // Content alone points at a field only when the field is specific enough (costly: asked last).
      if (fc.specificity < CONTENT_ONLY_MIN_SPECIFICITY) break;
      t.used.add(c);
      t.taken.add(f);
      t.matchedFields++;
      t.contentFields++;
      if (index.required[f] === true) t.matchedRequired++;
      t.weightMatched += weightOf(index, f) * CONTENT_WEIGHT * fc.specificity;
      break;
    }
  }
}

/** Fields still free whose names are only similar to a column's (computed once per schema name). */
function tallySimilar(
  t: Tally,
  cand: RecognitionInput,
  index: SchemaIndex,
  header: Header,
  similar: SimilarPass,
): void {
  // Computed once per schema, on its leading version; the other versions reuse the pairs by field name.
  let found = similar.byName.get(cand.name);
  if (!found) {
    const freeFields: number[] = [];
    for (let f = 0; f < index.fieldCount; f++) if (!t.taken.has(f)) freeFields.push(f);
    const isFree = (c: number): boolean => !t.used.has(c) && !header.repeated.has(c);
    const scored = suggestionCandidates(
      header.labels,
      header.folded,
      index,
      isFree,
      freeFields,
      header.content,
      false,
      similar.words,
    );
    found = mutualBest(scored, freeFields).map((m) => ({
      field: index.fieldNames[m.field]!,
      column: m.column,
      evidence: m.candidate.evidence,
    }));
    similar.byName.set(cand.name, found);
  }
  for (const pair of found) {
    const field = index.fieldNames.indexOf(pair.field);
    if (field < 0 || t.taken.has(field) || t.used.has(pair.column)) continue;
    t.taken.add(field);
    t.used.add(pair.column);
    t.matchedFields++;
    t.similarFields++;
    if (index.required[field] === true) t.matchedRequired++;
    const w = pair.evidence === 'name+content' ? SIMILAR_WITH_CONTENT_WEIGHT : SIMILAR_WEIGHT;
    t.weightMatched += weightOf(index, field) * w;
  }
}

/**
 * How two versions of one schema compare on a file (negative when `a` fits better): the version that
 * explains more of the file's columns; then the one missing fewer required fields (each an error);
 * then the one whose field definitions accept more of the sampled values (contentFit). Missing optional
 * fields do not count: a newer version that only adds optional fields fits as well as the older.
 */
function versionOrder(a: SchemaCandidate, b: SchemaCandidate): number {
  const missing = (c: SchemaCandidate): number => c.totalRequired - c.matchedRequired;
  return (
    (b.matchedColumns ?? b.matchedFields) - (a.matchedColumns ?? a.matchedFields) ||
    missing(a) - missing(b) ||
    (b.contentFit ?? 0) - (a.contentFit ?? 0)
  );
}

/**
 * One candidate per schema: its best-fitting version (versionOrder), and among versions that fit
 * equally, the latest (the catalogue's `latest` flag, else the highest version number). The others that
 * fit equally are listed in `equalVersions`; `latestVersion` names the schema's latest when it was not
 * chosen. Each keeps its own score; sorted as recognizeSchema sorts.
 */
export function bestVersions(
  ranked: readonly SchemaCandidate[],
  inputs: readonly RecognitionInput[],
): SchemaCandidate[] {
  const latestOf = new Map<string, string>();
  for (const i of inputs) if (i.latest === true) latestOf.set(i.name, i.version);
  const flagged = new Set(latestOf.keys());
  for (const i of inputs) {
    if (flagged.has(i.name)) continue;
    const known = latestOf.get(i.name);
    if (known === undefined || compareVersions(i.version, known) > 0) latestOf.set(i.name, i.version);
  }
  const isLatest = (c: SchemaCandidate): number => (latestOf.get(c.name) === c.version ? 1 : 0);
  const byName = new Map<string, SchemaCandidate[]>();
  for (const c of ranked) (byName.get(c.name) ?? byName.set(c.name, []).get(c.name)!).push(c);
  const out: SchemaCandidate[] = [];
  for (const [name, list] of byName) {
    const sorted = [...list].sort(
      (a, b) => versionOrder(a, b) || isLatest(b) - isLatest(a) || compareVersions(b.version, a.version),
    );
    const best = { ...sorted[0]! };
    const equal = sorted.slice(1).filter((c) => versionOrder(best, c) === 0);
    if (equal.length > 0) best.equalVersions = equal.map((c) => c.version);
    const latest = latestOf.get(name);
    if (latest !== undefined && latest !== best.version) best.latestVersion = latest;
    out.push(best);
  }
  return out.sort(byRank);
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
  /** not chosen: the runner-up is too close. */
  | 'too-close'
  /** not chosen: two schemas or more fit exactly as well (named in `tied`). */
  | 'tie';

/** The outcome of pickSchema. */
export interface SchemaPick {
  chosen?: SchemaCandidate;
  reason: PickReason;
  /** The second best, when there is one (the rival in a `too-close`). */
  runnerUp?: SchemaCandidate;
  /** For a `tie`: every candidate with the best score, sorted by name. */
  tied?: SchemaCandidate[];
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
  // Equal scores are said the same way every time, naming every schema that fits as well.
  if (lead <= 1e-9) {
    const tied = ranked.filter((c) => best.score - c.score <= 1e-9);
    return { reason: 'tie', runnerUp, tied: [...tied].sort((a, b) => byName(a.name, b.name)) };
  }
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
        ...(pick.chosen.latestVersion !== undefined ? { latestVersion: pick.chosen.latestVersion } : {}),
        ...(pick.chosen.equalVersions !== undefined ? { equalVersions: pick.chosen.equalVersions } : {}),
        ...(pick.chosen.contentFields !== undefined ? { contentFields: pick.chosen.contentFields } : {}),
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
      ...(pick.tied
        ? { tied: pick.tied.map((c) => ({ name: c.name, version: c.version, score: c.score })) }
        : {}),
    },
  };
}

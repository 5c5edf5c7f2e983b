// Header → field mapping: match each input column to a schema field (exact, folded, title, synonym, suggestion).
import type { Finding } from '../findings/types.js';
import {
  columnFit,
  columnSupports,
  CONTENT_ONLY_MIN_SPECIFICITY,
  contentCandidates,
  contradicts,
  fieldContent,
  mayBeSpecific,
  sampleContent,
  supports,
  type ContentFit,
  type SampleContent,
} from './content.js';
import { foldLabel } from '../text/fold.js';
import type { MappingFile } from '../schema/mapping-file.js';
import { resolveMappingFile, type ResolvedSplit } from '../schema/mapping-file.js';
import { proposeSplits, splitApplicable, splitByMapping, splitParams } from './split.js';
import type {
  ColumnMapping,
  ColumnSample,
  FieldMatch,
  ComposedProposal,
  MatchKind,
  SuggestionEvidence,
} from '../schema/mapping-types.js';
import type { SynonymTable } from '../schema/synonyms.js';
import { bundledSynonyms, mergeSynonyms } from '../schema/synonyms.js';
import { DATE_VALUE, TIME_VALUE, isoDate, isoTime } from './date-time-text.js';
import {
  ABBREVIATIONS,
  boundedSimilarity,
  foldedLabels,
  labelName,
  labelTokens,
  tokensSimilarity,
} from './tokens.js';
import type { TableSchema } from '../schema/types.js';

/**
 * Minimum name similarity for a suggestion made on the name alone: 1 − edit distance / longer length on
 * folded text, or the word similarity of tokensSimilarity (reordered, abbreviated, contained words).
 * 0.8 lets one typo in every five letters through (`nomBeneficiare` for `nomBeneficiaire`: 0.93) and
 * keeps short unrelated names apart (`lat`/`long`: 0.25).
 */
export const SUGGESTION_MIN_SIMILARITY = 0.8;
/** With content that supports the field, a looser name is enough. */
export const SUGGESTION_MIN_SIMILARITY_WITH_CONTENT = 0.6;

/** The automatic levels, in the order they are tried. */
export const LEVELS = ['exact', 'folded', 'title', 'synonym'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * One empty list of [column, field] pairs per level. Built by push, not `LEVELS.map(() => [])`: the
 * array an optimised map() makes has another map than the one the builtin makes, so that each function
 * filling such lists deoptimised once, on the first list it made itself.
 */
export function pairsPerLevel(): [number, number][][] {
  const pairs: [number, number][][] = [];
  for (let li = 0; li < LEVELS.length; li++) pairs.push([]);
  return pairs;
}

/** A field's name, title or alias, folded and cut into words, for suggestions. */
interface SimilarityKey {
  field: number;
  folded: string;
  tokens: readonly string[];
}

/** A schema's names, folded names, titles and aliases, indexed once so a header is matched in O(labels). */
export interface SchemaIndex {
  readonly fieldCount: number;
  readonly fieldNames: readonly string[];
  readonly required: readonly boolean[];
  /** Per level: key (raw name for `exact`, folded text otherwise) → field indexes. */
  readonly keys: Readonly<Record<Level, ReadonlyMap<string, readonly number[]>>>;
  /** Folded name, title and aliases of every field, for similarity. */
  readonly similarityKeys: readonly (readonly string[])[];
  /** The schema indexed (content-aware matching reads its field definitions). */
  readonly schema?: TableSchema;
  /** Similarity keys, their words indexed, built on first use. */
  similarity?: SimilarityIndex;
}

interface SimilarityIndex {
  keys: SimilarityKey[];
  /** Word (and the word an abbreviation stands for) → keys holding it. */
  byToken: Map<string, number[]>;
  /** First three letters of a word → keys holding such a word (prefix abbreviations: `delib`). */
  byPrefix: Map<string, number[]>;
  /** Two-letter sequence → keys holding it and how many times, for the edit-distance pass. */
  byBigram: Map<string, [key: number, count: number][]>;
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  if (key === '') return;
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (!list.includes(i)) list.push(i);
}

/**
 * foldLabel, remembered: the versions of a catalogue schema repeat their names, titles and aliases, and
 * recognition indexes every version (bounded: cleared past 50,000 entries).
 */
const folds = new Map<string, string>();
function foldKey(text: string): string {
  let f = folds.get(text);
  if (f === undefined) {
    if (folds.size >= 50_000) folds.clear();
    f = foldLabel(text);
    folds.set(text, f);
  }
  return f;
}

/** Index a schema for matching (names, folded names, folded titles, folded aliases). */
export function indexSchema(schema: TableSchema, synonyms: SynonymTable = {}): SchemaIndex {
  const exact = new Map<string, number[]>();
  const folded = new Map<string, number[]>();
  const title = new Map<string, number[]>();
  const synonym = new Map<string, number[]>();
  const similarityKeys: string[][] = [];
  schema.fields.forEach((f, i) => {
    const keys = new Set<string>();
    push(exact, f.name, i);
    const fn = foldKey(f.name);
    push(folded, fn, i);
    keys.add(fn);
    if (typeof f.title === 'string') {
      const ft = foldKey(f.title);
      push(title, ft, i);
      keys.add(ft);
    }
    for (const alias of synonyms[f.name] ?? []) {
      const fa = foldKey(alias);
      push(synonym, fa, i);
      keys.add(fa);
    }
    keys.delete('');
    similarityKeys.push([...keys]);
  });
  return {
    fieldCount: schema.fields.length,
    fieldNames: schema.fields.map((f) => f.name),
    required: schema.fields.map((f) => f.constraints?.required === true),
    keys: { exact, folded, title, synonym },
    similarityKeys,
    schema,
  };
}

/** The words of every name, title and alias of the schema's fields, indexed (built once per index). */
function similarityIndex(index: SchemaIndex): SimilarityIndex {
  if (index.similarity) return index.similarity;
  const keys: SimilarityKey[] = [];
  const seen = new Set<string>();
  const add = (field: number, text: string): void => {
    const folded = foldLabel(text);
    if (folded === '' || seen.has(`${field}\u0000${folded}\u0000${text}`)) return;
    seen.add(`${field}\u0000${folded}\u0000${text}`);
    keys.push({ field, folded, tokens: labelTokens(text) });
  };
  const schema = index.schema;
  index.similarityKeys.forEach((list, f) => {
    const field = schema?.fields[f];
    // Words need the original spelling (camelCase, separators): the name and title as written.
    if (field) {
      add(f, field.name);
      if (typeof field.title === 'string') add(f, field.title);
    }
    for (const k of list) add(f, k);
  });
  const byToken = new Map<string, number[]>();
  const byPrefix = new Map<string, number[]>();
  keys.forEach((k, i) => {
    for (const t of k.tokens) {
      push(byToken, t, i);
      const e = ABBREVIATIONS[t];
      if (e !== undefined) push(byToken, e, i);
      if (t.length >= 3) push(byPrefix, t.slice(0, 3), i);
    }
  });
  const byBigram = new Map<string, [number, number][]>();
  keys.forEach((k, i) => {
    for (const [b, n] of bigrams(k.folded)) (byBigram.get(b) ?? byBigram.set(b, []).get(b)!).push([i, n]);
  });
  index.similarity = { keys, byToken, byPrefix, byBigram };
  return index.similarity;
}

/** The two-letter sequences of a text with their counts. */
function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const b = text.slice(i, i + 2);
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

/**
 * Keys whose folded text may be within SUGGESTION_MIN_SIMILARITY of `folded`. Two texts at edit distance
 * d share at least max(length) − 1 − 2d two-letter sequences (the q-gram lemma), so only keys sharing
 * that many are compared: the header is never compared with every key.
 */
function closeSpellings(
  sim: SimilarityIndex,
  folded: string,
  grams: ReadonlyMap<string, number> = bigrams(folded),
): number[] {
  const shared = new Map<number, number>();
  for (const [b, n] of grams)
    for (const [k, m] of sim.byBigram.get(b) ?? []) shared.set(k, (shared.get(k) ?? 0) + Math.min(n, m));
  const out: number[] = [];
  for (const [k, count] of shared) {
    const longest = Math.max(folded.length, sim.keys[k]!.folded.length);
    const maxDistance = Math.floor((1 - SUGGESTION_MIN_SIMILARITY) * longest + 1e-9);
    if (count >= longest - 1 - 2 * maxDistance) out.push(k);
  }
  return out;
}

/** Options of matchColumns. */
export interface MatchOptions {
  /** Catalogue name (`scdl/budget`, a version suffix is ignored): selects the bundled synonyms. */
  schemaName?: string;
  /** Extra aliases (a user's table), added to the bundled ones. */
  synonyms?: SynonymTable;
  /** Use the bundled synonyms of `schemaName` (default true). */
  bundledSynonyms?: boolean;
  /** A mapping file: its entries override automatic matching for the fields it names. */
  mapping?: MappingFile;
  /** Apply suggestions (kind `suggestion`) instead of only offering them (normalize --accept-suggestions). */
  acceptSuggestions?: boolean;
  /** Compute suggestions (default true; schema recognition turns them off). */
  suggest?: boolean;
  /**
   * The first data rows: each column's values are weighed against the fields (issue 11). A synonym or
   * title match whose content contradicts its field becomes a suggestion; content that fits a field
   * supports or makes suggestions.
   */
  sample?: ColumnSample;
}

const UNSET = -1;

/** The outcome of the automatic levels on (column, field) pairs. */
export interface LevelOutcome {
  /** Field → its column and the level that gave it. */
  assigned: Map<number, { column: number; level: Level }>;
  ties: { column: number; fields: number[]; level: Level }[];
  /** Fields and columns taken or blocked (by a tie) by the levels. */
  doneFields: Set<number>;
  doneCols: Set<number>;
}

/**
 * Resolve (column, field) pairs level by level, most confident first: a pair unique at its level (its
 * column matches only that field, its field only that column) is taken; a column or field with several
 * partners at the same level is a tie, reported and blocked for the weaker levels. `pairsByLevel[li]`
 * holds the pairs first found at LEVELS[li]. Sparse: cost grows with the pairs, not the header.
 */
export function resolveLevels(
  pairsByLevel: readonly (readonly [number, number])[][],
  doneFields: Set<number> = new Set(),
  doneCols: Set<number> = new Set(),
): LevelOutcome {
  const assigned = new Map<number, { column: number; level: Level }>();
  const ties: LevelOutcome['ties'] = [];
  LEVELS.forEach((level, li) => {
    const pairs = (pairsByLevel[li] ?? []).filter(([c, f]) => !doneCols.has(c) && !doneFields.has(f));
    if (pairs.length === 0) return;
    const perCol = new Map<number, number[]>();
    const perField = new Map<number, number>();
    for (const [c, f] of pairs) {
      (perCol.get(c) ?? perCol.set(c, []).get(c)!).push(f);
      perField.set(f, (perField.get(f) ?? 0) + 1);
    }
    const blockedCols: number[] = [];
    const blockedFields: number[] = [];
    const taken: [number, number][] = [];
    for (const [c, fs] of perCol) {
      if (fs.length === 1 && perField.get(fs[0]!) === 1) taken.push([c, fs[0]!]);
      else {
        // Several fields for this column, or several columns for its field: report, never guess.
        ties.push({ column: c, fields: fs, level });
        blockedCols.push(c);
        blockedFields.push(...fs);
      }
    }
    for (const [c, f] of taken) {
      assigned.set(f, { column: c, level });
      doneCols.add(c);
      doneFields.add(f);
    }
    for (const c of blockedCols) doneCols.add(c);
    for (const f of blockedFields) doneFields.add(f);
  });
  return { assigned, ties, doneFields, doneCols };
}

/** A decision of a mapping file: the field's column, a constant, or the columns it is composed from. */
interface PresetField {
  fieldIndex: number;
  column?: number;
  constant?: string;
  compose?: number[];
  split?: ResolvedSplit;
}

/** A match in progress: each field's match, the fields and columns taken, each field's column. */
interface MatchState {
  fields: FieldMatch[];
  doneFields: Set<number>;
  doneCols: Set<number>;
  fieldCol: number[];
}

/** A name match (title or synonym) set aside because the column's values cannot be the field's. */
interface Demoted {
  field: number;
  column: number;
  level: Level;
  fit: ContentFit;
}

/** Take a mapping file's decisions, before any automatic level. */
function applyPreset(
  state: MatchState,
  preset: readonly PresetField[],
  labels: readonly string[],
  index: SchemaIndex,
  sample: ColumnSample | undefined,
): void {
  const { fields, doneFields, doneCols, fieldCol } = state;
  for (const p of preset) {
    doneFields.add(p.fieldIndex);
    fields[p.fieldIndex]!.kind = 'mapping';
    if (p.constant !== undefined) fields[p.fieldIndex]!.constant = p.constant;
    if (p.compose !== undefined) {
      fields[p.fieldIndex]!.composed = composedByMapping(labels, index, p.fieldIndex, p.compose, sample);
      for (const c of p.compose) doneCols.add(c);
    }
    if (p.split !== undefined) {
      fields[p.fieldIndex]!.split = splitByMapping(labels, p.split, sample);
      doneCols.add(p.split.column);
    }
    if (p.column !== undefined) {
      fieldCol[p.fieldIndex] = p.column;
      doneCols.add(p.column);
    }
  }
}

/**
 * A label repeated to the letter is one column read twice (duplicate-label): the first one is matched,
 * as Frictionless does, and the repeats are left as extra columns rather than blocking the field.
 */
function skipRepeatedLabels(labels: readonly string[], doneCols: Set<number>): void {
  const firstOf = new Map<string, number>();
  for (let c = 0; c < labels.length; c++) {
    const label = labels[c]!;
    if (doneCols.has(c) || label.trim() === '') continue;
    if (firstOf.has(label)) doneCols.add(c);
    else firstOf.set(label, c);
  }
}

/** Every (column, field) pair still free, at the first (best) level where it is found. */
function pairsByLevel(
  labels: readonly string[],
  folded: readonly string[],
  index: SchemaIndex,
  state: MatchState,
): [number, number][][] {
  const pairs = pairsPerLevel();
  for (let c = 0; c < labels.length; c++) {
    if (state.doneCols.has(c) || folded[c] === '') continue;
    const seen = new Set<number>();
    LEVELS.forEach((level, li) => {
      const hits = index.keys[level].get(level === 'exact' ? labels[c]! : folded[c]!);
      if (!hits) return;
      for (const f of hits) {
        if (seen.has(f) || state.doneFields.has(f)) continue;
        seen.add(f);
        pairs[li]!.push([c, f]);
      }
    });
  }
  return pairs;
}

/**
 * Apply the pairs the levels resolved. Names that are only a title or an alias of the field are checked
 * against the content: a column whose values cannot be the field's is not used on its name alone
 * (issue 11) and is returned as demoted; its own name (exact, folded) is.
 */
function assignLevels(
  outcome: LevelOutcome,
  content: SampleContent | undefined,
  index: SchemaIndex,
  state: MatchState,
): Demoted[] {
  const demoted: Demoted[] = [];
  for (const [f, { column: c, level }] of outcome.assigned) {
    if (content && (level === 'title' || level === 'synonym')) {
      const fit = columnFit(content, c, fieldContent(index.schema!, f));
      if (contradicts(fit, fieldContent(index.schema!, f))) {
        demoted.push({ field: f, column: c, level, fit });
        state.doneFields.delete(f);
        state.doneCols.delete(c);
        continue;
      }
    }
    state.fieldCol[f] = c;
    state.fields[f]!.kind = level;
  }
  return demoted;
}

/** Level 5 and after: suggestions, composed columns, and suggestions applied when accepted. */
function suggestRest(
  labels: readonly string[],
  folded: readonly string[],
  index: SchemaIndex,
  state: MatchState,
  content: SampleContent | undefined,
  demoted: readonly Demoted[],
  acceptSuggestions: boolean | undefined,
): void {
  const fields = state.fields;
  suggest(labels, folded, index, fields, state.doneCols, state.doneFields, content, demoted);
  if (content) proposeComposed(labels, index, fields, content);
  if (content && index.schema) proposeSplits(labels, index.schema, fields, content);
  if (acceptSuggestions === true) {
    for (const m of fields) {
      if (!m.suggestion || m.column !== undefined) continue;
      m.column = m.suggestion.column;
      m.label = m.suggestion.label;
      m.kind = 'suggestion';
    }
  }
}

/** The mapping: the fields' matches, the ties of the levels, and the columns that feed no field. */
function mappingOf(
  labels: readonly string[],
  index: SchemaIndex,
  fields: FieldMatch[],
  outcome: LevelOutcome,
): ColumnMapping {
  const ties: ColumnMapping['ties'] = outcome.ties.map((t) => ({
    label: labels[t.column]!,
    column: t.column,
    fieldNames: t.fields.map((f) => index.fieldNames[f]!),
    kind: t.level,
  }));
  const extra: ColumnMapping['extra'] = [];
  const fed = new Set<number>();
  for (const m of fields) if (m.column !== undefined) fed.add(m.column);
  for (let c = 0; c < labels.length; c++) if (!fed.has(c)) extra.push({ column: c, label: labels[c]! });
  return { fields, extra, ties };
}

/**
 * A FieldMatch per field, not matched yet. Built by push, not `fieldNames.map`: the array an optimised
 * map() makes has another map than the builtin's, so that every function reading the mapping's fields
 * (here and in the validation) deoptimised once matchWithIndex was optimised.
 */
function fieldMatches(fieldNames: readonly string[]): FieldMatch[] {
  const fields: FieldMatch[] = [];
  for (let fieldIndex = 0; fieldIndex < fieldNames.length; fieldIndex++) {
    fields.push({ fieldName: fieldNames[fieldIndex]!, fieldIndex });
  }
  return fields;
}

/**
 * Match with a prepared index. `preset` holds the decisions of a mapping file (field → column or constant),
 * taken before any automatic level.
 */
export function matchWithIndex(
  labels: readonly string[],
  index: SchemaIndex,
  options: {
    suggest?: boolean;
    acceptSuggestions?: boolean;
    preset?: readonly PresetField[];
    sample?: ColumnSample;
  } = {},
): ColumnMapping {
  const state: MatchState = {
    fields: fieldMatches(index.fieldNames),
    doneFields: new Set<number>(),
    doneCols: new Set<number>(),
    fieldCol: new Array<number>(index.fieldCount).fill(UNSET),
  };
  applyPreset(state, options.preset ?? [], labels, index, options.sample);
  skipRepeatedLabels(labels, state.doneCols);
  // A dBase descriptor (`NOM,C,50`) is matched by its name.
  const folded = foldedLabels(labels);
  const outcome = resolveLevels(pairsByLevel(labels, folded, index, state), state.doneFields, state.doneCols);
  const content = options.sample && index.schema ? sampleContent(options.sample) : undefined;
  const demoted = assignLevels(outcome, content, index, state);
  for (let f = 0; f < index.fieldCount; f++) {
    const c = state.fieldCol[f]!;
    if (c === UNSET) continue;
    state.fields[f]!.column = c;
    state.fields[f]!.label = labels[c]!;
  }
  if (options.suggest !== false) {
    suggestRest(labels, folded, index, state, content, demoted, options.acceptSuggestions);
  }
  return mappingOf(labels, index, state.fields, outcome);
}

/** The words and letter pairs of a header's labels, computed once per label on first use. */
export interface LabelWords {
  tokens(column: number): readonly string[];
  bigrams(column: number): ReadonlyMap<string, number>;
}

/** Lazily computed words and letter pairs of labels (shared by the schemas a header is compared with). */
export function labelWords(labels: readonly string[], folded: readonly string[]): LabelWords {
  const tokens: (string[] | undefined)[] = new Array(labels.length);
  const grams: (Map<string, number> | undefined)[] = new Array(labels.length);
  return {
    tokens: (c) => (tokens[c] ??= labelTokens(labels[c]!)),
    bigrams: (c) => (grams[c] ??= bigrams(folded[c]!)),
  };
}

/** A candidate suggestion: its score and what it rests on. */
export interface SuggestionCandidate {
  score: number;
  evidence: Exclude<SuggestionEvidence, 'content-mismatch'>;
}

/**
 * Scored (column, field) suggestion candidates between free columns and free fields. Evidence, weighed
 * per pair: the name (edit distance, or words reordered, abbreviated or contained: tokensSimilarity),
 * and with a sample the content (a field the values contradict is never suggested; values that fit a
 * specific field support a looser name, or with `contentOnly`, point at it alone). Only pairs some index
 * entry links are scored: cost grows with the header, not with header × fields.
 */
export function suggestionCandidates(
  labels: readonly string[],
  folded: readonly string[],
  index: SchemaIndex,
  isFreeCol: (c: number) => boolean,
  freeFields: readonly number[],
  content: SampleContent | undefined,
  contentOnly = true,
  words: LabelWords = labelWords(labels, folded),
): Map<number, Map<number, SuggestionCandidate>> {
  const candidates = new Map<number, Map<number, SuggestionCandidate>>();
  if (freeFields.length === 0) return candidates;
  const isFreeField = new Set(freeFields);
  const sim = similarityIndex(index);
  const set = (c: number, f: number, cand: SuggestionCandidate): void => {
    const perCol = candidates.get(c) ?? candidates.set(c, new Map()).get(c)!;
    const old = perCol.get(f);
    if (!old || cand.score > old.score) perCol.set(f, cand);
  };

  const nameScores = new Map<number, number>();
  for (let c = 0; c < labels.length; c++) {
    if (!isFreeCol(c) || folded[c] === '') continue;
    nameScores.clear();
    const tokens = words.tokens(c);
    const keyHits = new Set<number>();
    for (const t of tokens) {
      for (const k of sim.byToken.get(t) ?? []) keyHits.add(k);
      const e = ABBREVIATIONS[t];
      if (e !== undefined) for (const k of sim.byToken.get(e) ?? []) keyHits.add(k);
      if (t.length >= 3) for (const k of sim.byPrefix.get(t.slice(0, 3)) ?? []) keyHits.add(k);
    }
    for (const k of keyHits) {
      const key = sim.keys[k]!;
      if (!isFreeField.has(key.field)) continue;
      const s = tokensSimilarity(tokens, key.tokens);
      if (s > (nameScores.get(key.field) ?? 0)) nameScores.set(key.field, s);
    }
    // Close spellings (typos), on the keys that share enough letter pairs to be within reach.
    for (const k of closeSpellings(sim, folded[c]!, words.bigrams(c))) {
      const key = sim.keys[k]!;
      if (!isFreeField.has(key.field)) continue;
      const s = boundedSimilarity(folded[c]!, key.folded, SUGGESTION_MIN_SIMILARITY);
      if (s > (nameScores.get(key.field) ?? 0)) nameScores.set(key.field, s);
    }
    for (const [f, s] of nameScores) {
      if (!content || !index.schema) {
        if (s >= SUGGESTION_MIN_SIMILARITY) set(c, f, { score: s, evidence: 'name' });
        continue;
      }
      const fc = fieldContent(index.schema, f);
      const fit = columnFit(content, c, fc);
      if (contradicts(fit, fc)) continue;
      if (supports(fit) && fc.specificity > 0 && s >= SUGGESTION_MIN_SIMILARITY_WITH_CONTENT) {
        set(c, f, { score: Math.min(0.99, s + 0.1 * fc.specificity), evidence: 'name+content' });
      } else if (s >= SUGGESTION_MIN_SIMILARITY) set(c, f, { score: s, evidence: 'name' });
    }
  }

  // Content alone: a field specific enough (a SIRET, an ACTES matter, an enum) and a column whose values fit it.
  if (content && index.schema && contentOnly) {
    for (const f of freeFields) {
      if (!mayBeSpecific(index.schema, f)) continue;
      const fc = fieldContent(index.schema, f);
      for (const c of contentCandidates(content, fc)) {
        if (!isFreeCol(c) || folded[c] === '' || candidates.get(c)?.has(f)) continue;
        if (!columnSupports(content, c, fc)) continue;
        // Content alone points at a field only when the field is specific enough (costly: asked last).
        if (fc.specificity < CONTENT_ONLY_MIN_SPECIFICITY) break;
        const fit = columnFit(content, c, fc);
        if (fit.n >= 2)
          set(c, f, { score: 0.5 + 0.25 * fc.specificity * (fit.ok / fit.n), evidence: 'content' });
      }
    }
  }
  return candidates;
}

/** The pairs that are each other's unique best among the candidates, in field order. */
export function mutualBest(
  candidates: ReadonlyMap<number, ReadonlyMap<number, SuggestionCandidate>>,
  freeFields: readonly number[],
): { field: number; column: number; candidate: SuggestionCandidate }[] {
  const perField = new Map<number, [number, number][]>();
  for (const [c, fs] of candidates)
    for (const [f, cand] of fs) (perField.get(f) ?? perField.set(f, []).get(f)!).push([c, cand.score]);
  const out: { field: number; column: number; candidate: SuggestionCandidate }[] = [];
  for (const f of freeFields) {
    const c = uniqueBest(perField.get(f) ?? []);
    if (c === undefined) continue;
    const forCol: [number, number][] = [...candidates.get(c)!].map(([g, cand]) => [g, cand.score]);
    if (uniqueBest(forCol) !== f) continue;
    out.push({ field: f, column: c, candidate: candidates.get(c)!.get(f)! });
  }
  return out;
}

/**
 * Level 5: suggestions, each the mutual best of its column and field (suggestionCandidates,
 * mutualBest). Name matches demoted by their content come back as `content-mismatch` suggestions when
 * nothing better claims their column or field.
 */
function suggest(
  labels: readonly string[],
  folded: readonly string[],
  index: SchemaIndex,
  fields: FieldMatch[],
  doneCols: ReadonlySet<number>,
  doneFields: ReadonlySet<number>,
  content: SampleContent | undefined,
  demoted: readonly { field: number; column: number; level: Level; fit: ContentFit }[],
): void {
  const freeFields: number[] = [];
  for (let f = 0; f < index.fieldCount; f++) if (!doneFields.has(f)) freeFields.push(f);
  const candidates = suggestionCandidates(
    labels,
    folded,
    index,
    (c) => !doneCols.has(c),
    freeFields,
    content,
  );
  const suggestedCols = new Set<number>();
  for (const { field, column, candidate } of mutualBest(candidates, freeFields)) {
    fields[field]!.suggestion = {
      column,
      label: labels[column]!,
      score: Math.round(candidate.score * 1000) / 1000,
      ...(content ? { evidence: candidate.evidence } : {}),
    };
    suggestedCols.add(column);
  }

  for (const d of demoted) {
    const m = fields[d.field]!;
    if (m.suggestion || suggestedCols.has(d.column)) continue;
    m.suggestion = {
      column: d.column,
      label: labels[d.column]!,
      score: d.fit.n === 0 ? 0 : Math.round(((d.fit.n - d.fit.no) / d.fit.n) * 1000) / 1000,
      evidence: 'content-mismatch',
      nameKind: d.level,
      refused: d.fit.refused,
    };
    suggestedCols.add(d.column);
  }
}

/** A longitude or latitude column, by name: a word of the name, or the whole folded name. */
const LON_WORDS = new Set(['x', 'lon', 'long', 'lng', 'longitude']);
const LAT_WORDS = new Set(['y', 'lat', 'latitude']);

/** Decimal degrees within ±`max` in every sampled value (a point or a comma as decimal separator). */
function degrees(content: SampleContent, column: number, max: number): boolean {
  const values = content.columns[column]?.values ?? [];
  return (
    values.length > 0 &&
    values.every((v) => /^-?\d{1,3}(?:[.,]\d+)?$/.test(v) && Math.abs(Number(v.replace(',', '.'))) <= max)
  );
}

/**
 * Proposals to build a field from two columns (FieldMatch.composed), from their names and content:
 * a field that takes a coordinate pair (`[lon,lat]`, `lon, lat`…) and has no column, and exactly one
 * free longitude column and one free latitude column (`Xlongitude`, `Ylatitude`; `lng`, `lat`) whose
 * values are decimal degrees. The proposal gives the form the field accepts, shown on the first row.
 * Matching never applies it.
 */
function proposeComposed(
  labels: readonly string[],
  index: SchemaIndex,
  fields: FieldMatch[],
  content: SampleContent,
): void {
  if (!index.schema) return;
  const used = new Set<number>();
  for (const m of fields) {
    if (m.column !== undefined) used.add(m.column);
    if (m.suggestion) used.add(m.suggestion.column);
    for (const c of m.composed?.columns ?? []) used.add(c);
  }
  proposeDateTime(labels, index, fields, content, used);
  proposeLonLat(labels, index, fields, content, used);
}

/**
 * The composition a mapping file asks for: a date and a time for a `datetime` field, else a coordinate
 * pair in the form the field accepts on the first sampled row (`[lon,lat]` when nothing tells).
 */
function composedByMapping(
  labels: readonly string[],
  index: SchemaIndex,
  fieldIndex: number,
  columns: number[],
  sample: ColumnSample | undefined,
): ComposedProposal {
  const base = { columns, labels: columns.map((c) => labels[c]!), fromMapping: true };
  const first = columns.map((c) => sample?.rows[0]?.[c] ?? '');
  if (index.schema?.fields[fieldIndex]?.type === 'datetime') {
    const p: ComposedProposal = { ...base, how: 'date-time', template: '{0}T{1}' };
    return sample ? { ...p, example: composeValue(first, p) } : p;
  }
  const templates = ['[{0},{1}]', '[{0}, {1}]', '{0}, {1}', '{0},{1}'];
  const fc = index.schema ? fieldContent(index.schema, fieldIndex) : undefined;
  const fits = (t: string): boolean =>
    fc !== undefined && fc.fit(composeValue(first, { ...base, how: 'lon-lat', template: t })) === 'ok';
  const template = (sample ? templates.find(fits) : undefined) ?? templates[0]!;
  const p: ComposedProposal = { ...base, how: 'lon-lat', template };
  return sample ? { ...p, example: composeValue(first, p) } : p;
}

/** Every sampled value of a column matches `pattern` (and there is at least one). */
function allMatch(content: SampleContent, column: number, pattern: RegExp): boolean {
  const values = content.columns[column]?.values ?? [];
  return values.length > 0 && values.every((v) => pattern.test(v.trim()));
}

/**
 * A `datetime` field with no column, and exactly one free column of dates and one of times (`2024-03-01`
 * and `08:30`, `01/03/2024` and `8h30`): proposed as `{date}T{time}`, when the field accepts the result.
 */
function proposeDateTime(
  labels: readonly string[],
  index: SchemaIndex,
  fields: FieldMatch[],
  content: SampleContent,
  used: ReadonlySet<number>,
): void {
  const schema = index.schema!;
  const dates: number[] = [];
  const times: number[] = [];
  for (let c = 0; c < labels.length; c++) {
    if (used.has(c)) continue;
    if (allMatch(content, c, DATE_VALUE)) dates.push(c);
    else if (allMatch(content, c, TIME_VALUE)) times.push(c);
  }
  if (dates.length !== 1 || times.length !== 1) return;
  const [d, t] = [dates[0]!, times[0]!];
  const open = fields.filter(
    (m) =>
      m.column === undefined &&
      !m.suggestion &&
      m.constant === undefined &&
      !m.composed &&
      schema.fields[m.fieldIndex]?.type === 'datetime',
  );
  if (open.length !== 1) return;
  const m = open[0]!;
  const proposal: ComposedProposal = {
    columns: [d, t],
    labels: [labels[d]!, labels[t]!],
    how: 'date-time',
    template: '{0}T{1}',
  };
  const example = composeValue(
    [content.columns[d]?.values[0] ?? '', content.columns[t]?.values[0] ?? ''],
    proposal,
  );
  if (fieldContent(schema, m.fieldIndex).fit(example) !== 'ok') return;
  m.composed = { ...proposal, example };
  (used as Set<number>).add(d);
  (used as Set<number>).add(t);
}

/**
 * The value of a composed field from its source values (in the proposal's column order), or '' when
 * every source is empty: `[lon,lat]` with decimal points, or `YYYY-MM-DDTHH:MM:SS`.
 */
export function composeValue(values: readonly string[], p: ComposedProposal): string {
  const v = values.map((x) => x.trim());
  if (v.every((x) => x === '')) return '';
  const parts =
    p.how === 'lon-lat' ? v.map((x) => x.replace(',', '.')) : [isoDate(v[0] ?? ''), isoTime(v[1] ?? '')];
  return parts.reduce((text, x, i) => text.replace(`{${i}}`, x), p.template ?? '');
}

/**
 * The `[lon, lat]` proposal: a field that takes a coordinate pair and has no column, and exactly one free
 * longitude column and one free latitude column whose values are decimal degrees.
 */
function proposeLonLat(
  labels: readonly string[],
  index: SchemaIndex,
  fields: FieldMatch[],
  content: SampleContent,
  used: ReadonlySet<number>,
): void {
  if (!index.schema) return;
  const named = (c: number, words: ReadonlySet<string>, whole: string): boolean =>
    labelTokens(labels[c]!).some((t) => words.has(t)) || foldLabel(labelName(labels[c]!)).includes(whole);
  const lon: number[] = [];
  const lat: number[] = [];
  for (let c = 0; c < labels.length; c++) {
    if (used.has(c)) continue;
    if (named(c, LON_WORDS, 'longitude') && degrees(content, c, 180)) lon.push(c);
    else if (named(c, LAT_WORDS, 'latitude') && degrees(content, c, 90)) lat.push(c);
  }
  if (lon.length !== 1 || lat.length !== 1) return;
  const [x, y] = [lon[0]!, lat[0]!];
  const first = (c: number): string => (content.columns[c]?.values[0] ?? '').replace(',', '.');
  const templates = ['[{0},{1}]', '[{0}, {1}]', '{0}, {1}', '{0},{1}'];
  const forms = templates.map((t) => (a: string, b: string) => t.replace('{0}', a).replace('{1}', b));
  for (const m of fields) {
    if (m.column !== undefined || m.suggestion || m.constant !== undefined || m.composed) continue;
    if (!mayBeSpecific(index.schema, m.fieldIndex)) continue;
    // A field made for coordinates: it takes pairs and refuses ordinary text (not any string field).
    const fc = fieldContent(index.schema, m.fieldIndex);
    if (!fc.acceptsKind('point') || fc.specificity < CONTENT_ONLY_MIN_SPECIFICITY) continue;
    const k = forms.findIndex((f) => fc.fit(f(first(x), first(y))) === 'ok');
    if (k < 0) continue;
    m.composed = {
      columns: [x, y],
      labels: [labels[x]!, labels[y]!],
      how: 'lon-lat',
      example: forms[k]!(first(x), first(y)),
      template: templates[k]!,
    };
    return;
  }
}

/** The unique best partner among `[partner, score]` pairs, or undefined when there is none or a tie. */
function uniqueBest(pairs: readonly [number, number][]): number | undefined {
  let best = -1;
  let who: number | undefined;
  let tied = false;
  for (const [other, s] of pairs) {
    if (s > best) [best, who, tied] = [s, other, false];
    else if (s === best) tied = true;
  }
  return tied ? undefined : who;
}

const indexCache = new WeakMap<TableSchema, Map<string, SchemaIndex>>();

/** The index of a schema with the bundled synonyms of `schemaName`, cached per schema object. */
export function cachedSchemaIndex(schema: TableSchema, schemaName?: string): SchemaIndex {
  let bySchema = indexCache.get(schema);
  if (!bySchema) indexCache.set(schema, (bySchema = new Map()));
  const k = schemaName?.replace(/@.*$/, '').toLowerCase() ?? '';
  let index = bySchema.get(k);
  if (!index) {
    index = indexSchema(schema, schemaName ? bundledSynonyms(schemaName) : undefined);
    bySchema.set(k, index);
  }
  return index;
}

/**
 * Map the input header onto the schema's fields. Each field gets at most one column and each column
 * feeds at most one field. Levels are tried in order of confidence (exact name; name folded for case,
 * accents and separators; folded title; folded synonym); a column or field that matches several at the
 * same level is reported in `ties` and left unmapped. Similarity only yields `suggestion`s, applied when
 * `acceptSuggestions`. A mapping file overrides the fields it names and its columns are taken first.
 *
 * @throws OdfError('mapping-invalid') when the mapping file names a field the schema lacks or a column
 * the input lacks (with the file's line).
 */
export function matchColumns(
  labels: readonly string[],
  schema: TableSchema,
  options: MatchOptions = {},
): ColumnMapping {
  const useBundled = options.bundledSynonyms !== false && options.schemaName !== undefined;
  const index =
    options.synonyms === undefined
      ? useBundled
        ? cachedSchemaIndex(schema, options.schemaName)
        : indexSchema(schema)
      : indexSchema(
          schema,
          mergeSynonyms(useBundled ? bundledSynonyms(options.schemaName!) : undefined, options.synonyms),
        );
  const preset = options.mapping
    ? resolveMappingFile(options.mapping, labels, schema, options.schemaName)
    : undefined;
  return matchWithIndex(labels, index, {
    preset,
    suggest: options.suggest,
    acceptSuggestions: options.acceptSuggestions,
    sample: options.sample,
  });
}

const AUTO_RENAMED = new Set<MatchKind>(['folded', 'title', 'synonym', 'suggestion']);

/** `missing-label` (or `missing-optional-label`) for a field no column feeds, with what could fill it. */
function missingLabel(m: FieldMatch, required: boolean): Finding {
  return {
    code: required ? 'missing-label' : 'missing-optional-label',
    level: required ? 'error' : 'warning',
    loc: { rowNumber: 1, fieldName: m.fieldName, fieldNumber: m.fieldIndex + 1 },
    params: {
      fieldName: m.fieldName,
      required,
      // A column whose values do not fit is not offered as « looks like it » (label-content-mismatch says why).
      ...(m.suggestion && m.suggestion.evidence !== 'content-mismatch'
        ? { suggestion: m.suggestion.label }
        : {}),
      ...(m.constant !== undefined ? { constant: m.constant } : {}),
      // Two columns that make the field together (`Xlongitude`, `Ylatitude` for `[lon,lat]`): proposed.
      ...(m.composed ? { composedFrom: m.composed.labels, example: m.composed.example } : {}),
      ...(m.split ? splitParams(m.split) : {}),
    },
    ...(m.constant !== undefined || m.composed || (m.split && splitApplicable(m.split))
      ? { fixable: true }
      : {}),
  };
}

/** The finding of a field's suggestion: `label-content-mismatch` (a name match refused) or `label-suggestion`. */
function suggestionFinding(m: FieldMatch, suggestion: NonNullable<FieldMatch['suggestion']>): Finding {
  const loc = {
    rowNumber: 1,
    fieldName: m.fieldName,
    fieldNumber: m.fieldIndex + 1,
    column: suggestion.label,
  };
  if (suggestion.evidence === 'content-mismatch') {
    // A synonym or title match not applied: its values are not the field's (issue 11).
    return {
      code: 'label-content-mismatch',
      level: 'warning',
      loc,
      params: {
        label: suggestion.label,
        fieldName: m.fieldName,
        kind: suggestion.nameKind,
        fit: suggestion.score,
        refused: suggestion.refused ?? [],
        columnNumber: suggestion.column + 1,
      },
      fixable: true,
    };
  }
  return {
    code: 'label-suggestion',
    level: 'warning',
    loc,
    params: {
      label: suggestion.label,
      fieldName: m.fieldName,
      score: suggestion.score,
      columnNumber: suggestion.column + 1,
      ...(suggestion.evidence !== undefined ? { evidence: suggestion.evidence } : {}),
    },
    fixable: true,
  };
}

/** The findings of one field: renamed (`incorrect-label`), or missing with its suggestion if any. */
function fieldFindings(
  m: FieldMatch,
  schema: TableSchema,
  tiedFields: ReadonlySet<string>,
  out: Finding[],
): void {
  const required = schema.fields[m.fieldIndex]?.constraints?.required === true;
  // A column a mapping file assigns still has to be renamed for the file to be conform as published.
  const renamed = m.kind === 'mapping' && m.label !== undefined && m.label !== m.fieldName;
  if (m.column !== undefined && m.kind && (AUTO_RENAMED.has(m.kind) || renamed)) {
    out.push({
      code: 'incorrect-label',
      level: 'error',
      loc: { rowNumber: 1, fieldName: m.fieldName, fieldNumber: m.fieldIndex + 1, column: m.label },
      params: { label: m.label, fieldName: m.fieldName, kind: m.kind, columnNumber: m.column + 1 },
      fixable: true,
    });
    return;
  }
  if (m.column !== undefined) return;
  // A constant from a mapping file fills the column when normalising; the file as it is still lacks it.
  if (!tiedFields.has(m.fieldName)) out.push(missingLabel(m, required));
  if (m.suggestion) out.push(suggestionFinding(m, m.suggestion));
}

/** `ambiguous-label` for each tie, naming the other columns competing for the same field(s). */
function tieFindings(mapping: ColumnMapping, schema: TableSchema): Finding[] {
  return mapping.ties.map((t) => {
    const first = schema.fields.findIndex((f) => f.name === t.fieldNames[0]);
    return {
      code: 'ambiguous-label',
      level: 'warning',
      loc: { rowNumber: 1, fieldName: t.fieldNames[0], fieldNumber: first + 1, column: t.label },
      params: {
        label: t.label,
        fieldNames: t.fieldNames,
        kind: t.kind,
        columnNumber: t.column + 1,
        rivals: mapping.ties
          .filter((o) => o !== t && o.fieldNames.some((f) => t.fieldNames.includes(f)))
          .map((o) => o.label),
      },
    };
  });
}

/** `label-order` when the mapped columns are not in the schema's order. */
function orderFinding(mapping: ColumnMapping, labels: readonly string[]): Finding | undefined {
  const order = mapping.fields.filter((m) => m.column !== undefined);
  const outOfOrder = order.some((m, i) => i > 0 && m.column! < order[i - 1]!.column!);
  if (!outOfOrder) return undefined;
  return {
    code: 'label-order',
    level: 'warning',
    loc: { rowNumber: 1 },
    params: {
      expected: order.map((m) => m.fieldName),
      // The mapped input labels in the order the file has them.
      actual: [...order].sort((a, b) => a.column! - b.column!).map((m) => labels[m.column!] ?? m.fieldName),
    },
    fixable: true,
  };
}

/**
 * The header findings of a mapping (the validator adds them before the rows): incorrect-label,
 * label-suggestion, ambiguous-label, missing-label / missing-optional-label, extra-label, label-order.
 * Every finding is on the header row (rowNumber 1), with the field's name and 1-based position in the
 * schema (fieldNumber) and the input column label when there is one.
 */
export function mappingFindings(
  mapping: ColumnMapping,
  schema: TableSchema,
  labels: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  const tiedCols = new Set(mapping.ties.map((t) => t.column));
  const tiedFields = new Set(mapping.ties.flatMap((t) => t.fieldNames));
  const suggestedCols = new Set<number>();
  for (const m of mapping.fields) {
    if (m.column === undefined && m.suggestion) suggestedCols.add(m.suggestion.column);
    fieldFindings(m, schema, tiedFields, out);
  }
  for (const f of tieFindings(mapping, schema)) out.push(f);
  for (const e of mapping.extra) {
    if (tiedCols.has(e.column) || suggestedCols.has(e.column)) continue;
    // A blank header is reported as blank-label by the structure checks.
    if (e.label.trim() === '') continue;
    out.push({
      code: 'extra-label',
      level: 'warning',
      loc: { rowNumber: 1, column: e.label },
      params: { label: e.label, columnNumber: e.column + 1 },
    });
  }
  const order = orderFinding(mapping, labels);
  if (order) out.push(order);
  return out;
}

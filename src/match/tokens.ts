// Label words: how a header compares with a field when its words are reordered, abbreviated or contained.
import { foldLabel } from '../text/fold.js';

/** A dBase / shapefile column descriptor as some tools write it in a header: `NOM,C,50`, `ID,N,6,0`. */
export interface DbaseDescriptor {
  /** The column's name (`NOM`). */
  name: string;
  /** The dBase type letter, upper case: C character, N numeric, F float, L logical, D date, M memo… */
  type: string;
  width: number;
  decimals?: number;
}

// dBase III–7 field types (C N F L D M, and B G I O T Y @ + of the later versions); a width of 1–3 digits.
const DBASE = /^\s*([^,]*[^\s,])\s*,\s*([CNFLDMBGIOTY@+])\s*,\s*(\d{1,3})(?:\s*,\s*(\d{1,2}))?\s*$/i;

/** The dBase descriptor a label is made of, or undefined when it is not one (`NOM,C,50` → NOM, C, 50). */
export function dbaseDescriptor(label: string): DbaseDescriptor | undefined {
  const m = DBASE.exec(label);
  if (!m) return undefined;
  return {
    name: m[1]!,
    type: m[2]!.toUpperCase(),
    width: Number(m[3]),
    ...(m[4] !== undefined ? { decimals: Number(m[4]) } : {}),
  };
}

/** The name a label stands for: the label itself, or the name of its dBase descriptor. */
export function labelName(label: string): string {
  return dbaseDescriptor(label)?.name ?? label;
}

/**
 * The folded names of a header's labels (foldLabel of labelName), as a packed array of strings. Built by
 * push, not `labels.map`: once optimised, map() gives its result the elements kind of its input, and
 * labels come both packed and holey (the reader's header rows, the header search's candidate rows), so
 * every function of the matching that reads the folded labels deoptimised when it met the other kind.
 */
export function foldedLabels(labels: readonly string[]): string[] {
  const folded: string[] = [];
  for (let c = 0; c < labels.length; c++) folded.push(foldLabel(labelName(labels[c]!)));
  return folded;
}

/** Words that carry no meaning in a column name (French and English articles and prepositions). */
const STOP_WORDS = new Set([
  'de',
  'du',
  'des',
  'd',
  'la',
  'le',
  'les',
  'l',
  'a',
  'au',
  'aux',
  'en',
  'et',
  'of',
  'the',
]);

const MARKS_RE = /\p{M}/gu;

/**
 * The words of a label, folded (see foldLabel) and without articles: split at separators, at camelCase
 * boundaries and between letters and digits. `DELIB_DATE`, `dateDelib` and « Date de délib. » give
 * [delib, date], [date, delib] and [date, delib]. A dBase descriptor counts as its name.
 */
export function labelTokens(label: string): string[] {
  const spaced = labelName(label)
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2');
  const out: string[] = [];
  for (const part of spaced.split(/[^\p{L}\p{N}]+/u)) {
    const t = foldLabel(part);
    if (t !== '' && !STOP_WORDS.has(t)) out.push(t);
  }
  return out;
}

/**
 * Abbreviations of administrative column names that are not simply the start of the word (those are
 * found by prefix: `delib`, `benef`, `subv`), folded → the word they stand for.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  mt: 'montant',
  mnt: 'montant',
  mtt: 'montant',
  nb: 'nombre',
  nbr: 'nombre',
  nbre: 'nombre',
  no: 'numero',
  n: 'numero',
  nro: 'numero',
  num: 'numero',
  dt: 'date',
  cd: 'code',
  id: 'identifiant',
  idt: 'identifiant',
  ident: 'identifiant',
  qte: 'quantite',
  qty: 'quantite',
  pct: 'pourcentage',
  tx: 'taux',
  lbl: 'libelle',
  lib: 'libelle',
  lng: 'longitude',
  lon: 'longitude',
  long: 'longitude',
  lat: 'latitude',
  an: 'annee',
  tel: 'telephone',
  adr: 'adresse',
  cp: 'codepostal',
};

/** How well two folded words match: 1 equal, 0.9 abbreviation, 0.75 prefix (3+ letters), else close spelling. */
export function tokenScore(a: string, b: string): number {
  if (a === b) return 1;
  const ea = ABBREVIATIONS[a] ?? a;
  const eb = ABBREVIATIONS[b] ?? b;
  if (ea === eb) return 0.9;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short) && /\p{L}/u.test(short)) return 0.75;
  if (short.length >= 5) {
    const s = boundedSimilarity(a, b, 0.8);
    if (s >= 0.8) return 0.95 * s;
  }
  return 0;
}

/**
 * Similarity of two word lists in 0..1, order ignored: each word of the shorter list is paired with its
 * best unused partner (tokenScore). Reordered words score 0.95 (`DELIB_DATE` / `DATE_DELIB`); a list
 * contained in the other scores 0.75 + 0.2 × the share of the longer list it covers
 * (`montant` / `montant_subvention`: 0.85), otherwise the Dice coefficient of the pairing.
 */
export function tokensSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const used = new Array<boolean>(large.length).fill(false);
  let matched = 0;
  let full = 0;
  for (const t of small) {
    let best = 0;
    let at = -1;
    for (let j = 0; j < large.length; j++) {
      if (used[j]) continue;
      const s = tokenScore(t, large[j]!);
      if (s > best) [best, at] = [s, j];
    }
    if (at >= 0) {
      used[at] = true;
      matched += best;
      if (best >= 0.9) full++;
    }
  }
  // At least one word must match for real (equal or a known abbreviation): prefixes alone are too loose.
  if (full === 0) return 0;
  const dice = (2 * matched) / (a.length + b.length);
  const cover = matched / small.length;
  // Containment needs substance: two words, or one long word (`montant`), never `id`, `nom` or `date` alone.
  const substantial = small.length >= 2 || (small[0]!.length >= 5 && /\p{L}/u.test(small[0]!));
  const contained = cover >= 0.85 && substantial ? 0.75 + (0.2 * matched) / large.length : 0;
  return Math.min(0.95, Math.max(dice, contained));
}

/**
 * 1 − edit distance / longer length, computed only as far as it can still reach `min` (a banded
 * Levenshtein that stops as soon as the distance exceeds what `min` allows): 0 when below `min`.
 */
export function boundedSimilarity(a: string, b: string, min: number): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  const maxDistance = Math.floor((1 - min) * longest + 1e-9);
  if (Math.abs(a.length - b.length) > maxDistance) return 0;
  const d = boundedDistance(a, b, maxDistance);
  if (d > maxDistance) return 0;
  const s = 1 - d / longest;
  return s >= min ? s : 0;
}

/** Levenshtein distance when it is at most `k`, else any value above `k` (work O(k · length)). */
function boundedDistance(a: string, b: string, k: number): number {
  const n = a.length;
  const m = b.length;
  const big = k + 1;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : big;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - k);
    const to = Math.min(m, i + k);
    cur.fill(big);
    cur[0] = i <= k ? i : big;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v > big ? big : v;
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > k) return big;
    [prev, cur] = [cur, prev];
  }
  return prev[m]!;
}

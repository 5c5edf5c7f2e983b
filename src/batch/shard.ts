// Shards of a batch: `--shard K/N` keeps the inputs whose stable hash falls in share K of N, the same on every machine.
import { createHash } from 'node:crypto';
import { OdfError } from '../errors.js';

/** Share `index` (1-based, like GitLab's CI_NODE_INDEX) of `total` shares. */
export interface Shard {
  index: number;
  total: number;
}

/** Shares at most: more machines than this is a typing mistake, not a plan. */
export const MAX_SHARDS = 10_000;

/**
 * Parse `K/N` (1 ≤ K ≤ N): the share this machine takes. `1/1` is the whole batch.
 * @throws OdfError `bad-option` with one sentence when the text is not of that form.
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || total > MAX_SHARDS || index < 1 || index > total) {
    throw new OdfError(
      'bad-option',
      `L'option --shard attend K/N avec 1 ≤ K ≤ N (par exemple 2/4 pour la deuxième part sur quatre), pas « ${text} ».`,
      { option: '--shard', value: text },
      `Option --shard expects K/N with 1 ≤ K ≤ N (for example 2/4 for the second share of four), not "${text}".`,
    );
  }
  return { index, total };
}

/**
 * The share (1..total) an input belongs to: the first 48 bits of the SHA-256 of its name (as written:
 * relative path or URL), modulo `total`. Independent of the machine, the input order and the other inputs.
 */
export function shardOf(name: string, total: number): number {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return (digest.readUIntBE(0, 6) % total) + 1;
}

/** True when `name` belongs to `shard` (always true without a shard). */
export function inShard(name: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(name, shard.total) === shard.index;
}

/** The shard label as typed (`2/4`). */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.total}`;
}

// HyperLogLog: counts distinct values in fixed memory (4 KiB a column, about 1.6 % standard error).

/** Index bits: 2^12 = 4096 one-byte registers. */
const P = 12;
const M = 1 << P;
/** The hashes are 53-bit: P bits pick the register, the other 41 give the rank. */
const REST_BITS = 53 - P;
const ALPHA = 0.7213 / (1 + 1.079 / M);
/**
 * 2 ** -r for every value a one-byte register can hold: estimate reads them here rather than calling
 * Math.pow per register (a C call, a few hundred instructions each, 4096 per overflowed column). Powers
 * of two down to 2 ** -255 are exact doubles, so the sum is the same, term for term.
 */
const INVERSE_POWERS = Float64Array.from({ length: 256 }, (_, r) => 2 ** -r);

/** A HyperLogLog sketch fed with 53-bit hashes (Flajolet et al. 2007, with linear counting for small sets). */
export class HyperLogLog {
  private readonly registers = new Uint8Array(M);

  /** Add one value by its 53-bit hash (see hash53). */
  add(hash: number): void {
    this.addParts(Math.floor(hash / 4294967296), hash >>> 0);
  }

  /**
   * Add one value by the halves of its 53-bit hash (see hash53Parts): `high` holds the top 21 bits, `low`
   * the low 32 (as an int32 or a uint32). Integer steps only: no log, no division.
   */
  addParts(high: number, low: number): void {
    // The top 21 bits hold the P index bits and the first 9 bits of the remainder; the low 32 bits the rest.
    const index = high >>> (REST_BITS - 32);
    const restHigh = high & ((1 << (REST_BITS - 32)) - 1);
    // Rank = position of the leftmost 1 in the REST_BITS-bit remainder (REST_BITS + 1 when it is zero).
    let rank: number;
    if (restHigh !== 0) rank = Math.clz32(restHigh) - (32 - (REST_BITS - 32)) + 1;
    else rank = low !== 0 ? REST_BITS - 31 + Math.clz32(low) : REST_BITS + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  /** A copy of the registers (for the merge of chunks: see merge). */
  registersCopy(): Uint8Array {
    return this.registers.slice();
  }

  /** Take in the registers of a sketch of other values: the sketch then counts both sets, as if fed both. */
  merge(registers: Uint8Array): void {
    const r = this.registers;
    for (let i = 0; i < M; i++) if (registers[i]! > r[i]!) r[i] = registers[i]!;
  }

  /** The estimated number of distinct hashes added. */
  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      const r = this.registers[i]!;
      sum += INVERSE_POWERS[r]!;
      if (r === 0) zeros++;
    }
    const raw = (ALPHA * M * M) / sum;
    if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    return Math.round(raw);
  }
}

// Column profile: fill rate, distinct values (exact then HyperLogLog), numbers and dates ranges, frequent values.
import { describe, expect, it } from 'vitest';
import { createProfiler, parseLooseDate, parseLooseNumber } from '../../src/profile/profile.js';
import { HyperLogLog } from '../../src/profile/hyperloglog.js';
import { FrequentValues } from '../../src/profile/frequent.js';
import { random as seeded } from '../../scripts/random.js';
import { HashSet53 } from '../../src/profile/hash-set.js';
import { IdBudget, ValueRecorder } from '../../src/profile/value-stream.js';
import { HASH_PARTS, hash53, hash53Parts, number53Parts } from '../../src/checks/hash.js';
import type { TableSchema } from '../../src/schema/types.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';

function profileOf(
  labels: string[],
  rows: string[][],
  extra: { schema?: TableSchema; mapping?: ColumnMapping } = {},
  limits = {},
) {
  const p = createProfiler({ labels, ...extra }, limits);
  rows.forEach((cells, i) => p.observer.row(cells, i + 2, i + 2));
  expect(p.observer.end()).toEqual([]);
  return p;
}

describe('parseLooseNumber', () => {
  it.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['1 234,5', 1234.5],
    ['1\u202f234', 1234],
    ['+7', 7],
    [',5', 0.5],
    ['1e3', 1000],
    ['12%', undefined],
    ['abc', undefined],
    ['1.2.3', undefined],
    ['', undefined],
  ])('%j → %j', (text, n) => {
    expect(parseLooseNumber(text)).toBe(n);
  });
});

describe('parseLooseNumber on plain decimals', () => {
  /** What it reads them as: the loose grammar, then Number(), finite values only. */
  const reference = (s: string): number | undefined => {
    if (!/^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/.test(s)) return undefined;
    const n = Number(s.replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
  };

  it('equals Number() on decimals of every length, signed or not, and refuses infinite ones', () => {
    const rand = seeded(7);
    const digits = (k: number): string => Array.from({ length: k }, () => Math.floor(rand() * 10)).join('');
    const cases = [
      '1' + '0'.repeat(400),
      '-' + '9'.repeat(320) + '.5',
      '+7',
      '.5',
      '5.',
      '-.25',
      '-0',
      '0012',
    ];
    for (let k = 0; k < 5000; k++) {
      const sign = ['', '-', '+'][Math.floor(rand() * 3)]!;
      const int = digits(Math.floor(rand() * 20));
      const frac = rand() < 0.6 ? '.' + digits(Math.floor(rand() * 20)) : '';
      cases.push(sign + int + frac);
    }
    for (const s of cases) expect(parseLooseNumber(s), s).toBe(reference(s));
  });
});

describe('parseLooseDate', () => {
  it.each([
    ['2024-03-21', '2024-03-21'],
    ['2024-03-21T10:00:00Z', '2024-03-21'],
    ['21/03/2024', '2024-03-21'],
    ['2024-13-01', undefined],
    ['32/01/2024', undefined],
    ['2024-03', undefined],
    ['mars 2024', undefined],
  ])('%j → %j', (text, d) => {
    expect(parseLooseDate(text)).toBe(d);
  });
});

describe('createProfiler', () => {
  const labels = ['commune', 'montant', 'date', 'vide'];
  const rows = [
    ['Montreuil', '1 200,50', '2024-01-15', ''],
    ['Pantin', '800', '15/02/2023', ''],
    ['Montreuil', '-3', '2024-03-21', ''],
    ['', 'n/a', '', ' '],
    ['Montreuil', '15000', '2022-12-31'],
  ];

  it('reports fill rate, distinct values, ranges and frequent values per column', () => {
    const [commune, montant, date, vide] = profileOf(labels, rows).result();
    expect(commune).toMatchObject({
      column: 1,
      label: 'commune',
      type: 'string',
      rows: 5,
      filled: 4,
      fillRate: 0.8,
      distinct: 2,
      distinctExact: true,
    });
    expect(commune!.top).toEqual([
      { value: 'Montreuil', count: 3 },
      { value: 'Pantin', count: 1 },
    ]);
    expect(commune!.numbers).toBeUndefined();
    // Four numbers in five values is not enough to call the column numeric.
    expect(montant).toMatchObject({ type: 'string', filled: 5 });
    expect(montant!.numbers).toBeUndefined();
    expect(date).toMatchObject({
      type: 'date',
      filled: 4,
      dates: { count: 4, min: '2022-12-31', max: '2024-03-21' },
    });
    expect(vide).toMatchObject({ filled: 0, fillRate: 0, distinct: 0, top: [] });
  });

  it('calls a column numbers when nine values in ten are, and gives their range', () => {
    const p = profileOf(
      ['n'],
      [['1'], ['2,5'], ['1 000'], ['-7'], ['3'], ['4'], ['5'], ['6'], ['8'], ['9']],
    ).result()[0]!;
    expect(p).toMatchObject({ type: 'number', numbers: { count: 10, min: -7, max: 1000 } });
  });

  it('uses the schema field type of mapped columns and skips number parsing for strings', () => {
    const schema: TableSchema = {
      fields: [
        { name: 'code', type: 'string' },
        { name: 'annee', type: 'year' },
      ],
    };
    const mapping = {
      fields: [
        { fieldIndex: 0, fieldName: 'code', column: 0, label: 'Code', kind: 'folded' },
        { fieldIndex: 1, fieldName: 'annee', column: 1, label: 'Année', kind: 'folded' },
      ],
      extra: [],
    } as unknown as ColumnMapping;
    const [code, annee] = profileOf(
      ['Code', 'Année'],
      [
        ['0123', '2023'],
        ['0456', '2024'],
      ],
      { schema, mapping },
    ).result();
    expect(code).toMatchObject({ field: 'code', type: 'string' });
    expect(code!.numbers).toBeUndefined();
    expect(annee).toMatchObject({
      field: 'annee',
      type: 'year',
      numbers: { count: 2, min: 2023, max: 2024 },
    });
  });

  it('withholds the values of hidden columns, keeping the counts', () => {
    const [commune, , date] = profileOf(labels, rows).result((i) => i === 0 || i === 2);
    expect(commune).toMatchObject({ hidden: true, filled: 4, distinct: 2 });
    expect(commune!.top).toBeUndefined();
    expect(date!.dates).toBeUndefined();
    expect(JSON.stringify(commune)).not.toContain('Montreuil');
  });

  it('switches to an estimate past the exact cap and keeps memory bounded', () => {
    const n = 50_000;
    const p = createProfiler({ labels: ['id', 'c'] }, { exactDistinct: 1000, frequentCapacity: 100 });
    for (let i = 0; i < n; i++) p.observer.row([`id-${i}`, i % 3 === 0 ? 'a' : `v${i % 500}`], i + 2, i + 2);
    const [id, c] = p.result();
    expect(id!.distinctExact).toBe(false);
    expect(Math.abs(id!.distinct - n) / n).toBeLessThan(0.05);
    expect(id!.topExact).toBe(false);
    expect(id!.top).toEqual([]);
    // The heavy hitter survives Misra-Gries: its count is a lower bound, short by at most n / (capacity + 1).
    expect(c!.top![0]!.value).toBe('a');
    expect(c!.top![0]!.count).toBeLessThanOrEqual(Math.ceil(n / 3));
    expect(c!.top![0]!.count).toBeGreaterThanOrEqual(Math.ceil(n / 3) - n / 101);
  });
});

describe('HyperLogLog', () => {
  it.each([0, 1, 10, 1000, 100_000])('estimates %i distinct values within 3 %', (n) => {
    const h = new HyperLogLog();
    for (let i = 0; i < n; i++) {
      h.add(hash53(`valeur ${i}`));
      h.add(hash53(`valeur ${i}`));
    }
    expect(Math.abs(h.estimate() - n)).toBeLessThanOrEqual(Math.max(1, n * 0.03));
  });
});

describe('HyperLogLog estimate', () => {
  /** The estimate as the HyperLogLog formula reads, with Math.pow per register. */
  function estimateByPow(registers: Uint8Array): number {
    const m = registers.length;
    let sum = 0;
    let zeros = 0;
    for (const r of registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum;
    if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(raw);
  }

  it('equals the formula with Math.pow on random registers, every byte value included', () => {
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let trial = 0; trial < 300; trial++) {
      const registers = new Uint8Array(4096);
      // Sparse, dense and saturated sketches, then registers of any byte value.
      const fill = [0.001, 0.05, 0.5, 1][trial % 4]!;
      const top = trial < 200 ? 43 : 256;
      for (let i = 0; i < registers.length; i++) if (next() / 4294967296 < fill) registers[i] = next() % top;
      const h = new HyperLogLog();
      h.merge(registers);
      expect(h.estimate()).toBe(estimateByPow(registers));
    }
  });
});

describe('FrequentValues', () => {
  it('counts exactly below its capacity, ties ordered by value', () => {
    const f = new FrequentValues(10);
    for (const v of ['b', 'a', 'c', 'a', 'b', 'a']) f.add(v);
    expect(f.exact).toBe(true);
    expect(f.top(2)).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 2 },
    ]);
  });

  it('keeps every value more frequent than n / (capacity + 1) once full', () => {
    const f = new FrequentValues(4);
    const stream = [...'xxxxxxxxxx', ...'abcdefghijklmnop', ...'yyyyyyy'];
    for (const v of stream) f.add(v);
    expect(f.exact).toBe(false);
    const top = f.top(2).map((x) => x.value);
    expect(top).toContain('x');
    expect(top).toContain('y');
  });
});

describe('HyperLogLog registers', () => {
  it('rank each hash as the leftmost 1 of its 41-bit remainder, as log2 computes it', () => {
    const REST = 2 ** 41;
    const hashes = [0, 1, 2 ** 53 - 1, 2 ** 41, 2 ** 41 - 1, 2 ** 32, 2 ** 32 - 1, 2 ** 40, 2 ** 40 - 1];
    for (let i = 0; i < 3000; i++) hashes.push(hash53(`v${i}`), Math.floor(hash53(`w${i}`) / 2 ** (i % 53)));
    for (const hash of hashes) {
      const h = new HyperLogLog();
      h.add(hash);
      const registers = (h as unknown as { registers: Uint8Array }).registers;
      const rest = hash % REST;
      const index = Math.floor(hash / REST);
      expect(registers[index], String(hash)).toBe(rest === 0 ? 42 : 41 - Math.floor(Math.log2(rest)));
      expect(registers.reduce((n, r) => n + (r > 0 ? 1 : 0), 0)).toBe(1);
    }
  });
});

describe('createProfiler on repeated cells', () => {
  it('counts repeats exactly as their first occurrence, through evictions and blank cells', () => {
    const rand = seeded(11);
    const pool = ['a', ' a', 'a ', '  ', '12', ' 12 ', '3,5', '2024-01-02', '02/01/2023', 'x'.repeat(30)];
    for (let i = 0; i < 40; i++) pool.push(`valeur ${i}`);
    const cells: string[] = [];
    // Few values first, then many: the cache of recent cells must stay right when it is dropped.
    for (let i = 0; i < 20_000; i++) cells.push(pool[Math.floor(rand() * (i < 10_000 ? 10 : pool.length))]!);
    for (let i = 0; i < 5000; i++) cells.push(`id ${i}`);
    const limits = { frequentCapacity: 30, topValues: 100, exactDistinct: 2000 };
    const p = createProfiler({ labels: ['c'] }, limits);
    cells.forEach((c, i) => p.observer.row([c], i + 2, i + 2));
    const [col] = p.result();

    const expected = new FrequentValues(30);
    let filled = 0;
    let numbers = 0;
    let dates = 0;
    for (const c of cells) {
      const t = c.trim();
      if (t === '') continue;
      filled++;
      expected.add(t);
      if (parseLooseNumber(t) !== undefined) numbers++;
      if (parseLooseDate(t) !== undefined) dates++;
    }
    expect(col).toMatchObject({ filled, distinctExact: false, topExact: false });
    expect(col!.top).toEqual(expected.top(100).filter((v) => v.count > 1));
    expect(numbers).toBeGreaterThan(0);
    expect(dates).toBeGreaterThan(0);

    // A column of numbers with a few blank cells: its count and range are those of every cell.
    const nums = createProfiler({ labels: ['n'] }, limits);
    const values = cells.map((_, i) => (i % 7 === 0 ? ' ' : String((i * 37) % 101)));
    values.forEach((v, i) => nums.observer.row([v], i + 2, i + 2));
    const [n] = nums.result();
    const filledNumbers = values.filter((v) => v.trim() !== '').map(Number);
    expect(n!.numbers).toEqual({
      count: filledNumbers.length,
      min: Math.min(...filledNumbers),
      max: Math.max(...filledNumbers),
    });
    expect(n!.distinct).toBe(new Set(filledNumbers).size);
  });
});

describe('createProfiler when the cache of recent cells is dropped', () => {
  it('profiles a column alike wherever its cache is dropped: first trial, later trial, or never', () => {
    const rand = seeded(29);
    const pick = (values: number, prefix: string): string => `${prefix}${Math.floor(rand() * values)}`;
    const columns: Record<string, string[]> = {
      // Different values first (dropped in the first, shorter trial), then few: counted the long way.
      varied: [],
      // Few values first, different ones past the first trial: dropped in a later trial.
      late: [],
    };
    for (let i = 0; i < 9000; i++) {
      columns.varied!.push(i < 700 ? `id ${i}` : pick(8, 'v'));
      columns.late!.push(i < 3000 ? pick(6, ' ') : `${i % 900}`);
    }
    // Random columns of a few to a few hundred values, some cells blank or padded.
    for (const values of [5, 40, 60, 100, 300]) {
      const cells: string[] = [];
      for (let i = 0; i < 9000; i++) {
        const r = rand();
        cells.push(r < 0.05 ? '' : r < 0.1 ? ` ${pick(values, 'x')} ` : pick(values, values > 50 ? '' : 'x'));
      }
      columns[`random ${values}`] = cells;
    }
    const labels = Object.keys(columns);
    const p = createProfiler({ labels });
    for (let r = 0; r < 9000; r++)
      p.observer.row(
        labels.map((l) => columns[l]![r]!),
        r + 2,
        r + 2,
      );
    const profiles = p.result();
    labels.forEach((label, i) => {
      const values = columns[label]!.map((c) => c.trim()).filter((c) => c !== '');
      const counts = new Map<string, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      const top = [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, 10);
      const numbers = values.map((v) => parseLooseNumber(v)).filter((n) => n !== undefined);
      const col = profiles[i]!;
      expect(col, label).toMatchObject({ filled: values.length, distinct: counts.size, distinctExact: true });
      expect(col.top, label).toEqual(counts.size <= 10 ? top : top.filter((v) => v.count > 1));
      if (col.numbers !== undefined)
        expect(col.numbers, label).toEqual({
          count: numbers.length,
          min: Math.min(...numbers),
          max: Math.max(...numbers),
        });
    });
  });
});

describe('hash53Parts', () => {
  it('gives the two halves of hash53, for every kind of text', () => {
    const texts = ['', 'a', 'é', '€', '😀', 'x'.repeat(300), '21930048018033', '  1 234,5 '];
    for (let i = 0; i < 2000; i++) texts.push(`valeur ${i} ${String.fromCharCode(i * 37)}`);
    for (const t of texts) {
      hash53Parts(t);
      expect(HASH_PARTS[0]! * 2 ** 32 + (HASH_PARTS[1]! >>> 0), t).toBe(hash53(t));
    }
  });
});

describe('HashSet53', () => {
  it('holds each hash once, through its growth, and visits them all', () => {
    const set = new HashSet53();
    const seen = new Set<number>();
    for (let i = 0; i < 30_000; i++) {
      const h = hash53(`v${i % 20_000}`);
      const hi = Math.floor(h / 2 ** 32);
      const lo = h >>> 0;
      expect(set.add(hi, lo | 0)).toBe(!seen.has(h));
      seen.add(h);
    }
    expect(set.size).toBe(20_000);
    const visited = new Set<number>();
    set.forEach((hi, lo) => visited.add(hi * 2 ** 32 + (lo >>> 0)));
    expect(visited).toEqual(seen);
  });

  it('tells apart hashes that share their low or their high half', () => {
    const set = new HashSet53();
    expect(set.add(0, 7)).toBe(true);
    expect(set.add(1, 7)).toBe(true);
    expect(set.add(0, 8)).toBe(true);
    expect(set.add(2097151, -1)).toBe(true);
    expect(set.add(1, 7)).toBe(false);
    expect(set.size).toBe(4);
  });
});

describe('FrequentValues slots', () => {
  it('counts through a slot exactly as by value, until a decrement pass changes the epoch', () => {
    const byValue = new FrequentValues(5);
    const bySlot = new FrequentValues(5);
    const slots = new Map<string, { slot: number; epoch: number }>();
    const rand = seeded(3);
    for (let i = 0; i < 5000; i++) {
      const v = `v${Math.floor(rand() ** 2 * 12)}`;
      byValue.add(v);
      const known = slots.get(v);
      if (known && known.slot >= 0 && known.epoch === bySlot.epoch) bySlot.bump(known.slot, v);
      else {
        hash53Parts(v);
        slots.set(v, { slot: bySlot.count(HASH_PARTS[0]!, HASH_PARTS[1]!, v), epoch: bySlot.epoch });
      }
    }
    expect(bySlot.exact).toBe(false);
    expect(bySlot.top(5)).toEqual(byValue.top(5));
    expect(bySlot.top(5).length).toBeGreaterThan(0);
  });
});

describe('HyperLogLog.addParts', () => {
  it('fills the registers as add does with the whole hash', () => {
    const a = new HyperLogLog();
    const b = new HyperLogLog();
    for (let i = 0; i < 5000; i++) {
      const h = hash53(`w${i}`);
      a.add(h);
      hash53Parts(`w${i}`);
      b.addParts(HASH_PARTS[0]!, HASH_PARTS[1]!);
    }
    const reg = (h: HyperLogLog): Uint8Array => (h as unknown as { registers: Uint8Array }).registers;
    expect(reg(b)).toEqual(reg(a));
  });
});

describe('HyperLogLog over number53Parts', () => {
  it.each([
    ['integers', (i: number) => i],
    ['cents', (i: number) => i / 100],
    ['negative and large', (i: number) => -i * 1e9 - 0.5],
    ['powers of two apart', (i: number) => 2 ** (i % 1000) * (1 + Math.floor(i / 1000))],
  ])('estimates 50,000 values of %s (each twice) within 3 % of their distinct count', (_name, value) => {
    const h = new HyperLogLog();
    const seen = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      seen.add(value(i));
      number53Parts(value(i));
      h.addParts(HASH_PARTS[0]!, HASH_PARTS[1]!);
      number53Parts(value(i));
      h.addParts(HASH_PARTS[0]!, HASH_PARTS[1]!);
    }
    // Powers of two times 1…50 coincide (2 × 2^a = 2^(a+1)): the reference is the true distinct count.
    const n = seen.size;
    expect(n).toBeGreaterThan(25_000);
    expect(Math.abs(h.estimate() - n) / n).toBeLessThan(0.03);
  });
});

describe('ValueRecorder within an IdBudget', () => {
  /** Record `n` values of `recorders[c]` from `valueOf(i, c)`; returns the ids each would hold unbounded. */
  function feed(
    recorders: ValueRecorder[],
    n: number,
    valueOf: (i: number, c: number) => string,
    check: () => void,
  ): number[][] {
    const expected = recorders.map(() => [] as number[]);
    const ids = recorders.map(() => new Map<string, number>());
    for (let i = 0; i < n; i++) {
      recorders.forEach((r, c) => {
        const v = valueOf(i, c);
        hash53Parts(v);
        r.count(HASH_PARTS[0]!, HASH_PARTS[1]!, v);
        if (!ids[c]!.has(v)) ids[c]!.set(v, ids[c]!.size);
        expected[c]!.push(ids[c]!.get(v)!);
      });
      check();
    }
    return expected;
  }

  it('holds at most its ids, dropping those of columns of few values first', () => {
    const budget = new IdBudget(6000, 12);
    const recorders = Array.from({ length: 5 }, () => new ValueRecorder(1000, budget));
    // Column 0 has 60 values, the others 5: past the budget, the others drop their ids.
    const expected = feed(
      recorders,
      4000,
      (i, c) => (c === 0 ? `code${(i * 7) % 60}` : `v${(i + c) % 5}`),
      () => expect(budget.held).toBeLessThanOrEqual(6000),
    );
    const streams = recorders.map((r) => r.stream());
    expect(streams[0]!.ids).toEqual(Uint16Array.from(expected[0]!));
    for (const s of streams.slice(1)) {
      expect(s.ids.length).toBe(0);
      // Their values and counts are all kept: the merge adds them up.
      expect([...s.counts].reduce((a, b) => a + b)).toBe(4000);
    }
  });

  it('stops every recorder where it is when dropping frees nothing', () => {
    const budget = new IdBudget(3000, 12);
    const recorders = [new ValueRecorder(1000, budget), new ValueRecorder(1000, budget)];
    const expected = feed(
      recorders,
      10_000,
      (i, c) => `c${c}-${(i * 7) % (40 + c)}`,
      () => expect(budget.held).toBeLessThanOrEqual(3000),
    );
    for (const [c, r] of recorders.entries()) {
      const ids = r.stream().ids;
      expect(r.keeping).toBe(false);
      // A prefix of the values in row order, never a gap.
      expect(ids.length).toBeGreaterThanOrEqual(1024);
      expect([...ids]).toEqual(expected[c]!.slice(0, ids.length));
    }
  });

  it('bounds the ids a chunk profile holds, whatever the length of the chunk', () => {
    const labels = ['code', 'ville', 'sens', 'montant'];
    const limits = { exactDistinct: 200, frequentCapacity: 12 };
    const p = createProfiler({ labels }, limits, { ids: 20_000 });
    for (let i = 0; i < 50_000; i++) {
      const cells = [`C${(i * 13) % 150}`, `V${i % 8}`, i % 3 === 0 ? 'D' : 'R', `${i}.5`];
      p.observer.row(cells, i + 2, i + 2);
    }
    const columns = p.chunk().columns;
    const held = columns.reduce((n, c) => n + c.values.ids.length, 0);
    expect(held).toBeLessThanOrEqual(20_000);
    expect(held).toBeGreaterThan(0);
    // The code (150 values) keeps its ids as far as they fit; the columns of few values dropped theirs.
    expect(columns[0]!.values.ids.length).toBeGreaterThan(10_000);
    expect(columns[1]!.values.ids.length).toBe(0);
    expect(columns[0]!.filled).toBe(50_000);
  });
});

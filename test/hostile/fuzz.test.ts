import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { corpus, REGRESSIONS, replayRegressions, runFuzz } from '../../scripts/fuzz.js';

// The seeded fuzzer (scripts/fuzz.js, `npm run fuzz`): a short run here (CI), hours locally. Whatever it
// ever found is kept in test/hostile/fuzz-regressions/ and replayed below.

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 500);

describe('the fuzzer', () => {
  it('has a corpus of every fixture table', () => {
    const c = corpus();
    expect(c.length).toBeGreaterThan(100);
    expect(new Set(c.map((x) => x.ext))).toEqual(new Set(['csv', 'xlsx', 'xls', 'ods', 'txt']));
  });

  it(`${ITERATIONS} seeded iterations through validate, the renderers and normalize: no crash, no hang`, async () => {
    const r = await runFuzz({
      iterations: ITERATIONS,
      seed: Number(process.env.FUZZ_SEED ?? 2024),
      save: false,
    });
    console.log(
      `fuzz (seed ${r.seed}): ${r.iterations} iterations in ${r.seconds} s, ${r.crashes} crashes, ${r.hangs} hangs`,
    );
    expect(r.iterations).toBe(ITERATIONS);
    expect(r.found.map((f) => `${f.signature} (from ${f.from})`)).toEqual([]);
  }, 1_800_000);
});

describe('what the fuzzer found stays fixed', () => {
  // Replayed in the fuzzer's worker thread, within a time budget: a hang must fail the test, not freeze it.
  const metas = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter((f) => f.endsWith('.json')) : [];

  it(`${metas.length} kept reproducers run without a crash or a hang`, async () => {
    expect(metas.length).toBeGreaterThan(0);
    const results = await replayRegressions(60_000);
    expect(results.map((r) => r.meta).sort()).toEqual([...metas].sort());
    const failing = results
      .filter((r) => !r.result.ok)
      .map(
        (r) =>
          `${r.meta}: ${r.result.hang ? 'hang' : `${r.result.step} ${r.result.name} ${r.result.message}`}`,
      );
    expect(failing).toEqual([]);
  }, 600_000);
});

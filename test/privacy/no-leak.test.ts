import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as odf from '../../src/index.js';
import { createProfiler } from '../../src/profile/profile.js';

// The report never leaks the personal data it warns about, in any format: the guard's examples are
// masked, and so are the values of every other finding in a personal column.
const rows = readFileSync('fixtures/privacy/personnes.csv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(';'));

/** The raw values of the columns the guard judged personal (those the report must not show). */
function secretsOf(columns: Iterable<number>): string[] {
  const out: string[] = [];
  for (const c of columns) for (const row of rows) if ((row[c] ?? '').length > 3) out.push(row[c]!);
  return out;
}

// A schema that types the personal columns wrongly, so that their cells also give type errors with values.
const schema = {
  fields: [
    { name: 'nom', type: 'integer' },
    { name: 'prenom', type: 'string' },
    { name: 'date_naissance', type: 'year' },
    { name: 'telephone', type: 'integer' },
    { name: 'courriel', type: 'number' },
    { name: 'adresse', type: 'string' },
    { name: 'code_postal', type: 'string' },
    { name: 'commune', type: 'string' },
    { name: 'numero_securite_sociale', type: 'date' },
    { name: 'iban', type: 'integer' },
    { name: 'commentaire', type: 'string' },
  ],
};

describe('no renderer prints a personal value', () => {
  it.each([['fr'], ['en']] as const)(
    '%s: text, json, html, junit, github, gitlab, markdown',
    async (lang) => {
      const report = await odf.validate('fixtures/privacy/personnes.csv', { schema: schema as never, lang });
      const result = await odf.validateFile('fixtures/privacy/personnes.csv', { schema: schema as never });
      const flagged = (result.privacy ?? []).filter((d) => !d.reason).map((d) => d.column);
      expect(flagged.length).toBeGreaterThanOrEqual(6);
      const secrets = secretsOf(flagged);
      expect(report.files[0]!.findings.some((f) => f.code === 'personal-data-suspected')).toBe(true);
      expect(report.files[0]!.findings.some((f) => f.code === 'type-error')).toBe(true);
      const outputs = [
        odf.renderText(report, { lang }),
        odf.renderJson(report),
        odf.renderHtml(report, { lang }),
        odf.renderJunit(report, { lang }),
        odf.renderGithub(report, { lang }),
        odf.renderGitlab(report, { lang }),
        odf.renderMarkdown(report, { lang }),
      ];
      for (const out of outputs) for (const secret of secrets) expect(out).not.toContain(secret);
    },
  );

  it('the column profile keeps the values of personal columns out', async () => {
    let profiler: ReturnType<typeof createProfiler> | undefined;
    const result = await odf.validateFile('fixtures/privacy/personnes.csv', {
      observers: (ctx) => {
        profiler = createProfiler(ctx);
        return [profiler.observer];
      },
    });
    const flagged = new Set((result.privacy ?? []).filter((d) => !d.reason).map((d) => d.column));
    const profile = JSON.stringify(profiler!.result((c) => flagged.has(c)));
    for (const secret of secretsOf(flagged)) expect(profile).not.toContain(secret);
  });
});

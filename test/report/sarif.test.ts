// `--format sarif`: valid SARIF 2.1.0 (checked offline against the official schema) that GitHub code scanning reads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { validateAgainst } from '../../src/schema/check-schema.js';
import { artifactUri } from '../../src/report/sarif.js';
import { catalogue } from '../../src/findings/catalogue.js';
import { DOCS_ERRORS_URL } from '../../src/findings/doc.js';
import { EXPLANATIONS } from '../../src/findings/explanations.js';
import { EXPLANATIONS_EN } from '../../src/findings/explanations-en.js';
import type { Report } from '../../src/report/types.js';

// The OASIS schema, vendored with its source and licence (fixtures/report/sarif/SOURCE.txt).
const SCHEMA = JSON.parse(readFileSync('fixtures/report/sarif/sarif-schema-2.1.0.json', 'utf8')) as object;

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        informationUri: string;
        rules: {
          id: string;
          helpUri: string;
          help: { text: string };
          fullDescription: { text: string };
          shortDescription: { text: string };
          defaultConfiguration: { level: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn?: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
    }[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications?: { level: string; descriptor: { id: string } }[];
    }[];
    properties: { files: { uri: string; totals: Report['files'][number]['totals'] }[] };
  }[];
}

const BATCH = [
  'validate',
  'fixtures/report/batch',
  'fixtures/report/absent.csv',
  '-s',
  'fixtures/report/schema.json',
];

describe('--format sarif', () => {
  it.each([
    ['a batch with a failure and a skipped file', BATCH],
    ['schema recognition on the README example', ['validate', 'fixtures/examples/budget-export-mairie.csv']],
    ['every bundled export, in English', ['validate', 'fixtures/exports', '--lang', 'en']],
    ['a partial report', ['validate', 'fixtures/examples/budget-export-mairie.csv', '--limit-errors', '1']],
  ])('validates against the SARIF 2.1.0 schema: %s', async (_, argv) => {
    const run = await runCli([...argv, '--format', 'sarif']);
    expect([0, 1, 2]).toContain(run.code);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validateAgainst(SCHEMA, log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
  });

  it('the schema catches a broken log (the check can fail)', () => {
    const broken = { version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] };
    expect(validateAgainst(SCHEMA, broken).length).toBeGreaterThan(0);
  });

  it('has one rule per catalogue code with its help text and documentation link', async () => {
    const log = JSON.parse((await runCli([...BATCH, '-f', 'sarif'])).stdout) as SarifLog;
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(Object.keys(catalogue).sort());
    for (const r of rules) {
      expect(r.helpUri).toBe(`${DOCS_ERRORS_URL}#${r.id}`);
      expect(r.help.text.length).toBeGreaterThan(r.shortDescription.text.length);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
    expect(log.runs[0]!.tool.driver.name).toBe('odf');
    expect(log.runs[0]!.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('writes its rules in English with --lang en, linked to docs/errors.en.md', async () => {
    const log = JSON.parse((await runCli([...BATCH, '-f', 'sarif', '--lang', 'en'])).stdout) as SarifLog;
    const driver = log.runs[0]!.tool.driver;
    const enDocs = DOCS_ERRORS_URL.replace(/errors\.md$/, 'errors.en.md');
    expect(driver.informationUri).toBe(enDocs);
    for (const r of driver.rules) {
      expect(r.helpUri).toBe(`${enDocs}#${r.id}`);
      const en = EXPLANATIONS_EN[r.id];
      if (!en) continue;
      expect(r.fullDescription.text).toBe(en.explain);
      expect(r.help.text).toContain(en.explain);
      if (en.excel) expect(r.help.text).toContain(`Excel: ${en.excel}`);
      expect(r.help.text).not.toContain(EXPLANATIONS[r.id]!.explain);
    }
    expect(driver.rules.filter((r) => EXPLANATIONS_EN[r.id]).length).toBe(Object.keys(EXPLANATIONS).length);
  });

  it('locates results at the line people see, with levels mapped and rules indexed', async () => {
    const log = JSON.parse((await runCli([...BATCH, '-f', 'sarif'])).stdout) as SarifLog;
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules;
    for (const r of run.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const where = run.results.map((r) => [
      r.ruleId,
      r.level,
      r.locations[0]!.physicalLocation.artifactLocation.uri,
      r.locations[0]!.physicalLocation.region.startLine,
    ]);
    // Record 5 of erreurs.csv (`x`) is on line 6: a cell above spans two lines.
    expect(where).toContainEqual(['type-error', 'error', 'fixtures/report/batch/erreurs.csv', 6]);
    expect(where).toContainEqual(['extra-label', 'warning', 'fixtures/report/batch/erreurs.csv', 1]);
    for (const r of run.results) {
      expect(r.locations[0]!.physicalLocation.region.startColumn).toBeUndefined();
      expect(r.message.text).toMatch(/^ligne \d+/);
    }
    // Fingerprints tell identical findings apart and do not depend on the line.
    const prints = run.results.map((r) => r.partialFingerprints['odfFinding/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    // The unreadable file and the skipped one are notifications; the run did not fully succeed.
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    expect(run.invocations[0]!.toolExecutionNotifications?.map((n) => [n.level, n.descriptor.id])).toEqual([
      ['error', 'file-not-found'],
      ['note', 'file-skipped'],
    ]);
  });

  it('keeps exact totals per code past --limit-errors', async () => {
    const argv = [
      'validate',
      'fixtures/examples/budget-export-mairie.csv',
      '--limit-errors',
      '2',
      '-f',
      'sarif',
    ];
    const log = JSON.parse((await runCli(argv)).stdout) as SarifLog;
    const listed = log.runs[0]!.results.filter((r) => r.ruleId === 'type-error').length;
    expect(listed).toBeLessThan(8);
    expect(log.runs[0]!.properties.files[0]!.totals.byCode['type-error']).toBe(8);
  });

  it.each([
    ['exports/budget 2024.csv', 'exports/budget%202024.csv'],
    ['./a#b.csv', 'a%23b.csv'],
    ['/tmp/x y.csv', 'file:///tmp/x%20y.csv'],
    ['C:\\Données\\x.csv', 'file:///C:/Donn%C3%A9es/x.csv'],
    ['-', 'stdin'],
  ])('writes the path %j as the URI %j', (p, uri) => {
    expect(artifactUri(p)).toBe(uri);
  });
});

// normalize repairs what issue 11 found unflagged or left as errors, through the one repair policy, and
// counts each kind: C1 controls, grouped SIRETs, numbers with spaces, lists in array fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeFile } from '../../src/run/normalize-file.js';
import { siretProblem } from '../../src/checks/siret.js';
import type { TableSchema } from '../../src/schema/types.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-repairs11-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA: TableSchema = {
  fields: [
    { name: 'nom', type: 'string' },
    { name: 'siret', type: 'string' },
    { name: 'montant', type: 'number' },
    {
      name: 'langues',
      type: 'array',
      arrayItem: { type: 'string', constraints: { enum: ['lsf', 'lpc', 'sts'] } },
    },
  ],
  custom_checks: [{ name: 'french-siret-value', params: { column: 'siret' } }],
};

describe('repairs of issue 11', () => {
  it('writes the intended characters, compact SIRETs, trimmed numbers and JSON arrays, and counts them', async () => {
    expect(siretProblem('21290232400004')).toBeUndefined();
    const input = path.join(dir, 'degats.csv');
    writeFileSync(
      input,
      'nom,siret,montant,langues\n' +
        'Quimper \u0096 centre,212 902 324 00004,12.5 ,"lsf,lpc"\n' +
        'L\u0092Odet,21290232400004,3,lsf\n',
    );
    const output = path.join(dir, 'degats.out.csv');
    const r = await normalizeFile(input, { schema: SCHEMA, output });
    expect(readFileSync(output, 'utf8').trim().split(/\r?\n/)).toEqual([
      'nom,siret,montant,langues',
      'Quimper – centre,21290232400004,12.5,"[""lsf"",""lpc""]"',
      'L’Odet,21290232400004,3,"[""lsf""]"',
    ]);
    const kinds = r.repairs.map((x) => [x.field, x.kind, x.count]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['nom', 'c1-control', 2],
        ['siret', 'identifier-spaces', 1],
        ['montant', 'whitespace', 1],
        ['langues', 'list-to-array', 2],
      ]),
    );
    expect(r.file.run.stats.errors).toBe(0);
    // What normalize fixed is not left in the report as still to do.
    const left = r.file.run.findings.map((f) => f.code);
    expect(left).not.toContain('c1-control-characters');
    expect(left).not.toContain('number-spaces');
    expect(left).not.toContain('identifier-spaces');
  });
});

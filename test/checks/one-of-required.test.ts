import { describe, expect, it } from 'vitest';
import { runChecks, schemaOf } from './harness.js';

const fields = ['nom', 'idBeneficiaire', 'rnaBeneficiaire'];
const rows = [
  { idBeneficiaire: '38047555800058', rnaBeneficiaire: '' },
  { idBeneficiaire: '', rnaBeneficiaire: 'W380475558' },
  { idBeneficiaire: '38047555800058', rnaBeneficiaire: 'W380475558' },
  { idBeneficiaire: '', rnaBeneficiaire: '' },
];

describe.each([
  ['column1/column2', { column1: 'idBeneficiaire', column2: 'rnaBeneficiaire' }],
  ['column/column2', { column: 'idBeneficiaire', column2: 'rnaBeneficiaire' }],
])('one-of-required with %s', (_spelling, params) => {
  const schema = schemaOf(fields, [{ name: 'one-of-required', params }]);

  it('needs one of the two cells on each row', () => {
    const { findings, flat } = runChecks(schema, rows);
    expect(flat).toEqual([[5, 'idBeneficiaire', 'one-of-required']]);
    expect(findings[0]?.params).toEqual({
      column1: 'idBeneficiaire',
      column2: 'rnaBeneficiaire',
      reason: 'empty',
    });
  });

  it('needs the other column on every row when one is absent', () => {
    const { findings, flat } = runChecks(schema, rows, { present: ['nom', 'rnaBeneficiaire'] });
    expect(flat).toEqual([
      [2, 'rnaBeneficiaire', 'one-of-required'],
      [5, 'rnaBeneficiaire', 'one-of-required'],
    ]);
    expect(findings[0]?.params.absent).toBe('idBeneficiaire');
  });

  it('gives one file-level error when both are absent', () => {
    const { findings, flat } = runChecks(schema, rows, { present: ['nom'] });
    expect(flat).toEqual([[undefined, undefined, 'one-of-required']]);
    expect(findings[0]).toMatchObject({ level: 'error', loc: {}, params: { reason: 'both-absent' } });
  });
});

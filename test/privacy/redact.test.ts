// Tests of redaction: drop, mask and salted hash of columns named or of a kind, and of identifiers inside cells.
import { describe, expect, it } from 'vitest';
import {
  columnKindsOf,
  createPrivacyScanner,
  createRedactor,
  hashValue,
  HASH_HEX_LENGTH,
} from '../../src/privacy/index.js';
import { isOdfError } from '../../src/errors.js';
import type { PrivacyColumn, PrivacyKind } from '../../src/privacy/index.js';

const columns: PrivacyColumn[] = [
  { label: 'Nom complet', field: { name: 'titulaire', type: 'string' } },
  { label: 'courriel' },
  { label: 'montant' },
  { label: 'commentaire' },
];
const row = [
  'Jean DUPONT',
  'jean.dupont@gmail.com',
  '120.50',
  'NIR 1 85 05 78 006 084 91, écrire à marie.martin@orange.fr',
];
const kinds = new Map<number, PrivacyKind[]>([
  [0, ['person-name']],
  [1, ['email']],
]);

describe('createRedactor', () => {
  it('drops the columns named, by label or field name, folded', () => {
    const r = createRedactor(columns, { targets: ['titulaire', 'COURRIEL'], action: 'drop' });
    expect(r.header).toEqual(['montant', 'commentaire']);
    expect(r.row(row)).toEqual(['120.50', row[3]]);
    expect(r.steps.map((s) => [s.target, s.fieldNumber, s.scope])).toEqual([
      ['titulaire', 1, 'column'],
      ['COURRIEL', 2, 'column'],
    ]);
    expect(r.counts()).toEqual([1, 1]);
  });

  it('masks a column with its kind', () => {
    const r = createRedactor(columns, { targets: ['Nom complet'], action: 'mask' }, kinds);
    expect(r.row(row)[0]).toBe('J*** D***');
    expect(r.steps[0]?.kind).toBe('person-name');
  });

  it('redacts a kind: its columns and, for identifiers and emails, inside every other cell', () => {
    const r = createRedactor(columns, { targets: ['email', 'nir'], action: 'mask' }, kinds);
    expect(r.row(row)).toEqual([
      'Jean DUPONT',
      'j***.d***@gmail.com',
      '120.50',
      'NIR 1 85 ** ** *** *** 91, écrire à m***.m***@orange.fr',
    ]);
    expect(r.steps.map((s) => [s.target, s.scope, s.fieldNumber ?? null])).toEqual([
      ['email', 'column', 2],
      ['email', 'cells', null],
      ['nir', 'cells', null],
    ]);
    expect(r.counts()).toEqual([1, 1, 1]);
  });

  it('hashes with a salt: same value and salt give the same hash, another salt another one', () => {
    const r = createRedactor(columns, { targets: ['courriel'], action: 'hash', salt: 's3cret' });
    const a = r.row(row)[1]!;
    expect(a).toMatch(new RegExp(`^[0-9a-f]{${HASH_HEX_LENGTH}}$`));
    expect(r.row(['x', ' jean.dupont@gmail.com ', '', ''])[1]).toBe(a);
    expect(hashValue('jean.dupont@gmail.com', 'other')).not.toBe(a);
  });

  it('hashes identifiers in their compact spelling, so spellings join', () => {
    const r = createRedactor(columns, { targets: ['nir'], action: 'hash', salt: 's' });
    const spaced = r.row(['', '', '', '1 85 05 78 006 084 91'])[3];
    const compact = r.row(['', '', '', '185057800608491'])[3];
    expect(spaced).toBe(compact);
    expect(spaced).toBe(hashValue('185057800608491', 's'));
  });

  it('refuses to hash without a salt', () => {
    try {
      createRedactor(columns, { targets: ['courriel'], action: 'hash' });
      expect.unreachable();
    } catch (e) {
      expect(isOdfError(e) && e.code).toBe('bad-option');
    }
  });

  it('takes its column kinds from a scan of the head of the file', () => {
    const scanner = createPrivacyScanner(columns, { mode: 'warn' });
    const persons = ['Jean DUPONT', 'Marie MARTIN', 'Luc MOREL'];
    persons.forEach((p, i) =>
      scanner.row([p, `${p.split(' ')[0]!.toLowerCase()}.x@gmail.com`, '1', ''], i + 2, i + 2),
    );
    const decided = columnKindsOf(scanner.decisions());
    expect([...decided]).toEqual([
      [0, ['person-name']],
      [1, ['email']],
    ]);
    const r = createRedactor(columns, { targets: ['person-name'], action: 'drop' }, decided);
    expect(r.header).toEqual(['courriel', 'montant', 'commentaire']);
  });

  it('lists targets that name nothing, and touches nothing it was not asked to', () => {
    const r = createRedactor(columns, { targets: ['telephone'], action: 'drop' }, kinds);
    expect(r.unmatched).toEqual(['telephone']);
    expect(r.row(row)).toEqual(row);
    expect(r.header).toEqual(columns.map((c) => c.label));
  });
});

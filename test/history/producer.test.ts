// The producer of a file, found from the schema's own words and the data: a publisher identifier the whole file shares.
import { describe, expect, it } from 'vitest';
import { producerFields, watchProducer } from '../../src/history/producer.js';
import { bundledSchema, latestCandidates } from '../schema/bundled.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';
import type { TableSchema } from '../../src/schema/types.js';

describe('producerFields', () => {
  it.each([
    ['scdl/deliberations', 'COLL_SIRET', 'COLL_NOM'],
    ['scdl/equipements', 'COLL_SIRET', 'COLL_NOM'],
    ['scdl/subventions', 'idAttribuant', 'nomAttribuant'],
    ['scdl/budget', 'BGT_SIRET', 'BGT_NOM'],
    ['scdl/menus-collectifs', 'menuCollSiret', 'menuCollNom'],
    ['scdl/catalogue', 'COLL_SIRET', 'COLL_NOM'],
    ['etalab/schema-decp-dpa', 'siretAcheteur', undefined],
    ['etalab/schema-irve-statique', 'siren_amenageur', 'nom_amenageur'],
    ['etalab/schema-stationnement', 'num_siret', undefined],
  ])('%s: the publisher is %s (name in %s)', (name, field, nameField) => {
    const best = producerFields(bundledSchema(name))[0];
    expect(best?.field).toBe(field);
    expect(best?.nameField).toBe(nameField);
  });

  it('puts the beneficiary, the supplier or the maker behind the publisher', () => {
    const sub = producerFields(bundledSchema('scdl/subventions')).map((p) => p.field);
    expect(sub.indexOf('idAttribuant')).toBeLessThan(sub.indexOf('idBeneficiaire'));
    const plats = producerFields(bundledSchema('scdl/plats-menus-collectifs')).map((p) => p.field);
    expect(plats[0]).toBe('platCollSiret');
  });

  it('finds no candidate in a schema without any SIRET or SIREN field', () => {
    expect(producerFields(bundledSchema('scdl/prenoms'))).toEqual([]);
  });

  it('never throws on any bundled schema', () => {
    for (const s of latestCandidates()) expect(() => producerFields(s.schema)).not.toThrow();
  });
});

function mappingOf(schema: TableSchema, labels: string[]): ColumnMapping {
  return {
    fields: schema.fields.map((f, i) => {
      const column = labels.indexOf(f.name);
      return column >= 0
        ? { fieldName: f.name, fieldIndex: i, column, label: f.name }
        : { fieldName: f.name, fieldIndex: i };
    }),
    extra: [],
    ties: [],
  };
}

describe('watchProducer', () => {
  const schema = bundledSchema('scdl/subventions');
  const labels = ['nomAttribuant', 'idAttribuant', 'idBeneficiaire'];

  it('reads the identifier (spaces removed) and name the file shares', () => {
    const w = watchProducer({ labels, schema, mapping: mappingOf(schema, labels) })!;
    w.observer.row(['Ville de Lyon', '213 800 058 00019', '1'], 2, 2);
    w.observer.row(['Ville de Lyon', '21380005800019', '2'], 3, 3);
    w.observer.row(['Ville de Lyon', '21380005800019', '3'], 4, 4);
    expect(w.result()).toEqual({ id: '21380005800019', name: 'Ville de Lyon', field: 'idAttribuant' });
  });

  it('says nothing when no value is shared by half of the rows (a list of establishments)', () => {
    const erp = bundledSchema('MTES-MCT/acceslibre-erp-base');
    const l = ['siret'];
    const w = watchProducer({ labels: l, schema: erp, mapping: mappingOf(erp, l) })!;
    for (let i = 0; i < 10; i++) w.observer.row([`1234567890${String(i).padStart(4, '0')}`], i + 2, i + 2);
    expect(w.result()).toBeUndefined();
  });

  it('is undefined without a schema or without a mapped candidate column', () => {
    expect(watchProducer({ labels })).toBeUndefined();
    expect(watchProducer({ labels: ['x'], schema, mapping: mappingOf(schema, ['x']) })).toBeUndefined();
  });
});

// Tests of the personal data scanner: each kind on synthetic tables, the near misses that must not fire, levels.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createPrivacyScanner, isValidNir } from '../../src/privacy/index.js';
import { readCsv } from './read-csv.js';
import { column, flatten, scanTable } from './scan-helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/privacy/${name}`, import.meta.url));

const PERSONS = [
  'Jean DUPONT',
  'Marie MARTIN',
  'LEROY Pierre',
  'Sophie Garnier',
  'Nicolas FAURE',
  'Camille ROUSSEL',
];
const MOBILES = [
  '06 12 34 56 78',
  '07 98 76 54 32',
  '06 55 44 33 22',
  '+33 7 12 34 56 78',
  '0690 12 34 56',
  '06 01 02 03 04',
];
const LANDLINES = [
  '04 78 12 34 56',
  '04 78 12 34 57',
  '04 78 12 34 58',
  '01 45 67 89 10',
  '05 56 12 34 56',
  '03 20 12 34 56',
];
const ORGS = [
  'Association Les Amis du Parc',
  'SARL Dupont',
  'Club de Judo',
  'Commune de Tassin',
  'Société X',
  'Ets Morel',
];

describe('the persons fixture', () => {
  it('reports every kind on its column', () => {
    const { header, rows } = readCsv(fixture('personnes.csv'));
    expect(flatten(scanTable(header, rows))).toEqual([
      [1, 'nom', 'person-name', 'warning'],
      [2, 'prenom', 'person-name', 'warning'],
      [3, 'date_naissance', 'birth-date', 'warning'],
      [4, 'telephone', 'phone', 'warning'],
      [5, 'courriel', 'email', 'warning'],
      [6, 'adresse', 'address', 'warning'],
      [9, 'numero_securite_sociale', 'nir', 'warning'],
      [10, 'iban', 'iban', 'warning'],
    ]);
  });

  it('never puts a value in a finding: no `value`, examples masked', () => {
    const { header, rows } = readCsv(fixture('personnes.csv'));
    const raw = new Set(rows.flat().filter((v) => v.length > 2));
    for (const f of scanTable(header, rows)) {
      expect(f.value).toBeUndefined();
      const examples = f.params.examples as string[];
      expect(examples.length).toBeGreaterThanOrEqual(2);
      expect(examples.length).toBeLessThanOrEqual(3);
      for (const e of examples) for (const v of raw) expect(e.includes(v)).toBe(false);
    }
  });
});

// 15-digit file numbers: about 1 in 97 passes the NIR key by chance, which must not make the column a NIR column.
const FILE_NUMBERS = Array.from({ length: 200 }, (_, i) => String(185057800600000 + i * 9973));

describe('near misses', () => {
  it('the file numbers hold some valid NIR keys by chance', () => {
    expect(FILE_NUMBERS.filter((n) => isValidNir(n)).length).toBeGreaterThan(0);
  });

  it('the near-misses fixture yields nothing', () => {
    const { header, rows } = readCsv(fixture('faux-positifs.csv'));
    expect(flatten(scanTable(header, rows))).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ['a SIRET column is not a NIR', 'siret', ['21690123400015', '219 200 441 00018', '21920044100018']],
    [
      'streets named after persons',
      'voie_nom',
      ['Rue Victor Hugo', 'avenue Jean Jaurès', 'Place Charles de Gaulle', 'Boulevard Jules Ferry'],
    ],
    ['organisations', 'nom', ORGS],
    [
      'facilities named after persons',
      'nom',
      ['Gymnase Jean Moulin', 'École Jules Ferry', 'Stade Marcel Cerdan', 'Salle Pierre Brossolette'],
    ],
    [
      'functional emails',
      'courriel',
      ['contact@ville.fr', 'mairie@mairie-tassin.fr', 'accueil@grandlyon.gouv.fr', 'info@club.fr'],
    ],
    ['a switchboard', 'telephone', ['04 72 10 30 30', '04 72 10 30 30', '04 72 10 30 30', '04 72 10 30 30']],
    ['landlines of services', 'telephone', LANDLINES],
    ['update dates', 'date_maj', ['2024-03-01', '2023-11-12', '2020-09-17', '1998-01-01']],
    [
      'dates with a person-ish header but a narrow span',
      'date_inscription_usager',
      ['2021-03-01', '2022-11-12', '2023-09-17'],
    ],
    ['addresses without persons', 'adresse', ['12 rue des Lilas', '3 bis avenue Foch', '8 place du Marché']],
    ['random 15-digit numbers, some with a valid key by chance', 'dossier', FILE_NUMBERS],
  ])('%s', (_, label, values) => {
    expect(flatten(scanTable(...column(label, values)))).toEqual([]);
  });
});

describe('person names', () => {
  it.each<[string, string[], boolean]>([
    ['titulaire', PERSONS, true],
    ['libelle', PERSONS, true],
    ['beneficiaire', [...ORGS, 'Jean DUPONT', 'Marie MARTIN'], true],
    ['libelle', [...ORGS, 'Jean DUPONT', 'Marie MARTIN'], false],
    ['prenom', ['Jean', 'Marie', 'Kevin', 'Aïcha', 'Jean-Pierre'], true],
    ['ville', ['Jean', 'Marie', 'Kevin', 'Aïcha'], false],
  ])('%s with %j fires: %s', (label, values, fires) => {
    expect(flatten(scanTable(...column(label, values)))).toEqual(
      fires ? [[1, label, 'person-name', 'warning']] : [],
    );
  });

  it('a surname column fires only next to first names', () => {
    const surnames = ['DUPONT', 'LEROY', 'GARNIER', 'Le Gall'];
    expect(flatten(scanTable(...column('nom', surnames)))).toEqual([]);
    const rows = surnames.map((s, i) => [s, ['Jean', 'Marie', 'Luc', 'Anne'][i]!]);
    expect(flatten(scanTable(['nom', 'prénom'], rows)).map((f) => f[1])).toEqual(['nom', 'prénom']);
  });

  it('counts every repeat of a text, past the texts whose reading it remembers', () => {
    const first = ['Jean', 'Marie', 'Pierre', 'Anne', 'Paul', 'Claire', 'Louis', 'Julie', 'Luc', 'Sophie'];
    const last = ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'RICHARD', 'PETIT', 'DURAND'];
    // 80 distinct persons, each three times, then a label and a phone in text repeated down the column.
    const persons = first.flatMap((f) => last.map((l) => `${f} ${l}`));
    const values = [...persons, ...persons, ...persons, ...Array<string>(40).fill('Frais divers')];
    const findings = scanTable(...column('titulaire', values));
    expect(findings.map((f) => [f.params.kind, f.params.count])).toEqual([['person-name', 240]]);
    const phones = Array.from(
      { length: 90 },
      (_, i) => `Tél. : 06 12 34 56 ${String(i % 30).padStart(2, '0')}`,
    );
    const rows = phones.map((p, i) => [persons[i % 80]!, p]);
    const phone = scanTable(['nom', 'contact'], rows).find((f) => f.params.kind === 'phone');
    // 30 numbers, each met 3 times: a number met 3 times is a switchboard's, so none counts…
    expect(phone).toBeUndefined();
    const twice = scanTable(['nom', 'contact'], rows.slice(0, 60)).find((f) => f.params.kind === 'phone');
    // …and met twice each they all count.
    expect(twice?.params.count).toBe(60);
  });

  it('decides on the sample only: persons after it do not count', () => {
    const values = [...ORGS, ...PERSONS, ...PERSONS];
    expect(flatten(scanTable(...column('libelle', values), { sampleSize: 6 }))).toEqual([]);
  });
});

describe('phones', () => {
  it.each<[string, string[], string[] | undefined, boolean]>([
    ['portable', LANDLINES, undefined, true],
    ['telephone', MOBILES, undefined, true],
    ['telephone', LANDLINES, undefined, false],
    ['telephone', LANDLINES, PERSONS, true],
    ['standard', LANDLINES, PERSONS, false],
    ['telephone', Array<string>(6).fill('06 12 34 56 78'), PERSONS, false],
    ['contact', MOBILES.map((m) => `Tél. : ${m}`), undefined, true],
  ])('%s (%j, persons %j) fires: %s', (label, phones, persons, fires) => {
    const header = persons ? ['nom', label] : [label];
    const rows = phones.map((p, i) => (persons ? [persons[i % persons.length]!, p] : [p]));
    const kinds = flatten(scanTable(header, rows)).filter((f) => f[2] === 'phone');
    expect(kinds.length).toBe(fires ? 1 : 0);
  });
});

describe('emails', () => {
  it('judges an email column as a whole', () => {
    const functional = Array.from({ length: 19 }, (_, i) => `contact${i}@ville-${i}.fr`);
    expect(flatten(scanTable(...column('courriel', [...functional, 'jean.dupont@gmail.com'])))).toEqual([]);
    const personal = ['jean.dupont@gmail.com', 'marie.martin@orange.fr', ...functional.slice(0, 8)];
    expect(flatten(scanTable(...column('courriel', personal)))).toEqual([
      [1, 'courriel', 'email', 'warning'],
    ]);
  });

  it('reports a personal address met once in free text, with its row', () => {
    const values = ['RAS', 'Écrire à contact@ville.fr', 'Rappeler jean.dupont@gmail.com', 'Fermé'];
    const [f] = scanTable(...column('commentaire', values));
    expect(f?.params).toMatchObject({
      kind: 'email',
      count: 1,
      rows: [4],
      examples: ['j***.d***@gmail.com'],
    });
  });
});

describe('birth dates', () => {
  it.each<[string, string[], boolean]>([
    ['date_naissance', ['12/05/1985', '02/01/1990', '23/11/1952'], true],
    ['Né le', ['1985-05-12', '1990-01-02'], true],
    ['DDN', ['1985-05-12', '1990-01-02'], true],
    ['birthDate', ['1985-05-12', '1990-01-02'], true],
    ['date_naissance', ['2030-05-12', '2031-01-02', '2032-01-01'], false],
    ['date_entree_agent', ['1985-05-12', '1960-01-02', '2001-04-03'], true],
    ['date', ['1985-05-12', '1960-01-02', '2001-04-03'], false],
  ])('%s %j fires: %s', (label, values, fires) => {
    expect(flatten(scanTable(...column(label, values)))).toEqual(
      fires ? [[1, label, 'birth-date', 'warning']] : [],
    );
  });
});

describe('exact identifiers on every cell', () => {
  const filler = Array.from({ length: 50 }, (_, i) => `Observation ${i}`);

  it.each<[string, string]>([
    ['nir', 'Assuré 2 81 05 2A 123 456 82, voir dossier'],
    ['iban', 'Virement FR76 3000 6000 0112 3456 7890 189'],
    ['rib', 'RIB 30004 00823 00010012345 13'],
  ])('finds one %s after the sample, with its row', (kind, cell) => {
    const values = [...filler];
    values[40] = cell;
    const findings = scanTable(...column('commentaire', values), { sampleSize: 10 });
    expect(flatten(findings)).toEqual([[1, 'commentaire', kind, 'warning']]);
    expect(findings[0]?.params).toMatchObject({ count: 1, rows: [42] });
  });

  it('after the sample, skips columns the schema constrains', () => {
    const values = [...filler];
    values[40] = '1 85 05 78 006 084 91';
    const fields = [{ name: 'code', type: 'string', constraints: { pattern: '^.*$' } }];
    expect(scanTable(...column('code', values), { sampleSize: 10 }, fields)).toEqual([]);
    values[3] = '1 85 05 78 006 084 91';
    expect(flatten(scanTable(...column('code', values), { sampleSize: 10 }, fields))).toEqual([
      [1, 'code', 'nir', 'warning'],
    ]);
  });
});

describe('levels, modes and reasons', () => {
  it('mode error makes findings errors; mode off finds nothing', () => {
    const table = column('titulaire', PERSONS);
    expect(flatten(scanTable(...table, { mode: 'error' }))).toEqual([
      [1, 'titulaire', 'person-name', 'error'],
    ]);
    expect(scanTable(...table, { mode: 'off' })).toEqual([]);
  });

  it('lowers the SCDL prénoms dataset to info', () => {
    const { header, rows } = readCsv(fixture('prenoms-agreges.csv'));
    const findings = scanTable(header, rows, { schemaName: 'scdl/prenoms', mode: 'error' });
    expect(flatten(findings)).toEqual([[4, 'ENFANT_PRENOM', 'person-name', 'info']]);
    expect(findings[0]?.params.reason).toBe('aggregated-first-names');
  });

  it.each<[string, Record<string, unknown>, string[], string]>([
    [
      'format email',
      { name: 'courriel', type: 'string', format: 'email' },
      ['jean.dupont@gmail.com', 'marie.martin@orange.fr'],
      'declared-email-field',
    ],
    [
      'service contact',
      { name: 'contact_amenageur', type: 'string' },
      ['jean.dupont@gmail.com', 'marie.martin@orange.fr'],
      'service-contact-field',
    ],
    ['service phone', { name: 'telephone_operateur', type: 'string' }, MOBILES, 'service-contact-field'],
  ])('%s lowers to info', (_, field, values, reason) => {
    const findings = scanTable(...column('col', values), {}, [field as never]);
    expect(findings.map((f) => [f.level, f.params.reason, f.loc.fieldName, f.loc.column])).toEqual([
      ['info', reason, field.name, 'col'],
    ]);
  });

  it('feeds decisions to the redactor without masking', () => {
    const scanner = createPrivacyScanner([{ label: 'titulaire' }], { mode: 'warn' });
    PERSONS.forEach((p, i) => scanner.row([p], i + 2, i + 2));
    expect(scanner.decisions().map((d) => [d.column, d.kind])).toEqual([[0, 'person-name']]);
  });
});

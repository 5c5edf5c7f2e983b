// The catalogue entry of personal-data-suspected: both languages, hints, and no raw value in any message.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { catalogue, hintOf, messageOf, titleOf } from '../../src/findings/catalogue.js';
import { readCsv } from './read-csv.js';
import { scanTable } from './scan-helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/privacy/${name}`, import.meta.url));

describe('personal-data-suspected in the catalogue', () => {
  it('is a privacy warning with French and English texts', () => {
    const spec = catalogue['personal-data-suspected'];
    expect(spec?.level).toBe('warning');
    expect(spec?.tags).toContain('privacy');
    expect(titleOf('personal-data-suspected', 'fr')).not.toBe(titleOf('personal-data-suspected', 'en'));
  });

  it('prints no raw value in messages or hints, in either language', () => {
    const { header, rows } = readCsv(fixture('personnes.csv'));
    const raw = rows.flat().filter((v) => v.length > 3);
    const findings = scanTable(header, rows);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      for (const lang of ['fr', 'en'] as const) {
        const text = `${messageOf(f, lang)} ${hintOf(f, lang) ?? ''}`;
        expect(text).not.toBe('personal-data-suspected');
        for (const v of raw) expect(text.includes(v), `${v} in ${text}`).toBe(false);
      }
    }
  });

  it('hints at --redact with the column, or the kind for identifiers in free text; none at info level', () => {
    const [col] = scanTable(['titulaire'], [['Jean DUPONT'], ['Marie MARTIN']]);
    expect(hintOf(col!, 'fr')).toContain('--redact titulaire');
    expect(hintOf(col!, 'en')).toContain('--redact titulaire');
    const [nir] = scanTable(['commentaire'], [['RAS'], ['NIR 1 85 05 78 006 084 91']]);
    expect(hintOf(nir!, 'fr')).toContain('--redact nir');
    const [info] = scanTable(['ENFANT_PRENOM'], [['Louise'], ['Jade']], { schemaName: 'scdl/prenoms' });
    expect(info?.level).toBe('info');
    expect(hintOf(info!, 'fr')).toBeUndefined();
  });
});

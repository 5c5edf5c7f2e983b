// The English explanations: one per French one, with the same parts, in English, in docs/errors.en.md.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogue, finding, messageOf } from '../../src/findings/catalogue.js';
import { errorsDoc } from '../../src/findings/doc.js';
import { EXPLANATIONS } from '../../src/findings/explanations.js';
import { EXPLANATIONS_EN } from '../../src/findings/explanations-en.js';
import { explanationFor } from '../../src/findings/explanation-for.js';
import type { FindingCode } from '../../src/findings/types.js';

const PARTS = ['explain', 'excel', 'libreoffice', 'schema', 'odf'] as const;

const partsOf = (e: object): string[] => PARTS.filter((k) => k in e);

/** Words and marks of French prose that English prose never has (French menu names included). */
const FRENCH =
  /«|»|(?<!\p{L})(les|des|une|est|dans|pour|avec|vous|votre|colonne|ligne|fichier|cellule|corrigez|Données|Fichier|Accueil|Édition|Enregistrer)(?!\p{L})/iu;

describe('English explanations', () => {
  const frCodes = Object.keys(EXPLANATIONS).sort();

  it.each(frCodes)('%s has its English explanation, with the same parts as the French', (code) => {
    const en = EXPLANATIONS_EN[code];
    expect(en, `${code} has no English explanation in src/findings/explanations-en.ts`).toBeDefined();
    expect(partsOf(en!)).toEqual(partsOf(EXPLANATIONS[code]!));
    expect(en!.explain.length).toBeGreaterThan(60);
  });

  it('has no English explanation without its French one (a misspelt code)', () => {
    expect(Object.keys(EXPLANATIONS_EN).filter((c) => !(c in EXPLANATIONS))).toEqual([]);
  });

  it.each(frCodes)('%s reads as English', (code) => {
    const en = EXPLANATIONS_EN[code]!;
    // The ACTES subjects are French names, quoted as the nomenclature writes them.
    const texts = PARTS.map((k) => en[k] ?? '').map((t) => t.replace(/\(Commande publique[^)]*\)/, ''));
    for (const t of texts) expect(t, code).not.toMatch(FRENCH);
  });

  it('the check of English prose can fail', () => {
    expect('Fichier › Enregistrer sous').toMatch(FRENCH);
    expect('mettez la colonne au format Texte').toMatch(FRENCH);
    expect('type « Texte »').toMatch(FRENCH);
    expect('File › Save As, type "CSV UTF-8 (Comma delimited) (*.csv)"').not.toMatch(FRENCH);
  });

  it.each(frCodes)('%s: its English example message reads as a sentence', (code) => {
    const e = explanationFor(code, 'en')!;
    const f = finding(
      code as FindingCode,
      e.example.loc ?? {},
      e.example.params ?? {},
      e.example.value !== undefined ? { value: e.example.value } : {},
    );
    expect(messageOf(f, 'en')).not.toMatch(/undefined|NaN|\[object/);
  });
});

describe('explanationFor', () => {
  afterEach(() => {
    delete EXPLANATIONS['zz-only-in-french'];
  });

  it('gives the French text in French and the English text in English', () => {
    expect(explanationFor('type-error', 'fr')).toBe(EXPLANATIONS['type-error']);
    const en = explanationFor('type-error', 'en')!;
    expect(en.explain).toBe(EXPLANATIONS_EN['type-error']!.explain);
    expect(en.excel).toBe(EXPLANATIONS_EN['type-error']!.excel);
    expect(en.example).toEqual(EXPLANATIONS['type-error']!.example);
  });

  it('replaces only the example params the English text gives', () => {
    const en = explanationFor('opening-hours-value', 'en')!;
    const fr = EXPLANATIONS['opening-hours-value']!;
    expect(en.example.params).toEqual({ ...fr.example.params, detailEn: expect.any(String) });
    expect(en.example.value).toBe(fr.example.value);
  });

  it('falls back to French when the English text is missing, and gives nothing for an unknown code', () => {
    EXPLANATIONS['zz-only-in-french'] = { explain: 'Seulement en français.', example: {} };
    expect(explanationFor('zz-only-in-french', 'en')).toBe(EXPLANATIONS['zz-only-in-french']);
    expect(explanationFor('no-such-code', 'en')).toBeUndefined();
    expect(explanationFor('no-such-code', 'fr')).toBeUndefined();
  });
});

describe('docs/errors.en.md', () => {
  it('is generated and up to date (node scripts/make-errors-doc.js)', () => {
    expect(readFileSync('docs/errors.en.md', 'utf8')).toBe(errorsDoc('en'));
  });

  it('has a section per code, at the same anchors as docs/errors.md, with the English texts', () => {
    const doc = readFileSync('docs/errors.en.md', 'utf8');
    for (const code of Object.keys(catalogue)) expect(doc).toContain(`\n### ${code}\n`);
    expect(doc).toContain(EXPLANATIONS_EN['type-error']!.explain);
    expect(doc).toContain(`**In Excel**: ${EXPLANATIONS_EN['type-error']!.excel}`);
    expect(doc).not.toContain(EXPLANATIONS['type-error']!.explain);
  });
});

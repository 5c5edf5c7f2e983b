import { describe, expect, it } from 'vitest';
import { actesProblem } from '../../src/checks/nomenclature-acte.js';
import { checkValue } from './harness.js';

describe('actesProblem', () => {
  it.each([
    ['Urbanisme/Permis de construire', undefined],
    ['urbanisme/permis de construire', undefined],
    ['URBANISME/Droit de préemption', undefined],
    ['Domaines de competences par themes/Aménagement du territoire', undefined],
    ['domaines de compétences par thèmes/aménagement du territoire', undefined],
    ['Libertes publiques et pouvoirs de police/Police municipale', undefined],
    ['Autres domaines de compétences/Autres', undefined],
    ['Commande publique/', undefined],
    ['Urbanisme', 'missing-slash'],
    ['Voirie/Entretien', 'unknown-heading'],
    ['Finances/Budget', 'unknown-heading'],
    ['Urbanisme /Permis', 'space-around-slash'],
    ['Urbanisme/ Permis', 'space-around-slash'],
    ['Finances locales / Subventions', 'space-around-slash'],
  ])('%s → %s', (text, expected) => {
    expect(actesProblem(text)?.reason).toBe(expected);
  });
});

describe('nomenclature-acte check', () => {
  it('distinguishes a space around the slash (with a suggestion) from an unknown heading', () => {
    const [space] = checkValue('nomenclature-actes-value', 'Finances locales / Subventions');
    expect(space).toMatchObject({
      code: 'nomenclature-actes-value',
      params: {
        reason: 'space-around-slash',
        heading: 'Finances locales',
        suggestion: 'Finances locales/Subventions',
      },
    });
    const [unknown] = checkValue('nomenclature-acte', 'Voirie/Entretien');
    expect(unknown).toMatchObject({
      code: 'nomenclature-acte',
      params: { reason: 'unknown-heading', heading: 'Voirie' },
    });
    expect(unknown?.params.suggestion).toBeUndefined();
  });
  it('accepts a valid matter', () => {
    expect(checkValue('nomenclature-actes-value', 'Fonction publique/Personnel titulaire')).toEqual([]);
  });
});

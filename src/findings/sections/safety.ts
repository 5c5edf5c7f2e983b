// Finding codes of hostile-input safety (see src/findings/catalogue.ts): patterns checked within a budget,
// spreadsheet formulas in cells.
import { q, qe, type FindingSpec } from '../spec.js';

export const safetyFindings: Record<string, FindingSpec> = {
  'pattern-not-checked': {
    level: 'warning',
    tags: ['cell', 'constraint'],
    title: { fr: 'Motif non vérifié (calcul trop long)', en: 'Pattern not checked (too costly)' },
    message: {
      fr: (p) =>
        `La valeur ${q(p.value)} de la colonne ${q(p.fieldName)} n’a pas été comparée au motif (pattern) de son champ : ce motif à référence arrière demandait plus de calcul que la limite fixée. Elle n’est ni acceptée ni refusée par ce motif.`,
      en: (p) =>
        `The value ${qe(p.value)} in column ${qe(p.fieldName)} was not compared with its field's pattern: this pattern with a back-reference needed more computation than the limit. The pattern neither accepts nor refuses it.`,
    },
    hint: {
      fr: () =>
        'Vérifiez cette valeur à la main ; un motif sans référence arrière (\\1) se vérifie toujours (voir docs/security.md).',
      en: () =>
        'Check this value by hand; a pattern without back-references (\\1) is always checked (see docs/security.md).',
    },
  },
  'schema-pattern-budgeted': {
    level: 'info',
    tags: ['schema'],
    title: { fr: 'Motif vérifié avec un budget de calcul', en: 'Pattern checked within a budget' },
    message: {
      fr: (p) =>
        `Le motif du champ ${q(p.fieldName)} utilise ${p.feature === 'lookahead' ? 'une assertion avant ((?=…), (?!…))' : 'une référence arrière (\\1, (?P=nom))'}, qui n’existe pas dans les expressions régulières XML Schema de Table Schema : odf le vérifie avec un budget de calcul par cellule, et signale comme non vérifiée une valeur qui le dépasse.`,
      en: (p) =>
        `The pattern of field ${qe(p.fieldName)} uses ${p.feature === 'lookahead' ? 'a lookahead ((?=…), (?!…))' : 'a back-reference (\\1, (?P=name))'}, which Table Schema's XML Schema regular expressions do not have: odf checks it within a computation budget per cell, and reports a value beyond it as not checked.`,
    },
  },
};

// Finding codes of hostile-input safety (see src/findings/catalogue.ts): patterns checked within a budget,
// spreadsheet formulas in cells.
import { displayValue, q, qe, type FindingSpec, type Lang, type MessageParams } from '../spec.js';

function where(p: MessageParams, lang: Lang): string {
  const rows = Array.isArray(p.rows) ? p.rows.map(String).join(', ') : '';
  const more = Number(p.count) > (Array.isArray(p.rows) ? p.rows.length : 0) ? '…' : '';
  const examples = Array.isArray(p.examples)
    ? p.examples.map((e) =>
        lang === 'fr' ? q(displayValue(String(e), 60)) : qe(displayValue(String(e), 60)),
      )
    : [];
  const eg = examples.length
    ? lang === 'fr'
      ? ` ; par exemple ${examples.join(', ')}`
      : `; e.g. ${examples.join(', ')}`
    : '';
  return lang === 'fr'
    ? `${String(p.count)} cellule${Number(p.count) > 1 ? 's' : ''}, ligne${Number(p.count) > 1 ? 's' : ''} ${rows}${more}${eg}`
    : `${String(p.count)} cell${Number(p.count) > 1 ? 's' : ''}, row${Number(p.count) > 1 ? 's' : ''} ${rows}${more}${eg}`;
}

function column(p: MessageParams, lang: Lang): string {
  const name =
    p.fieldName ??
    (lang === 'fr' ? `n° ${String(p.fieldNumber ?? '?')}` : `#${String(p.fieldNumber ?? '?')}`);
  return lang === 'fr' ? q(name) : qe(name);
}

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const safetyCodes = {
  'pattern-not-checked': {
    level: 'warning',
    tags: ['cell', 'constraint'],
    title: { fr: 'Motif non vérifié (calcul trop long)', en: 'Pattern not checked (too costly)' },
    message: {
      fr: (p) =>
        `La valeur ${q(displayValue(String(p.value ?? '')))} de la colonne ${q(p.fieldName)} n’a pas été comparée au motif (pattern) de son champ : sur cette valeur, ce motif demandait plus de calcul que la limite fixée. Elle n’est ni acceptée ni refusée par ce motif.`,
      en: (p) =>
        `The value ${qe(displayValue(String(p.value ?? '')))} in column ${qe(p.fieldName)} was not compared with its field's pattern: on this value, the pattern needed more computation than the limit. The pattern neither accepts nor refuses it.`,
    },
    hint: {
      fr: () =>
        'Vérifiez cette valeur à la main. Seuls le demandent les motifs à référence arrière (\\1) ou à assertion ((?=…)), et les valeurs très longues pour un motif très long (voir docs/security.md).',
      en: () =>
        'Check this value by hand. Only patterns with back-references (\\1) or lookaheads ((?=…)), and very long values for a very long pattern, need it (see docs/security.md).',
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
  'formula-like-text': {
    level: 'warning',
    tags: ['cell', 'safety'],
    title: { fr: 'Texte lu comme une formule de tableur', en: 'Text read as a spreadsheet formula' },
    message: {
      fr: (p) =>
        p.header === true
          ? `Le nom de la colonne ${column(p, 'fr')} commence comme une formule de tableur : Excel ou LibreOffice l’exécuteraient à l’ouverture du CSV.`
          : `Des valeurs de la colonne ${column(p, 'fr')} commencent comme une formule de tableur (=, +, -, @) : Excel ou LibreOffice les exécuteraient à l’ouverture du CSV (${where(p, 'fr')}).`,
      en: (p) =>
        p.header === true
          ? `The name of column ${column(p, 'en')} starts like a spreadsheet formula: Excel or LibreOffice would run it when opening the CSV.`
          : `Values in column ${column(p, 'en')} start like a spreadsheet formula (=, +, -, @): Excel or LibreOffice would run them when opening the CSV (${where(p, 'en')}).`,
    },
    hint: {
      fr: () =>
        'Corrigez la source, ou écrivez le CSV avec `odf normalize --escape-formulas`, qui les préfixe d’une apostrophe comme le conseille l’OWASP.',
      en: () =>
        'Fix the source, or write the CSV with `odf normalize --escape-formulas`, which prefixes them with an apostrophe as OWASP advises.',
    },
  },
} satisfies Record<string, FindingSpec>;

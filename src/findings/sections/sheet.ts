// Finding codes of the sheet area (see src/findings/catalogue.ts).
import type { FindingSpec, MessageParams } from '../spec.js';
import { plural, pluralFr, q, qe } from '../spec.js';

function names(p: MessageParams, quote: (v: unknown) => string): string {
  const list = Array.isArray(p.sheets) ? (p.sheets as unknown[]) : [];
  return list.map(quote).join(', ');
}

/** « Subventions » (1264 lignes), « Détail » (449 lignes). */
function candidates(p: MessageParams, quote: (v: unknown) => string, lang: 'fr' | 'en'): string {
  const list = Array.isArray(p.candidates) ? (p.candidates as { sheet?: unknown; rows?: unknown }[]) : [];
  return list
    .map((c) =>
      lang === 'fr'
        ? `${quote(c.sheet)} : ${pluralFr(Number(c.rows ?? 0), 'ligne', 'lignes')}`
        : `${quote(c.sheet)}: ${plural(Number(c.rows ?? 0), 'row', 'rows')}`,
    )
    .join(', ');
}

function ranges(p: MessageParams): string {
  const list = Array.isArray(p.ranges) ? (p.ranges as unknown[]) : [];
  const shown = list.slice(0, 5).join(', ');
  return list.length > 5 ? `${shown}…` : shown;
}

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const sheetCodes = {
  'sheet-chosen': {
    level: 'info',
    tags: ['source', 'table'],
    title: { fr: 'Feuille choisie', en: 'Sheet chosen' },
    message: {
      fr: (p) =>
        p.score === undefined
          ? `Le classeur a plusieurs feuilles (${names(p, q)}) : odf lit la feuille ${q(p.sheet)}, la première qui ressemble à un tableau de données.`
          : `Le classeur a plusieurs feuilles (${names(p, q)}) : odf lit la feuille ${q(p.sheet)}, dont les en-têtes correspondent le mieux au schéma (${Math.round(Number(p.score) * 100)} %).`,
      en: (p) =>
        p.score === undefined
          ? `The workbook has several sheets (${names(p, qe)}): odf reads sheet ${qe(p.sheet)}, the first one that looks like a data table.`
          : `The workbook has several sheets (${names(p, qe)}): odf reads sheet ${qe(p.sheet)}, whose headers best match the schema (${Math.round(Number(p.score) * 100)}%).`,
    },
    hint: {
      fr: () => 'Pour lire une autre feuille, utilisez --sheet NOM ou --sheet NUMÉRO.',
      en: () => 'To read another sheet, use --sheet NAME or --sheet NUMBER.',
    },
  },
  'sheet-choice-ambiguous': {
    level: 'warning',
    tags: ['source', 'table'],
    title: { fr: 'Plusieurs feuilles possibles', en: 'Several possible sheets' },
    message: {
      fr: (p) =>
        `Plusieurs feuilles du classeur conviennent (${candidates(p, q, 'fr')}) : odf lit ${q(p.sheet)}, celle qui a le plus de lignes de données.`,
      en: (p) =>
        `Several sheets of the workbook fit (${candidates(p, qe, 'en')}): odf reads ${qe(p.sheet)}, the one with the most data rows.`,
    },
    hint: {
      fr: (p) =>
        `Si ce n’est pas la bonne, choisissez-la avec --sheet (par exemple --sheet ${JSON.stringify(String(p.sheet))}).`,
      en: (p) =>
        `If it is not the right one, choose it with --sheet (for example --sheet ${JSON.stringify(String(p.sheet))}).`,
    },
  },
  'sheet-merged-cells': {
    level: 'warning',
    tags: ['source', 'table'],
    title: { fr: 'Cellules fusionnées', en: 'Merged cells' },
    message: {
      fr: (p) =>
        `La feuille contient ${pluralFr(Number(p.count), 'plage de cellules fusionnées', 'plages de cellules fusionnées')} (${ranges(p)}) : seule la première cellule de chaque plage garde la valeur, les autres sont lues vides.`,
      en: (p) =>
        `The sheet has ${plural(Number(p.count), 'merged cell range', 'merged cell ranges')} (${ranges(p)}): only the first cell of each range holds the value, the others read as empty.`,
    },
    hint: {
      fr: () =>
        'Annulez la fusion et recopiez la valeur dans chaque ligne : un jeu de données a une valeur par cellule.',
      en: () => 'Unmerge the cells and copy the value into every row: a dataset has one value per cell.',
    },
  },
  'sheet-error-cell': {
    level: 'warning',
    tags: ['cell'],
    title: { fr: 'Cellule en erreur', en: 'Error cell' },
    message: {
      fr: (p) =>
        `La cellule ${String(p.cell)} contient l’erreur de formule ${q(p.value)} du tableur, pas une donnée${typeof p.total === 'number' ? ` (${p.total} cellules en erreur en tout ; seules les premières sont listées)` : ''}.`,
      en: (p) =>
        `Cell ${String(p.cell)} holds the spreadsheet formula error ${qe(p.value)}, not data${typeof p.total === 'number' ? ` (${p.total} error cells in all; only the first ones are listed)` : ''}.`,
    },
    hint: {
      fr: () => 'Corrigez la formule dans le tableur, ou remplacez la cellule par sa valeur attendue.',
      en: () => 'Fix the formula in the spreadsheet, or replace the cell with its intended value.',
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const sheetFindings: Readonly<Record<string, FindingSpec>> = sheetCodes;

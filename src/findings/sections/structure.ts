// Finding codes about the table's structure (labels, rows, cells) and table-wide rules (keys).
import type { FindingSpec } from '../spec.js';
import { plural, pluralFr, q, qe } from '../spec.js';

const n = (v: unknown): number => Number(v ?? 0);

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const structureCodes = {
  'blank-label': {
    level: 'error',
    tags: ['structure', 'label'],
    fixedByNormalize: 'always',
    title: { fr: 'En-tête vide', en: 'Blank label' },
    message: {
      fr: (p) => `L'en-tête de la colonne ${n(p.fieldNumber)} est vide.`,
      en: (p) => `The header of column ${n(p.fieldNumber)} is blank.`,
    },
    hint: {
      fr: () => 'Donnez un nom à la colonne, ou supprimez-la si elle est vide.',
      en: () => 'Name the column, or delete it if it is empty.',
    },
    frictionless: 'blank-label',
    validata: 'blank-header',
  },
  'duplicate-label': {
    level: 'error',
    tags: ['structure', 'label'],
    title: { fr: 'En-tête en double', en: 'Duplicate label' },
    message: {
      fr: (p) =>
        `L'en-tête ${q(p.label)} de la colonne ${n(p.fieldNumber)} est déjà celui de la colonne ${n(p.firstFieldNumber)}.`,
      en: (p) =>
        `The header ${qe(p.label)} of column ${n(p.fieldNumber)} repeats column ${n(p.firstFieldNumber)}.`,
    },
    hint: {
      fr: () => 'Renommez ou supprimez l’une des deux colonnes.',
      en: () => 'Rename or delete one of the two columns.',
    },
    frictionless: 'duplicate-label',
    validata: 'duplicate-header',
  },
  'blank-row': {
    level: 'error',
    tags: ['structure', 'row'],
    fixedByNormalize: 'always',
    title: { fr: 'Ligne vide', en: 'Blank row' },
    message: {
      fr: () => 'Cette ligne est entièrement vide.',
      en: () => 'This row is completely blank.',
    },
    hint: { fr: () => 'Supprimez la ligne vide.', en: () => 'Delete the blank row.' },
    frictionless: 'blank-row',
    validata: 'blank-row',
  },
  'missing-cell': {
    level: 'error',
    tags: ['structure', 'row', 'cell'],
    title: { fr: 'Cellule manquante', en: 'Missing cell' },
    message: {
      fr: (p) =>
        `Cette ligne a ${pluralFr(n(p.cellCount), 'cellule', 'cellules')} au lieu de ${n(p.labelCount)} : il manque la colonne ${n(p.fieldNumber)}${p.fieldName ? ` (${q(p.fieldName)})` : ''}.`,
      en: (p) =>
        `This row has ${plural(n(p.cellCount), 'cell', 'cells')} instead of ${n(p.labelCount)}: column ${n(p.fieldNumber)}${p.fieldName ? ` (${qe(p.fieldName)})` : ''} is missing.`,
    },
    hint: {
      fr: () => 'Ajoutez les séparateurs manquants (une cellule vide reste une cellule).',
      en: () => 'Add the missing separators (an empty cell is still a cell).',
    },
    frictionless: 'missing-cell',
    validata: 'missing-cell',
  },
  'extra-cell': {
    level: 'error',
    tags: ['structure', 'row', 'cell'],
    title: { fr: 'Cellule en trop', en: 'Extra cell' },
    message: {
      fr: (p) =>
        `Cette ligne a ${n(p.cellCount)} cellules pour ${n(p.labelCount)} colonnes : la cellule ${n(p.fieldNumber)} est en trop.`,
      en: (p) =>
        `This row has ${n(p.cellCount)} cells for ${n(p.labelCount)} columns: cell ${n(p.fieldNumber)} is extra.`,
    },
    hint: {
      fr: () => 'Un séparateur en trop, ou une valeur contenant le séparateur sans guillemets ?',
      en: () => 'An extra separator, or a value containing the separator without quotes?',
    },
    frictionless: 'extra-cell',
    validata: 'extra-cell',
  },
  'foreign-key': {
    level: 'error',
    tags: ['table', 'row'],
    title: { fr: 'Clé étrangère introuvable', en: 'Foreign key violation' },
    message: {
      fr: (p) =>
        `La valeur ${q(p.value)} de ${q(p.fields)} ne se retrouve dans aucune ligne pour ${q(p.referenceFields)}.`,
      en: (p) => `The value ${qe(p.value)} of ${qe(p.fields)} matches no row's ${qe(p.referenceFields)}.`,
    },
    hint: {
      fr: (p) => `Corrigez la valeur, ou ajoutez la ligne dont ${q(p.referenceFields)} vaut ${q(p.value)}.`,
      en: (p) => `Correct the value, or add the row whose ${qe(p.referenceFields)} is ${qe(p.value)}.`,
    },
    frictionless: 'foreign-key',
    validata: 'foreign-key',
  },
  'no-table': {
    level: 'error',
    tags: ['table', 'structure'],
    title: { fr: 'Pas de tableau', en: 'No table' },
    message: {
      fr: (p) =>
        n(p.labels) === 0
          ? 'Le fichier ne contient aucun tableau : il est vide.'
          : 'Le fichier ne contient aucun tableau : une seule ligne d’une seule cellule, sans séparateur ni ligne de données.',
      en: (p) =>
        n(p.labels) === 0
          ? 'The file holds no table: it is empty.'
          : 'The file holds no table: one line of one cell, with no delimiter and no data row.',
    },
    hint: {
      fr: () =>
        'Vérifiez que c’est le bon fichier : un jeu de données a une ligne d’en-tête puis une ligne par enregistrement.',
      en: () => 'Check that it is the right file: a dataset has a header line, then one line per record.',
    },
  },
  'no-data': {
    level: 'warning',
    tags: ['table'],
    title: { fr: 'Aucune ligne de données', en: 'No data rows' },
    message: {
      fr: () => 'Le fichier ne contient que la ligne d’en-tête.',
      en: () => 'The file holds only the header row.',
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const structureFindings: Readonly<Record<string, FindingSpec>> = structureCodes;

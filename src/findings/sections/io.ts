// Finding codes of the io area: CSV syntax and the rows skipped above the header (see src/findings/catalogue.ts).
import type { FindingSpec, MessageParams } from '../spec.js';
import { plural, pluralFr } from '../spec.js';

const n = (v: unknown): number => Number(v ?? 0);

const PROBLEM_FR: Record<string, string> = {
  'unclosed-quote': 'un guillemet ouvert ici n’est jamais refermé ; il est lu comme du texte',
  'stray-quote':
    'un guillemet apparaît au milieu d’une cellule non entourée de guillemets ; il est gardé tel quel',
  'text-after-quote': 'du texte suit le guillemet fermant d’une cellule ; il est gardé dans la cellule',
};
const PROBLEM_EN: Record<string, string> = {
  'unclosed-quote': 'a quote opened here is never closed; it is read as plain text',
  'stray-quote': 'a quote appears inside a cell that is not quoted; it is kept as is',
  'text-after-quote': 'text follows the closing quote of a cell; it is kept in the cell',
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "1, 2 et 3" / "1, 2 and 3". */
function list(values: unknown, and: string): string {
  const items = Array.isArray(values) ? values.map(String) : [];
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function count(p: MessageParams): number {
  return Array.isArray(p.lines) ? p.lines.length : 0;
}

function cellAt(p: MessageParams, fr: boolean): string {
  if (typeof p.cell === 'string') return fr ? `La cellule ${p.cell}` : `Cell ${p.cell}`;
  return fr ? `Une cellule de la ligne ${n(p.line)}` : `A cell on line ${n(p.line)}`;
}

/**
 * Params of the reader limits (docs/limits.md): `cell-too-long`: `limit` (characters), `cell` (A1, in a
 * sheet), `line`; `line-too-long`: `limit`, `line`, `length` (characters read before the cut);
 * `table-beyond-limits`: `what` ('columns' | 'rows'), `limit`, `count` (cells or rows left out), `cell` (the
 * first one, in a sheet), `line`; `cell-outside-table`: `cell`, `count`, `line`; `header-blank`: `line`,
 * `columns` (how many blank labels).
 */
export const ioCodes = {
  'cell-too-long': {
    level: 'error',
    tags: ['source', 'cell'],
    title: { fr: 'Cellule trop longue', en: 'Cell too long' },
    message: {
      fr: (p) =>
        `${cellAt(p, true)} dépasse ${n(p.limit)} caractères : odf n’en lit que les ${n(p.limit)} premiers, la suite est perdue.`,
      en: (p) =>
        `${cellAt(p, false)} exceeds ${n(p.limit)} characters: odf reads only the first ${n(p.limit)}, the rest is lost.`,
    },
    hint: {
      fr: () =>
        'Vérifiez cette cellule (un texte collé par erreur ?) ; si elle est juste, relancez avec --max-cell-length.',
      en: () =>
        'Check this cell (text pasted by mistake?); if it is right, run again with --max-cell-length.',
    },
  },
  'line-too-long': {
    level: 'error',
    tags: ['source', 'structure'],
    title: { fr: 'Ligne trop longue', en: 'Line too long' },
    message: {
      fr: (p) =>
        `La ligne ${n(p.line)} dépasse ${n(p.limit)} caractères sans fin de ligne : odf n’en lit que les ${n(p.limit)} premiers et ignore la suite jusqu’à la fin de ligne suivante.`,
      en: (p) =>
        `Line ${n(p.line)} exceeds ${n(p.limit)} characters without a line break: odf reads only the first ${n(p.limit)} and skips the rest up to the next line break.`,
    },
    hint: {
      fr: () =>
        'Vérifiez les fins de ligne du fichier (un export sur une seule ligne ?) ; si la ligne est juste, relancez avec --max-line-length.',
      en: () =>
        'Check the line breaks of the file (an export on a single line?); if the line is right, run again with --max-line-length.',
    },
  },
  'table-beyond-limits': {
    level: 'error',
    tags: ['source', 'structure'],
    title: { fr: 'Tableau au-delà des limites', en: 'Table beyond the limits' },
    message: {
      fr: (p) =>
        p.what === 'rows'
          ? `La feuille a des lignes au-delà de la ligne ${n(p.limit)}, la limite d’un tableur : ${pluralFr(n(p.count), 'ligne ignorée', 'lignes ignorées')}.`
          : `${typeof p.cell === 'string' ? `La cellule ${p.cell} est` : `La ligne ${n(p.line)} a des cellules`} au-delà de la colonne ${n(p.limit)}, la limite : ${pluralFr(n(p.count), 'cellule ignorée', 'cellules ignorées')} en tout.`,
      en: (p) =>
        p.what === 'rows'
          ? `The sheet has rows beyond row ${n(p.limit)}, a spreadsheet's limit: ${plural(n(p.count), 'row', 'rows')} left out.`
          : `${typeof p.cell === 'string' ? `Cell ${p.cell} lies` : `Line ${n(p.line)} has cells`} beyond column ${n(p.limit)}, the limit: ${plural(n(p.count), 'cell', 'cells')} left out in all.`,
    },
    hint: {
      fr: (p) =>
        p.what === 'rows'
          ? 'Découpez le fichier, ou relancez avec --max-rows.'
          : 'Supprimez les cellules égarées loin à droite, ou relancez avec --max-columns.',
      en: (p) =>
        p.what === 'rows'
          ? 'Split the file, or run again with --max-rows.'
          : 'Delete the stray cells far to the right, or run again with --max-columns.',
    },
  },
  'cell-outside-table': {
    level: 'warning',
    tags: ['source', 'table'],
    title: { fr: 'Cellule hors du tableau', en: 'Cell outside the table' },
    message: {
      fr: (p) =>
        `La cellule ${String(p.cell)} est à gauche de la première colonne du tableau (sous aucun en-tête) : ${pluralFr(n(p.count), 'cellule ignorée', 'cellules ignorées')} ainsi.`,
      en: (p) =>
        `Cell ${String(p.cell)} lies left of the table's first column (under no header): ${plural(n(p.count), 'cell', 'cells')} left out this way.`,
    },
    hint: {
      fr: () => 'Déplacez ces valeurs dans une colonne du tableau, ou donnez un en-tête à leur colonne.',
      en: () => 'Move these values into a column of the table, or give their column a header.',
    },
  },
  'header-blank': {
    level: 'error',
    tags: ['structure', 'label'],
    title: { fr: 'Ligne d’en-tête sans aucun nom', en: 'Header line without any name' },
    message: {
      fr: (p) =>
        `La ligne d’en-tête ${n(p.line)} ne contient que des espaces : aucune colonne n’a de nom. odf la lit comme en-tête et garde toutes les lignes suivantes comme données.`,
      en: (p) =>
        `Header line ${n(p.line)} holds only spaces: no column has a name. odf reads it as the header and keeps every following line as data.`,
    },
    hint: {
      fr: () => 'Écrivez le nom de chaque colonne sur la première ligne du fichier.',
      en: () => 'Write the name of each column on the first line of the file.',
    },
  },
  'format-error': {
    level: 'error',
    tags: ['source', 'structure'],
    title: { fr: 'CSV mal formé', en: 'Malformed CSV' },
    message: {
      // The line is the finding's location, which every report gives before the message.
      fr: (p) => `${capitalize(PROBLEM_FR[String(p.problem)] ?? 'la syntaxe CSV est incorrecte')}.`,
      en: (p) => `${capitalize(PROBLEM_EN[String(p.problem)] ?? 'the CSV syntax is wrong')}.`,
    },
    hint: {
      fr: (p) =>
        p.problem === 'unclosed-quote'
          ? 'Ajoutez le guillemet fermant, ou retirez le guillemet ouvrant.'
          : 'Entourez la cellule de guillemets et doublez les guillemets qu’elle contient : "12"" tuyau".',
      en: (p) =>
        p.problem === 'unclosed-quote'
          ? 'Add the closing quote, or remove the opening one.'
          : 'Quote the cell and double the quotes inside it: "12"" pipe".',
    },
    frictionless: 'format-error',
    validata: 'format-error',
  },
  'header-rows-skipped': {
    level: 'warning',
    tags: ['structure', 'label'],
    fixedByNormalize: 'always',
    title: { fr: 'Lignes ignorées avant l’en-tête', en: 'Rows skipped above the header' },
    message: {
      fr: (p) =>
        `${count(p) === 1 ? 'La ligne' : 'Les lignes'} ${list(p.lines, 'et')} (titre ou ligne vide) ${count(p) === 1 ? 'a été ignorée' : 'ont été ignorées'}${p.headerLine === undefined ? '' : ` : l’en-tête est ligne ${n(p.headerLine)}`}.`,
      en: (p) =>
        `${count(p) === 1 ? 'Line' : 'Lines'} ${list(p.lines, 'and')} (title or blank) ${count(p) === 1 ? 'was' : 'were'} skipped${p.headerLine === undefined ? '' : `: the header is on line ${n(p.headerLine)}`}.`,
    },
    hint: {
      fr: (p) =>
        `Supprimez ${count(p) === 1 ? 'la ligne' : `les ${pluralFr(count(p), 'ligne', 'lignes')}`} au-dessus de l’en-tête : la première ligne du fichier doit être celle des noms de colonnes.`,
      en: (p) =>
        `Delete the ${count(p) === 1 ? 'line' : plural(count(p), 'line', 'lines')} above the header: the first line of the file must hold the column names.`,
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const ioFindings: Readonly<Record<string, FindingSpec>> = ioCodes;

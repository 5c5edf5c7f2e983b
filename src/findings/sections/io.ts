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

export const ioFindings: Record<string, FindingSpec> = {
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
};

// Finding codes of the encoding area (see src/findings/catalogue.ts).
import type { FindingSpec, MessageParams } from '../spec.js';
import { plural, pluralFr, q, qe } from '../spec.js';

function lineFr(p: MessageParams): string {
  return typeof p.line === 'number' ? ` (ligne ${p.line})` : '';
}

function lineEn(p: MessageParams): string {
  return typeof p.line === 'number' ? ` (line ${p.line})` : '';
}

function percent(p: MessageParams): string {
  return `${Math.round(Number(p.confidence ?? 0) * 100)} %`;
}

/** Why detection chose an encoding (EncodingReason in src/io/encoding.ts), in words. */
const REASONS: Record<string, { fr: string; en: string }> = {
  bom: { fr: 'marque d’ordre des octets (BOM) en tête', en: 'byte-order mark at the start' },
  ascii: { fr: 'début du fichier entièrement en ASCII', en: 'start of the file entirely ASCII' },
  'utf-8-valid': { fr: 'UTF-8 valide', en: 'valid UTF-8' },
  'utf-8-mostly': {
    fr: 'UTF-8 valide à quelques octets près',
    en: 'valid UTF-8 but for a few bytes',
  },
  'utf-16-pattern': {
    fr: 'octets nuls alternés, typiques de l’UTF-16',
    en: 'alternating NUL bytes, as in UTF-16',
  },
  'c1-bytes': { fr: 'octets 0x80 à 0x9F (’ € œ de Windows)', en: 'bytes 0x80 to 0x9F (Windows ’ € œ)' },
  'iso-8859-15-markers': { fr: '€ ou œ codés en ISO-8859-15', en: '€ or œ encoded as in ISO-8859-15' },
  'latin-default': { fr: 'accents sans indice plus précis', en: 'accented letters, no finer clue' },
  'mac-roman-letters': {
    fr: 'octets de lettres accentuées à l’intérieur des mots, typiques du Mac Roman (anciens Mac)',
    en: 'bytes of accented letters inside words, as in Mac Roman (old Macs)',
  },
  'late-contradiction': {
    fr: 'octets plus loin dans le fichier incompatibles avec le premier choix',
    en: 'bytes further in the file contradicting the first choice',
  },
};

/** An example encoding for a hint, never the one already used. */
function otherExample(p: MessageParams): string {
  return p.encoding === 'windows-1252' ? 'macintosh' : 'windows-1252';
}

/** The bytes that decided a guess (`evidence`: [{ byte: '8E', as: 'é' }]), e.g. « 0x8E = é ». */
function evidence(p: MessageParams, lang: 'fr' | 'en'): string {
  const list = Array.isArray(p.evidence)
    ? (p.evidence as { byte?: unknown; as?: unknown; sample?: unknown }[])
    : [];
  if (list.length === 0) return '';
  const items = list.map(
    (e) =>
      `0x${String(e.byte)} = ${String(e.as)}${typeof e.sample === 'string' ? (lang === 'fr' ? ` dans « ${e.sample} »` : ` in "${e.sample}"`) : ''}`,
  );
  return lang === 'fr' ? ` : ${items.join(', ')}` : `: ${items.join(', ')}`;
}

/** `U+0096 → –, U+0092 → ’` from `chars`. */
function c1Chars(p: MessageParams): string {
  const list = Array.isArray(p.chars) ? (p.chars as { code?: unknown; intended?: unknown }[]) : [];
  if (list.length === 0) return '';
  return ` [${list.map((c) => `${String(c.code)} → ${c.intended === '' ? '?' : String(c.intended)}`).join(', ')}]`;
}

/** « label » → « repaired » pairs of damaged header labels. */
function listPairs(p: MessageParams, quote: (v: unknown) => string): string {
  const labels = Array.isArray(p.labels) ? (p.labels as unknown[]) : [];
  const repaired = Array.isArray(p.repaired) ? (p.repaired as unknown[]) : [];
  return labels.map((l, i) => `${quote(l)} → ${quote(repaired[i])}`).join(', ');
}

function reasonOf(p: MessageParams, lang: 'fr' | 'en'): string {
  return REASONS[String(p.reason)]?.[lang] ?? String(p.reason ?? '');
}

/**
 * Params:
 * - `encoding-error`: `encoding` (the one used to decode), `replaced` (count of characters replaced by
 *   U+FFFD, or 0 when not decoded), `line` (first bad line, when known), `suggested` (an encoding that
 *   would fit, when odf knows one but could not re-read the input, e.g. stdin), `reason`
 *   ('invalid-bytes' | 'truncated' | 'unpaired-surrogate').
 * - `double-encoded-text`: `sample` (e.g. `Ã©`), `repaired` (e.g. `é`), `line`; fixable.
 * - `encoding-guessed`: `encoding`, `confidence` (0..1), `reason` (EncodingReason or
 *   'late-contradiction'), `line` (for a late contradiction: where the first telling byte was).
 * - `encoding-not-utf8`: `encoding`; fixable (`odf normalize` writes UTF-8).
 * - `encoding-guessed` may also carry `evidence` (the bytes that decided, `[{ byte: '8E', as: 'é',
 *   sample: 'République' }]`) and `alternative` (the next-best encoding, never the one guessed).
 * - `c1-control-characters`: data cells: `count` (cells), `sample`, `repaired`, `chars`
 *   (`[{ code: 'U+0096', intended: '–' }]`), `line`; header labels: `header: true`, `labels`, `repaired`,
 *   `count`. Fixable: `repairC1Controls` (src/io/damage.ts) gives the intended characters.
 */
/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const encodingCodes = {
  'encoding-error': {
    level: 'error',
    tags: ['source', 'encoding'],
    title: { fr: 'Erreur d’encodage', en: 'Encoding error' },
    message: {
      fr: (p) => {
        const what =
          p.reason === 'truncated'
            ? `Le fichier est tronqué : sa fin n’est pas du ${p.encoding} complet`
            : `Le fichier n’est pas du ${p.encoding} valide`;
        const replaced = Number(p.replaced ?? 0);
        const count =
          replaced > 0
            ? ` : ${pluralFr(replaced, 'caractère illisible remplacé', 'caractères illisibles remplacés')} par ${q('\uFFFD')}`
            : '';
        return `${what}${count}${lineFr(p)}.`;
      },
      en: (p) => {
        const what =
          p.reason === 'truncated'
            ? `The file is truncated: its end is not complete ${p.encoding}`
            : `The file is not valid ${p.encoding}`;
        const replaced = Number(p.replaced ?? 0);
        const count =
          replaced > 0
            ? `: ${plural(replaced, 'unreadable character', 'unreadable characters')} replaced with ${qe('\uFFFD')}`
            : '';
        return `${what}${count}${lineEn(p)}.`;
      },
    },
    hint: {
      fr: (p) =>
        typeof p.suggested === 'string'
          ? `Il semble encodé en ${p.suggested} : relancez avec --encoding ${p.suggested}, ou enregistrez-le en UTF-8.`
          : `Enregistrez le fichier en UTF-8, ou indiquez son encodage avec --encoding (par exemple --encoding ${otherExample(p)}).`,
      en: (p) =>
        typeof p.suggested === 'string'
          ? `It looks like ${p.suggested}: run again with --encoding ${p.suggested}, or save it as UTF-8.`
          : `Save the file as UTF-8, or give its encoding with --encoding (for example --encoding ${otherExample(p)}).`,
    },
    frictionless: 'encoding-error',
    validata: 'encoding-error',
  },
  'double-encoded-text': {
    level: 'warning',
    tags: ['source', 'encoding'],
    fixedByNormalize: (_f, e) => e.repairs.has('double-encoding'),
    title: { fr: 'Texte encodé deux fois', en: 'Double-encoded text' },
    message: {
      fr: (p) =>
        `Des accents sont abîmés par un double encodage : ${q(p.sample)} au lieu de ${q(p.repaired)}${lineFr(p)}.`,
      en: (p) =>
        `Accented letters are garbled by double encoding: ${qe(p.sample)} instead of ${qe(p.repaired)}${lineEn(p)}.`,
    },
    hint: {
      fr: (p) =>
        `odf normalize le répare (${q(p.sample)} devient ${q(p.repaired)}) ; à la source, exportez en UTF-8 sans rouvrir le fichier comme Windows-1252.`,
      en: (p) =>
        `odf normalize repairs it (${qe(p.sample)} becomes ${qe(p.repaired)}); at the source, export as UTF-8 without reopening the file as Windows-1252.`,
    },
  },
  'encoding-guessed': {
    level: 'info',
    tags: ['source', 'encoding'],
    fixedByNormalize: 'always',
    title: { fr: 'Encodage deviné', en: 'Encoding guessed' },
    message: {
      fr: (p) =>
        `Encodage deviné : ${p.encoding} (confiance ${percent(p)}, ${reasonOf(p, 'fr')}${evidence(p, 'fr')})${lineFr(p)}.`,
      en: (p) =>
        `Encoding guessed: ${p.encoding} (confidence ${percent(p)}, ${reasonOf(p, 'en')}${evidence(p, 'en')})${lineEn(p)}.`,
    },
    hint: {
      fr: (p) =>
        typeof p.alternative === 'string'
          ? `Si les accents sont faux, essayez --encoding ${p.alternative}.`
          : 'Si les accents sont faux, indiquez le bon encodage avec --encoding.',
      en: (p) =>
        typeof p.alternative === 'string'
          ? `If accented letters look wrong, try --encoding ${p.alternative}.`
          : 'If accented letters look wrong, give the right encoding with --encoding.',
    },
  },
  'c1-control-characters': {
    level: 'warning',
    tags: ['source', 'encoding'],
    title: { fr: 'Caractères de contrôle C1', en: 'C1 control characters' },
    message: {
      fr: (p) =>
        p.header === true
          ? `${pluralFr(Number(p.count ?? 0), 'nom de colonne contient', 'noms de colonnes contiennent')} des caractères de contrôle invisibles (U+0080 à U+009F) : ${listPairs(p, q)}.`
          : `${pluralFr(Number(p.count ?? 0), 'cellule contient', 'cellules contiennent')} des caractères de contrôle invisibles (U+0080 à U+009F), trace d’un texte Windows-1252 lu comme ISO-8859-1 : ${q(p.sample)} devrait se lire ${q(p.repaired)}${lineFr(p)}${c1Chars(p)}.`,
      en: (p) =>
        p.header === true
          ? `${plural(Number(p.count ?? 0), 'column name holds', 'column names hold')} invisible control characters (U+0080 to U+009F): ${listPairs(p, qe)}.`
          : `${plural(Number(p.count ?? 0), 'cell holds', 'cells hold')} invisible control characters (U+0080 to U+009F), the trace of Windows-1252 text read as ISO-8859-1: ${qe(p.sample)} should read ${qe(p.repaired)}${lineEn(p)}${c1Chars(p)}.`,
    },
    hint: {
      fr: () =>
        'odf normalize remplace chaque caractère par celui qu’il représentait en Windows-1252 (U+0096 → « – », U+0092 → « ’ ») ; à la source, réenregistrez le fichier en UTF-8 depuis Windows-1252.',
      en: () =>
        'odf normalize replaces each one with the character it stood for in Windows-1252 (U+0096 → "–", U+0092 → "’"); at the source, save the file again as UTF-8 from Windows-1252.',
    },
  },
  'encoding-not-utf8': {
    level: 'warning',
    tags: ['source', 'encoding'],
    fixedByNormalize: 'always',
    title: { fr: 'Fichier non encodé en UTF-8', en: 'File not encoded as UTF-8' },
    message: {
      fr: (p) => `Le fichier est encodé en ${p.encoding} ; les données ouvertes se publient en UTF-8.`,
      en: (p) => `The file is encoded as ${p.encoding}; open data is published as UTF-8.`,
    },
    hint: {
      fr: () => 'odf normalize l’écrit en UTF-8 ; dans Excel, choisissez « CSV UTF-8 » à l’enregistrement.',
      en: () => 'odf normalize writes it as UTF-8; in Excel, save as "CSV UTF-8".',
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const encodingFindings: Readonly<Record<string, FindingSpec>> = encodingCodes;

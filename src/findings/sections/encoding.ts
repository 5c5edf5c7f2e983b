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
  'late-contradiction': {
    fr: 'octets plus loin dans le fichier incompatibles avec le premier choix',
    en: 'bytes further in the file contradicting the first choice',
  },
};

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
          : 'Enregistrez le fichier en UTF-8, ou indiquez son encodage avec --encoding (par exemple --encoding windows-1252).',
      en: (p) =>
        typeof p.suggested === 'string'
          ? `It looks like ${p.suggested}: run again with --encoding ${p.suggested}, or save it as UTF-8.`
          : 'Save the file as UTF-8, or give its encoding with --encoding (for example --encoding windows-1252).',
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
        `Encodage deviné : ${p.encoding} (confiance ${percent(p)}, ${reasonOf(p, 'fr')})${lineFr(p)}.`,
      en: (p) =>
        `Encoding guessed: ${p.encoding} (confidence ${percent(p)}, ${reasonOf(p, 'en')})${lineEn(p)}.`,
    },
    hint: {
      fr: (p) => `Si les accents sont faux, indiquez l’encodage avec --encoding (détecté : ${p.encoding}).`,
      en: (p) =>
        `If accented letters look wrong, give the encoding with --encoding (detected: ${p.encoding}).`,
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

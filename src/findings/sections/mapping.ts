// Finding codes of the column mapping and schema recognition (src/schema/match.ts, src/schema/recognize.ts).
import type { FindingSpec } from '../spec.js';
import { q, qe } from '../spec.js';

const n = (v: unknown): number => Number(v ?? 0);
const pct = (v: unknown): string => `${Math.round(n(v) * 100)} %`;
const pctEn = (v: unknown): string => `${Math.round(n(v) * 100)}%`;
const list = (v: unknown, quote: (s: unknown) => string): string =>
  (Array.isArray(v) ? v : []).map((x) => quote(x)).join(', ');

const HOW_FR: Record<string, string> = {
  folded: 'à la casse, aux accents ou aux séparateurs près',
  title: 'par le titre du champ',
  synonym: 'par un synonyme connu',
  suggestion: 'par ressemblance (suggestion acceptée)',
};
const HOW_EN: Record<string, string> = {
  folded: 'up to case, accents or separators',
  title: "through the field's title",
  synonym: 'through a known synonym',
  suggestion: 'by similarity (accepted suggestion)',
};

interface Closest {
  name: string;
  version: string;
  score: number;
}
const closestList = (v: unknown, en: boolean): string =>
  (Array.isArray(v) ? (v as Closest[]) : [])
    .map((c) => `${c.name}@${c.version} (${en ? pctEn(c.score) : pct(c.score)})`)
    .join(', ');

const WHY_FR: Record<string, string> = {
  'no-candidate': 'aucun schéma ne partage de colonne avec le fichier',
  'too-weak': 'le plus proche partage trop peu de colonnes',
  'too-close': 'plusieurs schémas correspondent presque aussi bien',
};
const WHY_EN: Record<string, string> = {
  'no-candidate': 'no schema shares a column with the file',
  'too-weak': 'the closest one shares too few columns',
  'too-close': 'several schemas match almost equally well',
};

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const mappingFindingCodes = {
  'incorrect-label': {
    level: 'error',
    tags: ['structure', 'label'],
    fixedByNormalize: 'always',
    title: { fr: 'En-tête à corriger', en: 'Incorrect label' },
    message: {
      fr: (p) =>
        `L'en-tête ${q(p.label)} correspond au champ ${q(p.fieldName)} ${HOW_FR[String(p.kind)] ?? ''}, mais n'est pas son nom exact.`,
      en: (p) =>
        `The header ${qe(p.label)} matches field ${qe(p.fieldName)} ${HOW_EN[String(p.kind)] ?? ''}, but is not its exact name.`,
    },
    hint: {
      fr: (p) => `Renommez la colonne ${q(p.label)} en ${q(p.fieldName)} (odf normalize le fait).`,
      en: (p) => `Rename column ${qe(p.label)} to ${qe(p.fieldName)} (odf normalize does it).`,
    },
    frictionless: 'incorrect-label',
    validata: 'non-matching-header',
  },
  'label-suggestion': {
    level: 'warning',
    tags: ['structure', 'label'],
    fixedByNormalize: (_f, e) => e.acceptSuggestions,
    title: { fr: 'En-tête ressemblant', en: 'Label suggestion' },
    message: {
      fr: (p) =>
        `La colonne ${q(p.label)} ressemble au champ ${q(p.fieldName)} (similarité ${pct(p.score)}).`,
      en: (p) => `Column ${qe(p.label)} looks like field ${qe(p.fieldName)} (similarity ${pctEn(p.score)}).`,
    },
    hint: {
      fr: (p) =>
        `Si c'est bien lui, renommez la colonne en ${q(p.fieldName)}, ou lancez odf normalize --accept-suggestions.`,
      en: (p) =>
        `If it is, rename the column to ${qe(p.fieldName)}, or run odf normalize --accept-suggestions.`,
    },
  },
  'ambiguous-label': {
    level: 'warning',
    tags: ['structure', 'label'],
    title: { fr: 'En-tête ambigu', en: 'Ambiguous label' },
    message: {
      fr: (p) => {
        const fields = Array.isArray(p.fieldNames) ? p.fieldNames : [];
        if (fields.length > 1) {
          return `L'en-tête ${q(p.label)} correspond aussi bien aux champs ${list(fields, q)} : odf ne choisit pas.`;
        }
        const rivals = list(p.rivals, q);
        return `Plusieurs colonnes correspondent au champ ${list(fields, q)} (${q(p.label)}${rivals ? `, ${rivals}` : ''}) : odf ne choisit pas.`;
      },
      en: (p) => {
        const fields = Array.isArray(p.fieldNames) ? p.fieldNames : [];
        if (fields.length > 1) {
          return `The header ${qe(p.label)} matches fields ${list(fields, qe)} equally well: odf does not guess.`;
        }
        const rivals = list(p.rivals, qe);
        return `Several columns match field ${list(fields, qe)} (${qe(p.label)}${rivals ? `, ${rivals}` : ''}): odf does not guess.`;
      },
    },
    hint: {
      fr: () =>
        'Renommez les colonnes, ou dites laquelle alimente quel champ dans un fichier de correspondance (odf map).',
      en: () => 'Rename the columns, or say which feeds which field in a mapping file (odf map).',
    },
  },
  'missing-label': {
    level: 'error',
    tags: ['structure', 'label'],
    // A required field filled by a constant of the mapping file.
    fixedByNormalize: (f) => f.params.constant !== undefined,
    title: { fr: 'Colonne obligatoire absente', en: 'Missing label' },
    message: {
      fr: (p) =>
        `Le champ obligatoire ${q(p.fieldName)} n'a pas de colonne dans le fichier${p.constant !== undefined ? ` ; le fichier de correspondance le remplit avec ${q(p.constant)} (odf normalize l'ajoute)` : ''}.`,
      en: (p) =>
        `Required field ${qe(p.fieldName)} has no column in the file${p.constant !== undefined ? `; the mapping file fills it with ${qe(p.constant)} (odf normalize adds it)` : ''}.`,
    },
    hint: {
      fr: (p) =>
        p.suggestion !== undefined
          ? `La colonne ${q(p.suggestion)} lui ressemble : renommez-la en ${q(p.fieldName)} si c'est elle.`
          : `Ajoutez la colonne ${q(p.fieldName)}, ou donnez sa source (une colonne, ou une valeur constante) dans un fichier de correspondance (odf map).`,
      en: (p) =>
        p.suggestion !== undefined
          ? `Column ${qe(p.suggestion)} looks like it: rename it to ${qe(p.fieldName)} if it is the one.`
          : `Add column ${qe(p.fieldName)}, or give its source (a column, or a constant value) in a mapping file (odf map).`,
    },
    frictionless: 'missing-label',
    validata: 'missing-header',
  },
  'missing-optional-label': {
    level: 'warning',
    tags: ['structure', 'label'],
    fixedByNormalize: 'always',
    title: { fr: 'Colonne facultative absente', en: 'Missing optional label' },
    message: {
      fr: (p) =>
        `Le champ facultatif ${q(p.fieldName)} n'a pas de colonne dans le fichier${p.constant !== undefined ? ` ; le fichier de correspondance le remplit avec ${q(p.constant)} (odf normalize l'ajoute)` : ''}.`,
      en: (p) =>
        `Optional field ${qe(p.fieldName)} has no column in the file${p.constant !== undefined ? `; the mapping file fills it with ${qe(p.constant)} (odf normalize adds it)` : ''}.`,
    },
    hint: {
      fr: (p) =>
        p.suggestion !== undefined
          ? `La colonne ${q(p.suggestion)} lui ressemble : renommez-la en ${q(p.fieldName)} si c'est elle.`
          : `Ajoutez la colonne ${q(p.fieldName)}, même vide, pour suivre le schéma.`,
      en: (p) =>
        p.suggestion !== undefined
          ? `Column ${qe(p.suggestion)} looks like it: rename it to ${qe(p.fieldName)} if it is the one.`
          : `Add column ${qe(p.fieldName)}, even empty, to follow the schema.`,
    },
    frictionless: 'missing-label',
    validata: 'missing-header',
  },
  'extra-label': {
    level: 'warning',
    tags: ['structure', 'label'],
    fixedByNormalize: (_f, e) => !e.keepExtra,
    title: { fr: 'Colonne hors schéma', en: 'Extra label' },
    message: {
      fr: (p) =>
        `La colonne ${q(p.label)} (colonne ${n(p.columnNumber)}) ne correspond à aucun champ du schéma.`,
      en: (p) => `Column ${qe(p.label)} (column ${n(p.columnNumber)}) matches no field of the schema.`,
    },
    hint: {
      fr: () =>
        "Supprimez-la si elle n'a pas lieu d'être publiée, ou indiquez le champ qu'elle alimente dans un fichier de correspondance (odf map).",
      en: () =>
        'Delete it if it should not be published, or name the field it feeds in a mapping file (odf map).',
    },
    frictionless: 'extra-label',
    validata: 'extra-header',
  },
  'label-order': {
    level: 'warning',
    tags: ['structure', 'label'],
    fixedByNormalize: 'always',
    title: { fr: 'Colonnes dans le désordre', en: 'Label order' },
    message: {
      fr: () => "Les colonnes ne sont pas dans l'ordre des champs du schéma.",
      en: () => "The columns are not in the order of the schema's fields.",
    },
    hint: {
      fr: (p) =>
        `Ordre attendu : ${list(p.expected, (s) => String(s))} (odf normalize remet les colonnes dans l'ordre).`,
      en: (p) =>
        `Expected order: ${list(p.expected, (s) => String(s))} (odf normalize reorders the columns).`,
    },
  },
  'schema-recognized': {
    level: 'info',
    tags: ['schema'],
    title: { fr: 'Schéma reconnu', en: 'Schema recognised' },
    message: {
      fr: (p) =>
        `Schéma reconnu d'après les en-têtes : ${String(p.name)}@${String(p.version)} (score ${pct(p.score)}).`,
      en: (p) =>
        `Schema recognised from the headers: ${String(p.name)}@${String(p.version)} (score ${pctEn(p.score)}).`,
    },
    hint: {
      fr: () => "Si ce n'est pas le bon, indiquez le schéma avec --schema.",
      en: () => 'If it is not the right one, give the schema with --schema.',
    },
  },
  'schema-not-recognized': {
    level: 'warning',
    tags: ['schema'],
    title: { fr: 'Schéma non reconnu', en: 'Schema not recognised' },
    message: {
      fr: (p) => {
        const closest = closestList(p.closest, false);
        return `Aucun schéma reconnu avec assez de certitude (${WHY_FR[String(p.reason)] ?? String(p.reason)}) : seule la structure du fichier est vérifiée.${closest ? ` Schémas les plus proches : ${closest}.` : ''}`;
      },
      en: (p) => {
        const closest = closestList(p.closest, true);
        return `No schema recognised with enough confidence (${WHY_EN[String(p.reason)] ?? String(p.reason)}): only the file's structure is checked.${closest ? ` Closest schemas: ${closest}.` : ''}`;
      },
    },
    hint: {
      fr: () =>
        'Indiquez le schéma avec --schema (voir « odf schemas list »), et au besoin un fichier de correspondance (odf map).',
      en: () =>
        'Give the schema with --schema (see "odf schemas list"), and a mapping file if needed (odf map).',
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const mappingFindingSpecs: Readonly<Record<string, FindingSpec>> = mappingFindingCodes;

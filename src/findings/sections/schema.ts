// Finding codes of the schema area (see src/findings/catalogue.ts): problems in the Table Schema itself.
import { q, qe, type FindingSpec, type MessageParams } from '../spec.js';

function list(v: unknown): string {
  return Array.isArray(v) ? v.map((x) => String(x)).join(', ') : String(v);
}

/** French wording of the ajv keywords the Table Schema profile uses; ajv's own English text otherwise. */
function ajvFr(p: MessageParams): string {
  switch (p.keyword) {
    case 'type':
      return `doit être de type ${String(p.expected)}`;
    case 'enum':
      return `doit valoir l'une des valeurs : ${list(p.allowed)}`;
    case 'required':
      return `la propriété obligatoire ${q(p.property)} manque`;
    case 'minItems':
      return 'ne doit pas être vide';
    case 'uniqueItems':
      return 'ne doit pas contenir de doublons';
    case 'format':
      return `doit respecter le format ${String(p.format)}`;
    case 'oneOf':
    case 'anyOf':
      return "n'a aucune des formes permises";
    default:
      return String(p.message);
  }
}

function ajvEn(p: MessageParams): string {
  switch (p.keyword) {
    case 'enum':
      return `must be one of: ${list(p.allowed)}`;
    case 'required':
      return `the required property ${qe(p.property)} is missing`;
    default:
      return String(p.message);
  }
}

const EXAMPLE_REASON_FR: Record<string, string> = {
  'not-a-string': "n'est pas un texte (Table Schema veut une chaîne, comme dans le fichier)",
  enum: 'ne fait pas partie des valeurs permises (constraints.enum)',
  pattern: 'ne respecte pas le motif du champ (constraints.pattern)',
  type: "n'est pas une valeur valide pour le type du champ",
};

const EXAMPLE_REASON_EN: Record<string, string> = {
  'not-a-string': 'is not a string (Table Schema wants text, as in the file)',
  enum: 'is not one of the allowed values (constraints.enum)',
  pattern: "does not match the field's pattern (constraints.pattern)",
  type: "is not a valid value of the field's type",
};

function example(p: MessageParams): string {
  return typeof p.example === 'string' ? p.example : JSON.stringify(p.example);
}

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const schemaCodes = {
  'schema-error': {
    level: 'error',
    tags: ['schema'],
    title: { fr: 'Schéma non conforme à Table Schema', en: 'Schema does not follow Table Schema' },
    message: {
      fr: (p) => `Schéma invalide en ${String(p.path) || '/'} : ${ajvFr(p)}.`,
      en: (p) => `Invalid schema at ${String(p.path) || '/'}: ${ajvEn(p)}.`,
    },
    hint: {
      fr: (p) =>
        p.keyword === 'enum'
          ? `Corrigez le schéma : valeurs permises ${list(p.allowed)}.`
          : `Corrigez le schéma en ${String(p.path) || '/'} (rien à corriger dans vos données).`,
      en: (p) =>
        p.keyword === 'enum'
          ? `Fix the schema: allowed values ${list(p.allowed)}.`
          : `Fix the schema at ${String(p.path) || '/'} (nothing to fix in your data).`,
    },
    frictionless: 'schema-error',
    validata: 'schema-error',
  },
  'schema-field-type-unknown': {
    level: 'error',
    tags: ['schema'],
    title: { fr: 'Type de champ inconnu', en: 'Unknown field type' },
    message: {
      fr: (p) => `Le champ ${q(p.fieldName)} a un type inconnu : ${q(p.type)}.`,
      en: (p) => `Field ${qe(p.fieldName)} has an unknown type: ${qe(p.type)}.`,
    },
    hint: {
      fr: (p) =>
        p.suggestion
          ? `Écrivez « ${String(p.suggestion)} » (en minuscules).`
          : 'Types permis : string, number, integer, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, array, object, any.',
      en: (p) =>
        p.suggestion
          ? `Write "${String(p.suggestion)}" (lower case).`
          : 'Allowed types: string, number, integer, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, array, object, any.',
    },
    frictionless: 'schema-error',
  },
  'schema-field-duplicate': {
    level: 'error',
    tags: ['schema'],
    title: { fr: 'Nom de champ en double dans le schéma', en: 'Duplicate field name in the schema' },
    message: {
      fr: (p) =>
        `Le schéma déclare deux fois le champ ${q(p.fieldName)} (champs n° ${String(p.firstFieldNumber)} et ${String(p.fieldNumber ?? '?')}).`,
      en: (p) =>
        `The schema declares field ${qe(p.fieldName)} twice (fields #${String(p.firstFieldNumber)} and #${String(p.fieldNumber ?? '?')}).`,
    },
    hint: {
      fr: () => 'Renommez ou supprimez l’un des deux champs du schéma (rien à corriger dans vos données).',
      en: () => 'Rename or delete one of the two fields of the schema (nothing to fix in your data).',
    },
    frictionless: 'schema-error',
  },
  'schema-key-unknown-field': {
    level: 'error',
    tags: ['schema'],
    title: { fr: 'Clé désignant un champ inexistant', en: 'Key naming an unknown field' },
    message: {
      fr: (p) => `${String(p.key)} (${String(p.path)}) désigne le champ ${q(p.name)}, absent du schéma.`,
      en: (p) => `${String(p.key)} (${String(p.path)}) names field ${qe(p.name)}, which the schema lacks.`,
    },
    hint: {
      fr: (p) =>
        `Dans le schéma, écrivez dans ${String(p.key)} le nom exact d’un champ (rien à corriger dans vos données).`,
      en: (p) =>
        `In the schema, write the exact name of a field in ${String(p.key)} (nothing to fix in your data).`,
    },
    frictionless: 'schema-error',
  },
  'schema-pattern-invalid': {
    level: 'error',
    tags: ['schema'],
    title: { fr: 'Motif (pattern) illisible', en: 'Unreadable pattern' },
    message: {
      fr: (p) =>
        `Le motif du champ ${q(p.fieldName)} n'est pas une expression régulière utilisable : ${String(p.reason)}. La contrainte pattern ne sera pas vérifiée.`,
      en: (p) =>
        `The pattern of field ${qe(p.fieldName)} is not a usable regular expression: ${String(p.reason)}. The pattern constraint will not be checked.`,
    },
    hint: {
      fr: () =>
        'Corrigez le motif dans le schéma ; en attendant, les valeurs de cette colonne ne sont pas vérifiées contre lui.',
      en: () =>
        'Fix the pattern in the schema; until then, the values of this column are not checked against it.',
    },
    frictionless: 'schema-error',
  },
  'schema-pattern-translated': {
    level: 'info',
    tags: ['schema'],
    title: { fr: 'Motif (pattern) adapté', en: 'Pattern adapted' },
    message: {
      fr: (p) =>
        `Le motif du champ ${q(p.fieldName)} utilise une syntaxe propre à Python, traduite ainsi : ${list(p.changes)}.`,
      en: (p) =>
        `The pattern of field ${qe(p.fieldName)} uses Python-only syntax, translated as: ${list(p.changes)}.`,
    },
  },
  'schema-example-invalid': {
    level: 'warning',
    tags: ['schema'],
    title: { fr: 'Exemple du schéma non conforme à son champ', en: 'Schema example does not fit its field' },
    message: {
      fr: (p) =>
        `L'exemple du champ ${q(p.fieldName)}, ${q(example(p))}, ${EXAMPLE_REASON_FR[String(p.reason)] ?? String(p.reason)}.`,
      en: (p) =>
        `The example of field ${qe(p.fieldName)}, ${qe(example(p))}, ${EXAMPLE_REASON_EN[String(p.reason)] ?? String(p.reason)}.`,
    },
    hint: {
      fr: (p) =>
        p.reason === 'not-a-string' ? `Écrivez "example": "${example(p)}" (entre guillemets).` : undefined,
      en: (p) => (p.reason === 'not-a-string' ? `Write "example": "${example(p)}" (quoted).` : undefined),
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const schemaFindings: Readonly<Record<string, FindingSpec>> = schemaCodes;

// Finding codes of the column mapping and schema recognition (src/match/match.ts, src/match/recognize.ts).
import type { FindingSpec } from '../spec.js';
import { q, qe } from '../spec.js';
import { splitHintEn, splitHintFr } from './split.js';

/** A list param (strings), or an empty list. */
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}
/** Columns as « a » (12 cellules non vides): params `columns` are `{ label, filled }`. */
function columnText(v: unknown, fr: boolean): string {
  const cols = Array.isArray(v) ? (v as { label?: unknown; filled?: unknown }[]) : [];
  return cols
    .map((c) => {
      const n = Number(c.filled ?? 0);
      const label = fr ? q(c.label) : qe(c.label);
      return fr
        ? `${label} (${n} valeur${n > 1 ? 's' : ''} dans les premières lignes)`
        : `${label} (${n} value${n === 1 ? '' : 's'} in the first rows)`;
    })
    .join(', ');
}
/** What normalize did with an extra column's values (`filled`, `dropped` params set by normalize). */
const filledFr = (p: Record<string, unknown>): string => {
  if (p.filled === undefined) return '';
  const k = Number(p.filled);
  const what = k === 0 ? 'aucune valeur' : `${k} valeur${k > 1 ? 's' : ''} non vide${k > 1 ? 's' : ''}`;
  return p.dropped === true
    ? ` ; odf normalize la retire : ${what} non écrite${k > 1 ? 's' : ''}`
    : ` ; ${what}, gardée${k > 1 ? 's' : ''}`;
};
const filledEn = (p: Record<string, unknown>): string => {
  if (p.filled === undefined) return '';
  const k = Number(p.filled);
  const what = k === 0 ? 'no value' : `${k} non-empty value${k === 1 ? '' : 's'}`;
  return p.dropped === true ? `; odf normalize drops it: ${what} not written` : `; ${what}, kept`;
};
const fieldsFr = (v: unknown): string => {
  const f = strings(v);
  return f.length > 1
    ? `Les champs obligatoires ${f.map((x) => q(x)).join(', ')} sont`
    : `Le champ obligatoire ${q(f[0])} est`;
};
const fieldsEn = (v: unknown): string => {
  const f = strings(v);
  return f.length > 1
    ? `Required fields ${f.map((x) => qe(x)).join(', ')} have`
    : `Required field ${qe(f[0])} has`;
};
const columnsFr = (v: unknown): string =>
  `${Array.isArray(v) && v.length > 1 ? 'ces colonnes ne servent pas, de la plus proche à la moins proche' : 'cette colonne ne sert pas'} : ${columnText(v, true)}`;
const columnsEn = (v: unknown): string =>
  `${Array.isArray(v) && v.length > 1 ? 'these columns are unused, closest first' : 'this column is unused'}: ${columnText(v, false)}`;

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
  tie: 'plusieurs schémas correspondent exactement aussi bien',
};
const WHY_EN: Record<string, string> = {
  'no-candidate': 'no schema shares a column with the file',
  'too-weak': 'the closest one shares too few columns',
  'too-close': 'several schemas match almost equally well',
  tie: 'several schemas match exactly equally well',
};

/** How a suggestion was found (label-suggestion `evidence`). */
const EVIDENCE_FR: Record<string, string> = {
  name: 'par son nom',
  content: 'par ses valeurs',
  'name+content': 'par son nom et ses valeurs',
};
const EVIDENCE_EN: Record<string, string> = {
  name: 'by its name',
  content: 'by its values',
  'name+content': 'by its name and values',
};

interface Change {
  kind: string;
  field: string;
  to?: string;
  required?: boolean;
  column?: string;
}
const changeFr = (c: Change): string => {
  const col = c.column !== undefined && c.column !== c.field ? ` (votre colonne ${q(c.column)})` : '';
  switch (c.kind) {
    case 'added':
      return `ajoute le champ ${c.required ? 'obligatoire ' : ''}${q(c.field)}`;
    case 'removed':
      return `retire le champ ${q(c.field)}${col}`;
    case 'renamed':
      return `renomme ${q(c.field)} en ${q(c.to)}${col}`;
    case 'now-required':
      return `rend ${q(c.field)} obligatoire${col}`;
    case 'no-longer-required':
      return `rend ${q(c.field)} facultatif${col}`;
    case 'type':
      return `change le type de ${q(c.field)} en ${String(c.to)}${col}`;
    default:
      return `change les contraintes de ${q(c.field)}${col}`;
  }
};
const changeEn = (c: Change): string => {
  const col = c.column !== undefined && c.column !== c.field ? ` (your column ${qe(c.column)})` : '';
  switch (c.kind) {
    case 'added':
      return `adds ${c.required ? 'required ' : ''}field ${qe(c.field)}`;
    case 'removed':
      return `removes field ${qe(c.field)}${col}`;
    case 'renamed':
      return `renames ${qe(c.field)} to ${qe(c.to)}${col}`;
    case 'now-required':
      return `makes ${qe(c.field)} required${col}`;
    case 'no-longer-required':
      return `makes ${qe(c.field)} optional${col}`;
    case 'type':
      return `changes the type of ${qe(c.field)} to ${String(c.to)}${col}`;
    default:
      return `changes the constraints of ${qe(c.field)}${col}`;
  }
};
const changes = (p: Record<string, unknown>, en: boolean): string => {
  const list = (Array.isArray(p.changes) ? (p.changes as Change[]) : []).map(en ? changeEn : changeFr);
  const more = n(p.changeCount) - list.length;
  if (more > 0) list.push(en ? `and ${more} more` : `et ${more} autre${more > 1 ? 's' : ''}`);
  return list.join(en ? '; ' : ' ; ');
};

const VERSION_WHY_FR: Record<string, string> = {
  'best-fit': "c'est celle qui correspond le mieux au fichier",
  'older-fits-better': 'le fichier correspond mieux à cette version qu’à la plus récente',
  'latest-of-equal': 'la plus récente de celles qui correspondent le mieux',
  'values-fit-better':
    'les en-têtes correspondent à plusieurs versions, les valeurs à celle-ci mieux qu’aux autres',
  'nothing-fits': 'aucune ne correspond : la plus récente',
};
const VERSION_WHY_EN: Record<string, string> = {
  'best-fit': 'it fits the file best',
  'older-fits-better': 'the file fits this version better than the latest',
  'latest-of-equal': 'the latest of those that fit best',
  'values-fit-better': 'the headers fit several versions, the values this one better than the others',
  'nothing-fits': 'none fits: the latest',
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
        p.evidence === undefined || p.evidence === 'name'
          ? `La colonne ${q(p.label)} ressemble au champ ${q(p.fieldName)} (similarité ${pct(p.score)}).`
          : `La colonne ${q(p.label)} semble être le champ ${q(p.fieldName)} ${EVIDENCE_FR[String(p.evidence)] ?? ''} (score ${pct(p.score)}).`,
      en: (p) =>
        p.evidence === undefined || p.evidence === 'name'
          ? `Column ${qe(p.label)} looks like field ${qe(p.fieldName)} (similarity ${pctEn(p.score)}).`
          : `Column ${qe(p.label)} seems to be field ${qe(p.fieldName)} ${EVIDENCE_EN[String(p.evidence)] ?? ''} (score ${pctEn(p.score)}).`,
    },
    hint: {
      fr: (p) =>
        `Si c'est bien lui, renommez la colonne en ${q(p.fieldName)}, ou lancez odf normalize --accept-suggestions.`,
      en: (p) =>
        `If it is, rename the column to ${qe(p.fieldName)}, or run odf normalize --accept-suggestions.`,
    },
  },
  'label-content-mismatch': {
    level: 'warning',
    tags: ['structure', 'label'],
    title: { fr: 'Colonne au contenu inattendu', en: 'Column content does not fit' },
    message: {
      fr: (p) =>
        `La colonne ${q(p.label)} correspond au champ ${q(p.fieldName)} ${HOW_FR[String(p.kind)] ?? ''}, mais ses valeurs n'ont pas sa forme${list(p.refused, q) ? ` (${list(p.refused, q)}…)` : ''} : odf ne l'utilise pas sans votre accord.`,
      en: (p) =>
        `Column ${qe(p.label)} matches field ${qe(p.fieldName)} ${HOW_EN[String(p.kind)] ?? ''}, but its values do not have its form${list(p.refused, qe) ? ` (${list(p.refused, qe)}…)` : ''}: odf does not use it unless you say so.`,
    },
    hint: {
      fr: (p) =>
        `Si c'est bien elle, renommez la colonne en ${q(p.fieldName)} ou dites-le dans un fichier de correspondance (odf map), ou lancez odf normalize --accept-suggestions.`,
      en: (p) =>
        `If it is, rename the column to ${qe(p.fieldName)} or say so in a mapping file (odf map), or run odf normalize --accept-suggestions.`,
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
    fixedByNormalize: (f, e) =>
      f.params.constant !== undefined ||
      ((f.params.composedFrom !== undefined ||
        (f.params.splitFrom !== undefined && f.params.undecided === undefined)) &&
        e.acceptSuggestions),
    title: { fr: 'Colonne obligatoire absente', en: 'Missing label' },
    message: {
      fr: (p) =>
        `Le champ obligatoire ${q(p.fieldName)} n'a pas de colonne dans le fichier${p.constant !== undefined ? ` ; le fichier de correspondance le remplit avec ${q(p.constant)} (odf normalize l'ajoute)` : ''}.`,
      en: (p) =>
        `Required field ${qe(p.fieldName)} has no column in the file${p.constant !== undefined ? `; the mapping file fills it with ${qe(p.constant)} (odf normalize adds it)` : ''}.`,
    },
    hint: {
      fr: (p) =>
        Array.isArray(p.composedFrom)
          ? `Les colonnes ${list(p.composedFrom, q)} le composent (${q(p.example)} pour la première ligne) : odf normalize --accept-suggestions l'écrit ainsi.`
          : p.splitFrom !== undefined
            ? splitHintFr(p)
            : p.suggestion !== undefined
              ? `La colonne ${q(p.suggestion)} lui ressemble : renommez-la en ${q(p.fieldName)} si c'est elle.`
              : `Ajoutez la colonne ${q(p.fieldName)}, ou donnez sa source (une colonne, ou une valeur constante) dans un fichier de correspondance (odf map).`,
      en: (p) =>
        Array.isArray(p.composedFrom)
          ? `Columns ${list(p.composedFrom, qe)} make it (${qe(p.example)} for the first row): odf normalize --accept-suggestions writes it so.`
          : p.splitFrom !== undefined
            ? splitHintEn(p)
            : p.suggestion !== undefined
              ? `Column ${qe(p.suggestion)} looks like it: rename it to ${qe(p.fieldName)} if it is the one.`
              : `Add column ${qe(p.fieldName)}, or give its source (a column, or a constant value) in a mapping file (odf map).`,
    },
    frictionless: 'missing-label',
    validata: 'missing-header',
  },
  'required-field-unsourced': {
    level: 'error',
    tags: ['structure', 'label'],
    title: { fr: 'Champ obligatoire sans source', en: 'Required field without a source' },
    message: {
      fr: (p) =>
        `${fieldsFr(p.fields)} sans colonne alors que ${columnsFr(p.columns)} : odf normalize n'écrit rien plutôt que de laisser ${strings(p.fields).length > 1 ? 'ces champs vides' : 'ce champ vide'} sur un choix que vous n'avez pas vu.`,
      en: (p) =>
        `${fieldsEn(p.fields)} no column while ${columnsEn(p.columns)}: odf normalize writes nothing rather than leave ${strings(p.fields).length > 1 ? 'these fields' : 'this field'} empty on a choice you have not seen.`,
    },
    hint: {
      fr: (p) =>
        `Vérifiez la correspondance avec ${String(p.command ?? 'odf map')} -o correspondance.yaml, puis relancez avec --map correspondance.yaml ; ou ajoutez --allow-missing-required pour écrire quand même.`,
      en: (p) =>
        `Check the mapping with ${String(p.command ?? 'odf map')} -o mapping.yaml, then run again with --map mapping.yaml; or add --allow-missing-required to write anyway.`,
    },
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
        Array.isArray(p.composedFrom)
          ? `Les colonnes ${list(p.composedFrom, q)} le composent (${q(p.example)} pour la première ligne) : odf normalize --accept-suggestions l'écrit ainsi.`
          : p.splitFrom !== undefined
            ? splitHintFr(p)
            : p.suggestion !== undefined
              ? `La colonne ${q(p.suggestion)} lui ressemble : renommez-la en ${q(p.fieldName)} si c'est elle.`
              : `Ajoutez la colonne ${q(p.fieldName)}, même vide, pour suivre le schéma.`,
      en: (p) =>
        Array.isArray(p.composedFrom)
          ? `Columns ${list(p.composedFrom, qe)} make it (${qe(p.example)} for the first row): odf normalize --accept-suggestions writes it so.`
          : p.splitFrom !== undefined
            ? splitHintEn(p)
            : p.suggestion !== undefined
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
        `La colonne ${q(p.label)} (colonne ${n(p.columnNumber)}) ne correspond à aucun champ du schéma${filledFr(p)}.`,
      en: (p) =>
        `Column ${qe(p.label)} (column ${n(p.columnNumber)}) matches no field of the schema${filledEn(p)}.`,
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
        `Schéma reconnu d'après les en-têtes${n(p.contentFields) > 0 ? ' et les valeurs' : ''} : ${String(p.name)}@${String(p.version)} (score ${pct(p.score)})${
          p.latestVersion !== undefined
            ? ` ; c'est la version qui correspond le mieux, la plus récente est ${String(p.latestVersion)}`
            : Array.isArray(p.equalVersions)
              ? ` ; les versions ${list(p.equalVersions, String)} correspondent aussi bien : odf prend la plus récente`
              : ''
        }.`,
      en: (p) =>
        `Schema recognised from the headers${n(p.contentFields) > 0 ? ' and values' : ''}: ${String(p.name)}@${String(p.version)} (score ${pctEn(p.score)})${
          p.latestVersion !== undefined
            ? `; it is the version that fits best, the latest is ${String(p.latestVersion)}`
            : Array.isArray(p.equalVersions)
              ? `; versions ${list(p.equalVersions, String)} fit as well: odf takes the latest`
              : ''
        }.`,
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
        const closest = closestList(p.tied ?? p.closest, false);
        return `Aucun schéma reconnu avec assez de certitude (${WHY_FR[String(p.reason)] ?? String(p.reason)}) : seule la structure du fichier est vérifiée.${closest ? ` ${p.tied ? 'Schémas à égalité' : 'Schémas les plus proches'} : ${closest}.` : ''}`;
      },
      en: (p) => {
        const closest = closestList(p.tied ?? p.closest, true);
        return `No schema recognised with enough confidence (${WHY_EN[String(p.reason)] ?? String(p.reason)}): only the file's structure is checked.${closest ? ` ${p.tied ? 'Tied schemas' : 'Closest schemas'}: ${closest}.` : ''}`;
      },
    },
    hint: {
      fr: () =>
        'Indiquez le schéma avec --schema (voir « odf schemas list »), et au besoin un fichier de correspondance (odf map).',
      en: () =>
        'Give the schema with --schema (see "odf schemas list"), and a mapping file if needed (odf map).',
    },
  },
  'schema-version-chosen': {
    level: 'info',
    tags: ['schema'],
    title: { fr: 'Version du schéma choisie', en: 'Schema version chosen' },
    message: {
      fr: (p) =>
        `Version ${String(p.version)} de ${String(p.name)} retenue : ${VERSION_WHY_FR[String(p.reason)] ?? String(p.reason)} (score ${pct(p.score)}${p.version !== p.latest ? `, ${pct(p.latestScore)} pour la ${String(p.latest)}` : ''}).`,
      en: (p) =>
        `Version ${String(p.version)} of ${String(p.name)} used: ${VERSION_WHY_EN[String(p.reason)] ?? String(p.reason)} (score ${pctEn(p.score)}${p.version !== p.latest ? `, ${pctEn(p.latestScore)} for ${String(p.latest)}` : ''}).`,
    },
    hint: {
      fr: (p) => `Pour une autre version, écrivez --schema ${String(p.name)}@VERSION.`,
      en: (p) => `For another version, write --schema ${String(p.name)}@VERSION.`,
    },
  },
  'schema-version-outdated': {
    level: 'warning',
    tags: ['schema'],
    title: { fr: 'Version ancienne du schéma', en: 'Outdated schema version' },
    message: {
      fr: (p) =>
        `Le fichier suit la version ${String(p.version)} de ${String(p.name)} ; la plus récente, ${String(p.latest)}, ${changes(p, false) || 'ne change rien qui le concerne'}.`,
      en: (p) =>
        `The file follows version ${String(p.version)} of ${String(p.name)}; the latest, ${String(p.latest)}, ${changes(p, true) || 'changes nothing that concerns it'}.`,
    },
    hint: {
      fr: (p) =>
        `Pour publier selon la dernière version, vérifiez le fichier avec --schema ${String(p.name)}@${String(p.latest)}.`,
      en: (p) =>
        `To publish against the latest version, check the file with --schema ${String(p.name)}@${String(p.latest)}.`,
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const mappingFindingSpecs: Readonly<Record<string, FindingSpec>> = mappingFindingCodes;

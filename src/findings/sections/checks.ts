// Finding codes of Validata's custom checks (one per declarable name, aliases included) and of their declarations (see src/findings/catalogue.ts).
import type { FindingSpec, MessageParams } from '../spec.js';
import { q, qe } from '../spec.js';

const s = (v: unknown): string => String(v ?? '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const joinFr = (xs: string[]): string =>
  xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} et ${xs.at(-1)}`;
const joinEn = (xs: string[]): string =>
  xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
const suggest = {
  fr: (p: MessageParams) => (p.suggestion !== undefined ? `Écrivez ${q(p.suggestion)}.` : undefined),
  en: (p: MessageParams) => (p.suggestion !== undefined ? `Write ${qe(p.suggestion)}.` : undefined),
};

const siret: FindingSpec = {
  level: 'error',
  tags: ['check', 'cell'],
  title: { fr: 'Numéro SIRET invalide', en: 'Invalid SIRET number' },
  message: {
    fr: (p) =>
      `${q(p.value)} n'est pas un numéro SIRET valide : ${
        p.reason === 'format'
          ? 'un SIRET s’écrit avec 14 chiffres, sans espace ni point'
          : p.reason === 'la-poste-checksum'
            ? 'pour un établissement de La Poste, la somme des chiffres doit être un multiple de 5'
            : 'la clé de contrôle ne correspond pas'
      }.`,
    en: (p) =>
      `${qe(p.value)} is not a valid SIRET number: ${
        p.reason === 'format'
          ? 'a SIRET is written as 14 digits, without spaces or dots'
          : p.reason === 'la-poste-checksum'
            ? 'for a La Poste establishment, the sum of the digits must be a multiple of 5'
            : 'the check digit does not match'
      }.`,
  },
  hint: {
    fr: (p) =>
      suggest.fr(p) ??
      (p.reason === 'format'
        ? 'Un SIRET a 14 chiffres sans espace : un chiffre manque-t-il (zéro initial perdu par le tableur) ? Vérifiez-le sur annuaire-entreprises.data.gouv.fr.'
        : 'Vérifiez le numéro sur annuaire-entreprises.data.gouv.fr.'),
    en: (p) =>
      suggest.en(p) ??
      (p.reason === 'format'
        ? 'A SIRET has 14 digits without spaces: is a digit missing (a leading zero lost by the spreadsheet)? Check it on annuaire-entreprises.data.gouv.fr.'
        : 'Check the number on annuaire-entreprises.data.gouv.fr.'),
  },
  validata: 'french-siret-value',
};

const siren: FindingSpec = {
  level: 'error',
  tags: ['check', 'cell'],
  title: { fr: 'Numéro SIREN invalide', en: 'Invalid SIREN number' },
  message: {
    fr: (p) =>
      `${q(p.value)} n'est pas un numéro SIREN valide : ${
        p.reason === 'format'
          ? 'un SIREN s’écrit avec 9 chiffres, sans espace ni point'
          : 'la clé de contrôle ne correspond pas'
      }.`,
    en: (p) =>
      `${qe(p.value)} is not a valid SIREN number: ${
        p.reason === 'format'
          ? 'a SIREN is written as 9 digits, without spaces or dots'
          : 'the check digit does not match'
      }.`,
  },
  hint: {
    fr: (p) =>
      suggest.fr(p) ??
      (p.reason === 'format'
        ? 'Un SIREN a 9 chiffres sans espace : un chiffre manque-t-il (zéro initial perdu par le tableur) ? Vérifiez-le sur annuaire-entreprises.data.gouv.fr.'
        : 'Vérifiez le numéro sur annuaire-entreprises.data.gouv.fr.'),
    en: (p) =>
      suggest.en(p) ??
      (p.reason === 'format'
        ? 'A SIREN has 9 digits without spaces: is a digit missing (a leading zero lost by the spreadsheet)? Check it on annuaire-entreprises.data.gouv.fr.'
        : 'Check the number on annuaire-entreprises.data.gouv.fr.'),
  },
  validata: 'french-siren-value',
};

const ACTES_FR =
  'Commande publique, Urbanisme, Domaine et patrimoine, Fonction publique, Institutions et vie politique, Libertés publiques et pouvoirs de police, Finances locales, Domaines de compétences par thèmes, Autres domaines de compétences';

const nomenclatureActe: FindingSpec = {
  level: 'error',
  tags: ['check', 'cell'],
  title: { fr: 'Matière hors nomenclature ACTES', en: 'Subject outside the ACTES nomenclature' },
  message: {
    fr: (p) =>
      `${q(p.value)} ne suit pas la nomenclature ACTES : ${
        p.reason === 'missing-slash'
          ? 'il manque la barre oblique « / » entre la matière et la sous-matière'
          : p.reason === 'space-around-slash'
            ? 'la barre oblique ne doit être ni précédée ni suivie d’une espace'
            : `${q(p.heading)} n'est pas l'une des neuf matières`
      }.`,
    en: (p) =>
      `${qe(p.value)} does not follow the ACTES nomenclature: ${
        p.reason === 'missing-slash'
          ? 'the slash "/" between subject and sub-subject is missing'
          : p.reason === 'space-around-slash'
            ? 'the slash must have no space before or after it'
            : `${qe(p.heading)} is not one of the nine subjects`
      }.`,
  },
  hint: {
    fr: (p) =>
      suggest.fr(p) ??
      `Écrivez « matière/sous-matière », la matière étant l'une de : ${ACTES_FR} (majuscules et accents indifférents).`,
    en: (p) =>
      suggest.en(p) ??
      `Write "subject/sub-subject", the subject being one of: ${ACTES_FR} (case and accents do not matter).`,
  },
  validata: 'nomenclature-actes-value',
};

const yearInterval: FindingSpec = {
  level: 'error',
  tags: ['check', 'cell'],
  title: { fr: 'Période d’années invalide', en: 'Invalid year interval' },
  message: {
    fr: (p) =>
      p.reason === 'format'
        ? `${q(p.value)} n'a pas le format attendu pour une période (AAAA/AAAA${p.allowYearOnly ? ' ou AAAA' : ''}).`
        : p.reason === 'year-only'
          ? `${q(p.value)} est une année seule : une période AAAA/AAAA est attendue.`
          : p.reason === 'same-years'
            ? `Période ${q(p.value)} invalide : les deux années doivent être différentes.`
            : `Période ${q(p.value)} invalide : la seconde année doit être postérieure à la première.`,
    en: (p) =>
      p.reason === 'format'
        ? `${qe(p.value)} is not a year interval (YYYY/YYYY${p.allowYearOnly ? ' or YYYY' : ''}).`
        : p.reason === 'year-only'
          ? `${qe(p.value)} is a lone year: a YYYY/YYYY interval is expected.`
          : p.reason === 'same-years'
            ? `Interval ${qe(p.value)} is invalid: the two years must differ.`
            : `Interval ${qe(p.value)} is invalid: the second year must come after the first.`,
  },
  hint: {
    fr: (p) =>
      suggest.fr(p) ??
      'Écrivez deux années de 4 chiffres séparées par une barre oblique, la seconde après la première (ex. « 2023/2024 »).',
    en: (p) =>
      suggest.en(p) ??
      'Write two 4-digit years separated by a slash, the second after the first (e.g. "2023/2024").',
  },
  validata: 'year-interval-value',
};

const OPS_FR: Record<string, string> = {
  '<': 'inférieur à',
  '<=': 'inférieur ou égal à',
  '==': 'égal à',
  '>=': 'supérieur ou égal à',
  '>': 'supérieur à',
};
const OPS_EN: Record<string, string> = {
  '<': 'less than',
  '<=': 'less than or equal to',
  '==': 'equal to',
  '>=': 'greater than or equal to',
  '>': 'greater than',
};

const compareColumns: FindingSpec = {
  level: 'error',
  tags: ['check', 'row'],
  title: { fr: 'Comparaison entre colonnes non respectée', en: 'Column comparison not met' },
  message: {
    fr: (p) =>
      `${q(p.value)} (${s(p.fieldName)}) devrait être ${OPS_FR[s(p.op)] ?? s(p.op)} ${q(p.value2)} (${s(p.column2)}).`,
    en: (p) =>
      `${qe(p.value)} (${s(p.fieldName)}) should be ${OPS_EN[s(p.op)] ?? s(p.op)} ${qe(p.value2)} (${s(p.column2)}).`,
  },
  hint: {
    fr: (p) =>
      `Corrigez ${s(p.fieldName)} ou ${s(p.column2)} sur cette ligne : l’une des deux valeurs est fausse.`,
    en: (p) => `Correct ${s(p.fieldName)} or ${s(p.column2)} on this row: one of the two values is wrong.`,
  },
  validata: 'compare-columns-value',
};

const sumColumns: FindingSpec = {
  level: 'error',
  tags: ['check', 'row'],
  title: { fr: 'Somme de colonnes incorrecte', en: 'Wrong column sum' },
  message: {
    fr: (p) =>
      `${q(p.value)} (${s(p.fieldName)}) devrait être la somme de ${joinFr(list(p.columns))}, soit ${s(p.sum)}.`,
    en: (p) =>
      `${qe(p.value)} (${s(p.fieldName)}) should be the sum of ${joinEn(list(p.columns))}, that is ${s(p.sum)}.`,
  },
  hint: {
    fr: (p) => `Corrigez le total (${s(p.sum)}) ou l’une des valeurs additionnées.`,
    en: (p) => `Fix the total (${s(p.sum)}) or one of the values added up.`,
  },
  validata: 'sum-columns-value',
};

const cohesiveColumns: FindingSpec = {
  level: 'error',
  tags: ['check', 'row'],
  title: { fr: 'Colonnes à remplir ensemble', en: 'Columns to fill together' },
  message: {
    fr: (p) =>
      `Les colonnes ${joinFr(list(p.columns))} doivent être toutes remplies ou toutes vides ; ici ${joinFr(list(p.filled))} ${list(p.filled).length > 1 ? 'sont remplies' : 'est remplie'} et ${joinFr(list(p.empty))} ${list(p.empty).length > 1 ? 'sont vides' : 'est vide'}.`,
    en: (p) =>
      `Columns ${joinEn(list(p.columns))} must be all filled or all empty; here ${joinEn(list(p.filled))} ${list(p.filled).length > 1 ? 'are' : 'is'} filled and ${joinEn(list(p.empty))} ${list(p.empty).length > 1 ? 'are' : 'is'} empty.`,
  },
  hint: {
    fr: (p) => `Remplissez ${joinFr(list(p.empty))}, ou videz ${joinFr(list(p.filled))}.`,
    en: (p) => `Fill in ${joinEn(list(p.empty))}, or empty ${joinEn(list(p.filled))}.`,
  },
  validata: 'cohesive-columns-value',
};

const oneOfRequired: FindingSpec = {
  level: 'error',
  tags: ['check', 'row'],
  title: { fr: 'Une des deux colonnes obligatoire', en: 'One of two columns required' },
  message: {
    fr: (p) =>
      p.reason === 'both-absent'
        ? `Les colonnes ${s(p.column1)} et ${s(p.column2)} sont toutes deux absentes du fichier : l'une des deux est obligatoire.`
        : p.absent !== undefined
          ? `${s(p.fieldName)} doit être renseigné, puisque la colonne ${s(p.absent)} est absente du fichier.`
          : `Au moins une des colonnes ${s(p.column1)} et ${s(p.column2)} doit être renseignée.`,
    en: (p) =>
      p.reason === 'both-absent'
        ? `Columns ${s(p.column1)} and ${s(p.column2)} are both missing from the file: one of them is required.`
        : p.absent !== undefined
          ? `${s(p.fieldName)} must be filled, since column ${s(p.absent)} is missing from the file.`
          : `At least one of columns ${s(p.column1)} and ${s(p.column2)} must be filled.`,
  },
  hint: {
    fr: (p) =>
      p.reason === 'both-absent'
        ? `Ajoutez la colonne ${s(p.column1)} ou la colonne ${s(p.column2)}.`
        : p.absent !== undefined
          ? `Remplissez ${s(p.fieldName)} sur cette ligne.`
          : `Remplissez ${s(p.column1)} ou ${s(p.column2)} sur cette ligne.`,
    en: (p) =>
      p.reason === 'both-absent'
        ? `Add column ${s(p.column1)} or column ${s(p.column2)}.`
        : p.absent !== undefined
          ? `Fill in ${s(p.fieldName)} on this row.`
          : `Fill in ${s(p.column1)} or ${s(p.column2)} on this row.`,
  },
  validata: 'one-of-required',
};

const openingHours: FindingSpec = {
  level: 'error',
  tags: ['check', 'cell'],
  title: { fr: 'Horaires d’ouverture illisibles', en: 'Unreadable opening hours' },
  message: {
    fr: (p) => `${q(p.value)} ne suit pas la syntaxe OpenStreetMap des horaires d’ouverture : ${s(p.detail)}`,
    en: (p) =>
      `${qe(p.value)} does not follow the OpenStreetMap opening hours syntax: ${s(p.detailEn ?? p.detail)}`,
  },
  hint: {
    fr: () =>
      'Exemple : « Mo-Fr 08:30-12:00,14:00-17:30; Sa 09:00-12:00; PH off » (voir openingh.openstreetmap.de).',
    en: () =>
      'Example: "Mo-Fr 08:30-12:00,14:00-17:30; Sa 09:00-12:00; PH off" (see openingh.openstreetmap.de).',
  },
  validata: 'opening-hours-value',
};

const phoneNumber: FindingSpec = {
  level: 'error',
  tags: ['check', 'cell'],
  title: { fr: 'Numéro de téléphone invalide', en: 'Invalid phone number' },
  message: {
    fr: (p) => `${q(p.value)} n'est pas un numéro de téléphone valide.`,
    en: (p) => `${qe(p.value)} is not a valid phone number.`,
  },
  hint: {
    fr: () =>
      'Écrivez les 10 chiffres (« 02 61 91 13 45 ») ou le format international (« +33 2 61 91 13 45 »).',
    en: () => 'Write the 10 digits ("02 61 91 13 45") or the international form ("+33 2 61 91 13 45").',
  },
  validata: 'phone-number-value',
};

const frenchGps: FindingSpec = {
  level: 'error',
  tags: ['check', 'cell'],
  title: { fr: 'Coordonnées GPS hors de France', en: 'GPS coordinates outside France' },
  message: {
    fr: (p) =>
      p.reason === 'format'
        ? `${q(p.value)} n'est pas un couple de coordonnées « longitude, latitude » lisible.`
        : `${q(p.value)} (longitude ${s(p.lon)}, latitude ${s(p.lat)}) est hors de France.`,
    en: (p) =>
      p.reason === 'format'
        ? `${qe(p.value)} is not a readable "longitude, latitude" pair.`
        : `${qe(p.value)} (longitude ${s(p.lon)}, latitude ${s(p.lat)}) is outside France.`,
  },
  hint: {
    fr: () =>
      'Écrivez la longitude puis la latitude en degrés décimaux, avec un point : « 2.294481, 48.85837 ».',
    en: () => 'Write the longitude then the latitude in decimal degrees, with a dot: "2.294481, 48.85837".',
  },
  validata: 'french-gps-coordinates',
};

const reversedGps: FindingSpec = {
  level: 'error',
  tags: ['check', 'cell'],
  title: { fr: 'Coordonnées GPS inversées', en: 'Swapped GPS coordinates' },
  message: {
    fr: (p) => `${q(p.value)} semble inversé : la latitude est écrite avant la longitude.`,
    en: (p) => `${qe(p.value)} looks swapped: the latitude comes before the longitude.`,
  },
  hint: {
    fr: (p) => suggest.fr(p) ?? 'Écrivez la longitude avant la latitude.',
    en: (p) => suggest.en(p) ?? 'Write the longitude before the latitude.',
  },
  validata: 'french-gps-coordinates',
};

const TYPES_FR: Record<string, string> = {
  string: 'une chaîne de caractères',
  boolean: 'un booléen',
  'string[]': 'une liste de chaînes',
  object: 'un objet',
};

function problemFr(p: Record<string, unknown>): string {
  const param = q(p.param);
  switch (p.kind) {
    case 'required':
      return `le paramètre ${param} manque`;
    case 'type':
      return `${param} doit être ${TYPES_FR[s(p.expected)] ?? s(p.expected)}`;
    case 'enum':
      return `${param} vaut ${JSON.stringify(p.value)} ; valeurs admises : ${list(p.allowed).join(', ')}`;
    case 'empty':
      return `${param} est vide`;
    case 'one-of':
      return `il faut l’un des paramètres ${list(p.alternatives).map(q).join(' ou ')}`;
    case 'unknown-field':
      return `${param} désigne ${q(p.value)}, qui n’est pas un champ du schéma`;
    default:
      return `${param} est incorrect`;
  }
}

function problemEn(p: Record<string, unknown>): string {
  const param = qe(p.param);
  switch (p.kind) {
    case 'required':
      return `param ${param} is missing`;
    case 'type':
      return `${param} must be ${s(p.expected) === 'string[]' ? 'a list of strings' : `a ${s(p.expected)}`}`;
    case 'enum':
      return `${param} is ${JSON.stringify(p.value)}; allowed: ${list(p.allowed).join(', ')}`;
    case 'empty':
      return `${param} is empty`;
    case 'one-of':
      return `one of the params ${list(p.alternatives).map(qe).join(' or ')} is required`;
    case 'unknown-field':
      return `${param} names ${qe(p.value)}, which is not a field of the schema`;
    default:
      return `${param} is wrong`;
  }
}

const problems = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];

/** Every code the custom checks emit: the names a schema can declare (aliases included) and the declaration codes. */
/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const checkCodes = {
  'check-error': {
    level: 'error',
    tags: ['check', 'schema'],
    title: { fr: 'Vérification personnalisée inutilisable', en: 'Unusable custom check' },
    message: {
      fr: (p) =>
        p.reason === 'malformed'
          ? `L’entrée n° ${s(p.position)} de custom_checks est mal écrite (il faut un objet { "name": …, "params": … }) : elle est ignorée.`
          : p.reason === 'unknown-check'
            ? `La vérification personnalisée ${q(p.check)} est inconnue : elle n’est pas exécutée.`
            : `Les paramètres de la vérification ${q(p.check)} sont incorrects (${
                problems(p.problems).map(problemFr).join(' ; ') || s(p.detail)
              }) : elle n’est pas exécutée.`,
      en: (p) =>
        p.reason === 'malformed'
          ? `Entry ${s(p.position)} of custom_checks is malformed (an object { "name": …, "params": … } is expected): it is ignored.`
          : p.reason === 'unknown-check'
            ? `Custom check ${qe(p.check)} is unknown: it is not run.`
            : `The params of custom check ${qe(p.check)} are wrong (${
                problems(p.problems).map(problemEn).join('; ') || s(p.detail)
              }): it is not run.`,
    },
    hint: {
      fr: (p) =>
        p.suggestion !== undefined
          ? `Vouliez-vous dire ${q(p.suggestion)} ?`
          : 'Corrigez custom_checks dans le schéma (nom et paramètres de Validata) ; rien à corriger dans vos données.',
      en: (p) =>
        p.suggestion !== undefined
          ? `Did you mean ${qe(p.suggestion)}?`
          : "Fix custom_checks in the schema (Validata's names and params); nothing to fix in your data.",
    },
    frictionless: 'check-error',
    validata: 'check-error',
  },
  'check-deprecated': {
    level: 'warning',
    tags: ['check', 'schema'],
    title: { fr: 'Nom de vérification obsolète', en: 'Deprecated check name' },
    message: {
      fr: (p) =>
        `Le schéma déclare la vérification ${q(p.check)} sous son ancien nom ; son nom actuel est ${q(p.replacement)}. Elle est faite quand même.`,
      en: (p) =>
        `The schema declares custom check ${qe(p.check)} under its old name; its current name is ${qe(p.replacement)}. It is run all the same.`,
    },
    hint: {
      fr: (p) =>
        `Rien à corriger dans vos données ; pour les auteurs du schéma : écrivez "name": "${s(p.replacement)}".`,
      en: (p) =>
        `Nothing to fix in your data; for the schema's authors: write "name": "${s(p.replacement)}".`,
    },
  },
  'cohesive-columns-value': cohesiveColumns,
  'compare-columns-value': compareColumns,
  'french-gps-coordinates': frenchGps,
  'french-siren-value': siren,
  'french-siret-value': siret,
  'nomenclature-acte': nomenclatureActe,
  'nomenclature-actes-value': nomenclatureActe,
  'one-of-required': oneOfRequired,
  'opening-hours-value': openingHours,
  'phone-number-value': phoneNumber,
  'reversed-french-gps-coordinates': reversedGps,
  siren,
  siret,
  'sum-columns-value': sumColumns,
  'year-interval-value': yearInterval,
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const checkFindings: Readonly<Record<string, FindingSpec>> = checkCodes;

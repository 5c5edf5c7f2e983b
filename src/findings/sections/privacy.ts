// Finding codes of the personal data guard (see src/findings/catalogue.ts and src/privacy/, issue 8).
import type { FindingSpec, Lang, MessageParams } from '../spec.js';
import { q, qe } from '../spec.js';

const KIND_LABELS: Record<Lang, Record<string, string>> = {
  fr: {
    nir: 'numéro de sécurité sociale (NIR, clé valide)',
    iban: 'IBAN (clé valide)',
    rib: 'RIB (clé valide)',
    email: 'adresse électronique de personne',
    phone: 'numéro de téléphone de personne',
    'birth-date': 'date de naissance',
    'person-name': 'nom de personne',
    address: 'adresse postale de particulier',
  },
  en: {
    nir: 'French social security number (NIR, valid key)',
    iban: 'IBAN (valid checksum)',
    rib: 'French bank account details (RIB, valid key)',
    email: "person's email address",
    phone: "person's phone number",
    'birth-date': 'date of birth',
    'person-name': 'person name',
    address: "private person's postal address",
  },
};

const REASONS: Record<Lang, Record<string, string>> = {
  fr: {
    'declared-email-field': 'le schéma déclare ce champ comme adresse électronique',
    'service-contact-field': 'le schéma déclare ce champ comme contact d’un service',
    'aggregated-first-names': 'le schéma publie des prénoms agrégés, sans personne identifiable',
  },
  en: {
    'declared-email-field': 'the schema declares this field as an email address',
    'service-contact-field': "the schema declares this field as a service's contact",
    'aggregated-first-names': 'the schema publishes aggregated first names, with no identifiable person',
  },
};

function kindLabel(p: MessageParams, lang: Lang): string {
  return KIND_LABELS[lang][String(p.kind)] ?? String(p.kind);
}

function percent(share: unknown, lang: Lang): string {
  const pct = Math.round(Number(share) * 1000) / 10;
  if (pct < 0.1) return lang === 'fr' ? 'moins de 0,1 %' : 'less than 0.1%';
  return lang === 'fr' ? `${String(pct).replace('.', ',')} %` : `${pct}%`;
}

function list(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join(', ') : '';
}

function message(p: MessageParams, lang: Lang): string {
  const fr = lang === 'fr';
  const column = fr ? q(p.column) : qe(p.column);
  const rows = list(p.rows);
  const examples = list(p.examples);
  const where =
    rows !== ''
      ? fr
        ? `${String(p.count)} trouvé(s), lignes ${rows}${Number(p.count) > 5 ? '…' : ''}`
        : `${String(p.count)} found, rows ${rows}${Number(p.count) > 5 ? '…' : ''}`
      : fr
        ? `${percent(p.share, lang)} des valeurs examinées`
        : `${percent(p.share, lang)} of the values examined`;
  const eg = examples === '' ? '' : fr ? ` ; par exemple ${examples}` : `; e.g. ${examples}`;
  const reason = typeof p.reason === 'string' ? REASONS[lang][p.reason] : undefined;
  const why = reason === undefined ? '' : fr ? ` Niveau info : ${reason}.` : ` Info level: ${reason}.`;
  return fr
    ? `Données personnelles probables dans la colonne ${column} : ${kindLabel(p, lang)}, ${where}${eg}.${why}`
    : `Likely personal data in column ${column}: ${kindLabel(p, lang)}, ${where}${eg}.${why}`;
}

/** What `--redact` should name: the kind for identifiers met in free text, else the column. */
function redactTarget(p: MessageParams): string {
  const target = Array.isArray(p.rows) ? String(p.kind) : String(p.column);
  // Quoted when the column name would not survive a shell as one word (`Adresse e-mail du demandeur`).
  return /^[\w.-]+$/.test(target) ? target : `"${target.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const privacyCodes = {
  'personal-data-suspected': {
    level: 'warning',
    tags: ['privacy'],
    // Personal data in a column the output leaves out, or that --redact dropped, masked or hashed.
    fixedByNormalize: (f, e) =>
      e.goneColumns.has(f.loc.column ?? f.loc.fieldName ?? '') || e.goneColumns.has(f.loc.fieldName ?? ''),
    title: { fr: 'Données personnelles probables', en: 'Likely personal data' },
    message: { fr: (p) => message(p, 'fr'), en: (p) => message(p, 'en') },
    hint: {
      fr: (p) =>
        p.reason === undefined
          ? `Retirez la colonne ou utilisez \`odf normalize --redact ${redactTarget(p)}\` (suppression, masquage ou hachage salé) avant de publier.`
          : undefined,
      en: (p) =>
        p.reason === undefined
          ? `Remove the column or use \`odf normalize --redact ${redactTarget(p)}\` (drop, mask or salted hash) before publishing.`
          : undefined,
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const privacyFindings: Readonly<Record<string, FindingSpec>> = privacyCodes;

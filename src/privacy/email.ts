// Email addresses: finding them in text and telling a person's address from a service's (heuristics, issue 8).
import { isFirstName } from './first-names.js';

/** How an address reads: a person's, a service's, or neither clearly. */
export type EmailClass = 'personal' | 'functional' | 'other';

/** One email address inside a text, global: reset `lastIndex` or use `matchAll`. */
export const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const WHOLE_EMAIL_RE = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** Consumer mailbox providers: an address there belongs to a person far more often than to a service. */
export const WEBMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'hotmail.com',
  'hotmail.fr',
  'live.fr',
  'live.com',
  'msn.com',
  'laposte.net',
  'sfr.fr',
  'neuf.fr',
  'cegetel.net',
  'yahoo.fr',
  'yahoo.com',
  'ymail.com',
  'outlook.com',
  'outlook.fr',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aol.fr',
  'bbox.fr',
  'numericable.fr',
  'club-internet.fr',
  'aliceadsl.fr',
  'gmx.fr',
  'gmx.com',
  'gmx.net',
  'protonmail.com',
  'proton.me',
  'tutanota.com',
  'mail.com',
  'voila.fr',
  'noos.fr',
  'libertysurf.fr',
  'tiscali.fr',
  'nordnet.fr',
  'dbmail.com',
]);

// Local parts (or their first word) naming a function, not a person: contact@, mairie@, accueil@…
const FUNCTIONAL_LOCAL = new Set([
  'contact',
  'contacts',
  'mairie',
  'accueil',
  'info',
  'infos',
  'information',
  'informations',
  'secretariat',
  'secretaire',
  'admin',
  'administration',
  'direction',
  'service',
  'services',
  'communication',
  'com',
  'compta',
  'comptabilite',
  'rh',
  'drh',
  'dsi',
  'courrier',
  'courriers',
  'mail',
  'email',
  'webmaster',
  'postmaster',
  'noreply',
  'no',
  'ne',
  'support',
  'standard',
  'reception',
  'etatcivil',
  'etat',
  'urbanisme',
  'technique',
  'techniques',
  'st',
  'cantine',
  'ecole',
  'college',
  'lycee',
  'cse',
  'ce',
  'bureau',
  'office',
  'hello',
  'bonjour',
  'commercial',
  'ventes',
  'facturation',
  'factures',
  'reservation',
  'reservations',
  'billetterie',
  'presse',
  'culture',
  'sport',
  'sports',
  'jeunesse',
  'enfance',
  'social',
  'ccas',
  'cias',
  'mediatheque',
  'bibliotheque',
  'tourisme',
  'ot',
  'otsi',
  'asso',
  'association',
  'club',
  'president',
  'presidence',
  'tresorier',
  'tresorerie',
  'dpo',
  'rgpd',
  'marches',
  'marchespublics',
  'subventions',
  'finances',
  'elus',
  'cabinet',
  'maire',
  'dgs',
  'police',
  'pm',
  'sdis',
  'piscine',
  'camping',
  'musee',
  'cimetiere',
  'dechets',
  'environnement',
  'eau',
  'assainissement',
  'voirie',
  'travaux',
  'crm',
  'sav',
  'jobs',
  'recrutement',
  'emploi',
  'agence',
  'boutique',
  'shop',
  'team',
  'equipe',
  'general',
  'hotline',
  'gestion',
  'exploitation',
  'opendata',
  'data',
  'donnees',
  'sig',
  'ville',
  'commune',
  'conseil',
]);
// Public bodies' domains: *.gouv.fr, mairie-*.fr, ville-*.fr, cc-*.fr, agglo, métropole, département, région…
const PUBLIC_DOMAIN_RE =
  /(?:\.gouv\.fr$|(?:^|[.-])(?:mairie|ville|commune|communes|agglo|agglomeration|metropole|departement|region|cc|ca|cu|communaute|interco|sdis|ccas|cias|cdg\d*|sivom|sivu|syndicat|smictom|sictom|siaep|pnr|ac|ars|caf|cpam|urssaf|education|prefecture|collectivite)[.-])/;
const LOCAL_SPLIT_RE = /[._-]+/;
const ALPHA_RE = /^[a-z]{2,}$/;

/** True when `text`, trimmed, is exactly one email address. */
export function isEmail(text: string): boolean {
  return WHOLE_EMAIL_RE.test(text);
}

/** True when a local part reads `prenom.nom`, `nom.prenom`, `prenom-nom` or `p.nom`. */
function isPersonLocal(words: string[]): boolean {
  if (words.length < 2 || words.length > 4) return false;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (isFirstName(first) && ALPHA_RE.test(last)) return true;
  if (isFirstName(last) && ALPHA_RE.test(first)) return true;
  // An initial then a surname: j.dupont
  return words.length === 2 && /^[a-z]$/.test(first) && /^[a-z]{3,}$/.test(last);
}

/**
 * Classify an address. Functional: a service word as local part (`contact@`, `mairie@`…), or a public body's
 * domain without a person's name. Personal: `prenom.nom@…` (any domain, an agent's work address included)
 * or any other local part at a webmail provider. Other: the rest (`dupont-plomberie@entreprise.fr`).
 */
export function classifyEmail(address: string): EmailClass {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  const words = local.split(LOCAL_SPLIT_RE).filter((w) => w !== '');
  if (words.length === 0 || FUNCTIONAL_LOCAL.has(words[0]!) || FUNCTIONAL_LOCAL.has(local))
    return 'functional';
  if (isPersonLocal(words)) return 'personal';
  if (PUBLIC_DOMAIN_RE.test(domain)) return 'functional';
  if (WEBMAIL_DOMAINS.has(domain)) return 'personal';
  return 'other';
}

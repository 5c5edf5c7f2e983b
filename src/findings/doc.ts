// docs/errors.md, generated from the finding catalogue so the two cannot drift apart.
import { catalogue } from './catalogue.js';

const LEVELS = { error: 'erreur', warning: 'avertissement', info: 'information' } as const;

function cell(s: string | undefined): string {
  return (s ?? '—').replace(/\|/g, '\\|');
}

/** The Markdown text of docs/errors.md. */
export function errorsDoc(): string {
  const lines = [
    '# Codes des problèmes signalés par odf',
    '',
    'Généré depuis `src/findings/catalogue.ts` par `node scripts/make-errors-doc.js` (un test vérifie qu’il est à jour).',
    'Les machines lisent `code` et `params` ; les personnes lisent le message, en français ou en anglais (`--lang en`).',
    '',
    '| code | niveau | titre | title (en) | Frictionless | Validata |',
    '|---|---|---|---|---|---|',
  ];
  for (const code of Object.keys(catalogue).sort()) {
    const s = catalogue[code]!;
    lines.push(
      `| \`${code}\` | ${LEVELS[s.level]} | ${cell(s.title.fr)} | ${cell(s.title.en)} | ${cell(s.frictionless)} | ${cell(s.validata)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

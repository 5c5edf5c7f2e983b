// docs/errors.md, generated from the finding catalogue so the two cannot drift apart; the URL reports link to.
import { catalogue, finding, hintOf, isFindingCode, messageOf } from './catalogue.js';
import { EXPLANATIONS, type Explanation } from './explanations.js';
import type { Finding, FindingCode } from './types.js';

/**
 * Where docs/errors.md is published: every report that links a finding code (HTML, SARIF, Markdown)
 * points at `DOCS_ERRORS_URL#code`. Each code has its own section whose anchor is the code itself.
 */
export const DOCS_ERRORS_URL = 'https://github.com/odf-scdl/odf/blob/main/docs/errors.md';

/** The documentation of a finding code: its section in docs/errors.md. */
export function docUrl(code: string): string {
  return `${DOCS_ERRORS_URL}#${code}`;
}

const LEVELS = { error: 'erreur', warning: 'avertissement', info: 'information' } as const;

function cell(s: string | undefined): string {
  return (s ?? '—').replace(/\|/g, '\\|');
}

/** Where the example finding is, as the text report says it. */
function where(f: Finding): string {
  const parts: string[] = [];
  if (f.loc.line !== undefined) parts.push(`ligne ${f.loc.line}`);
  if (f.loc.fieldName !== undefined) parts.push(`colonne ${f.loc.fieldName}`);
  else if (f.loc.column !== undefined) parts.push(`colonne ${f.loc.column}`);
  return parts.length ? `${parts.join(', ')} : ` : '';
}

function section(code: FindingCode, e: Explanation): string[] {
  const s = catalogue[code]!;
  const example: Finding = finding(
    code,
    e.example.loc ?? {},
    e.example.params ?? {},
    e.example.value !== undefined ? { value: e.example.value } : {},
  );
  const hint = hintOf(example, 'fr');
  const out = [
    `### ${code}`,
    '',
    `**${s.title.fr}** (${s.title.en}) — ${LEVELS[s.level]}` +
      (s.frictionless || s.validata
        ? ` · Frictionless : ${s.frictionless ? `\`${s.frictionless}\`` : '—'} · Validata : ${s.validata ? `\`${s.validata}\`` : '—'}`
        : ''),
    '',
    e.explain,
    '',
  ];
  if (e.example.input) out.push('Exemple :', '', '```text', e.example.input, '```', '');
  out.push(
    e.example.input ? 'odf dit :' : 'Exemple de message :',
    '',
    `> ${where(example)}${messageOf(example, 'fr')}`,
  );
  if (hint) out.push('>', `> → ${hint}`);
  out.push('');
  if (e.schema) out.push(`**Corriger le schéma** : ${e.schema}`, '');
  if (e.excel) out.push(`**Dans Excel** : ${e.excel}`, '');
  if (e.libreoffice) out.push(`**Dans LibreOffice Calc** : ${e.libreoffice}`, '');
  if (e.odf) out.push(`**Avec odf** : ${e.odf}`, '');
  return out;
}

/** The Markdown text of docs/errors.md. */
export function errorsDoc(): string {
  const codes = Object.keys(catalogue).sort();
  const lines = [
    '# Codes des problèmes signalés par odf',
    '',
    'Généré depuis `src/findings/` par `node scripts/make-errors-doc.js` (un test vérifie qu’il est à jour).',
    'Les machines lisent `code` et `params` ; les personnes lisent le message, en français ou en anglais (`--lang en`).',
    'Chaque code a sa section ci-dessous, à l’ancre `#code` : les rapports HTML, SARIF et Markdown y renvoient.',
    '',
    '## Numéros de ligne',
    '',
    'Les rapports lisibles (texte, HTML, Markdown, github, gitlab, SARIF, JUnit) donnent un seul numéro : la',
    'ligne que montre votre éditeur ou votre tableur (`line`). Les problèmes d’en-tête sont à la ligne de',
    'l’en-tête. Le rapport JSON donne aussi `rowNumber`, le numéro d’enregistrement de Frictionless (en-tête',
    '= 1, première ligne de données = 2). Les deux diffèrent quand des lignes de titre précèdent l’en-tête',
    '(`line` = `rowNumber` + lignes ignorées) ou quand une cellule s’étend sur plusieurs lignes (chaque saut',
    'de ligne dans une cellule décale d’une ligne les enregistrements suivants).',
    '',
    '## Liste des codes',
    '',
    '| code | niveau | titre | title (en) | Frictionless | Validata |',
    '|---|---|---|---|---|---|',
  ];
  for (const code of codes) {
    const s = catalogue[code]!;
    lines.push(
      `| [\`${code}\`](#${code}) | ${LEVELS[s.level]} | ${cell(s.title.fr)} | ${cell(s.title.en)} | ${cell(s.frictionless)} | ${cell(s.validata)} |`,
    );
  }
  lines.push('', '## Détail des codes', '');
  for (const code of codes) {
    const e = EXPLANATIONS[code];
    if (e && isFindingCode(code)) lines.push(...section(code, e));
    else lines.push(`### ${code}`, '', `**${catalogue[code]!.title.fr}**`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// docs/errors.md (French) and docs/errors.en.md, generated from the finding catalogue so they cannot drift apart; the URLs reports link to.
import { catalogue, finding, hintOf, isFindingCode, messageOf } from './catalogue.js';
import type { Explanation } from './explanations.js';
import { explanationFor } from './explanation-for.js';
import type { Lang } from './spec.js';
import type { Finding, FindingCode } from './types.js';

/**
 * Where docs/errors.md is published: every report that links a finding code (HTML, SARIF, Markdown)
 * points at `DOCS_ERRORS_URL#code`, or at its English twin (docsErrorsUrl('en')) when the report is in
 * English. Each code has its own section whose anchor is the code itself, in both files.
 */
export const DOCS_ERRORS_URL = 'https://github.com/odf-scdl/odf/blob/main/docs/errors.md';

/** The published errors documentation in a language: docs/errors.md (French) or docs/errors.en.md. */
export function docsErrorsUrl(lang: Lang = 'fr'): string {
  return lang === 'fr' ? DOCS_ERRORS_URL : DOCS_ERRORS_URL.replace(/\.md$/, `.${lang}.md`);
}

/** The documentation of a finding code: its section in docs/errors.md, or docs/errors.en.md in English. */
export function docUrl(code: string, lang: Lang = 'fr'): string {
  return `${docsErrorsUrl(lang)}#${code}`;
}

/** The file the generator writes for a language, relative to the repository. */
export function errorsDocPath(lang: Lang): string {
  return lang === 'fr' ? 'docs/errors.md' : `docs/errors.${lang}.md`;
}

/** The words of the generated page, per language. */
const T = {
  fr: {
    levels: { error: 'erreur', warning: 'avertissement', info: 'information' },
    line: 'ligne',
    column: 'colonne',
    colon: ' : ',
    intro: [
      '# Codes des problèmes signalés par odf',
      '',
      'Généré depuis `src/findings/` par `node scripts/make-errors-doc.js` (un test vérifie qu’il est à jour).',
      'Les machines lisent `code` et `params` ; les personnes lisent le message, en français ou en anglais (`--lang en`).',
      'Chaque code a sa section ci-dessous, à l’ancre `#code` : les rapports HTML, SARIF et Markdown y renvoient.',
      'En anglais : [errors.en.md](errors.en.md).',
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
    ],
    details: '## Détail des codes',
    example: 'Exemple :',
    odfSays: 'odf dit :',
    exampleMessage: 'Exemple de message :',
    schema: '**Corriger le schéma** : ',
    excel: '**Dans Excel** : ',
    libreoffice: '**Dans LibreOffice Calc** : ',
    odf: '**Avec odf** : ',
  },
  en: {
    levels: { error: 'error', warning: 'warning', info: 'information' },
    line: 'line',
    column: 'column',
    colon: ': ',
    intro: [
      '# Codes of the problems odf reports',
      '',
      'Generated from `src/findings/` by `node scripts/make-errors-doc.js` (a test checks it is up to date).',
      'Machines read `code` and `params`; people read the message, in French (the default) or in English (`--lang en`).',
      'Each code has its section below, at the anchor `#code`: the HTML, SARIF and Markdown reports made with',
      '`--lang en` link to it. In French: [errors.md](errors.md).',
      '',
      '## Line numbers',
      '',
      'The readable reports (text, HTML, Markdown, github, gitlab, SARIF, JUnit) give a single number: the line',
      'your editor or spreadsheet shows (`line`). Header problems are at the header’s line. The JSON report',
      'also gives `rowNumber`, the Frictionless record number (header = 1, first data row = 2). The two differ',
      'when title rows come before the header (`line` = `rowNumber` + skipped rows) or when a cell spans',
      'several lines (each line break inside a cell shifts the following records by one line).',
      '',
      '## List of codes',
      '',
      '| code | level | title | titre (fr) | Frictionless | Validata |',
    ],
    details: '## Codes in detail',
    example: 'Example:',
    odfSays: 'odf says:',
    exampleMessage: 'Example message:',
    schema: '**Fix the schema**: ',
    excel: '**In Excel**: ',
    libreoffice: '**In LibreOffice Calc**: ',
    odf: '**With odf**: ',
  },
} as const;

function cell(s: string | undefined): string {
  return (s ?? '—').replace(/\|/g, '\\|');
}

/** The other language, whose title each section shows in parentheses. */
function other(lang: Lang): Lang {
  return lang === 'fr' ? 'en' : 'fr';
}

/** Where the example finding is, as the text report says it. */
function where(f: Finding, lang: Lang): string {
  const t = T[lang];
  const parts: string[] = [];
  if (f.loc.line !== undefined) parts.push(`${t.line} ${f.loc.line}`);
  if (f.loc.fieldName !== undefined) parts.push(`${t.column} ${f.loc.fieldName}`);
  else if (f.loc.column !== undefined) parts.push(`${t.column} ${f.loc.column}`);
  return parts.length ? `${parts.join(', ')}${t.colon}` : '';
}

function section(code: FindingCode, e: Explanation, lang: Lang): string[] {
  const t = T[lang];
  const s = catalogue[code]!;
  const example: Finding = finding(
    code,
    e.example.loc ?? {},
    e.example.params ?? {},
    e.example.value !== undefined ? { value: e.example.value } : {},
  );
  const hint = hintOf(example, lang);
  const out = [
    `### ${code}`,
    '',
    `**${s.title[lang]}** (${s.title[other(lang)]}) — ${t.levels[s.level]}` +
      (s.frictionless || s.validata
        ? ` · Frictionless${t.colon}${s.frictionless ? `\`${s.frictionless}\`` : '—'} · Validata${t.colon}${s.validata ? `\`${s.validata}\`` : '—'}`
        : ''),
    '',
    e.explain,
    '',
  ];
  if (e.example.input) out.push(t.example, '', '```text', e.example.input, '```', '');
  out.push(
    e.example.input ? t.odfSays : t.exampleMessage,
    '',
    `> ${where(example, lang)}${messageOf(example, lang)}`,
  );
  if (hint) out.push('>', `> → ${hint}`);
  out.push('');
  if (e.schema) out.push(`${t.schema}${e.schema}`, '');
  if (e.excel) out.push(`${t.excel}${e.excel}`, '');
  if (e.libreoffice) out.push(`${t.libreoffice}${e.libreoffice}`, '');
  if (e.odf) out.push(`${t.odf}${e.odf}`, '');
  return out;
}

/** The Markdown text of docs/errors.md (French, the default) or docs/errors.en.md (English). */
export function errorsDoc(lang: Lang = 'fr'): string {
  const t = T[lang];
  const codes = Object.keys(catalogue).sort();
  const lines: string[] = [...t.intro, '|---|---|---|---|---|---|'];
  for (const code of codes) {
    const s = catalogue[code]!;
    lines.push(
      `| [\`${code}\`](#${code}) | ${t.levels[s.level]} | ${cell(s.title[lang])} | ${cell(s.title[other(lang)])} | ${cell(s.frictionless)} | ${cell(s.validata)} |`,
    );
  }
  lines.push('', t.details, '');
  for (const code of codes) {
    const e = explanationFor(code, lang);
    if (e && isFindingCode(code)) lines.push(...section(code, e, lang));
    else lines.push(`### ${code}`, '', `**${catalogue[code]!.title[lang]}**`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

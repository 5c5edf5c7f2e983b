// GitHub renderer: workflow commands (::error file=…,line=…::message) so findings annotate the files in a pull request.
import type { Lang } from '../findings/spec.js';
import { titleOf } from '../findings/catalogue.js';
import type { FileReport, Report, ReportFinding } from './types.js';
import { describeLocation, lineOf } from './where.js';
import { escapeWorkflowData, escapeWorkflowProperty } from './escape.js';

/** Options of renderGithub. */
export interface GithubOptions {
  lang: Lang;
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

function command(kind: string, props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeWorkflowProperty(String(v))}`)
    .join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeWorkflowData(message)}`;
}

function findingLine(file: FileReport, f: ReportFinding, lang: Lang): string {
  const where = describeLocation(f, lang);
  const text = `${where ? `${where}${lang === 'fr' ? ' : ' : ': '}` : ''}${f.message}${f.hint ? ` → ${f.hint}` : ''}`;
  // The annotation points at the line the message names; a column number is a field, not a character.
  return command(
    COMMAND[f.level],
    { file: file.path, line: lineOf(f), title: `${titleOf(f.code, lang)} [${f.code}]` },
    text,
  );
}

/**
 * Render the report as GitHub Actions workflow commands, one per finding (errors, warnings, infos as
 * notices), one error per unreadable file, and a closing notice with the totals and the score.
 */
export function renderGithub(report: Report, options: GithubOptions): string {
  const lang = options.lang;
  const fr = lang === 'fr';
  const out: string[] = [];
  for (const file of report.files) for (const f of file.findings) out.push(findingLine(file, f, lang));
  for (const f of report.failures)
    out.push(command('error', { file: f.path, title: `odf [${f.code}]` }, f.message));
  // A partial report annotates only the findings collected: the exact totals per code say the rest.
  for (const file of report.files) {
    if (!file.partial) continue;
    const counts = Object.entries(file.totals?.byCode ?? {})
      .map(([code, n]) => `${code} × ${n}`)
      .join(', ');
    out.push(
      command(
        'notice',
        { file: file.path, title: fr ? 'odf : rapport partiel' : 'odf: partial report' },
        fr
          ? `Annotations limitées par --limit-errors ; totaux exacts par type : ${counts}`
          : `Annotations limited by --limit-errors; exact totals per kind: ${counts}`,
      ),
    );
  }
  const s = report.summary;
  const score = s.score !== undefined ? (fr ? ` ; score ${s.score}/100` : `; score ${s.score}/100`) : '';
  out.push(
    command(
      'notice',
      { title: 'odf' },
      fr
        ? `${s.files} fichier(s) : ${s.valid} conforme(s), ${s.invalid} non conforme(s), ${s.failed} illisible(s) ; ${s.errors} erreur(s), ${s.warnings} avertissement(s)${score}`
        : `${s.files} file(s): ${s.valid} valid, ${s.invalid} invalid, ${s.failed} unreadable; ${s.errors} error(s), ${s.warnings} warning(s)${score}`,
    ),
  );
  return `${out.join('\n')}\n`;
}

// GitLab renderer: Code Quality JSON (description, check_name, fingerprint, severity, location) for merge requests.
import { createHash } from 'node:crypto';
import type { Lang } from '../findings/spec.js';
import type { Level } from '../findings/types.js';
import type { Report, ReportFinding } from './types.js';
import { describeLocation, lineOf } from './where.js';
import { escapeTerminal } from './escape.js';

/** Options of renderGitlab. */
export interface GitlabOptions {
  lang: Lang;
}

/** One Code Quality issue, as GitLab reads it. */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

const SEVERITY: Record<Level, CodeQualityIssue['severity']> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
};

/** A stable fingerprint: the same finding in the same file gives the same hash from run to run. */
function fingerprint(parts: readonly (string | number | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => (p === undefined ? '' : String(p))).join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

function identity(path: string, f: ReportFinding): (string | number | undefined)[] {
  return [path, f.code, f.rowNumber, f.line, f.fieldName ?? f.column ?? f.fieldNumber, f.value];
}

/**
 * Render the report as a GitLab Code Quality report (a JSON array). Errors are `major`, warnings `minor`,
 * infos `info`, unreadable files `blocker`. `lines.begin` is the line people see (1 for file-level findings).
 * Identical findings get distinct fingerprints by their occurrence number, so GitLab keeps them all.
 */
export function renderGitlab(report: Report, options: GitlabOptions): string {
  const lang = options.lang;
  const issues: CodeQualityIssue[] = [];
  const seen = new Map<string, number>();
  const unique = (parts: (string | number | undefined)[]): string => {
    const base = fingerprint(parts);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : fingerprint([...parts, n]);
  };
  for (const file of report.files) {
    for (const f of file.findings) {
      const where = describeLocation(f, lang);
      issues.push({
        description: escapeTerminal(
          `${where ? `${where}${lang === 'fr' ? ' : ' : ': '}` : ''}${f.message}${f.hint ? ` → ${f.hint}` : ''}`,
        ),
        check_name: f.code,
        fingerprint: unique(identity(file.path, f)),
        severity: SEVERITY[f.level],
        location: { path: file.path, lines: { begin: lineOf(f) ?? 1 } },
      });
    }
  }
  // A partial report lists only the findings collected: one note per file gives the exact totals.
  for (const file of report.files) {
    if (!file.partial) continue;
    const counts = Object.entries(file.totals?.byCode ?? {})
      .map(([code, n]) => `${code} × ${n}`)
      .join(', ');
    issues.push({
      description: escapeTerminal(
        lang === 'fr'
          ? `Rapport partiel (--limit-errors) ; totaux exacts par type : ${counts}`
          : `Partial report (--limit-errors); exact totals per kind: ${counts}`,
      ),
      check_name: 'partial-report',
      fingerprint: unique([file.path, 'partial-report']),
      severity: 'info',
      location: { path: file.path, lines: { begin: 1 } },
    });
  }
  for (const f of report.failures) {
    issues.push({
      description: escapeTerminal(f.message),
      check_name: f.code,
      fingerprint: unique([f.path, f.code]),
      severity: 'blocker',
      location: { path: f.path, lines: { begin: 1 } },
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}

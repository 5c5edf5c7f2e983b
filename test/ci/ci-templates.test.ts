// The GitHub Action, the GitLab CI template and the pre-commit hook: their metadata, and their commands run
// here as the CI would run them (the environment GitHub sets, GitLab's script in sh), on built odf (dist/).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS } from '../../src/batch/expand.js';
import { parseYamlDocument } from '../../src/schema/yaml.js';

const repo = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};
const built = existsSync(path.join(repo, 'dist', 'cli', 'main.js'));
const BAD = 'fixtures/examples/budget-export-mairie.csv';
const GOOD = 'fixtures/examples/budget-conforme.csv';

/** A YAML file of the repository, parsed; a syntax error (or a duplicate key) fails the test. */
function yamlFile(rel: string): unknown {
  const doc = parseYamlDocument(readFileSync(path.join(repo, rel), 'utf8'));
  if (doc.errors.length > 0) throw new Error(`${rel}: ${JSON.stringify(doc.errors)}`);
  return doc.value;
}

/** Temporary folders of this file, removed at the end. */
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A folder with the two example files, where a CI job would run. */
function workspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-ci-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'fixtures', 'examples'), { recursive: true });
  for (const f of [BAD, GOOD]) copyFileSync(path.join(repo, f), path.join(dir, f));
  return dir;
}

/** Run a script with bash or sh, in `cwd`, with only the environment given (plus PATH and HOME). */
function sh(shell: string, script: string, cwd: string, env: Record<string, string>) {
  const r = spawnSync(shell, [script], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', LANG: 'fr_FR.UTF-8', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface ActionMeta {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: {
    using: string;
    steps: { id?: string; name?: string; shell?: string; run?: string; env?: Record<string, string> }[];
  };
}

describe('action.yml', () => {
  const action = yamlFile('action.yml') as ActionMeta;
  const text = readFileSync(path.join(repo, 'action.yml'), 'utf8');

  it('is a composite action whose every step names its shell and every input is described and used', () => {
    expect(typeof action.name).toBe('string');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.description.length).toBeLessThanOrEqual(125); // the Marketplace cuts longer ones
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) if (step.run) expect(step.shell).toBe('bash');
    const declared = Object.keys(action.inputs).sort();
    const used = [
      ...new Set([...text.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)].map((m) => m[1]!)),
    ].sort();
    expect(used).toEqual(declared);
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
    const ids = new Set(action.runs.steps.map((s) => s.id));
    for (const out of Object.values(action.outputs)) {
      expect(ids.has(/steps\.([\w-]+)\.outputs/.exec(out.value)?.[1])).toBe(true);
    }
    for (const input of ['files', 'schema', 'config', 'format', 'fail-level'])
      expect(declared).toContain(input);
  });

  it('passes inputs to its scripts through the environment, never into a command line', () => {
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
  });

  it('installs the npm package of its own version, or the checkout with odf-version: local', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-action-install-'));
    temps.push(dir);
    // A stand-in npm records its arguments and lays out what `npm install --prefix` would.
    const fakeBin = path.join(dir, 'fake-bin');
    mkdirSync(fakeBin);
    writeFileSync(
      path.join(fakeBin, 'npm'),
      `#!/bin/sh\necho "$@" > "${dir}/npm-args"\nprefix="$3"\nmkdir -p "$prefix/node_modules/odf-scdl/bin"\nprintf 'console.log("9.9.9")\\n' > "$prefix/node_modules/odf-scdl/bin/odf.js"\n`,
    );
    chmodSync(path.join(fakeBin, 'npm'), 0o755);
    const env = {
      GITHUB_ACTION_PATH: repo,
      GITHUB_ENV: path.join(dir, 'github-env'),
      RUNNER_TEMP: dir,
      PATH: `${fakeBin}${path.delimiter}${process.env.PATH ?? ''}`,
    };
    const r = sh('bash', path.join(repo, 'ci/github/install.sh'), dir, env);
    expect([r.code, r.stdout.trim()]).toEqual([0, '9.9.9']);
    expect(readFileSync(path.join(dir, 'npm-args'), 'utf8').trim()).toBe(
      `install --prefix ${dir}/odf-scdl --no-audit --no-fund --no-save --loglevel error odf-scdl@${pkg.version}`,
    );
    expect(readFileSync(env.GITHUB_ENV, 'utf8')).toBe(
      `ODF_BIN=${dir}/odf-scdl/node_modules/odf-scdl/bin/odf.js\n`,
    );

    if (built) {
      const local = sh('bash', path.join(repo, 'ci/github/install.sh'), dir, {
        ...env,
        ODF_VERSION: 'local',
      });
      expect([local.code, local.stdout.trim()]).toEqual([0, pkg.version]);
      expect(readFileSync(env.GITHUB_ENV, 'utf8')).toContain(`ODF_BIN=${repo}/bin/odf.js\n`);
    }
  });

  describe.skipIf(!built)('its run step, with the environment GitHub sets (dist/)', () => {
    function run(inputs: Record<string, string>) {
      const dir = workspace();
      const env = {
        ODF_BIN: path.join(repo, 'bin', 'odf.js'),
        GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
        GITHUB_OUTPUT: path.join(dir, 'output'),
        GITHUB_ACTIONS: 'true',
        ODF_SUMMARY: 'true',
        ...inputs,
      };
      const r = sh('bash', path.join(repo, 'ci/github/run.sh'), dir, env);
      const read = (f: string): string =>
        existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8') : '';
      return { ...r, dir, summary: read('summary.md'), output: read('output'), read };
    }

    it('annotates the files, writes the summary and a report, and fails the step on errors', () => {
      const r = run({ ODF_FILES: `  ${BAD}\n${GOOD}\n\n`, ODF_FORMAT: 'json' });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        new RegExp(`^::error file=${BAD},line=\\d+,title=[^\\n]*\\[incorrect-label\\]::`, 'm'),
      );
      expect(r.stdout).not.toMatch(new RegExp(`::error file=${GOOD}`));
      expect(r.summary).toMatch(/^### ❌ Rapport odf — 2 fichiers/);
      expect(r.summary).toContain('`incorrect-label`');
      expect(r.output).toBe('exit-code=1\nreport=odf-report.json\n');
      const report = JSON.parse(r.read('odf-report.json')) as { valid: boolean; files: unknown[] };
      expect([report.valid, report.files.length]).toEqual([false, 2]);
    });

    it('passes on a conform file, with the schema and extra options given', () => {
      const r = run({
        ODF_FILES: GOOD,
        ODF_SCHEMA: 'scdl/budget@0.8.3',
        ODF_ARGS: '--lang en --privacy error',
      });
      expect([r.code, r.output]).toEqual([0, 'exit-code=0\nreport=\n']);
      expect(r.stdout).not.toMatch(/^::error/m);
      expect(r.summary).toMatch(/^### ✅ odf report — 1 file/);
    });

    it('turns a failure into one error annotation and exit 2; an input cannot run a command', () => {
      const marker = path.join(os.tmpdir(), `odf-injected-${process.pid}`);
      const r = run({ ODF_FILES: GOOD, ODF_SCHEMA: `$(touch ${marker})`, ODF_FORMAT: 'sarif' });
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/^::error title=odf::odf : Schéma introuvable[^\n]*$/m);
      expect(r.output).toBe('exit-code=2\nreport=\n');
      expect(r.summary).toContain("odf n'a pas pu vérifier les fichiers");
      expect(existsSync(marker)).toBe(false);
    });

    it('takes its files from odf.config.yaml when none are given', () => {
      const dir = workspace();
      writeFileSync(
        path.join(dir, 'odf.config.yaml'),
        `rules:\n  - files: "fixtures/examples/budget-conforme.csv"\n    schema: scdl/budget@0.8.3\n`,
      );
      const r = sh('bash', path.join(repo, 'ci/github/run.sh'), dir, {
        ODF_BIN: path.join(repo, 'bin', 'odf.js'),
        ODF_SUMMARY: 'false',
      });
      expect([r.code, r.stderr]).toEqual([0, '']);
    });
  });
});

describe('ci/gitlab/odf.gitlab-ci.yml', () => {
  const doc = yamlFile('ci/gitlab/odf.gitlab-ci.yml') as Record<
    string,
    {
      stage: string;
      image: string;
      variables: Record<string, string>;
      script: string[];
      artifacts: { when: string; paths: string[]; reports: { codequality: string; junit: string } };
    }
  >;
  const job = doc.odf!;

  it('defines one job whose artifacts are the reports its script writes, kept when it fails', () => {
    expect(Object.keys(doc)).toEqual(['odf']);
    expect(job.stage).toBe('test');
    expect(job.image).toBe('$ODF_IMAGE');
    expect(job.variables.ODF_IMAGE).toMatch(/^node:(2[02468]|[3-9]\d)/);
    expect(job.variables.ODF_VERSION).toBe(pkg.version);
    expect(job.artifacts.when).toBe('always');
    const script = job.script.join('\n');
    expect(script).toContain(`-o ${job.artifacts.reports.codequality}`);
    expect(script).toContain(`-o ${job.artifacts.reports.junit}`);
    expect(job.artifacts.paths.sort()).toEqual(
      [job.artifacts.reports.codequality, job.artifacts.reports.junit].sort(),
    );
  });

  describe.skipIf(!built)('its script, run by sh as GitLab runs it (dist/)', () => {
    /** The job's script lines in one file, with `odf` (and a stand-in `npm`) on the PATH. */
    function runJob(variables: Record<string, string>, withOdf = true) {
      const dir = workspace();
      const bin = path.join(dir, '.bin');
      mkdirSync(bin);
      const odfShim = `#!/bin/sh\nexec "${process.execPath}" "${path.join(repo, 'bin', 'odf.js')}" "$@"\n`;
      if (withOdf) writeFileSync(path.join(bin, 'odf'), odfShim);
      // The install line must be skipped when odf is there; otherwise this npm records it and installs the shim.
      writeFileSync(
        path.join(bin, 'npm'),
        `#!/bin/sh\necho "$@" > "${dir}/npm-args"\ncat > "${bin}/odf" <<'SHIM'\n${odfShim}SHIM\nchmod +x "${bin}/odf"\n`,
      );
      for (const f of ['odf', 'npm']) if (existsSync(path.join(bin, f))) chmodSync(path.join(bin, f), 0o755);
      const script = path.join(dir, 'job.sh');
      writeFileSync(script, `set -e\n${job.script.join('\n')}\n`);
      const env = {
        ...job.variables,
        ...variables,
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      };
      delete (env as Record<string, string>).ODF_IMAGE;
      return { ...sh('sh', script, dir, env), dir };
    }

    it('writes the Code Quality and JUnit reports and fails the job on errors', () => {
      const r = runJob({ ODF_FILES: 'fixtures/examples/*.csv' });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('incorrect-label');
      expect(existsSync(path.join(r.dir, 'npm-args'))).toBe(false);
      const quality = JSON.parse(readFileSync(path.join(r.dir, 'gl-code-quality-report.json'), 'utf8')) as {
        check_name: string;
        fingerprint: string;
        location: { path: string };
      }[];
      expect(quality.length).toBeGreaterThan(0);
      expect(quality.every((q) => q.fingerprint && q.location.path.endsWith('.csv'))).toBe(true);
      const junit = readFileSync(path.join(r.dir, 'odf-junit.xml'), 'utf8');
      expect(junit).toMatch(/^<\?xml[^>]*\?>\s*<testsuites/);
      expect(junit).toContain('budget-conforme');
    });

    it('passes on a conform file with a pinned schema, and installs odf when the image lacks it', () => {
      const r = runJob({ ODF_FILES: GOOD, ODF_SCHEMA: 'scdl/budget@0.8.3' }, false);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(readFileSync(path.join(r.dir, 'npm-args'), 'utf8').trim()).toBe(
        `install --global --no-audit --no-fund odf-scdl@${pkg.version}`,
      );
    });

    it('stops with exit 2 when odf cannot do its job, without writing empty reports', () => {
      const r = runJob({ ODF_FILES: GOOD, ODF_SCHEMA: 'nope/nope' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^odf : Schéma inconnu : « nope\/nope »/);
      expect(existsSync(path.join(r.dir, 'odf-junit.xml'))).toBe(false);
    });
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = yamlFile('.pre-commit-hooks.yaml') as {
    id: string;
    name: string;
    entry: string;
    language: string;
    files: string;
  }[];

  it('declares odf-validate, run by the package bin on the table files odf reads', () => {
    expect(hooks.map((h) => h.id)).toEqual(['odf-validate']);
    const hook = hooks[0]!;
    expect(hook.language).toBe('node');
    const [bin, command] = hook.entry.split(' ');
    expect(pkg.bin[bin!]).toBe('bin/odf.js');
    expect(command).toBe('validate');
    // pre-commit reads `files` as a Python regex: (?i) at its start is its case-insensitive flag.
    expect(hook.files.startsWith('(?i)')).toBe(true);
    const files = new RegExp(hook.files.slice(4), 'i');
    for (const ext of SUPPORTED_EXTENSIONS)
      expect(files.test(`dossier/fichier${ext.toUpperCase()}`)).toBe(true);
    for (const other of ['a.json', 'a.yaml', 'a.csv.bak', 'README.md']) expect(files.test(other)).toBe(false);
  });

  it.skipIf(!built)('runs its entry with the changed file names as pre-commit does', () => {
    const dir = workspace();
    const [, ...args] = hooks[0]!.entry.split(' ');
    const run = (files: string[]) =>
      spawnSync(process.execPath, [path.join(repo, 'bin', 'odf.js'), ...args, ...files], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    expect(run([GOOD]).status).toBe(0);
    expect(run([GOOD, BAD]).status).toBe(1);
  });
});

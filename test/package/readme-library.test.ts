// The README's TypeScript examples compile against the built types (dist/), imported by package name as a user would.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { name: string };
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-readme-ts-'));
  // node_modules/<package> is the repository itself: its package.json `exports` lead to dist/*.d.ts,
  // exactly as in an installed copy (the tarball is checked by npm run check:package).
  mkdirSync(path.join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(repo, path.join(dir, 'node_modules', pkg.name), 'junction');
  symlinkSync(
    path.join(repo, 'node_modules', '@types', 'node'),
    path.join(dir, 'node_modules', '@types', 'node'),
    'junction',
  );
  // A user's ES module project (top-level await, as in the examples).
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  examples.forEach((code, i) => writeFileSync(path.join(dir, `readme-${i + 1}.ts`), code));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run tsc on the scratch folder with these module settings; its exit code and messages. */
function compile(options: Record<string, unknown>): { code: number | null; output: string } {
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        types: ['node'],
        ...options,
      },
      include: ['*.ts'],
    }),
  );
  const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("README's library examples", () => {
  it('exist and import the package by its npm name', () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const code of examples) expect(code).toContain(`from '${pkg.name}'`);
    expect(existsSync(path.join(repo, 'dist', 'index.d.ts')), 'run npm run build first').toBe(true);
  });

  it.each([
    ['NodeNext', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
    ['bundler', { module: 'ESNext', moduleResolution: 'bundler' }],
  ])('compile with strict TypeScript (%s resolution)', (_label, options) => {
    const r = compile(options);
    expect(r.output).toBe('');
    expect(r.code).toBe(0);
  });

  it('fail to compile when an example uses a name the package does not export', () => {
    writeFileSync(
      path.join(dir, 'wrong.ts'),
      `import { validateEverything } from '${pkg.name}';\nvalidateEverything();\n`,
    );
    try {
      const r = compile({ module: 'NodeNext', moduleResolution: 'NodeNext' });
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/wrong\.ts.*validateEverything/);
    } finally {
      rmSync(path.join(dir, 'wrong.ts'));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  openAtomicStream,
  removeLeftoverTemporaries,
  temporaryPathFor,
  writeFileAtomic,
  writeToSink,
  type WriteSync,
} from '../../src/output/atomic.js';
import { readExistingDataPackage, mergeDataPackage } from '../../src/normalize/metadata.js';
import { openCsvWriter } from '../../src/normalize/writer.js';
import { isOdfError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

// Issue 12, rows 4, 8 and 17: a full disk, an unreadable datapackage.json, temporaries left by kill -9.

function workdir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'odf-output-'));
}

/** fs.writeSync on a disk with `room` bytes free: it writes what fits, then fails as a full disk does. */
function fullDiskAfter(room: number): WriteSync {
  let used = 0;
  return (fd, data, offset, length) => {
    const n = Math.min(length, room - used);
    if (n <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    used += n;
    return writeSync(fd, data, offset, n);
  };
}

describe('an output given up at once', () => {
  it('abort right after opening leaves no temporary, even before the file is open', async () => {
    // The stream opens its temporary asynchronously: abort waits for it to be closed before removing it,
    // so that an open still pending cannot create the file again afterwards.
    const dir = workdir();
    for (let i = 0; i < 40; i++) {
      const out = openAtomicStream(path.join(dir, `out-${i}.csv`));
      await out.abort();
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a full disk', () => {
  it('rejects the pending write with one sentence, and abort leaves no temporary', async () => {
    const dir = workdir();
    const target = path.join(dir, 'out.csv');
    const out = openAtomicStream(target, { writeSync: fullDiskAfter(10_000) });
    let failure: unknown;
    try {
      for (let i = 0; i < 1000; i++) await out.write('x'.repeat(1000));
    } catch (e) {
      failure = e;
    }
    expect(isOdfError(failure)).toBe(true);
    expect((failure as Error).message).toBe(`Impossible d’écrire ${target} : le disque est plein.`);
    await out.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failure at the last flush fails the commit, which removes the temporary', async () => {
    const dir = workdir();
    const target = path.join(dir, 'out.csv');
    const out = openAtomicStream(target, { writeSync: fullDiskAfter(100) });
    await out.write('x'.repeat(50));
    await out.write('x'.repeat(80)).catch(() => undefined);
    await expect(out.commit()).rejects.toMatchObject({ code: 'output-error', data: { code: 'ENOSPC' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('standard output on a full device (/dev/full): exit 2, one sentence', () => {
    if (!existsSync('/dev/full')) return;
    const r = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" bin/odf.js validate fixtures/examples/budget-export-mairie.csv > /dev/full`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('odf : Impossible d’écrire sur la sortie standard : le disque est plein.\n');
  });

  it('a closed pipe is not an error for writeToSink', async () => {
    const sink = new Writable({
      write(_c, _e, cb) {
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    sink.on('error', () => undefined);
    await writeToSink(sink, 'a');
    await writeToSink(sink, 'b');
  });

  it('writeFileAtomic says why in words, and leaves nothing behind', async () => {
    const dir = workdir();
    const target = path.join(dir, 'missing-folder', 'out.json');
    await expect(writeFileAtomic(target, '{}')).rejects.toThrow(
      `Impossible d’écrire ${target} : le dossier n’existe pas.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('an output that cannot be created', () => {
  it('is refused when opened, before any work, with one sentence', () => {
    const dir = workdir();
    const target = path.join(dir, 'missing-folder', 'out.csv');
    expect(() => openAtomicStream(target)).toThrow(
      `Impossible d’écrire ${target} : le dossier n’existe pas.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a rejected-rows file that cannot be created leaves no temporary of the output', async () => {
    const dir = workdir();
    const rejected = path.join(dir, 'missing-folder', 'out.rejected.csv');
    await expect(
      openCsvWriter({
        output: path.join(dir, 'out.csv'),
        rejected,
        header: ['a'],
        fields: [{ name: 'a', type: 'string' }],
        columns: [0],
        keptExtra: [],
      }),
    ).rejects.toThrow(`Impossible d’écrire ${rejected} : le dossier n’existe pas.`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('temporaries left by a killed run', () => {
  it('are named after the file, the machine and the process', () => {
    const name = path.basename(temporaryPathFor('/x/budget.csv'));
    expect(name).toMatch(/^\.budget\.csv\.odf-[0-9a-f]{8}-\d+-[0-9a-f]{12}\.tmp$/);
  });

  it('the next run removes those of dead processes, never those of live ones', async () => {
    const dir = workdir();
    const mine = path.basename(temporaryPathFor(path.join(dir, 'a.csv')));
    const host = /\.odf-([0-9a-f]{8})-/.exec(mine)![1]!;
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = {
      deadHere: `.a.csv.odf-${host}-${dead}-000000000001.tmp`,
      liveHere: mine,
      // A live process on this machine (the parent of this test), writing another file.
      liveOther: `.b.csv.odf-${host}-${process.ppid}-000000000002.tmp`,
      freshElsewhere: '.a.csv.odf-00000000-1-000000000003.tmp',
      staleElsewhere: '.a.csv.odf-00000000-1-000000000004.tmp',
      notOurs: '.a.csv.tmp',
    };
    for (const n of Object.values(names)) writeFileSync(path.join(dir, n), 'partial');
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(path.join(dir, names.staleElsewhere), old, old);
    const removed = await removeLeftoverTemporaries(dir);
    expect(removed.sort()).toEqual([names.deadHere, names.staleElsewhere].sort());
    expect(readdirSync(dir).sort()).toEqual(
      [names.liveHere, names.liveOther, names.freshElsewhere, names.notOurs].sort(),
    );
  });

  it('writing a file cleans its folder first', async () => {
    const dir = workdir();
    const host = /\.odf-([0-9a-f]{8})-/.exec(path.basename(temporaryPathFor(path.join(dir, 'x'))))![1]!;
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(dir, `.out.json.odf-${host}-${dead}-0000000000aa.tmp`), 'partial');
    await writeFileAtomic(path.join(dir, 'out.json'), '{}');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('two odf processes writing in the same folder at once both succeed', async () => {
    const dir = workdir();
    copyFileSync('fixtures/examples/budget-export-mairie.csv', path.join(dir, 'a.csv'));
    copyFileSync('fixtures/examples/budget-export-mairie.csv', path.join(dir, 'b.csv'));
    const run = (name: string) =>
      new Promise<number>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            'bin/odf.js',
            'normalize',
            path.join(dir, name),
            '-s',
            'scdl/budget',
            '-q',
            '-o',
            path.join(dir, 'out.csv'),
            '--report',
            path.join(dir, `${name}.json`),
          ],
          { stdio: 'ignore' },
        );
        child.on('close', (code) => resolve(code ?? -1));
      });
    const [a, b] = await Promise.all([run('a.csv'), run('b.csv')]);
    // Both write the same output: each rename is atomic, the last one wins, neither fails.
    expect([a, b].every((c) => c === 0 || c === 1)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toMatch(/^\uFEFF?[^\n]+\r\n/);
  });
});

describe('an existing datapackage.json', () => {
  it('with one trailing comma is refused, untouched, before any CSV is written', async () => {
    const dir = workdir();
    copyFileSync('fixtures/examples/budget-export-mairie.csv', path.join(dir, 'budget.csv'));
    const out = path.join(dir, 'publication');
    mkdirSync(out);
    const pkg =
      '{\n  "title": "Données de la mairie",\n  "licenses": [{"name": "etalab-2.0"}],\n  "resources": [],\n}\n';
    writeFileSync(path.join(out, 'datapackage.json'), pkg);
    const r = await runCli([
      'normalize',
      path.join(dir, 'budget.csv'),
      '-s',
      'scdl/budget',
      '--out-dir',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/n’est pas du JSON valide \(ligne 5, colonne 1\) : odf ne le remplace pas/);
    expect(readFileSync(path.join(out, 'datapackage.json'), 'utf8')).toBe(pkg);
    expect(readdirSync(out)).toEqual(['datapackage.json']);
  });

  it.each([
    ['[]', /n’est pas un objet JSON/],
    ['{"resources": {}}', /« resources » n’est pas une liste/],
  ])('%s is refused', async (text, why) => {
    const dir = workdir();
    writeFileSync(path.join(dir, 'datapackage.json'), text);
    await expect(readExistingDataPackage(path.join(dir, 'datapackage.json'))).rejects.toThrow(why);
  });

  it('none gives undefined; an object without resources keeps its keys when merged', async () => {
    const dir = workdir();
    expect(await readExistingDataPackage(path.join(dir, 'datapackage.json'))).toBeUndefined();
    writeFileSync(path.join(dir, 'datapackage.json'), '{"title": "Mairie", "licenses": [{"name": "odbl"}]}');
    const existing = await readExistingDataPackage(path.join(dir, 'datapackage.json'));
    const merged = mergeDataPackage(existing, { name: 'odf', resources: [{ name: 'r', path: 'r.csv' }] });
    expect(merged.pkg).toMatchObject({
      title: 'Mairie',
      licenses: [{ name: 'odbl' }],
      resources: [{ name: 'r' }],
    });
  });
});

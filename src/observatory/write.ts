// Write the observatory site into a folder: every file written atomically, nothing else in the folder touched.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { randomBytes } from 'node:crypto';

/**
 * Write `files` (relative path → text) under `dir`, creating folders as needed. Each file is replaced
 * atomically, so a page being read while the site is rebuilt is the old one or the new one.
 * @throws OdfError `output-error` when `dir` is a file or cannot be written.
 */
export async function writeSite(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat && !stat.isDirectory()) {
    throw new OdfError(
      'output-error',
      `${dir} est un fichier : indiquez un dossier pour le site (-o DOSSIER).`,
      { path: dir },
      `${dir} is a file: give a folder for the site (-o FOLDER).`,
    );
  }
  const folders = new Set<string>([dir]);
  for (const rel of files.keys()) folders.add(path.dirname(path.join(dir, rel)));
  try {
    for (const f of [...folders].sort()) await fs.mkdir(f, { recursive: true });
  } catch (e) {
    throw new OdfError(
      'output-error',
      `Impossible de créer le dossier ${dir} : ${(e as Error).message}`,
      { path: dir },
      `Cannot create the folder ${dir}: ${(e as Error).message}`,
    );
  }
  const tag = randomBytes(6).toString('hex');
  for (const [rel, text] of files) {
    const target = path.join(dir, rel);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${tag}.tmp`);
    try {
      await fs.writeFile(temp, text);
      await fs.rename(temp, target);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw new OdfError(
        'output-error',
        `Impossible d'écrire ${target} : ${(e as Error).message}`,
        { path: target },
        `Cannot write ${target}: ${(e as Error).message}`,
      );
    }
  }
}

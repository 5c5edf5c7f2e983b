// The one sentence odf says when the system refuses to read a file (missing, a folder, no permission…),
// and the bounded reading of the user's small files (schemas, configurations, mappings, synonyms).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { OdfError, type OdfErrorCode } from '../errors.js';

/** What a file is to odf: its sentences name it (« le schéma », « le fichier de correspondance »…). */
export type FileRole = 'data' | 'schema' | 'config' | 'mapping' | 'synonyms';

const ROLE: Record<FileRole, { fr: string; en: string; expect: { fr: string; en: string } }> = {
  data: {
    fr: 'Le fichier',
    en: 'The file',
    expect: { fr: 'd’un fichier CSV ou d’un classeur', en: 'a CSV file or a workbook' },
  },
  schema: {
    fr: 'Le schéma',
    en: 'The schema',
    expect: { fr: 'd’un fichier de schéma (JSON ou YAML)', en: 'a schema file (JSON or YAML)' },
  },
  config: {
    fr: 'Le fichier de configuration',
    en: 'The configuration file',
    expect: { fr: 'd’un fichier YAML', en: 'a YAML file' },
  },
  mapping: {
    fr: 'Le fichier de correspondance',
    en: 'The mapping file',
    expect: { fr: 'd’un fichier YAML', en: 'a YAML file' },
  },
  synonyms: {
    fr: 'Le fichier de synonymes',
    en: 'The synonyms file',
    expect: { fr: 'd’un fichier YAML', en: 'a YAML file' },
  },
};

const NOT_FOUND: Record<FileRole, { fr: string; en: string }> = {
  data: { fr: 'Fichier introuvable', en: 'File not found' },
  schema: { fr: 'Schéma introuvable', en: 'Schema not found' },
  config: { fr: 'Fichier de configuration introuvable', en: 'Configuration file not found' },
  mapping: { fr: 'Fichier de correspondance introuvable', en: 'Mapping file not found' },
  synonyms: { fr: 'Fichier de synonymes introuvable', en: 'Synonyms file not found' },
};

function codes(role: FileRole): { missing: OdfErrorCode; unreadable: OdfErrorCode } {
  return role === 'schema'
    ? { missing: 'schema-not-found', unreadable: 'schema-unreadable' }
    : { missing: 'file-not-found', unreadable: 'file-unreadable' };
}

/** Why the system refused, in words; never a raw code (ELOOP, EIO…) in the sentence. */
function reasonOf(code: string | undefined): { fr: string; en: string } {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { fr: 'permission refusée', en: 'permission denied' };
    case 'ELOOP':
      return {
        fr: 'son chemin tourne en boucle (liens symboliques)',
        en: 'its path loops (symbolic links)',
      };
    case 'ENAMETOOLONG':
      return { fr: 'son nom est trop long', en: 'its name is too long' };
    case 'ENOTDIR':
      return { fr: 'un élément de son chemin n’est pas un dossier', en: 'part of its path is not a folder' };
    case 'EIO':
      return { fr: 'erreur matérielle du disque', en: 'disk hardware error' };
    case 'EMFILE':
    case 'ENFILE':
      return { fr: 'trop de fichiers ouverts', en: 'too many open files' };
    case 'EBUSY':
    case 'ETXTBSY':
      return { fr: 'il est occupé par un autre programme', en: 'another program holds it' };
    case 'EAGAIN':
    case 'EWOULDBLOCK':
      return { fr: 'il n’est pas prêt à être lu', en: 'it is not ready to be read' };
    default:
      return { fr: 'le système en refuse la lecture', en: 'the system refuses to read it' };
  }
}

/** An OdfError for a failed read of `name` (a `role` file), in words rather than system codes. */
export function readError(
  name: string,
  path: string | undefined,
  e: unknown,
  role: FileRole = 'data',
): OdfError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const { missing, unreadable } = codes(role);
  if (code === 'ENOENT') {
    const nf = NOT_FOUND[role];
    return role === 'schema'
      ? new OdfError(
          missing,
          `${nf.fr} : le fichier « ${name} » n'existe pas.`,
          { path: name },
          `${nf.en}: the file "${name}" does not exist.`,
        )
      : new OdfError(
          missing,
          `${nf.fr} : ${name}${role === 'data' ? '' : '.'}`,
          { path },
          `${nf.en}: ${name}${role === 'data' ? '' : '.'}`,
        );
  }
  const r = ROLE[role];
  if (code === 'EISDIR') {
    return new OdfError(
      unreadable,
      `${name} est un dossier, pas un fichier : donnez le chemin ${r.expect.fr}.`,
      { path, detail: code },
      `${name} is a directory, not a file: give the path of ${r.expect.en}.`,
    );
  }
  const why = reasonOf(code);
  return new OdfError(
    unreadable,
    `${r.fr} ${name} ne peut pas être lu : ${why.fr}.`,
    { path, ...(code ? { detail: code } : {}) },
    `${r.en} ${name} cannot be read: ${why.en}.`,
  );
}

/** Sizes above which a small file is refused: a schema or a configuration is a few kilobytes. */
export const MAX_SMALL_FILE_BYTES: Record<Exclude<FileRole, 'data'>, number> = {
  schema: 10 * 1024 * 1024,
  config: 1024 * 1024,
  mapping: 1024 * 1024,
  synonyms: 4 * 1024 * 1024,
};

function megabytes(n: number): { fr: string; en: string } {
  const mb = n / (1024 * 1024);
  return { fr: `${String(mb).replace('.', ',')} Mo`, en: `${mb} MB` };
}

/**
 * Read a schema, configuration, mapping or synonyms file as UTF-8 text, at most its role's size
 * (MAX_SMALL_FILE_BYTES): a larger file, a device that never ends (/dev/zero) or a folder gives one
 * sentence, never an exhausted memory. A pipe (`<(…)`) is read like a file.
 * @throws OdfError (`schema-not-found`/`schema-unreadable` for schemas, `file-not-found`/`file-unreadable`
 * otherwise).
 */
export function readSmallFile(file: string, name: string, role: Exclude<FileRole, 'data'>): string {
  const max = MAX_SMALL_FILE_BYTES[role];
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw readError(name, file, e, role);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory())
      throw readError(name, file, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), role);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(64 * 1024, max + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        throw readError(name, file, e, role);
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > max) {
        const size = megabytes(max);
        const r = ROLE[role];
        throw new OdfError(
          codes(role).unreadable,
          `${r.fr} ${name} dépasse ${size.fr} : odf ne lit pas un tel fichier à cette taille (il en fait d’ordinaire quelques Ko).`,
          { path: file, maxBytes: max },
          `${r.en} ${name} exceeds ${size.en}: odf does not read such a file at that size (it is usually a few KB).`,
        );
      }
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

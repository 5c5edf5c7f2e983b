// The one sentence odf says when the system refuses to read a file (missing, a folder, no permission…).
import { OdfError } from '../errors.js';

/** An OdfError for a failed read of `name`, in words rather than system codes. */
export function readError(name: string, path: string | undefined, e: unknown): OdfError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new OdfError(
      'file-not-found',
      `Fichier introuvable : ${name}`,
      { path },
      `File not found: ${name}`,
    );
  }
  if (code === 'EISDIR') {
    return new OdfError(
      'file-unreadable',
      `${name} est un dossier, pas un fichier : donnez le chemin d’un fichier CSV ou d’un classeur.`,
      { path, detail: code },
      `${name} is a directory, not a file: give the path of a CSV file or a workbook.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new OdfError(
      'file-unreadable',
      `Le fichier ${name} ne peut pas être lu : permission refusée.`,
      { path, detail: code },
      `The file ${name} cannot be read: permission denied.`,
    );
  }
  const detail = code ?? (e instanceof Error ? e.message : String(e));
  return new OdfError(
    'file-unreadable',
    `Le fichier ${name} ne peut pas être lu (${detail}).`,
    { path, detail },
    `The file ${name} cannot be read (${detail}).`,
  );
}

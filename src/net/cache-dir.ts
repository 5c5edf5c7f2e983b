// Where downloads are cached by default: apart from the cache, so that the CLI reads it without loading downloads.
import os from 'node:os';
import path from 'node:path';

/**
 * The default cache folder: `ODF_CACHE_DIR`, else the platform's user cache (`%LOCALAPPDATA%\odf\cache`,
 * `$XDG_CACHE_HOME/odf`, `~/.cache/odf`), with a `downloads` folder inside.
 */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  if (env.ODF_CACHE_DIR) return env.ODF_CACHE_DIR;
  if (os.platform() === 'win32' && env.LOCALAPPDATA)
    return path.join(env.LOCALAPPDATA, 'odf', 'cache', 'downloads');
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'odf', 'downloads');
}

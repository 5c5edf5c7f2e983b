// The history's SQLite file: opened safely (never overwritten, never truncated), versioned migrations, one sentence per failure.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { OdfError } from '../errors.js';

/** A value SQLite stores. */
export type SqlValue = string | number | bigint | Uint8Array | null;
/** A row as read: column name → value (BLOBs as bytes). */
export type SqlRow = Record<string, SqlValue>;

/**
 * An open history database: the few calls the history makes, so that the SQLite library behind them
 * (imported by this module only) can be swapped without touching the rest.
 */
export interface HistoryDb {
  /** Every row of a query. */
  all(sql: string, ...params: SqlValue[]): SqlRow[];
  /** The first row of a query, if any. */
  get(sql: string, ...params: SqlValue[]): SqlRow | undefined;
  /** Run a statement: rows changed and the last row id inserted. */
  run(sql: string, ...params: SqlValue[]): { changes: number; lastInsertRowid: number };
  /** Run SQL text (several statements, no parameters). */
  exec(sql: string): void;
  /** Run `fn` in one write transaction (BEGIN IMMEDIATE): all or nothing. */
  transaction<T>(fn: () => T): T;
  /** A pragma's value (`user_version`, `application_id`). */
  pragma(name: string): number;
  close(): void;
}

/**
 * The SQLite library: node-sqlite3-wasm, SQLite compiled to WebAssembly with a file system layer over
 * node:fs. It installs from the npm registry with no install script and no native build, and runs the
 * same on every Node odf supports (node:sqlite is missing from Node 20 and experimental after it).
 * Loaded when a history is first opened: a run without --history never pays for it.
 */
interface WasmStatement {
  run(values?: SqlValue[]): { changes: number; lastInsertRowid: number | bigint };
  all(values?: SqlValue[]): SqlRow[];
  finalize(): void;
}
interface WasmDatabase {
  readonly inTransaction: boolean;
  exec(sql: string): void;
  prepare(sql: string): WasmStatement;
  close(): void;
}
type WasmDatabaseClass = new (
  file: string,
  options?: { fileMustExist?: boolean; readOnly?: boolean },
) => WasmDatabase;

let library: WasmDatabaseClass | undefined;
function sqlite(): WasmDatabaseClass {
  return (library ??= (createRequire(import.meta.url)('node-sqlite3-wasm') as { Database: WasmDatabaseClass })
    .Database);
}

/**
 * HistoryDb over a node-sqlite3-wasm handle, statements prepared once per text. A statement whose step
 * failed is dropped (SQLite would repeat the failure when it is reset); finalizing repeats the last
 * failure too, which close() has no use for.
 */
function wrap(d: WasmDatabase): HistoryDb {
  const statements = new Map<string, WasmStatement>();
  const drop = (st: WasmStatement): void => {
    try {
      st.finalize();
    } catch {
      // The statement is freed all the same; its last failure was already thrown.
    }
  };
  const use = <T>(sql: string, fn: (st: WasmStatement) => T): T => {
    let st = statements.get(sql);
    if (!st) {
      st = d.prepare(sql);
      statements.set(sql, st);
    }
    try {
      return fn(st);
    } catch (e) {
      statements.delete(sql);
      drop(st);
      throw e;
    }
  };
  return {
    all: (sql, ...params) => use(sql, (st) => st.all(params)),
    // Every statement runs to its end: one left after its first row would keep its read lock.
    get: (sql, ...params) => use(sql, (st) => st.all(params)[0]),
    run: (sql, ...params) => {
      const r = use(sql, (st) => st.run(params));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
    exec: (sql) => d.exec(sql),
    transaction: (fn) => {
      d.exec('BEGIN IMMEDIATE');
      try {
        const out = fn();
        d.exec('COMMIT');
        return out;
      } catch (e) {
        if (d.inTransaction) d.exec('ROLLBACK');
        throw e;
      }
    },
    pragma: (name) => Number(Object.values(use(`PRAGMA ${name}`, (st) => st.all()[0]) ?? {})[0] ?? 0),
    close: () => {
      for (const st of statements.values()) drop(st);
      statements.clear();
      d.close();
    },
  };
}

/**
 * Open any SQLite file as it is, without the checks and migrations of a history (tests, and tools that
 * inspect a history). The file must exist unless `create`. @throws the library's error.
 */
export function openSqlite(file: string, options: { readonly?: boolean; create?: boolean } = {}): HistoryDb {
  return wrap(new (sqlite())(file, { readOnly: Boolean(options.readonly), fileMustExist: !options.create }));
}

/** `PRAGMA application_id` of an odf history: "odfH". Another program's SQLite file has another id. */
export const APPLICATION_ID = 0x6f646648;

/**
 * The migrations, in order: migration i brings the file from version i to version i + 1
 * (`PRAGMA user_version`). Each runs in one transaction with the version bump: all or nothing.
 * Never edit a published migration; add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    started_at TEXT NOT NULL,
    odf_version TEXT NOT NULL
  );
  CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    meta_at TEXT,
    title TEXT, resource_id TEXT, dataset_id TEXT, dataset_title TEXT,
    organization TEXT, organization_id TEXT, declared_schema TEXT, declared_version TEXT
  );
  CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    schema_name TEXT, schema_version TEXT, schema_source TEXT,
    valid INTEGER NOT NULL, score INTEGER, rows INTEGER NOT NULL,
    errors INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,
    partial INTEGER NOT NULL,
    producer_id TEXT, producer_name TEXT, producer_field TEXT
  );
  CREATE TABLE reports (
    result_id INTEGER PRIMARY KEY REFERENCES results(id),
    body BLOB NOT NULL
  );
  CREATE TABLE counts (
    result_id INTEGER NOT NULL REFERENCES results(id),
    code TEXT NOT NULL, level TEXT NOT NULL, field TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (result_id, code, field)
  ) WITHOUT ROWID;
  CREATE TABLE observations (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    resource_id INTEGER NOT NULL REFERENCES resources(id),
    status TEXT NOT NULL,
    reused INTEGER NOT NULL,
    content_hash TEXT, bytes INTEGER, last_modified TEXT, not_modified INTEGER,
    result_id INTEGER REFERENCES results(id),
    failure_code TEXT, failure_kind TEXT, http_status INTEGER,
    failure_message TEXT, failure_message_en TEXT,
    odf_version TEXT NOT NULL,
    PRIMARY KEY (run_id, resource_id)
  ) WITHOUT ROWID;
  CREATE INDEX observations_by_resource ON observations (resource_id, run_id);
  `,
  // 2: counts are the report's exact totals, per code (field '') and per column (code and level ''),
  // no longer per code and field of the findings listed. Earlier counts are summed the same way.
  `
  CREATE TABLE counts_v2 (
    result_id INTEGER NOT NULL REFERENCES results(id),
    code TEXT NOT NULL, level TEXT NOT NULL, field TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (result_id, code, field)
  ) WITHOUT ROWID;
  INSERT INTO counts_v2 (result_id, code, level, field, n)
    SELECT result_id, code, min(level), '', sum(n) FROM counts GROUP BY result_id, code;
  INSERT INTO counts_v2 (result_id, code, level, field, n)
    SELECT result_id, '', '', field, sum(n) FROM counts
    WHERE field <> '' AND level IN ('error', 'warning') GROUP BY result_id, field;
  DROP TABLE counts;
  ALTER TABLE counts_v2 RENAME TO counts;
  `,
];

/** The version a file has once every migration ran. */
export const LATEST_VERSION = MIGRATIONS.length;

function historyError(file: string, fr: string, en: string, data: Record<string, unknown> = {}): OdfError {
  return new OdfError(
    'history-error',
    `L’historique ${file} ${fr}.`,
    { path: file, ...data },
    `The history ${file} ${en}.`,
  );
}

/** SQLite's messages (sqlite3_errstr) and the result codes they stand for; the library gives only the message. */
const MESSAGES: readonly [RegExp, string][] = [
  [/database (table )?is locked/i, 'SQLITE_BUSY'],
  [/file is not a database/i, 'SQLITE_NOTADB'],
  [/malformed/i, 'SQLITE_CORRUPT'],
  [/readonly database/i, 'SQLITE_READONLY'],
  [/unable to open|could not open/i, 'SQLITE_CANTOPEN'],
  [/disk is full/i, 'SQLITE_FULL'],
  [/disk i\/o error/i, 'SQLITE_IOERR'],
  [/access permission denied/i, 'SQLITE_PERM'],
];

/** The SQLite result code of a library failure, or undefined when `e` is not one. */
function sqliteCode(e: unknown): string | undefined {
  if (!(e instanceof Error) || e.name !== 'SQLite3Error') return undefined;
  return MESSAGES.find(([re]) => re.test(e.message))?.[1] ?? `SQLITE_ERROR: ${e.message}`;
}

/**
 * A SQLite failure as one sentence: locked by another program, damaged, not writable. Anything that is
 * not a SQLite failure is returned unchanged.
 */
export function translateDbError(file: string, e: unknown): unknown {
  const code = sqliteCode(e);
  if (code === undefined) return e;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return historyError(
      file,
      `est verrouillé par un autre odf en cours : réessayez quand il aura fini (si aucun ne tourne, un odf interrompu a laissé le dossier ${file}.lock : supprimez-le) ; rien n’a été écrit`,
      `is locked by another odf running: try again when it is done (if none is, an interrupted odf left the folder ${file}.lock behind: remove it); nothing was written`,
      { sqlite: code },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return historyError(
      file,
      'est endommagé (SQLite ne peut pas le lire) : odf n’y touche pas ; restaurez une sauvegarde ou indiquez un autre fichier',
      'is damaged (SQLite cannot read it): odf leaves it as it is; restore a backup or give another file',
      { sqlite: code },
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_PERM')
  ) {
    return historyError(
      file,
      'ne peut pas être ouvert en écriture (droits, dossier absent ou disque en lecture seule)',
      'cannot be opened for writing (permissions, missing folder or read-only disk)',
      { sqlite: code },
    );
  }
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return historyError(
      file,
      'n’a pas pu être écrit (disque plein ou erreur d’entrée-sortie) : la dernière exécution n’y est pas, les précédentes sont intactes',
      'could not be written (disk full or input/output error): the last run is not in it, the earlier ones are intact',
      { sqlite: code },
    );
  }
  return historyError(file, `a rencontré une erreur SQLite (${code})`, `met a SQLite error (${code})`, {
    sqlite: code,
  });
}

/** Run `fn`, turning SQLite failures into one-sentence OdfErrors. */
export function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw translateDbError(file, e);
  }
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** True when the file starts like a SQLite database (or is empty, which SQLite takes as a new database). */
function looksLikeSqlite(file: string): boolean {
  const size = statSync(file).size;
  if (size === 0) return true;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/** Options of openHistoryDb. */
export interface OpenDbOptions {
  /** Read only: the file must exist and is never changed (the observatory, a merge source). */
  readonly?: boolean;
  /** The file must exist (it is changed, not created: `odf history prune`). */
  mustExist?: boolean;
  /** How long to wait for another program's lock before giving up (default 5 s). */
  busyTimeoutMs?: number;
  /** Name shown in messages (default the path). */
  shown?: string;
}

/**
 * Open (or create) a history file and bring it to the latest version (`:memory:` for a scratch one). Refuses, in one sentence and
 * without touching it: a file that is not SQLite, another program's SQLite database, a history written
 * by a newer odf, a damaged or locked file.
 * @throws OdfError `history-error`
 */
export function openHistoryDb(file: string, options: OpenDbOptions = {}): HistoryDb {
  const shown = options.shown ?? file;
  if (file === ':memory:') return migrated(wrap(new (sqlite())(':memory:')), shown, false);
  const exists = existsSync(file);
  if (!exists && (options.readonly || options.mustExist)) {
    throw new OdfError(
      'file-not-found',
      `L’historique ${shown} n’existe pas.`,
      { path: shown },
      `The history ${shown} does not exist.`,
    );
  }
  if (exists) {
    if (statSync(file).isDirectory())
      throw historyError(shown, 'est un dossier, pas un fichier', 'is a folder, not a file');
    if (!looksLikeSqlite(file)) {
      throw historyError(
        shown,
        'n’est pas une base SQLite (un autre fichier porte ce nom ?) : odf ne l’écrase jamais ; indiquez un autre fichier',
        'is not a SQLite database (another file with that name?): odf never overwrites it; give another file',
      );
    }
  } else if (!existsSync(path.dirname(path.resolve(file)))) {
    throw historyError(
      shown,
      `ne peut pas être créé : le dossier ${path.dirname(file)} n’existe pas`,
      `cannot be created: the folder ${path.dirname(file)} does not exist`,
    );
  }
  const db = guarded(shown, () => {
    const d = wrap(
      new (sqlite())(file, { readOnly: Boolean(options.readonly), fileMustExist: Boolean(options.readonly) }),
    );
    d.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 5000))}`);
    // A history open for writing is odf's alone until closed: taken at the first read, the lock is not
    // taken and released again around every statement (a folder made and removed each time).
    if (!options.readonly) d.exec('PRAGMA locking_mode = EXCLUSIVE');
    return d;
  });
  return migrated(db, shown, Boolean(options.readonly));
}

function migrated(db: HistoryDb, shown: string, readonly: boolean): HistoryDb {
  try {
    guarded(shown, () => migrate(db, shown, readonly));
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

function migrate(db: HistoryDb, shown: string, readonly: boolean): void {
  const version = db.pragma('user_version');
  const appId = db.pragma('application_id');
  const tables = Number(db.get(`SELECT count(*) AS n FROM sqlite_schema`)!.n);
  if (appId !== APPLICATION_ID && (tables > 0 || version !== 0)) {
    throw historyError(
      shown,
      'est une base SQLite d’un autre programme, pas un historique odf : odf n’y touche pas ; indiquez un autre fichier',
      'is another program’s SQLite database, not an odf history: odf leaves it alone; give another file',
    );
  }
  if (version > LATEST_VERSION) {
    throw historyError(
      shown,
      `a été écrit par une version plus récente de odf (format ${version}, celle-ci connaît jusqu’au format ${LATEST_VERSION}) : mettez odf à jour`,
      `was written by a newer odf (format ${version}, this one knows up to format ${LATEST_VERSION}): update odf`,
      { version },
    );
  }
  if (version === LATEST_VERSION) return;
  if (readonly) {
    throw historyError(
      shown,
      `est dans un format plus ancien (${version}) : ouvrez-le une fois avec odf validate --history pour le mettre à jour`,
      `is in an older format (${version}): open it once with odf validate --history to upgrade it`,
      { version },
    );
  }
  // BEGIN IMMEDIATE: a second odf upgrading the same file waits instead of failing half-way.
  db.transaction(() => {
    const current = db.pragma('user_version');
    for (let v = current; v < LATEST_VERSION; v++) db.exec(MIGRATIONS[v]!);
    if (current === 0) db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    db.exec(`PRAGMA user_version = ${LATEST_VERSION}`);
  });
}

// Errors raised by the storage layer.

/** The database file was written by a newer version of the tracker than this one. */
export class DatabaseTooNewError extends Error {
  override name = 'DatabaseTooNewError';
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `${file} has schema version ${fileVersion}, but this tracker only knows up to ${codeVersion}. ` +
        'Upgrade the tracker (git pull && npm install) or point JOBQUALITY_DB at another file.',
    );
  }
}

/** The database file could not be opened (or created, or migrated): the message names the file. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
  constructor(
    readonly file: string,
    readonly readonly: boolean,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Could not open the database ${file}${readonly ? ' (read-only)' : ''}: ${reason}. ` +
        'Check JOBQUALITY_DB, that the file is a jobquality database and that this user may read' +
        (readonly ? ' it.' : ' and write it and its folder.'),
      { cause },
    );
  }
}

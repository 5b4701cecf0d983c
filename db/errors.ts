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

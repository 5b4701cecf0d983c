// Failures of the shareables pipeline that a person has to fix, each saying where and what to do.

/** One problem in the content file, located for an editor: 1-based line and column, and the field. */
export interface ContentIssue {
  line: number;
  column: number;
  /** Field path such as `resources[2].quote.text`; empty for the file as a whole. */
  path: string;
  message: string;
}

/** The content file cannot be used as it is. Nothing has been built from it. */
export class ContentFileError extends Error {
  override name = 'ContentFileError';
  constructor(
    readonly file: string,
    readonly issues: readonly ContentIssue[],
  ) {
    super(
      `${file} has ${issues.length === 1 ? 'a problem' : `${issues.length} problems`}; fix ${issues.length === 1 ? 'it' : 'them'} and run the command again:\n` +
        issues.map((issue) => `  ${formatContentIssue(file, issue)}`).join('\n'),
    );
  }
}

/** `file:line:column: path: message`, the form editors and terminals turn into a jump-to link. */
export function formatContentIssue(file: string, issue: ContentIssue): string {
  return `${file}:${issue.line}:${issue.column}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** The output folder holds something other than an earlier action page; replacing it could destroy someone's files. */
export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
  constructor(
    readonly folder: string,
    reason: string,
  ) {
    super(`Cannot write the action page to ${folder}: ${reason}. Choose a new or empty folder with --out, or one an earlier build wrote.`);
  }
}

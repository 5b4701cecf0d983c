// Failures of the shareables pipeline that a person has to fix, each saying where and what to do.
import { formatLocatedIssue, LocatedIssuesError, type LocatedIssue } from '../core/located-issues.js';

/** One problem in the content file, located for an editor: 1-based line and column, and the field. */
export interface ContentIssue extends LocatedIssue {
  /** Field path such as `resources[2].quote.text`; empty for the file as a whole. */
  path: string;
}

/** The content file cannot be used as it is. Nothing has been built from it. */
export class ContentFileError extends LocatedIssuesError<ContentIssue> {
  override name = 'ContentFileError';
  constructor(file: string, issues: readonly ContentIssue[]) {
    super(file, issues, file, (one) => `; fix ${one ? 'it' : 'them'} and run the command again`);
  }
}

/** `file:line:column: path: message`, the form editors and terminals turn into a jump-to link. */
export const formatContentIssue: (file: string, issue: ContentIssue) => string = formatLocatedIssue;

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

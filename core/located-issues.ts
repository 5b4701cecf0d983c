// Problems found in a file a person edits (the content file, the amplifier account map), each
// located so editors and terminals can jump to it, and the one error that lists them.

/** One problem, located for an editor: 1-based line and column, and the field when there is one. */
export interface LocatedIssue {
  line: number;
  column: number;
  /** Field path such as `resources[2].quote.text`; empty or absent for the file as a whole. */
  path?: string;
  message: string;
}

/** `file:line:column: path: message`, the form editors and terminals turn into a jump-to link. */
export function formatLocatedIssue(file: string, issue: LocatedIssue): string {
  return `${file}:${issue.line}:${issue.column}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** A file that cannot be used as it is; the message lists every problem, one per line. */
export class LocatedIssuesError<I extends LocatedIssue> extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly I[],
    /** How the file is named in the first line (e.g. with the setting that points to it). */
    fileLabel: string,
    /** What to do, appended to the first line (e.g. "; fix it and run the command again"). */
    advice: (one: boolean) => string = () => '',
  ) {
    const one = issues.length === 1;
    super(
      `${fileLabel} has ${one ? 'a problem' : `${issues.length} problems`}${advice(one)}:\n` +
        issues.map((issue) => `  ${formatLocatedIssue(file, issue)}`).join('\n'),
    );
  }
}

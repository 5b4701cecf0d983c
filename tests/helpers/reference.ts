// The shared reference material the fakes and conformance tests are checked against: ../shared/reference
// beside the checkout (read-only in CI), or JOBQUALITY_REFERENCE_DIR when it lives elsewhere.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

function referenceRoot(): URL {
  const override = process.env['JOBQUALITY_REFERENCE_DIR'];
  const root = override ? pathToFileURL(override.endsWith('/') ? override : `${override}/`) : new URL('../../../shared/reference/', import.meta.url);
  if (!existsSync(root)) {
    throw new Error(
      `The shared reference material was not found at ${root.pathname}. Tests expect it in ../shared/reference beside the checkout; ` +
        'set JOBQUALITY_REFERENCE_DIR to its folder if it lives elsewhere.',
    );
  }
  return root;
}

/** A file or folder (end `relative` with '/') inside the reference material. */
export function referenceUrl(relative: string): URL {
  return new URL(relative, referenceRoot());
}

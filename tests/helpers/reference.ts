// The reference material the fakes and conformance tests are checked against, kept in the project
// (tests/fixtures/reference, origins and licences in its ORIGIN.md) so a clone alone passes its tests.

const REFERENCE_ROOT = new URL('../fixtures/reference/', import.meta.url);

/** A file or folder (end `relative` with '/') inside the project's reference fixtures. */
export function referenceUrl(relative: string): URL {
  return new URL(relative, REFERENCE_ROOT);
}

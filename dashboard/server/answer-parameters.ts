// Which query parameters an API answer depends on, as the endpoint itself declares them when it
// validates its query (api-routes.ts). The answer cache keys on these alone, so a parameter the API
// ignores (a cache-busting `_=…`, a tracking tag) can neither bypass the cache nor fill it.
const declared = new WeakMap<Request, readonly string[]>();

/** Records that the answer to `request` depends on these query parameters and no others. */
export function declareAnswerParameters(request: Request, names: readonly string[]): void {
  declared.set(request, names);
}

/** The parameters the endpoint declared while answering `request`, or undefined when it did not. */
export function declaredAnswerParameters(request: Request): readonly string[] | undefined {
  return declared.get(request);
}

// Reads a network's answer body against its schema: every client reports a body that is not JSON,
// or not the documented shape, the same way (MalformedResponseError naming the first wrong field).
import type { z } from 'zod';
import type { Network } from '../core/types.js';
import { MalformedResponseError } from './errors.js';

/** `body` checked against `schema`; `endpoint` names the request in the error. */
export function validateBody<S extends z.ZodType>(network: Network, endpoint: string, body: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedResponseError(network, endpoint, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return parsed.data;
}

/** `text` parsed as JSON and checked against `schema`. */
export function parseBody<S extends z.ZodType>(network: Network, endpoint: string, text: string, schema: S): z.infer<S> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedResponseError(network, endpoint, 'the body is not valid JSON');
  }
  return validateBody(network, endpoint, body, schema);
}

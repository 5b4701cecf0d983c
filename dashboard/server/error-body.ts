// The one error JSON shape every failing answer carries, on the API and the public pages alike
// (its schema: dashboard/contract/common.ts apiErrorBody).
import type { ApiErrorBody } from '../contract/index.js';

/** `{ error: { code, message } }`; codes are snake_case words such as `not_found` or `invalid_parameter`. */
export function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}

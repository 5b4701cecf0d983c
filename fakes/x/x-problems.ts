// X's error bodies, copied from real responses (recorded files and X's documented answers),
// so clients under test parse exactly what X sends when something goes wrong.

const PROBLEMS = 'https://api.twitter.com/2/problems';

/** One entry of an "Invalid Request" problem: which parameter values were wrong and why. */
export interface InvalidParameter {
  parameters: Record<string, string[]>;
  message: string;
}

export interface ProblemAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json';

export function invalidRequest(errors: InvalidParameter[]): ProblemAnswer {
  return {
    status: 400,
    contentType: JSON_TYPE,
    body: { errors, title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: `${PROBLEMS}/invalid-request` },
  };
}

export function unauthorized(): ProblemAnswer {
  return { status: 401, contentType: PROBLEM_TYPE, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
}

/** What X answers an app whose project lacks access to an endpoint. */
export function forbidden(): ProblemAnswer {
  return {
    status: 403,
    contentType: JSON_TYPE,
    body: {
      client_id: '28143019',
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
      registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: `${PROBLEMS}/client-forbidden`,
    },
  };
}

export function tooManyRequests(): ProblemAnswer {
  return { status: 429, contentType: JSON_TYPE, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } };
}

/**
 * The plan's usage cap is spent: the OpenAPI UsageCapExceededProblem (Problem + period, scope), with
 * X's title and detail wording. (Answers seen in the wild may add account_id and product_name; the
 * collector reads neither.)
 */
export function usageCapExceeded(period: 'Daily' | 'Monthly'): ProblemAnswer {
  return {
    status: 429,
    contentType: JSON_TYPE,
    body: {
      title: 'UsageCapExceeded',
      period,
      scope: 'Product',
      detail: `Usage cap exceeded: ${period} product cap`,
      type: `${PROBLEMS}/usage-capped`,
    },
  };
}

const SERVER_ERROR_TITLES: Record<500 | 502 | 503, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function serverError(status: 500 | 502 | 503): ProblemAnswer {
  const title = SERVER_ERROR_TITLES[status];
  return { status, contentType: PROBLEM_TYPE, body: { title, detail: title, type: 'about:blank', status } };
}

/** X's v1-style answer for a path it does not serve. */
export function pageNotFound(): ProblemAnswer {
  return { status: 404, contentType: JSON_TYPE, body: { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] } };
}

/** Not an X answer: the fake was asked for something real X supports but the fake does not emulate. */
export function notEmulated(what: string): ProblemAnswer {
  return {
    status: 501,
    contentType: JSON_TYPE,
    body: { title: 'Not Implemented by the fake X server', detail: `${what} is valid on X but the fake does not emulate it; extend fakes/x/ if a test needs it.`, type: 'about:blank', status: 501 },
  };
}

/** errors[] entry for an id that does not exist (never did, or was deleted). */
export function notFoundError(parameter: string, id: string): Record<string, string> {
  return {
    value: id,
    detail: `Could not find tweet with ${parameter}: [${id}].`,
    title: 'Not Found Error',
    resource_type: 'tweet',
    parameter,
    resource_id: id,
    type: `${PROBLEMS}/resource-not-found`,
  };
}

/** errors[] entry for a post the app may not see (its author protected the account). */
export function notAuthorizedError(parameter: string, id: string, section: 'data' | 'includes'): Record<string, string> {
  return {
    resource_id: id,
    parameter,
    resource_type: 'tweet',
    section,
    title: 'Authorization Error',
    value: id,
    detail: `Sorry, you are not authorized to see the Tweet with ${parameter}: [${id}].`,
    type: `${PROBLEMS}/not-authorized-for-resource`,
  };
}

/** errors[] entry for a field app-only authentication may not read (non-public metrics); keys as in the OpenAPI FieldUnauthorizedProblem. */
export function fieldNotAuthorizedError(field: string): Record<string, string> {
  return {
    field,
    resource_type: 'tweet',
    section: 'data',
    title: 'Field Authorization Error',
    detail: `Sorry, you are not authorized to access '${field}' on a Tweet.`,
    type: `${PROBLEMS}/not-authorized-for-field`,
  };
}

// XRPC answers as Bluesky servers send them: JSON bodies, and errors as {"error", "message"}.

export interface Answer {
  status: number;
  body: unknown;
}

export const ok = (body: unknown): Answer => ({ status: 200, body });

export const xrpcError = (status: number, error: string, message: string): Answer => ({ status, body: { error, message } });

export const invalidRequest = (message: string): Answer => xrpcError(400, 'InvalidRequest', message);
export const badQueryString = (message: string): Answer => xrpcError(400, 'BadQueryString', message);
export const authRequired = (message = 'Authentication Required'): Answer => xrpcError(401, 'AuthenticationRequired', message);
export const expiredToken = (): Answer => xrpcError(400, 'ExpiredToken', 'Token has expired');
export const invalidToken = (message: string): Answer => xrpcError(400, 'InvalidToken', message);
export const rateLimitExceeded = (): Answer => xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded');
export const methodNotImplemented = (): Answer => xrpcError(501, 'MethodNotImplemented', 'Method Not Implemented');

/** The XRPC names for server-side failures, by status. */
export function serverError(status: 500 | 502 | 503 | 504): Answer {
  const names = { 500: ['InternalServerError', 'Internal Server Error'], 502: ['UpstreamFailure', 'Upstream Failure'], 503: ['NotEnoughResources', 'Not Enough Resources'], 504: ['UpstreamTimeout', 'Upstream Timeout'] } as const;
  const [error, message] = names[status];
  return xrpcError(status, error, message);
}

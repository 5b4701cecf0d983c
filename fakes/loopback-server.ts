// What every fake network server shares: an HTTP server on an ephemeral 127.0.0.1 port, where a bug
// in the fake fails the request that hit it (HTTP 500 in the network's own error shape) instead of
// crashing the test process, a close that does not wait for keep-alive clients, and wire faults
// (stalls, dribbling and huge bodies: see fault-queue.ts and wire-delivery.ts) that any fake can be given.
import http from 'node:http';
import { applyWireFault, registerWireFaults, takeWireFault, unregisterWireFaults } from './fault-queue.js';

export interface FakeErrorAnswer {
  contentType: string;
  body: string;
}

/** Listens on 127.0.0.1 at a free port and hands each request to `handle`. */
export async function startLoopbackServer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
  errorAnswer: (message: string) => FakeErrorAnswer,
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const fail = (error: unknown) => {
      if (res.headersSent) return;
      const answer = errorAnswer(error instanceof Error ? error.message : String(error));
      res.writeHead(500, { 'content-type': answer.contentType });
      res.end(answer.body);
    };
    // A queued wire fault lets the fake answer as usual, then delivers that answer badly.
    const wireFault = takeWireFault(server, req);
    if (wireFault) applyWireFault(wireFault, req, res);
    try {
      void Promise.resolve(handle(req, res)).catch(fail);
    } catch (error) {
      fail(error);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  registerWireFaults(server);
  return server;
}

export async function closeLoopbackServer(server: http.Server): Promise<void> {
  unregisterWireFaults(server);
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive clients would otherwise hold the server open.
    server.closeAllConnections();
  });
}

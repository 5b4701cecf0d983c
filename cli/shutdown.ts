// SIGINT/SIGTERM handling shared by long-running commands: the first signal asks for a clean
// stop (finish or abandon the current page safely); a second one exits at once.
import type { Logger } from 'pino';

export function onShutdownSignal(stop: () => void | Promise<void>, log: Logger): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting immediately`);
      process.exit(130);
    }
    stopping = true;
    log.info(`${signal} received: stopping after the current step (send it again to exit at once)`);
    void Promise.resolve(stop()).catch((error: unknown) => log.error({ err: String(error) }, 'error while stopping'));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/**
 * Keeps a long-running command alive until `stop` has run: on SIGINT/SIGTERM, or when `lost` aborts
 * (the collector lease was lost, so the exit status is 1). `stop` runs once whatever triggers it.
 */
export function runUntilStopped(stop: () => Promise<void>, lost: AbortSignal, log: Logger): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping: Promise<void> | null = null;
    const stopOnce = () =>
      (stopping ??= (async () => {
        await stop();
        resolve();
      })());
    lost.addEventListener('abort', () => {
      process.exitCode = 1;
      void stopOnce();
    });
    onShutdownSignal(stopOnce, log);
  });
}

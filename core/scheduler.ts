// Runs a job on a cron schedule with node-cron, never two at once, and stops cleanly: on shutdown
// the running job is told to stop (via its AbortSignal) and awaited, so no page is half-written.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface ScheduledJob {
  /** Resolves once the job currently running (if any) has finished. */
  stop(): Promise<void>;
  /** Runs the job now unless it is already running; resolves when that run ends. */
  runNow(): Promise<void>;
  nextRunAt(): Date | null;
}

export interface ScheduleOptions {
  name: string;
  cronExpression: string;
  timeZone?: string;
  log: Logger;
  job(signal: AbortSignal): Promise<void>;
  /** Also run once straight away (the collector does, so a fresh start shows data without waiting). */
  runAtStart?: boolean;
}

export function scheduleJob(options: ScheduleOptions): ScheduledJob {
  const shutdown = new AbortController();
  let running: Promise<void> | null = null;

  const runNow = (): Promise<void> => {
    if (running) {
      options.log.warn(`${options.name}: the previous run is still going, skipping this tick`);
      return running;
    }
    if (shutdown.signal.aborted) return Promise.resolve();
    running = options
      .job(shutdown.signal)
      .catch((error: unknown) => {
        options.log.error({ err: error instanceof Error ? error.message : String(error) }, `${options.name} failed`);
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const task: ScheduledTask = cron.schedule(options.cronExpression, () => runNow(), {
    name: options.name,
    noOverlap: true,
    ...(options.timeZone ? { timezone: options.timeZone } : {}),
  });
  if (options.runAtStart) void runNow();

  return {
    runNow,
    nextRunAt: () => task.getNextRun(),
    async stop() {
      await task.stop();
      await task.destroy();
      shutdown.abort();
      if (running) await running;
    },
  };
}

// Captures what a command prints to stdout and stderr while a test runs it in-process.
import { vi } from 'vitest';

export interface CapturedOutput {
  out: string[];
  err: string[];
}

/** Replaces process.stdout/stderr writes with capture from now on; `vi.restoreAllMocks()` undoes it. */
export function captureProcessOutput(): CapturedOutput {
  const captured: CapturedOutput = { out: [], err: [] };
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    captured.out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    captured.err.push(String(chunk));
    return true;
  });
  return captured;
}

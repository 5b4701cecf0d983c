// Keeps the Bluesky session (access and refresh tokens) in a file between runs and processes, so a
// schedule of runs logs in once instead of every time (logins are limited per account). The file is a
// credential: written owner-only (0600), replaced atomically, never holding the app password.
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** What is kept: the session's tokens, and which service and handle they belong to. */
export interface StoredSession {
  service: string;
  handle: string;
  did: string;
  accessJwt: string;
  refreshJwt: string;
}

export interface SessionStore {
  /** The stored session, or null when there is none or it cannot be read (a problem is reported to `warn`). */
  load(warn: (message: string) => void): StoredSession | null;
  save(session: StoredSession): void;
}

const storedSchema = z.object({
  service: z.string(),
  handle: z.string(),
  did: z.string(),
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
});

const OWNER_ONLY = 0o600;

/** A store in `file`; the folder is created (owner-only) on first save. */
export function createFileSessionStore(file: string): SessionStore {
  return {
    load(warn) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`the Bluesky session file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); logging in instead`);
        return null;
      }
      try {
        // Someone may have copied the file with looser permissions: tighten them before trusting it.
        if ((statSync(file).mode & 0o077) !== 0) {
          chmodSync(file, OWNER_ONLY);
          warn(`the Bluesky session file ${file} was readable by other users; its permissions are now owner-only (0600)`);
        }
        const parsed = storedSchema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
      } catch {
        // Not JSON: fall through to the warning.
      }
      warn(`the Bluesky session file ${file} is not in the expected format; logging in instead`);
      return null;
    },

    save(session) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      // Created owner-only, then renamed over the old file, so no reader ever sees half a session.
      writeFileSync(temporary, `${JSON.stringify(storedSchema.parse(session))}\n`, { mode: OWNER_ONLY });
      chmodSync(temporary, OWNER_ONLY);
      renameSync(temporary, file);
    },
  };
}

/** A store that keeps the session in memory only (no file configured). */
export function createMemorySessionStore(): SessionStore {
  let kept: StoredSession | null = null;
  return {
    load: () => kept,
    save(session) {
      kept = { ...session };
    },
  };
}

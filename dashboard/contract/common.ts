// Pieces several API answers share: network ids, ISO instants, ranges, the definitions' versions
// and the one error body.
import { z } from 'zod';

/**
 * A network's id from the registry (core/networks.ts registerNetwork: lower-case letters, digits or
 * "-"). Networks are registered, not a fixed list, so the contract checks the form only.
 */
export const networkId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, { error: 'must be a network id (lower-case letters, digits or "-")' });

/** An instant as the API writes every one: ISO-8601 UTC, e.g. 2026-11-01T14:05:09.000Z. */
export const isoInstant = z.iso.datetime();

/** A local date in the report time zone, e.g. 2026-11-01. */
export const localDate = z.iso.date();

/** A time window as the API writes it. */
export const range = z.strictObject({ from: isoInstant, to: isoInstant });

/** The range the answer is about, with the time zone its days are counted in. */
export const rangeInZone = z.strictObject({ from: isoInstant, to: isoInstant, timeZone: z.string() });

/** The versions of the metric definitions an answer was computed with. */
export const definitions = z.strictObject({ version: z.string(), engagementFormulaVersion: z.number().int() });

/** Whole counts, never negative. */
export const count = z.number().int().nonnegative();

/** The error body every failing API answer carries (`invalid_parameter`, `not_found`, `internal`…). */
export const apiErrorBody = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) });

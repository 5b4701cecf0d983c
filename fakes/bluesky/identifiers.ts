// The identifiers a Bluesky server hands out, generated in their real formats: did:plc DIDs, TID
// record keys (time-ordered), CIDv1 content ids and JWT-shaped session tokens.
import { createHash, randomBytes } from 'node:crypto';

const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';
const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_LOWER[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_LOWER[(value << (5 - bits)) & 31];
  return out;
}

/** A did:plc identifier (24 base32 characters), derived from `seed` so tests get stable DIDs. */
export function plcDid(seed: string): string {
  return `did:plc:${base32(createHash('sha256').update(seed).digest()).slice(0, 24)}`;
}

/** A TID record key: 53 bits of microseconds since the epoch and a 10-bit clock id, sortable base32. */
export function tid(ms: number, clockId: number): string {
  let value = (BigInt(Math.max(0, Math.floor(ms))) * 1000n << 10n) | BigInt(clockId & 1023);
  let out = '';
  for (let i = 0; i < 13; i += 1) {
    out = BASE32_SORTABLE[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** A CIDv1 (dag-cbor, sha-256) of `content`, multibase base32: the familiar "bafyrei…" form. */
export function cidFor(content: string): string {
  const digest = createHash('sha256').update(content).digest();
  return `b${base32(Uint8Array.from([0x01, 0x71, 0x12, 0x20, ...digest]))}`;
}

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT-shaped token as a PDS issues them (header, claims, a random stand-in signature). */
export function sessionJwt(kind: 'access' | 'refresh', did: string, audience: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { typ: kind === 'access' ? 'at+jwt' : 'refresh+jwt', alg: 'ES256K' };
  const claims =
    kind === 'access'
      ? { scope: 'com.atproto.appPass', sub: did, iat, exp: iat + 2 * 3600, aud: audience }
      : { scope: 'com.atproto.refresh', sub: did, aud: audience, jti: randomBytes(24).toString('base64url'), iat, exp: iat + 90 * 86_400 };
  return `${base64url(header)}.${base64url(claims)}.${randomBytes(64).toString('base64url')}`;
}

/** An opaque pagination token. */
export function opaqueToken(): string {
  return randomBytes(18).toString('base64url');
}

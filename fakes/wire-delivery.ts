// Delivers a fake's captured answer badly, as a wire fault says: stalled, dribbled a few bytes at a
// time, or padded to a huge body. Used by applyWireFault (fault-queue.ts); never by a fake directly.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip, gunzipSync } from 'node:zlib';
import type { WireFault } from './fault-queue.js';

/** The captured answer and the real response's own writers, counting what reaches the socket. */
export interface Wire {
  res: ServerResponse;
  status: number;
  headers: OutgoingHttpHeaders;
  writeHead(status: number, headers: OutgoingHttpHeaders): void;
  /** Writes body bytes; false when the socket wants a 'drain'. */
  send(chunk: Buffer): boolean;
  /** Ends the answer: it arrived complete. */
  finish(): void;
  /** Runs `step` after `ms` unless the connection closed meanwhile. */
  later(ms: number, step: () => void): void;
}

export function deliverFaulty(wire: Wire, fault: WireFault, body: Buffer): void {
  switch (fault.kind) {
    case 'stall':
      if (fault.phase === 'body') {
        wire.writeHead(wire.status, wire.headers);
        wire.send(body.subarray(0, Math.floor(body.length / 2)));
      }
      return; // silence until the client or the fake's close ends the connection
    case 'dribble':
      return dribble(wire, fault, body);
    case 'huge-body':
      return deliverHuge(wire, fault, body);
  }
}

function dribble(wire: Wire, fault: Extract<WireFault, { kind: 'dribble' }>, body: Buffer): void {
  wire.writeHead(wire.status, wire.headers);
  const step = Math.max(1, fault.bytesPerTick ?? 1);
  let offset = 0;
  const tick = () => {
    if (offset >= body.length) return wire.finish();
    wire.send(body.subarray(offset, offset + step));
    offset += step;
    wire.later(fault.intervalMs, tick);
  };
  tick();
}

/** The real JSON followed by `left` bytes of spaces, in 64 KB chunks. */
function* paddedBody(plain: Buffer, padding: number): Generator<Buffer> {
  const spaces = Buffer.alloc(64 * 1024, 0x20);
  let left = padding;
  yield plain;
  while (left > 0) {
    const size = Math.min(left, spaces.length);
    left -= size;
    yield spaces.subarray(0, size);
  }
}

function deliverHuge(wire: Wire, fault: Extract<WireFault, { kind: 'huge-body' }>, body: Buffer): void {
  const { res, headers } = wire;
  const gzipped = String(headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
  const plain = gzipped ? gunzipSync(body) : body;
  const padding = Math.max(0, fault.bytes - plain.length);
  delete headers['content-length'];
  if (fault.declareLength && !gzipped) headers['content-length'] = String(plain.length + padding);
  wire.writeHead(wire.status, headers);
  const source = Readable.from(paddedBody(plain, padding));
  const encoded = gzipped ? source.pipe(createGzip()) : source;
  encoded.on('data', (chunk: Buffer) => {
    if (res.destroyed) {
      encoded.destroy();
      return;
    }
    if (!wire.send(chunk)) {
      encoded.pause();
      res.once('drain', () => encoded.resume());
    }
  });
  encoded.on('end', () => {
    if (!res.destroyed) wire.finish();
  });
  res.once('close', () => encoded.destroy());
}

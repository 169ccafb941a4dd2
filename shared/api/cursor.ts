/**
 * Pagination cursors: opaque, tamper-evident (HMAC-SHA256) and bound to the query they came from,
 * so a forged, edited or foreign cursor is a clear 400, never a wrong page.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from './http-error.ts';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * What a page asks for beyond the query: the cursor itself, the page size, and how many facet values
 * to list (a later page may ask for none); changing them keeps the cursor valid.
 */
const PAGE_PARAMETERS = new Set(['cursor', 'limit', 'facetSize']);

/** Stable fingerprint of the query a cursor belongs to (everything but PAGE_PARAMETERS). */
export function queryFingerprint(params: Record<string, unknown>): string {
  const stable = Object.keys(params)
    .filter((k) => !PAGE_PARAMETERS.has(k) && params[k] !== undefined)
    .sort()
    .map((k) => [k, params[k]]);
  return createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 16);
}

export function encodeCursor(secret: string, offset: number, fingerprint: string): string {
  const body = b64(JSON.stringify({ o: offset, f: fingerprint }));
  return `${body}.${b64(createHmac('sha256', secret).update(body).digest())}`;
}

export function decodeCursor(secret: string, cursor: string, fingerprint: string): number {
  const [body, sig] = cursor.split('.');
  if (!body || !sig) throw badRequest('cursor is malformed', 'INVALID_CURSOR');
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw badRequest('cursor is not valid (tampered, forged or expired)', 'INVALID_CURSOR');
  let payload: { o?: unknown; f?: unknown };
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor is malformed', 'INVALID_CURSOR');
  }
  if (payload.f !== fingerprint) throw badRequest('cursor belongs to a different query', 'INVALID_CURSOR');
  if (typeof payload.o !== 'number' || !Number.isInteger(payload.o) || payload.o < 0 || payload.o > 100_000)
    throw badRequest('cursor is malformed', 'INVALID_CURSOR');
  return payload.o;
}

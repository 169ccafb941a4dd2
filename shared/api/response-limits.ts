/**
 * Response size limits (DEFAULTS.response): long texts are cut in responses (shared/clip-text.ts;
 * `start`/`end` offsets still point at the whole sentence in the record's `text`), long readouts'
 * sentences come in pages, and a response that would still be too large is refused with a reason
 * instead of failing at Lambda's 6 MB limit.
 */
import { DEFAULTS } from '../defaults.ts';
import { HttpError } from './http-error.ts';

export const RESPONSE_LIMITS = DEFAULTS.response;
export { clipText } from '../clip-text.ts';

/** The serialised body, or a 400 saying how to ask for less. */
export function serialiseWithinLimit(body: unknown): string {
  const json = JSON.stringify(body);
  if (Buffer.byteLength(json) > RESPONSE_LIMITS.bytes) {
    throw new HttpError(
      400,
      'RESPONSE_TOO_LARGE',
      `the answer would be ${(Buffer.byteLength(json) / 1e6).toFixed(1)} MB, over the ${RESPONSE_LIMITS.bytes / 1e6} MB limit: lower limit, narrow the dates or page through it`,
    );
  }
  return json;
}

/**
 * The raw query string → parameters, strictly: malformed percent-encoding is a 400 (not a URIError
 * and a 500), a parameter given twice is a 400 naming it (API Gateway would join the values with a
 * comma, and the error would then talk about a value nobody sent), except for the parameters that
 * may repeat. The result has no prototype, so `__proto__=` is an ordinary unknown parameter that
 * strict validation refuses.
 */
import { badRequest } from './http-error.ts';

/** Parameters that may be given several times; their values are joined with commas. */
export const REPEATABLE_PARAMETERS: ReadonlySet<string> = new Set(['topic', 'participant']);

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw badRequest(`${what} is not valid percent-encoding`, 'INVALID_REQUEST');
  }
}

export function parseQueryString(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const pair of (raw ?? '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq), 'a parameter name');
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1), `the value of ${name.slice(0, 40)}`);
    if (Object.hasOwn(out, name)) {
      if (!REPEATABLE_PARAMETERS.has(name))
        throw badRequest(`parameter ${name.slice(0, 40)} is given more than once`, 'INVALID_REQUEST');
      out[name] = `${out[name]},${value}`;
    } else out[name] = value;
  }
  return out;
}

/** A path segment, percent-decoded; malformed encoding is a 400. */
export const decodePathSegment = (segment: string): string => decode(segment, 'the path');

/** Long texts cut for display: results cite sentences whose offsets still point at the whole text. */
import { DEFAULTS } from './defaults.ts';

/** A text cut to `max` characters (at a word boundary when one is near), flagged when cut. */
export function clipText(
  text: string,
  max: number = DEFAULTS.response.statementChars,
): { text: string; truncated?: true } {
  if (text.length <= max) return { text };
  const cut = text.lastIndexOf(' ', max);
  return { text: `${text.slice(0, cut > max * 0.8 ? cut : max)}…`, truncated: true };
}

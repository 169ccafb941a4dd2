/**
 * Character tests on UTF-16 code units for the hand-written scanners of the parser (the regexes
 * they replace were the costliest steps of parsing a readout).
 */

/** Exactly JavaScript's `\s`. */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

/** `\p{L}` for the code unit at `i` (ASCII without a regex). */
export function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) : LETTER.test(text[i] ?? '');
}

/** `\p{Lu}` for the code unit at `i` (ASCII without a regex). */
export function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(text[i] ?? '');
}

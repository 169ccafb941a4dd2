/**
 * One tokenizer for the index, the query and the sentence matcher, so that what the index finds
 * the summariser can highlight. Light English stemming keeps "vaccines"/"vaccine" together.
 */

/** Words too common to index or search for. */
// biome-ignore format: a word list reads best packed
export const STOP_WORDS = [
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'with', 'is', 'are', 'was', 'were', 'be',
  'been', 'as', 'that', 'this', 'it', 'its', 'from', 'their', 'his', 'her', 'he', 'she', 'they',
] as const;
const STOP: ReadonlySet<string> = new Set(STOP_WORDS);

export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:ches|shes|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is|ws)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Lower case without accents. Most words are ASCII, where that is just toLowerCase (NFD is costly). */
const fold = (s: string) => {
  for (let i = 0; i < s.length; i++)
    if (s.charCodeAt(i) > 127)
      return s
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '');
  return s.toLowerCase();
};

export interface Token {
  term: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** The same words in text that has nothing beyond ASCII but ’ (there \p{L}\p{N} is [A-Za-z0-9]), without Unicode matching. */
const ASCII_WORD = /[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g;
const BEYOND_ASCII = /[^\x00-\x7f\u2019]/;

/** Terms with their offsets in the original text (for highlights). */
export function tokenizeWithOffsets(text: string, keepStopwords = false): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(BEYOND_ASCII.test(text) ? WORD : ASCII_WORD)) {
    let raw = fold(m[0]);
    if (raw.endsWith("'s") || raw.endsWith('’s')) raw = raw.slice(0, -2);
    const parts = raw.includes("'") || raw.includes('’') || raw.includes('-') ? raw.split(/['’-]/) : [raw];
    for (const part of parts) {
      if (!part) continue;
      if (!keepStopwords && STOP.has(part)) continue;
      out.push({ term: stem(part), start: m.index!, end: m.index! + m[0].length });
    }
  }
  return out;
}

export function tokenize(text: string): string[] {
  return tokenizeWithOffsets(text).map((t) => t.term);
}

/**
 * The [start, end) spans of the words in `text` whose terms are in `terms` (a word split at an
 * apostrophe or hyphen counts once), exactly what tokenizeWithOffsets finds, for summary
 * highlights. In ASCII text a word is looked at only when it could hold a term: one of its parts
 * starts with the two letters a term starts with (stems keep a word's first two). Highlighting the
 * ~120 sentences of a page by tokenizing each cost ≈ 7% of a median search at 100,000 readouts.
 */
export function termSpans(text: string, terms: ReadonlySet<string>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = text.length;
  if (BEYOND_ASCII.test(text)) {
    for (const t of tokenizeWithOffsets(text))
      if (terms.has(t.term) && out.at(-1)?.[0] !== t.start) out.push([t.start, t.end]);
    return out;
  }
  const first = openingsOf(terms);
  const opens = (k: number) => {
    const next = k + 1 < n ? text.charCodeAt(k + 1) : 0;
    return first[lower(text.charCodeAt(k)) * 128 + (isAsciiWordChar(next) ? lower(next) : 0)] === 1;
  };
  let i = 0;
  while (i < n) {
    if (!isAsciiWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // One word: [A-Za-z0-9]+ (['’-][A-Za-z0-9]+)*, as ASCII_WORD matches it.
    const start = i;
    let candidate = opens(i);
    while (i < n) {
      while (i < n && isAsciiWordChar(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if ((c === 39 || c === 0x2019 || c === 45) && i + 1 < n && isAsciiWordChar(text.charCodeAt(i + 1))) {
        if (opens(i + 1)) candidate = true;
        i++;
      } else break;
    }
    if (!candidate) continue;
    for (const t of tokenizeWithOffsets(text.slice(start, i)))
      if (terms.has(t.term)) {
        out.push([start, i]);
        break;
      }
  }
  return out;
}

/**
 * Per set of terms (a query's, which does not change once made), the first two letters of each (a
 * one-letter term: its letter and anything after it).
 */
const openings = new WeakMap<ReadonlySet<string>, Uint8Array>();
function openingsOf(terms: ReadonlySet<string>): Uint8Array {
  let first = openings.get(terms);
  if (first) return first;
  first = new Uint8Array(128 * 128);
  for (const t of terms) {
    const c = t.charCodeAt(0);
    if (c >= 128) continue;
    if (t.length === 1) first.fill(1, c * 128, c * 128 + 128);
    else if (t.charCodeAt(1) < 128) first[c * 128 + t.charCodeAt(1)] = 1;
  }
  openings.set(terms, first);
  return first;
}

const isAsciiWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

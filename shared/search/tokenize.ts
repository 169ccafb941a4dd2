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

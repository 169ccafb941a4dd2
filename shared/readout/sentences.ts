/**
 * Body normalisation and sentence segmentation with character offsets.
 * Offsets point into the normalised text, which is what the record stores and the API cites.
 */

import { isLetterAt, isSpaceCode, isUpperAt } from './char-codes.ts';

/**
 * "President of Russia Vladimir Putin:", "Vladimir Putin:", "Jair Bolsonaro (retranslated):", and a
 * double office joined by a dash: "Deputy Prime Minister – Chief of the Government Staff Ivan Petrov:".
 */
const TURN_PREFIX = String.raw`(?:[A-Z][\p{L}'’.-]*|of|the|and|de|von|der|bin)(?:\s+(?:[A-Z][\p{L}'’().-]*|of|the|and|de|von|der|bin|[–—-])){1,20}(?:\s*\([^)]{1,30}\))?`;
const INLINE_TURN = new RegExp(String.raw`([.!?…]["”»]?)\s*(?=${TURN_PREFIX}:[\s…])`, 'gu');

export function normaliseBody(body: string): string {
  let text = body.replace(/\u00a0/g, ' ');
  // Lost paragraph breaks: "***" separators and transcript turns glued to the previous sentence.
  if (text.includes('*')) text = text.replace(/\s*\*\s?\*\s?\*\s*/g, '\n\n');
  // The turn pattern is costly; most bodies have no "Name:" at all.
  if (hasTurnColon(text)) text = text.replace(INLINE_TURN, '$1\n\n');
  return collapseParagraphs(text);
}

/**
 * Whether `/\p{Lu}[\p{L}'’.)-]*:[\s…]/u` matches ("Vladimir Putin: ..."), checked backwards from each
 * colon: the Unicode pattern tried at every position cost a third of normalising a readout.
 */
export function hasTurnColon(text: string): boolean {
  for (let k = text.indexOf(':'); k >= 0; k = text.indexOf(':', k + 1)) {
    const next = text.charCodeAt(k + 1);
    if (!(isSpaceCode(next) || next === 0x2026)) continue;
    for (let i = k - 1; i >= 0; i--) {
      if (isUpperAt(text, i)) return true;
      const c = text.charCodeAt(i);
      if (!(isLetterAt(text, i) || c === 39 || c === 46 || c === 41 || c === 45 || c === 0x2019)) break; // ' . ) - ’
    }
  }
  return false;
}

/**
 * Paragraphs are separated by whitespace holding two or more line breaks; inside one, any run of
 * whitespace becomes one space; empty and decoration-only paragraphs ("* * *", "---") go.
 * One hand-written pass: split + per-paragraph replace + trim cost as much as the rest together.
 */
export function collapseParagraphs(text: string): string {
  const out: string[] = [];
  let para = '';
  const n = text.length;
  let i = 0;
  const endParagraph = () => {
    if (para && !/^[\s#*_\-=~.]+$/.test(para)) out.push(para);
    para = '';
  };
  while (i < n) {
    if (!isSpaceCode(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && !isSpaceCode(text.charCodeAt(j))) j++;
      para += text.slice(i, j);
      i = j;
      continue;
    }
    let newlines = 0;
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (!isSpaceCode(c)) break;
      if (c === 10) newlines++;
    }
    if (newlines >= 2) endParagraph();
    else if (para && j < n) para += ' ';
    i = j;
  }
  endParagraph();
  return out.join('\n\n');
}

export interface Span {
  start: number;
  end: number;
  text: string;
  /** Set when the sentence lies inside (or starts) a quotation spanning several sentences. */
  quote?: number;
  /** A transcript turn prefix such as "President of Russia Vladimir Putin:" that opens this sentence. */
  turn?: string;
  /** Set on the first sentence of each paragraph. */
  opensParagraph?: true;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'jr',
  'sr',
  'st',
  'gen',
  'gov',
  'sen',
  'rep',
  'lt',
  'col',
  'adm',
  'prof',
  'no',
  'nos',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'vs',
  'etc',
  'hon',
  'rev',
  'sgt',
  'capt',
  'maj',
  'cmdr',
  'amb',
  'pres',
  'vol',
  'art',
  'para',
  'approx',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'u.s',
  'u.k',
  'u.n',
  'e.u',
  'd.c',
  'a.m',
  'p.m',
  'i.e',
  'e.g',
  'h.e',
  'h.r',
  'h.h',
]);

const OPEN_Q = '"“«„';
const CLOSE_Q = '"”»';

/** A transcript turn: "President of Russia Vladimir Putin:" or "Vladimir Putin:" at a paragraph start. */
const TURN = new RegExp(String.raw`^(${TURN_PREFIX}):\s*(?=\S)`, 'u');

/** Up to five capitalised words and no closing full stop: a name, not something said ("Good." is a reply). */
const BARE_NAME = /^[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){0,4}(?<![.!?])\s*$/u;

/** A numbered paragraph's marker on its own: "1.", "(2)", "3)", "b)", "IV." */
const ENUMERATION_MARKER = /^(?:\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z]\)|[IVX]{1,4}\.)$/;

/** The same marker before the paragraph's text, when no full stop set it apart: "(3) The leaders ...". */
const LEADING_MARKER = /^(?:\(\d{1,2}\)|\d{1,2}\)|\([a-z]\))\s+/;

/** Words that open a sentence after a dotted abbreviation (and are no name or title). */
const SENTENCE_OPENERS = /^(?:The|He|She|They|It|In|On|At|Both|This|These|We|I|During|Following|Earlier|Later|Today)$/;

/** How far around a dot the abbreviation test looks: "U.S.", "Jr.", "Prime" fit many times over. */
const MAX_ABBREVIATION_SCAN = 24;

function isBoundary(text: string, dot: number): boolean {
  const ch = text[dot];
  if (ch !== '.') return true; // ! ? always end
  // Word before the dot; bounded, so a run of "a.a.a." costs the same at every dot (a longer
  // "word" is no abbreviation anyway).
  let s = dot - 1;
  const floor = Math.max(-1, dot - MAX_ABBREVIATION_SCAN);
  while (s > floor && /[\p{L}.]/u.test(text[s]!)) s--;
  const word = text.slice(s + 1, dot).toLowerCase();
  if (word === 'no' || word === 'nos' || word === 'art' || word === 'para')
    return !/^\s*\d/.test(text.slice(dot + 1, dot + 4)); // "No. 5"
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) {
    // "U.S.", "D.C.", "p.m." end a sentence only before a word that opens one ("... in Washington,
    // D.C. The overview ..."), not before a name or title ("the U.S. President").
    const next = /^\s+(\S+)/.exec(text.slice(dot + 1, dot + 1 + MAX_ABBREVIATION_SCAN))?.[1] ?? '';
    return SENTENCE_OPENERS.test(next);
  }
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}$/u.test(word) && /\p{Lu}/u.test(text[dot - 1]!)) return false; // initial: "Joseph R. Biden"
  return true;
}

export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let quoteSeq = 0;
  let paraStart = 0;
  while (paraStart <= text.length) {
    let paraEnd = text.indexOf('\n\n', paraStart);
    if (paraEnd < 0) paraEnd = text.length;
    splitParagraph(text, paraStart, paraEnd, spans, () => ++quoteSeq);
    paraStart = paraEnd + 2;
  }
  return spans;
}

function splitParagraph(text: string, from: number, to: number, out: Span[], nextQuote: () => number) {
  let start = from;
  let inQuote = false;
  let quoteId: number | undefined;
  let markerOpened = false;
  const turnMatch = TURN.exec(text.slice(from, Math.min(to, from + 160)));
  // A label in capitals ("FACT SHEET: ...", "READOUT: ...") is a heading, not a speaker.
  // An attendee line ("Federation of Chess Clubs: Ivan Petrov") names a person after the colon.
  const turn =
    turnMatch &&
    !/\b(said|says|noted|stated)\b/.test(turnMatch[1]!) &&
    /\p{Ll}/u.test(turnMatch[1]!) &&
    !BARE_NAME.test(text.slice(from + turnMatch[0].length, to))
      ? turnMatch[1]!.trim()
      : undefined;
  const push = (end: number) => {
    let s = start;
    while (s < end && /\s/.test(text[s]!)) s++;
    // "(3) The two leaders ...": the marker is not part of the sentence.
    const lead = start === from || markerOpened ? LEADING_MARKER.exec(text.slice(s, s + 8)) : null;
    if (lead) s += lead[0].length;
    let e = end;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s && ENUMERATION_MARKER.test(text.slice(s, e))) {
      // "1." before a numbered paragraph is no sentence: the paragraph's first sentence follows.
      markerOpened ||= start === from;
    } else if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) {
      const span: Span = { start: s, end: e, text: text.slice(s, e) };
      if (quoteId !== undefined) span.quote = quoteId;
      if (turn && s === from) span.turn = turn;
      if (start === from || markerOpened) span.opensParagraph = true;
      markerOpened = false;
      out.push(span);
    }
    start = end;
  };
  // Jump from one interesting character (quote or sentence end) to the next.
  const interesting = /["“”«»„.!?]/g;
  for (let i = from; i < to; i++) {
    interesting.lastIndex = i;
    const hit = interesting.exec(text);
    if (!hit || hit.index >= to) break;
    i = hit.index;
    const c = text[i]!;
    if (c === '"') {
      // Straight quotes toggle; an opening one follows whitespace, a colon or the paragraph start.
      if (!inQuote && (i === from || /[\s:(—–-]/.test(text[i - 1]!))) {
        inQuote = true;
        quoteId = nextQuote();
      } else if (inQuote) {
        inQuote = false;
      }
      continue;
    }
    if (OPEN_Q.includes(c) && c !== '"') {
      inQuote = true;
      quoteId = nextQuote();
      continue;
    }
    if (CLOSE_Q.includes(c) && c !== '"') {
      inQuote = false;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    if (!isBoundary(text, i)) continue;
    let j = i + 1;
    while (j < to && /[.!?)\]'’"”»]/.test(text[j]!)) {
      if (CLOSE_Q.includes(text[j]!)) inQuote = false;
      j++;
    }
    // Kremlin bodies sometimes lost the space: "countries.The talks" is still a boundary.
    const glued =
      j < to && /\p{Lu}/u.test(text[j]!) && /\p{Ll}/u.test(text[j + 1] ?? '') && /\p{Ll}/u.test(text[i - 1] ?? '');
    if (j >= to) {
      push(to);
      break;
    }
    if (!glued && !/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < to && /\s/.test(text[k]!)) k++;
    const next = text[k] ?? '';
    if (!/[\p{Lu}\p{N}"“«„'‘([—–-]/u.test(next)) continue;
    push(j);
    if (!inQuote) {
      quoteId = undefined;
    }
    i = j - 1;
  }
  if (start < to) push(to);
}

/**
 * A question as typed → filters and words, deterministically (no outside service):
 * "what Putin said about NATO in 2022" → speaker Putin, 2022-01-01..2022-12-31, words "NATO".
 *
 * What becomes a hard filter and what only a hint, as managed search services do it:
 * - a speaker named as the one speaking ("what X said about", "X on Y", "X's remarks on") and
 *   dates or periods ("in 2022", "March-May 2022", "since January 2023") are explicit: hard filters;
 * - a kind named as what to find ("calls about", "meetings on") is explicit too: a hard filter;
 * - topics and countries are only recognised and reported: their words stay in the query, where
 *   the engine already ranks them (and finds a topic's other names), so nothing is excluded on a
 *   guess.
 * A filter the caller sets explicitly always wins over an interpreted one; `interpret=false` turns
 * interpretation off. The response reports what was interpreted, so a client can show and undo it.
 */
import { topicVocabulary } from '../readout/topics.ts';

export interface Interpretation {
  speaker: string | null;
  from: string | null;
  to: string | null;
  kind: 'call' | 'video_call' | 'meeting' | 'statement' | null;
  /** Vocabulary topics the words name (a hint: their words stay in `terms`). */
  topics: string[];
  /** What is left of the question as words to search for. */
  terms: string;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?`;
const monthIndex = (m: string) => MONTHS.findIndex((x) => x.startsWith(m.toLowerCase().slice(0, 3))) + 1;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthStart = (y: number, m: number) => `${y}-${pad(m)}-01`;
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(lastDay(y, m))}`;

/** Period patterns, most specific first; each returns [from, to]. */
const PERIODS: Array<{ re: RegExp; range: (m: RegExpExecArray) => [string | null, string | null] }> = [
  // "October 2021 - February 2022", "Oct 2021 to Feb 2022"
  {
    re: new RegExp(
      String.raw`\b(?:from\s+|between\s+)?${MONTH}\s+(\d{4})\s*(?:-|–|—|to|until|and)\s*${MONTH}\s+(\d{4})\b`,
      'i',
    ),
    range: (m) => [monthStart(+m[2]!, monthIndex(m[1]!)), monthEnd(+m[4]!, monthIndex(m[3]!))],
  },
  // "March-May 2022", "October to December 2023"
  {
    re: new RegExp(String.raw`\b(?:from\s+|between\s+)?${MONTH}\s*(?:-|–|—|to|until|and)\s*${MONTH}\s+(\d{4})\b`, 'i'),
    range: (m) => [monthStart(+m[3]!, monthIndex(m[1]!)), monthEnd(+m[3]!, monthIndex(m[2]!))],
  },
  // "since January 2023", "after March 2022"
  {
    re: new RegExp(String.raw`\b(?:since|after|from)\s+${MONTH}\s+(\d{4})\b`, 'i'),
    range: (m) => [monthStart(+m[2]!, monthIndex(m[1]!)), null],
  },
  // "before June 2022", "until June 2022"
  {
    re: new RegExp(String.raw`\b(?:before|until|till)\s+${MONTH}\s+(\d{4})\b`, 'i'),
    range: (m) => [null, monthEnd(+m[2]!, monthIndex(m[1]!))],
  },
  // "in March 2022", "March 2022"
  {
    re: new RegExp(String.raw`\b(?:in\s+|during\s+)?${MONTH}\s+(\d{4})\b`, 'i'),
    range: (m) => [monthStart(+m[2]!, monthIndex(m[1]!)), monthEnd(+m[2]!, monthIndex(m[1]!))],
  },
  // "2021-2022", "between 2021 and 2022"
  {
    re: /\b(?:from\s+|between\s+)?((?:19|20)\d{2})\s*(?:-|–|—|to|and)\s*((?:19|20)\d{2})\b/i,
    range: (m) => [`${m[1]}-01-01`, `${m[2]}-12-31`],
  },
  // "since 2022", "before 2023"
  { re: /\b(?:since|after)\s+((?:19|20)\d{2})\b/i, range: (m) => [`${m[1]}-01-01`, null] },
  { re: /\b(?:before)\s+((?:19|20)\d{2})\b/i, range: (m) => [null, `${+m[1]! - 1}-12-31`] },
  // "in 2022", "2022"
  { re: /\b(?:in\s+|during\s+)?((?:19|20)\d{2})\b/i, range: (m) => [`${m[1]}-01-01`, `${m[1]}-12-31`] },
];

/** Who is speaking: a capitalised name (one to three words), possessive allowed. */
const NAME = String.raw`(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,2})`;
const SPEAKER_PATTERNS: RegExp[] = [
  // "what did Putin say about", "what Putin said about", "what has Zelenskyy said on"
  new RegExp(
    String.raw`^\s*what\s+(?:did\s+|has\s+|have\s+)?${NAME}\s+(?:say|said|says|think|thinks|thought)\s+(?:about|on|of|regarding)\b`,
    'u',
  ),
  // "Putin's remarks on", "Zelenskyy's statements about", "Xi's views on"
  new RegExp(
    String.raw`^\s*${NAME}['’]s\s+(?:remarks|statements|comments|views|position|positions|words)\s+(?:about|on|regarding)\b`,
    'u',
  ),
  // "Zelenskyy on sanctions", "Harris on the root causes"
  new RegExp(String.raw`^\s*${NAME}\s+on\b`, 'u'),
  // "statements by Biden about ..."
  new RegExp(String.raw`\b(?:statements|remarks|comments)\s+(?:by|of|from)\s+${NAME}\b`, 'u'),
];

const KINDS: Array<[RegExp, Interpretation['kind']]> = [
  [/\b(?:video\s*calls?|videoconferences?|virtual meetings?)\b/i, 'video_call'],
  [/\b(?:(?:phone|telephone)\s+)?calls\b|\bphone calls?\b|\btelephone conversations?\b/i, 'call'],
  [/\bmeetings\b|\bin-person meetings?\b/i, 'meeting'],
  [/\bstatements\b(?!\s+(?:by|of|from))/i, 'statement'],
];

/** Question words that carry no search meaning once the filters are taken out. */
const FILLER =
  /\b(?:what|which|who|when|how|did|does|do|has|have|say|said|says|about|regarding|concerning|readouts?|covered|cover|covering|mentioned|discussed|talk|talked|any|all|show|me|find|list)\b/gi;

export interface InterpretOptions {
  /** True when the index knows a participant by this id or name (a speaker filter would find something). */
  isSpeaker: (name: string) => boolean;
}

export function interpretQuery(q: string, options: InterpretOptions): Interpretation {
  let rest = q;
  let from: string | null = null;
  let to: string | null = null;
  for (const { re, range } of PERIODS) {
    const m = re.exec(rest);
    if (!m) continue;
    [from, to] = range(m);
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    break;
  }
  let speaker: string | null = null;
  for (const re of SPEAKER_PATTERNS) {
    const m = re.exec(rest);
    if (!m) continue;
    // Try the longest name first ("Joe Biden"), then its last word ("Biden").
    const words = m[1]!.split(/\s+/);
    const candidate = [m[1]!, words.at(-1)!].find((n) => options.isSpeaker(n));
    if (!candidate) continue;
    speaker = candidate;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    break;
  }
  let kind: Interpretation['kind'] = null;
  for (const [re, k] of KINDS) {
    const m = re.exec(rest);
    if (!m) continue;
    kind = k;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    break;
  }
  // Question words go, except inside "quoted phrases".
  const terms = rest
    .split(/("[^"]*")/)
    .map((part) =>
      part.startsWith('"')
        ? part
        : part
            .replace(FILLER, ' ')
            .replace(/[?,;:]+/g, ' ')
            .replace(/\s+[-–—]\s+/g, ' '),
    )
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { speaker, from, to, kind, topics: topicVocabulary.tag(terms), terms };
}

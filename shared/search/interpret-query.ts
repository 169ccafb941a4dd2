/**
 * A question as typed → filters and words, deterministically (no outside service):
 * "what Putin said about NATO in 2022" → speaker Putin, 2022-01-01..2022-12-31, words "NATO".
 *
 * What becomes a hard filter and what only a hint, as managed search services do it:
 * - a speaker named as the one speaking ("what X said about", "X on Y", "X's remarks on") and
 *   dates or periods ("in 2022", "March-May 2022", "since January 2023") are explicit: hard filters;
 * - a kind named as what to find ("calls about", "meetings on") is explicit too: a hard filter; so
 *   is a publisher named as the source ("what did the Kremlin say about", "White House readouts
 *   on", "according to Downing Street"; publishers.json `askedAs`), not one named as a place;
 * - topics and countries are only recognised and reported: their words stay in the query, where
 *   the engine already ranks them (and finds a topic's other names), so nothing is excluded on a
 *   guess.
 * A filter the caller sets explicitly always wins over an interpreted one; `interpret=false` turns
 * interpretation off. The response reports what was interpreted, so a client can show and undo it.
 */
import { POLITY_PATTERN, polityOf } from '../readout/countries.ts';
import { shortName } from '../readout/participants.ts';
import { findPerson, holdersOf } from '../readout/people.ts';
import { PUBLISHERS } from '../readout/publishers.ts';
import { topicVocabulary } from '../readout/topics.ts';

export interface Interpretation {
  speaker: string | null;
  from: string | null;
  to: string | null;
  kind: 'call' | 'video_call' | 'meeting' | 'statement' | null;
  /** The readout kinds the filter finds: "calls" → call and video_call; "phone calls" → call. */
  kinds: Array<'call' | 'video_call' | 'meeting' | 'statement'>;
  /** A publisher named as the source ("what did the Kremlin say", "White House readouts on"): a filter. */
  publisher: string | null;
  /** Vocabulary topics the words name (a hint: their words stay in `terms`). */
  topics: string[];
  /** The countries among them, by name (a hint too). */
  countries: string[];
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

const YEAR = String.raw`((?:19|20)\d{2})`;
const shiftDay = (day: string, by: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
const dayOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(Math.min(d, lastDay(y, m)))}`;
/** Parts of a year, as [first month, last month]: "early 2022", "the second half of 2021", "Q3 2023", "summer 2022". */
const PARTS_OF_YEAR: Array<[string, number, number]> = [
  [String.raw`early|the\s+beginning\s+of|the\s+start\s+of|beginning\s+of|start\s+of`, 1, 4],
  [String.raw`mid-?|the\s+middle\s+of|middle\s+of`, 5, 8],
  [String.raw`late|the\s+end\s+of|end\s+of`, 9, 12],
  [String.raw`(?:the\s+)?first\s+half\s+of|h1`, 1, 6],
  [String.raw`(?:the\s+)?second\s+half\s+of|h2`, 7, 12],
  [String.raw`(?:the\s+)?first\s+quarter\s+of|q1`, 1, 3],
  [String.raw`(?:the\s+)?second\s+quarter\s+of|q2`, 4, 6],
  [String.raw`(?:the\s+)?third\s+quarter\s+of|q3`, 7, 9],
  [String.raw`(?:the\s+)?fourth\s+quarter\s+of|q4`, 10, 12],
  [String.raw`(?:the\s+)?spring\s+(?:of\s+)?`, 3, 5],
  [String.raw`(?:the\s+)?summer\s+(?:of\s+)?`, 6, 8],
  [String.raw`(?:the\s+)?(?:autumn|fall)\s+(?:of\s+)?`, 9, 11],
];
/** Parts of a month, as [first day, last day]: "early March 2022", "mid-May 2023", "late February 2022". */
const PARTS_OF_MONTH: Array<[string, number, number]> = [
  [String.raw`early|the\s+beginning\s+of|the\s+start\s+of`, 1, 10],
  [String.raw`mid-?|the\s+middle\s+of`, 11, 20],
  [String.raw`late|the\s+end\s+of`, 21, 31],
];

/** Period patterns, most specific first; each returns [from, to]. */
const PERIODS: Array<{ re: RegExp; range: (m: RegExpExecArray) => [string | null, string | null] }> = [
  // One day, or from or until it: "February 24, 2022", "since 24 February 2022", "on 2022-02-24"
  ...[
    { re: String.raw`${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+${YEAR}`, at: { month: 1, day: 2, year: 3 } },
    { re: String.raw`(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+${YEAR}`, at: { day: 1, month: 2, year: 3 } },
    { re: String.raw`${YEAR}-(\d{2})-(\d{2})`, at: { year: 1, month: 2, day: 3 } },
  ].map(({ re, at }) => ({
    re: new RegExp(String.raw`\b(?:(since|after|from|before|until|till|on)\s+)?${re}\b`, 'i'),
    range: (m: RegExpExecArray): [string | null, string | null] => {
      const g = m.slice(1);
      const month = /^\d+$/.test(g[at.month]!) ? +g[at.month]! : monthIndex(g[at.month]!);
      const d = dayOf(+g[at.year]!, month, +g[at.day]!);
      const how = (g[0] ?? 'on').toLowerCase();
      // "after" and "before" leave the day out; "since", "from", "until" keep it.
      if (how === 'after') return [shiftDay(d, 1), null];
      if (how === 'before') return [null, shiftDay(d, -1)];
      return how === 'on' ? [d, d] : ['since', 'from'].includes(how) ? [d, null] : [null, d];
    },
  })),
  // "early March 2022", "mid-May 2023", "late February 2022"
  ...PARTS_OF_MONTH.map(([words, first, last]) => ({
    re: new RegExp(String.raw`\b(?:in\s+|at\s+)?(?:${words})\s*${MONTH}\s+${YEAR}\b`, 'i'),
    range: (m: RegExpExecArray): [string, string] => {
      const [y, mo] = [+m[2]!, monthIndex(m[1]!)];
      return [dayOf(y, mo, first), dayOf(y, mo, last)];
    },
  })),
  // "the winter of 2022-23", "winter 2021/22": December to February
  {
    re: new RegExp(
      String.raw`\b(?:in\s+|during\s+)?(?:the\s+)?winter\s+(?:of\s+)?${YEAR}\s*[-–/]\s*(\d{2}|\d{4})\b`,
      'i',
    ),
    range: (m) => [`${m[1]}-12-01`, monthEnd(+m[1]! + 1, 2)],
  },
  // "early 2022", "the second half of 2021", "Q3 2023", "summer 2022"
  ...PARTS_OF_YEAR.map(([words, first, last]) => ({
    re: new RegExp(String.raw`\b(?:in\s+|during\s+|at\s+)?(?:${words})\s*${YEAR}\b`, 'i'),
    range: (m: RegExpExecArray): [string, string] => [monthStart(+m[1]!, first), monthEnd(+m[1]!, last)],
  })),
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
/**
 * The same in any case ("what did putin say"), where the words around it say a person is meant;
 * the name must still be a speaker the index knows (speakerFor), and "and"/"or" end it ("what did
 * biden and xi discuss" names two people, not one).
 */
const ANY_CASE_NAME = String.raw`((?!(?:and|or|with|the)\b)\p{L}[\p{L}'’.-]+(?:\s+(?!(?:and|or|with|the)\b)\p{L}[\p{L}'’.-]+){0,2})`;
/** Verbs of a question about what someone said: "what did X say / tell Y / propose about". */
const SAY = String.raw`(?:say|said|says|think|thinks|thought|tell|told|tells|propose|proposed|stress|stressed|mean|meant|discuss|discussed|write|wrote|warn|warned|ask|asked|urge|urged|request|requested|demand|demanded|promise|promised|offer|offered|pledge|pledged|announce|announced|emphasi[sz]e|emphasi[sz]ed|suggest|suggested|condemn|condemned|reaffirm|reaffirmed)`;
/** What someone said, as a noun: "Putin's remarks on", "statements by Biden". */
const SAID = String.raw`(?:remarks|statements|statement|comments|views|view|position|positions|stance|words|message|assessment)`;
const SPEAKER_PATTERNS: RegExp[] = [
  // "what did Putin say about", "What Putin said about", "what has Xi said on", "what did Putin tell Macron"
  new RegExp(
    String.raw`^\s*[Ww]hat\s+(?:did\s+|has\s+|have\s+|does\s+)?${ANY_CASE_NAME}\s+${SAY}\b(?:\s+(?:about|on|of|regarding)\b)?`,
    'u',
  ),
  // "Did Zelenskyy discuss grain with Erdogan?", "Has Xi mentioned Taiwan?", "How did Putin describe
  // NATO?", "When did Biden raise fentanyl?"
  new RegExp(
    String.raw`^\s*(?:(?:[Hh]ow|[Ww]hen|[Ww]hy|[Ww]here)\s+)?(?:[Dd]id|[Hh]as|[Hh]ave|[Dd]oes)\s+${ANY_CASE_NAME}\s+(?:say|said|discuss|mention|mentioned|raise|raised|talk|speak|spoken|comment|commented|describe|described|address|addressed|${SAY})\b(?:\s+(?:about|on|of|regarding)\b)?`,
    'u',
  ),
  // "Putin's remarks on", "What was Xi's position on", "Biden remarks about", "Zelenskyy statements on"
  new RegExp(
    String.raw`^\s*(?:[Ww]hat\s+(?:was|were|is|are)\s+)?${NAME}(?:['’]s)?\s+${SAID}\s+(?:about|on|regarding|concerning|of)\b`,
    'u',
  ),
  // "Zelenskyy on sanctions", "Harris on the root causes", "Xi about Taiwan", "Putin said about NATO"
  new RegExp(String.raw`^\s*${NAME}\s+(?:(?:said|says)\s+)?(?:on|about|regarding|concerning)\b`, 'u'),
  // "statements by Biden about ...", "comments from Xi on", "according to Putin"
  new RegExp(String.raw`\b(?:${SAID}\s+(?:by|of|from)|according\s+to)\s+${NAME}\b`, 'u'),
];

type Kind = NonNullable<Interpretation['kind']>;
/** Kinds named as what to find, and the readout kinds each finds: "calls" are phone and video calls, "phone calls" phone calls. */
const KINDS: Array<[RegExp, Kind, Kind[]]> = [
  [/\b(?:video\s*calls?|videoconferences?|virtual meetings?)\b/i, 'video_call', ['video_call']],
  [/\b(?:phone|telephone)\s+calls?\b|\btelephone conversations?\b/i, 'call', ['call']],
  [/\bcalls\b/i, 'call', ['call', 'video_call']],
  [/\bmeetings\b|\bin-person meetings?\b/i, 'meeting', ['meeting']],
  [/\bstatements\b(?!\s+(?:by|of|from))/i, 'statement', ['statement']],
];

/** Question words that carry no search meaning once the filters are taken out. */
const FILLER =
  /\b(?:what|which|who|when|how|why|did|does|do|has|have|say|said|says|about|regarding|concerning|readouts?|covered|cover|covering|mention|mentions|mentioned|mentioning|discussed|talk|talked|any|all|show|me|find|list|between)\b/gi;

export interface InterpretOptions {
  /** True when the index knows a participant by this id or name (a speaker filter would find something). */
  isSpeaker: (name: string) => boolean;
  /** Today (YYYY-MM-DD), for periods named from now ("last month", "in the past two weeks"); without it they stay words. */
  today?: string;
}

const UNIT_DAYS = { day: 1, week: 7, month: 30, year: 365 } as const;
const COUNT_WORDS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};
/** Monday of the week holding `day` (weeks run Monday to Sunday, as in ISO 8601). */
const mondayOf = (day: string) => shiftDay(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * Periods named from today, each with an example; the calendar ones ("last month") are the whole
 * previous month, the rolling ones ("in the past two weeks") end today.
 */
const RELATIVE_PERIODS: Array<{ re: RegExp; range: (m: RegExpExecArray, today: string) => [string, string] }> = [
  // "in the past two weeks", "over the last 3 months", "in the last year"
  {
    re: /\b(?:in|over|during|within)\s+the\s+(?:last|past)\s+(?:(\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+)?(day|week|month|year)s?\b/i,
    range: (m, today) => {
      const count = m[1] ? (/^\d+$/.test(m[1]) ? +m[1] : COUNT_WORDS[m[1].toLowerCase()]!) : 1;
      return [shiftDay(today, -count * UNIT_DAYS[m[2]!.toLowerCase() as keyof typeof UNIT_DAYS]), today];
    },
  },
  // "last year", "this month", "last week": the calendar period
  {
    re: /\b(last|this)\s+(week|month|year)\b/i,
    range: (m, today) => {
      const [y, mo] = [+today.slice(0, 4), +today.slice(5, 7)];
      const last = m[1]!.toLowerCase() === 'last';
      const unit = m[2]!.toLowerCase();
      if (unit === 'year') return last ? [`${y - 1}-01-01`, `${y - 1}-12-31`] : [`${y}-01-01`, today];
      if (unit === 'month') {
        if (!last) return [monthStart(y, mo), today];
        const [py, pm] = mo === 1 ? [y - 1, 12] : [y, mo - 1];
        return [monthStart(py, pm), monthEnd(py, pm)];
      }
      const monday = mondayOf(today);
      return last ? [shiftDay(monday, -7), shiftDay(monday, -1)] : [monday, today];
    },
  },
  // "yesterday", "today"
  { re: /\byesterday\b/i, range: (_m, today) => [shiftDay(today, -1), shiftDay(today, -1)] },
  { re: /\btoday\b/i, range: (_m, today) => [today, today] },
];

/** Every name a question may use for a publisher (publishers.json `askedAs`, and its own name), longest first. */
const PUBLISHER_NAMES = PUBLISHERS.flatMap((p) => [p.name, ...p.askedAs].map((n) => [n, p.name] as const)).sort(
  (a, b) => b[0].length - a[0].length,
);
const PUB = `(${PUBLISHER_NAMES.map(([n]) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
/** A publisher as the source of what is asked about, not as a subject of it ("meetings at the White House"). */
const PUBLISHER_PATTERNS: RegExp[] = [
  // "What did the Kremlin say about", "Kremlin readouts on", "the White House's account of", "White House statements on"
  new RegExp(
    String.raw`\b(?:[Ww]hat\s+(?:did|does|has|have)\s+)?(?:the\s+)?${PUB}(?:['’]s)?\s+(?:say|said|says|report|reported|readouts?|accounts?|version|statements?)\b(?:\s+(?:about|on|of|regarding|concerning)\b)?`,
    'iu',
  ),
  // "readouts from the Kremlin", "according to Downing Street"
  new RegExp(
    String.raw`\b(?:(?:readouts?|accounts?|statements?)\s+(?:from|by|of)|according\s+to)\s+(?:the\s+)?${PUB}\b`,
    'iu',
  ),
];
const publisherNamed = (text: string) =>
  PUBLISHER_NAMES.find(([n]) => n.toLowerCase() === text.toLowerCase())?.[1] ?? null;

/**
 * A leader named by office: "the Russian President", "the president of France", "the German
 * Chancellor", "the Ukrainian leader". The gazetteer says who held it; see officeHolder.
 */
const OFFICE_TITLES = String.raw`(president|prime minister|chancellor|leader|foreign minister|secretary of state|secretary-general|secretary general)`;
const OFFICE_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(?:the\s+)?(${POLITY_PATTERN})\s+${OFFICE_TITLES}\b`, 'gi'),
  new RegExp(String.raw`\b(?:the\s+)?${OFFICE_TITLES}\s+of\s+(?:the\s+)?(${POLITY_PATTERN})\b`, 'gi'),
];

/**
 * Who an office named in a question is: the one holder in the question's period; else the one
 * holder the index knows as a speaker. Several and nothing to choose by: nobody (no guess).
 */
function officeHolder(
  country: string,
  title: string,
  from: string | null,
  to: string | null,
  options: InterpretOptions,
): string | null {
  const title1 = title.toLowerCase().replace('secretary general', 'secretary-general');
  let held = holdersOf(country, title1);
  if (from || to)
    held = held.filter(({ office }) => (!to || office.from <= to) && (!from || !office.to || office.to >= from));
  const people = [...new Map(held.map(({ person }) => [person.id, person])).values()];
  const known = people.length > 1 ? people.filter((p) => options.isSpeaker(p.id)) : people;
  // The form the readouts use alone: "Putin", "Biden", "Xi" (not "Jinping").
  return known.length === 1 ? shortName(known[0]!.name) : null;
}

/** The speaker filter for a name as typed: the index's own form, else the gazetteer's ("Zelensky" → zelenskyy). */
function speakerFor(typed: string, options: InterpretOptions): string | null {
  const name = typed.replace(/['’]s$/u, '');
  const words = name.split(/\s+/);
  for (const n of [name, words.at(-1)!]) {
    if (options.isSpeaker(n)) return n;
    const known = findPerson(n);
    if (known && options.isSpeaker(known.id)) return known.id;
  }
  return null;
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
  const today = options.today;
  if (!from && !to && today)
    for (const { re, range } of RELATIVE_PERIODS) {
      const m = re.exec(rest);
      if (!m) continue;
      [from, to] = range(m, today);
      rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
      break;
    }
  // Offices become their holder's name ("the Russian President" → "Putin"), for the patterns below
  // and, when not a speaker, as words to search for.
  for (const re of OFFICE_PATTERNS)
    rest = rest.replace(re, (whole, a: string, b: string) => {
      const [place, title] = polityOf(a) ? [a, b] : [b, a];
      const country = polityOf(place);
      const holder = country ? officeHolder(country, title, from, to, options) : null;
      return holder ?? whole;
    });
  let speaker: string | null = null;
  for (const re of SPEAKER_PATTERNS) {
    const m = re.exec(rest);
    if (!m) continue;
    // Try the longest name first ("Joe Biden"), then its last word ("Biden"); through the gazetteer too.
    const candidate = speakerFor(m[1]!, options);
    if (!candidate) continue;
    speaker = candidate;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    break;
  }
  let publisher: string | null = null;
  for (const re of PUBLISHER_PATTERNS) {
    const m = re.exec(rest);
    const name = m ? publisherNamed(m[1]!) : null;
    if (!m || !name) continue;
    publisher = name;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    break;
  }
  let kind: Interpretation['kind'] = null;
  let kinds: Kind[] = [];
  for (const [re, k, found] of KINDS) {
    const m = re.exec(rest);
    if (!m) continue;
    kind = k;
    kinds = found;
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
  const topics = topicVocabulary.tag(terms);
  // Topics that are countries (from the polity list, whatever kind the vocabulary gives them).
  const countries = [
    ...new Set(topics.flatMap((t) => polityOf(topicVocabulary.get(t)?.label ?? t.replace(/-/g, ' ')) ?? [])),
  ];
  return { speaker, from, to, kind, kinds, publisher, topics, countries, terms };
}

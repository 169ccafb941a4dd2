/**
 * The period a question names, deterministically: "in 2022", "March-May 2022", "since January
 * 2023", "on February 24, 2022", "late 2023", "Q3 2023", "the winter of 2022-23", and, given
 * today's date, "last month" or "in the past two weeks". The first period found is taken out of
 * the question; the rest is searched as words (interpret-query.ts).
 */

export interface Period {
  from: string | null;
  to: string | null;
  /** The question without the period's words. */
  rest: string;
}

/** The period named in `question` (absolute first; then, given `today`, one named from today). */
export function periodIn(question: string, today?: string): Period {
  for (const { re, range } of PERIODS) {
    const m = re.exec(question);
    if (m) return { ...fromTo(range(m)), rest: without(question, m) };
  }
  if (today)
    for (const { re, range } of RELATIVE_PERIODS) {
      const m = re.exec(question);
      if (m) return { ...fromTo(range(m, today)), rest: without(question, m) };
    }
  return { from: null, to: null, rest: question };
}

const fromTo = ([from, to]: [string | null, string | null]) => ({ from, to });
/** `text` with what `m` matched in it taken out (a space, or `instead` between spaces, in its place). */
export const without = (text: string, m: RegExpExecArray, instead = '') =>
  `${text.slice(0, m.index)} ${instead ? `${instead} ` : ''}${text.slice(m.index + m[0].length)}`;

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
/** A day of a month, 1 to 31 (one past the month's end is its last day: "February 30" → the 28th or 29th). */
const DAY = String.raw`(0?[1-9]|[12]\d|3[01])`;
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
    { re: String.raw`${MONTH}\s+${DAY}(?:st|nd|rd|th)?,?\s+${YEAR}`, at: { month: 1, day: 2, year: 3 } },
    { re: String.raw`${DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+${YEAR}`, at: { day: 1, month: 2, year: 3 } },
    { re: String.raw`${YEAR}-(0[1-9]|1[0-2])-${DAY}`, at: { year: 1, month: 2, day: 3 } },
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
  // "March-May 2022", "October to December 2023"; "November-February 2022" starts the year before
  {
    re: new RegExp(String.raw`\b(?:from\s+|between\s+)?${MONTH}\s*(?:-|–|—|to|until|and)\s*${MONTH}\s+(\d{4})\b`, 'i'),
    range: (m) => {
      const [first, last, year] = [monthIndex(m[1]!), monthIndex(m[2]!), +m[3]!];
      return [monthStart(first > last ? year - 1 : year, first), monthEnd(year, last)];
    },
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
  // "2021-2022", "between 2021 and 2022", "in 2021-22", "2021/22"; "2022-03" is March 2022
  {
    re: /\b(?:from\s+|between\s+|in\s+|during\s+)?((?:19|20)\d{2})\s*(?:-|–|—|\/|to|and)\s*((?:19|20)\d{2}|\d{2})\b/i,
    range: (m) => {
      const first = +m[1]!;
      const last = m[2]!.length === 2 ? first - (first % 100) + +m[2]! : +m[2]!;
      if (last >= first) return [`${first}-01-01`, `${last}-12-31`];
      const month = +m[2]!;
      return m[2]!.length === 2 && month >= 1 && month <= 12
        ? [monthStart(first, month), monthEnd(first, month)]
        : [`${first}-01-01`, `${first}-12-31`];
    },
  },
  // "since 2022", "before 2023"
  { re: /\b(?:since|after)\s+((?:19|20)\d{2})\b/i, range: (m) => [`${m[1]}-01-01`, null] },
  { re: /\b(?:before)\s+((?:19|20)\d{2})\b/i, range: (m) => [null, `${+m[1]! - 1}-12-31`] },
  // "in 2022", "2022"
  { re: /\b(?:in\s+|during\s+)?((?:19|20)\d{2})\b/i, range: (m) => [`${m[1]}-01-01`, `${m[1]}-12-31`] },
];

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

/** Event-date resolution: "today", "on Wednesday", "Aug. 25", datelines — against the publication date. */
import { isoDate, MONTHS } from './extract.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_RE = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const fromDate = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (iso: string, n: number) => fromDate(new Date(toDate(iso).getTime() + n * 86_400_000));

/** A month/day with no year, placed in the year that makes it closest to (and not after) the reference. */
function monthDay(month: string, day: number, ref: string): string | null {
  const m = MONTHS[month.slice(0, 3).toLowerCase()];
  if (!m || day < 1 || day > 31) return null;
  let year = +ref.slice(0, 4);
  let iso = isoDate(year, m, day);
  // Readouts report the past; a date up to two months ahead is an announced event of the same year.
  if (iso > addDays(ref, 62)) iso = isoDate(--year, m, day);
  return iso;
}

export interface DateContext {
  publishedDate: string | null;
  lead: string;
  /** The lead's first sentence as the sentence splitter found it ("Dr." does not end it). */
  firstSentence?: string;
  title: string | null;
}

export function resolveEventDate(ctx: DateContext): { eventDate: string | null; dateline: string | null } {
  let ref = ctx.publishedDate;
  let dateline: string | null = null;
  // Dateline: "BEIJING, Aug. 25 –" / "WASHINGTON, 25 August (Xinhua) -"
  const dl = new RegExp(
    String.raw`^\s*[A-Z][A-Z .'-]{2,40},\s*(?:${MONTH_RE}\s+(\d{1,2})|(\d{1,2})\s+${MONTH_RE})`,
  ).exec(ctx.lead);
  if (dl && ref) {
    const d = dl[1] ? monthDay(dl[1], +dl[2]!, ref) : monthDay(dl[4]!, +dl[3]!, ref);
    if (d) {
      dateline = d;
      ref = d;
    }
  }
  if (!ref) return { eventDate: null, dateline };
  const text = ctx.lead.slice(0, 600);
  // An explicit date counts only in the opening sentence, and not when it dates an earlier event
  // ("Following the talks held in Moscow on February 22, ...").
  const first = ctx.firstSentence ?? /^[\s\S]*?[.!?](?:\s|$)/.exec(text)?.[0] ?? text;
  const explicitScope = /^\s*(?:Following|After|Ahead of|Since|Before|Further to|Pursuant to|Continuing)\b/i.test(first)
    ? ''
    : first;
  // "spoke today about the summit, which will be held on June 29": the relative word dates the event,
  // a date further on dates something else.
  const relative = relativeDay(first, ref);
  if (relative) return { eventDate: relative, dateline };
  const explicit = new RegExp(
    String.raw`\b(?:on|dated)\s+(?:\w+day,?\s+)?(?:${MONTH_RE}\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH_RE})(?:,?\s+(\d{4}))?`,
    'i',
  ).exec(explicitScope);
  // "... in accordance with previous agreements reached during a video conference on January 4":
  // a date after words of an earlier event dates that event.
  const earlier =
    explicit &&
    /\b(?:previous(?:ly)?|earlier|reached|following|after|since)\b/i.test(
      explicitScope.slice(Math.max(0, explicit.index - 80), explicit.index),
    );
  if (explicit && !earlier) {
    const month = explicit[1] ?? explicit[4]!;
    const day = +(explicit[2] ?? explicit[3]!);
    if (explicit[5]) {
      const m = MONTHS[month.slice(0, 3).toLowerCase()];
      if (m) return { eventDate: isoDate(+explicit[5], m, day), dateline };
    }
    const d = monthDay(month, day, ref);
    if (d) return { eventDate: d, dateline };
  }
  const later = relativeDay(text, ref);
  if (later) return { eventDate: later, dateline };
  const wd = /\b(?:on|last|this past)\s+(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/i.exec(text);
  if (wd) {
    const target = WEEKDAYS.indexOf(wd[1]!.toLowerCase());
    const refDay = toDate(ref).getUTCDay();
    return { eventDate: addDays(ref, -((refDay - target + 7) % 7)), dateline };
  }
  return { eventDate: ref, dateline };
}

/** "yesterday", "last night" → the day before `ref`; "today", "this morning", "tonight" → `ref`. */
function relativeDay(text: string, ref: string): string | null {
  if (/\b(?:yesterday|last night)\b/i.test(text)) return addDays(ref, -1);
  if (/\b(?:today|this (?:morning|afternoon|evening)|tonight|earlier today)\b/i.test(text)) return ref;
  return null;
}

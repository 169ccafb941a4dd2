/**
 * A question as typed → filters and words, deterministically (no outside service):
 * "what Putin said about NATO in 2022" → speaker Putin, 2022-01-01..2022-12-31, words "NATO".
 *
 * What becomes a hard filter and what only a hint, as managed search services do it:
 * - a speaker named as the one speaking ("what X said about", "X on Y", "X's remarks on"), or a
 *   country in the speaker's place ("what did China say about": whoever speaks for it), and
 *   dates or periods ("in 2022", "March-May 2022", "since January 2023") are explicit: hard filters;
 * - two people named as the parties to a conversation ("calls between X and Y", "what did X and Y
 *   discuss", "X's meeting with Y", "the X-Y call") are explicit too: both must take part
 *   (participants), whoever of them is quoted;
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
import { PARTICIPANT_ROLES } from '../readout/lexicon.ts';
import { shortName } from '../readout/participants.ts';
import { findPerson, holdersOf, type KnownPerson, nameKey, PEOPLE } from '../readout/people.ts';
import { editDistance } from './fuzzy.ts';
import { PUBLISHERS } from '../readout/publishers.ts';
import { topicVocabulary } from '../readout/topics.ts';
import { periodIn, without } from './question-periods.ts';
import { speakingFor } from './segment.ts';

export interface Interpretation {
  speaker: string | null;
  /** A country named as the one speaking ("what did China say"): statements by anyone speaking for it. */
  speakerCountry: string | null;
  /** People named as the parties to a conversation ("between X and Y"): all must take part. */
  participants: string[];
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
const SAID = String.raw`(?:remarks|statements|statement|comments|views|view|position|positions|stance|words|message|assessment|calls|appeals|demands|proposals|warnings)`;
/** A request put as a command: "list Putin's statements on", "show me Xi on Taiwan". */
const COMMAND = String.raw`(?:(?:[Ll]ist|[Ss]how|[Ff]ind|[Gg]ive)(?:\s+me)?\s+(?:all\s+|every\s+)?)?`;
const SPEAKER_PATTERNS: RegExp[] = [
  // "what did Putin say about", "What Putin said about", "what has Xi said on", "what did Putin tell Macron"
  new RegExp(
    String.raw`^\s*[Ww]hat\s+(?:did\s+|has\s+|have\s+|does\s+)?(?:the\s+)?${ANY_CASE_NAME}\s+${SAY}\b(?:\s+(?:about|on|of|regarding)\b)?`,
    'u',
  ),
  // "Did Zelenskyy discuss grain with Erdogan?", "Has Xi mentioned Taiwan?", "How did Putin describe
  // NATO?", "When did Biden raise fentanyl?"
  new RegExp(
    String.raw`^\s*(?:(?:[Hh]ow|[Ww]hen|[Ww]hy|[Ww]here)\s+)?(?:[Dd]id|[Hh]as|[Hh]ave|[Dd]oes)\s+(?:the\s+)?${ANY_CASE_NAME}\s+(?:say|said|discuss|mention|mentioned|raise|raised|talk|speak|spoken|comment|commented|describe|described|address|addressed|${SAY})\b(?:\s+(?:about|on|of|regarding)\b)?`,
    'u',
  ),
  // "Putin's remarks on", "What was Xi's position on", "Biden remarks about", "Zelenskyy statements on"
  new RegExp(
    String.raw`^\s*${COMMAND}(?:[Ww]hat\s+(?:was|were|is|are)\s+)?(?:[Tt]he\s+)?${NAME}(?:['’]s)?\s+${SAID}\s+(?:about|on|regarding|concerning|of|for)\b`,
    'u',
  ),
  // "Zelenskyy on sanctions", "Harris on the root causes", "Xi about Taiwan", "Putin said about NATO"
  new RegExp(
    String.raw`^\s*${COMMAND}(?:[Tt]he\s+)?${NAME}\s+(?:(?:said|says)\s+)?(?:on|about|regarding|concerning)\b`,
    'u',
  ),
  // "statements by Biden about ...", "comments from Xi on", "according to Putin"
  new RegExp(String.raw`\b(?:${SAID}\s+(?:by|of|from)|according\s+to)\s+${NAME}\b`, 'u'),
];

/** Nouns for a conversation between people: "X's call with Y", "the X-Y talks" (not "X's calls for": demands). */
const CONVERSATION = String.raw`(?:calls?|phone calls?|conversations?|meetings?|talks|summits?|bilaterals?)(?!\s+(?:for|upon)\b)`;
/** ANY_CASE_NAME, as few words as will do: the words after it decide where it ends. */
const FEWEST_WORDS_NAME = ANY_CASE_NAME.replace('{0,2})', '{0,2}?)');
/** A name followed by what may end it: a preposition of the subject, or the end of the question. */
const NAME_THEN_SUBJECT = String.raw`${FEWEST_WORDS_NAME}(?=\s+(?:on|about|regarding|concerning|over|for|in|during)\b|[\s?.,;:]*$)`;
/**
 * People as the parties to a conversation: the pattern, the captures holding their names (all must
 * take part), the capture of one of them who is the speaker too ("what did X tell Y": X speaks,
 * to Y), and the capture holding a conversation noun, kept where it names a kind (KINDS: "phone
 * call", "meetings"); "call" or "talks" alone would only be a word most of the readouts lack.
 * Two-name patterns come first: "Biden's call with Xi" is both, not Biden's calls.
 */
const PARTICIPANT_PATTERNS: Array<{ re: RegExp; names: number[]; speaker?: number; keep?: number }> = [
  // "calls between Biden and Zelenskyy about weapons", "the meeting between Putin and Erdogan"
  {
    re: new RegExp(
      String.raw`\bbetween\s+${FEWEST_WORDS_NAME}\s+and\s+${FEWEST_WORDS_NAME}(?=\s+(?:on|about|regarding|concerning|over)\b|[\s?.,;:]*$)`,
      'u',
    ),
    names: [1, 2],
  },
  // "What did Biden and Xi discuss about Taiwan", "what have putin and macron said on Ukraine",
  // "Did Biden and Putin talk about cyberattacks?", "When did Xi and Putin agree on"
  {
    re: new RegExp(
      String.raw`^\s*(?:(?:[Ww]hat|[Hh]ow|[Ww]hen|[Ww]hy)\s+)?(?:[Dd]id|[Dd]o|[Hh]ave|[Hh]as)\s+${ANY_CASE_NAME}\s+and\s+${ANY_CASE_NAME}\s+(?:${SAY}|talk|talked|speak|spoke|agree|agreed|mention|mentioned|raise|raised)\b(?:\s+(?:about|on|of|regarding|over)\b)?`,
      'u',
    ),
    names: [1, 2],
  },
  // "What did Zelenskyy tell Biden about tanks", "what did Putin say to Macron", "What did Zelenskyy ask Biden for"
  {
    re: new RegExp(
      String.raw`^\s*[Ww]hat\s+(?:did|has|have|does)\s+(?:the\s+)?${ANY_CASE_NAME}\s+(?:tell|told|ask|asked|urge|urged|promise|promised|offer|offered|assure|assured|(?:say|said|propose|proposed|write|wrote)\s+to)\s+(?:the\s+)?${NAME_THEN_SUBJECT}(?:\s+(?:about|on|regarding|concerning|over|for)\b)?`,
      'u',
    ),
    names: [2],
    speaker: 1,
  },
  // "When did Zelensky last speak with Macron?", "Did Putin meet Erdogan in 2022?", "Biden spoke to Xi about"
  {
    re: new RegExp(
      String.raw`\b${NAME}\s+(?:last\s+|first\s+)?(?:speak|spoke|spoken|speaks|talk|talks|talked|meet|meets|met)\s+(?:with\s+|to\s+)?(?:the\s+)?${NAME}`,
      'u',
    ),
    names: [1, 2],
  },
  // "Scholz and Putin on gas", "Biden and Xi about Taiwan"
  { re: new RegExp(String.raw`^\s*${NAME}\s+and\s+${NAME}\s+(?:on|about|regarding|concerning)\b`, 'u'), names: [1, 2] },
  // "Biden's call with Xi", "Putin's talks with Macron on Ukraine", "Blinken meeting with Lavrov"
  { re: new RegExp(String.raw`\b${NAME}(?:['’]s)?\s+(${CONVERSATION})\s+with\s+${NAME}`, 'u'), names: [1, 3], keep: 2 },
  // "the Biden-Xi call", "Putin–Macron talks"
  {
    re: new RegExp(String.raw`\b(\p{Lu}[\p{L}'’.]+)\s*[-–—/]\s*(\p{Lu}[\p{L}'’.]+)\s+(${CONVERSATION})\b`, 'u'),
    names: [1, 2],
    keep: 3,
  },
  // One party: "meetings with Zelenskyy about air defense", "calls with the Chancellor"
  { re: new RegExp(String.raw`\b(${CONVERSATION})\s+with\s+(?:the\s+)?${NAME}`, 'u'), names: [2], keep: 1 },
  // "Biden's phone calls about Ukraine", "Putin's meetings in 2021"
  { re: new RegExp(String.raw`\b${NAME}['’]s\s+(${CONVERSATION})\b`, 'u'), names: [1], keep: 2 },
];

/** An office title right before a capitalised name: "Secretary of State Blinken", "National Security Advisor Sullivan". */
const TITLE_BEFORE_NAME = new RegExp(
  String.raw`\b(?:(?:the|U\.S\.|US)\s+)?(?:Acting\s+)?(?:${PARTICIPANT_ROLES.join('|')})\s+(?=\p{Lu}[\p{L}'’.-]+)`,
  'gu',
);

type Kind = NonNullable<Interpretation['kind']>;
/** Kinds named as what to find, and the readout kinds each finds: "calls" are phone and video calls, "phone calls" phone calls. */
const KINDS: Array<[RegExp, Kind, Kind[]]> = [
  [
    /\b(?:video\s*calls?|video\s*conferences?|videoconferences?|virtual meetings?|video\s*links?)\b/i,
    'video_call',
    ['video_call'],
  ],
  [/\b(?:phone|telephone)\s+calls?\b|\btelephone conversations?\b/i, 'call', ['call']],
  // Not "calls for more sanctions", "calls upon": demands, not phone calls ("calls on X" stays a kind:
  // more often phone calls on a subject than demands made of someone).
  [/\bcalls\b(?!\s+(?:for|upon)\b)/i, 'call', ['call', 'video_call']],
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

/** A country typed where a speaker's name would be ("China", "Russia's"), when someone in the index speaks for it. */
function countrySpeaking(typed: string, options: InterpretOptions): string | null {
  const name = typed.replace(/['’]s$/u, '');
  const country = publisherNamed(name) ? null : polityOf(name);
  return country && options.isSpeaker(speakingFor(country)) ? country : null;
}

/** Each known person's surnames as the gazetteer spells them (the last word of the name and of each alias). */
const SURNAMES: Array<[string, KnownPerson]> = PEOPLE.flatMap((p) =>
  [...new Set([p.name, ...p.aliases].map((n) => nameKey(n).split(' ').at(-1)!))].map((s): [string, KnownPerson] => [
    s,
    p,
  ]),
);

/**
 * The known person a name typed in a question refers to, more loosely than the parser's
 * findPerson: its last word as some spelling of one person's surname ("Lukashenka"), else one edit
 * away from only one person's surnames, for words of six letters or more (two edits from nine:
 * "Zelenski", "Erdogen"). Transliterations vary more than the gazetteer can list. A word the topic
 * vocabulary knows is a subject, not a misspelt name ("Hamas" is one edit from "Hamad", "wages"
 * from "Wales"), and shorter words are too often one edit from a name.
 */
function personTyped(typed: string): KnownPerson | null {
  const last = nameKey(typed).split(' ').at(-1) ?? '';
  if (last.length < 3 || topicVocabulary.resolve(typed) || topicVocabulary.resolve(last)) return null;
  const one = (ps: KnownPerson[]) => (ps.length && ps.every((p) => p.id === ps[0]!.id) ? ps[0]! : null);
  const same = one(SURNAMES.filter(([s]) => s === last).map(([, p]) => p));
  if (same || last.length < 6) return same;
  const max = last.length >= 9 ? 2 : 1;
  return one(SURNAMES.filter(([s]) => s[0] === last[0] && editDistance(s, last, max) <= max).map(([, p]) => p));
}

/**
 * The speaker filter for a name as typed: the index's own form, else the gazetteer's ("Zelensky" →
 * zelenskyy). A country or a publisher is no person, whatever words some participant's name shares
 * with it ("United States" is not whoever is called "States"): see countrySpeaking and
 * PUBLISHER_PATTERNS.
 */
function speakerFor(typed: string, options: InterpretOptions): string | null {
  const name = typed.replace(/['’]s$/u, '');
  if (polityOf(name) || publisherNamed(name)) return null;
  const words = name.split(/\s+/);
  for (const n of [name, words.at(-1)!]) {
    if (options.isSpeaker(n)) return n;
    const known = findPerson(n);
    if (known && options.isSpeaker(known.id)) return known.id;
  }
  const typedAs = personTyped(name);
  return typedAs && options.isSpeaker(typedAs.id) ? typedAs.id : null;
}

export function interpretQuery(q: string, options: InterpretOptions): Interpretation {
  const period = periodIn(q, options.today);
  let rest = period.rest;
  const { from, to } = period;
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
  // A speaker is looked for with the titles before names taken out ("Secretary of State Blinken" is
  // "Blinken"); if none is found, the words stay as typed.
  let untitled = rest.replace(TITLE_BEFORE_NAME, '');
  // The parties to a conversation first: "what did Biden and Xi discuss" names no one speaker.
  let participants: string[] = [];
  for (const { re, names, speaker: speaking, keep } of PARTICIPANT_PATTERNS) {
    const m = re.exec(untitled);
    if (!m) continue;
    const found = names.map((i) => speakerFor(m[i]!, options));
    const who = speaking ? speakerFor(m[speaking]!, options) : null;
    // Every name a person the index knows, and no one twice.
    const people = speaking ? [...found, who] : found;
    if (people.some((f) => !f) || new Set(people).size < people.length) continue;
    participants = found as string[];
    speaker = who;
    const noun = keep ? m[keep]! : '';
    rest = untitled = without(untitled, m, KINDS.some(([kindRe]) => kindRe.test(noun)) ? noun : undefined);
    break;
  }
  let speakerCountry: string | null = null;
  for (const re of participants.length ? [] : SPEAKER_PATTERNS) {
    const m = re.exec(untitled);
    if (!m) continue;
    // Try the longest name first ("Joe Biden"), then its last word ("Biden"); through the gazetteer
    // too; then a country in the speaker's place.
    const candidate = speakerFor(m[1]!, options);
    speakerCountry = candidate ? null : countrySpeaking(m[1]!, options);
    if (!candidate && !speakerCountry) continue;
    speaker = candidate;
    rest = without(untitled, m);
    break;
  }
  let publisher: string | null = null;
  for (const re of PUBLISHER_PATTERNS) {
    const m = re.exec(rest);
    const name = m ? publisherNamed(m[1]!) : null;
    if (!m || !name) continue;
    publisher = name;
    rest = without(rest, m);
    break;
  }
  let kind: Interpretation['kind'] = null;
  let kinds: Kind[] = [];
  for (const [re, k, found] of KINDS) {
    const m = re.exec(rest);
    if (!m) continue;
    kind = k;
    kinds = found;
    rest = without(rest, m);
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
  return { speaker, speakerCountry, participants, from, to, kind, kinds, publisher, topics, countries, terms };
}

/**
 * Speaker attribution: which participant's statement, position or action each sentence reports.
 * Rules, in order: transcript turns; embedded attributions (", Xi said,"); the sentence subject
 * (a participant alias, a pronoun, or a joint subject such as "The two sides"); quotations take
 * the speaker named around them; unmarked sentences continue the current speaker.
 */
import type { Participant, Speaker } from './types.ts';
import type { Span } from './sentences.ts';
import {
  ARGUMENT_CONNECTIVES,
  EMBEDDED_REPORTING_VERBS,
  INTRO_OPENERS,
  JOINT_GROUP_NOUNS,
  LOGISTICS_VERBS,
  PEOPLE_GROUP_PLURALS,
  PERSON_TITLE_LAST_WORDS,
  SPEECH_ADVERBS,
  TIME_ADVERBS,
  TITLE_START_WORDS,
} from './lexicon.ts';
import { isRoleOrOrgWord, personRuns, SPEECH_VERBS } from './participants.ts';
import { isLetterAt } from './char-codes.ts';
import { polityOf } from './countries.ts';
import { ParseBudget } from './parse-budget.ts';
import type { AttributionRule } from './attribution-rules.ts';

const INTRO = String.raw`(?:(?:(?:${INTRO_OPENERS.join('|')})\b[^,;]{0,140},\s*)*)`;
/** "the President", "the Prime Minister of Slovakia": a second participant named by office. */
const OFFICE_BY_TITLE_RE =
  /^the\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2}(?:\s+of\s+(?:the\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})?$/u;

const FIRST_PERSON_PLURAL_RE = /\b(?:we|our|us)\b/i;
/** "The two countries", "both nations": a joint subject of countries (JOINT_SUBJECT holds sides and parties). */
const BOTH_COUNTRIES_SUBJECT_RE = /^(?:the|both)\s+(?:two\s+)?(?:countries|nations|states)\b/i;
/** After a joint subject: what both should do ("The two sides should ...") is someone's proposal. */
const JOINT_OBLIGATION_RE = /^\s+(?:also\s+)?(?:should|must|need\s+to|ought\s+to)\b/i;

/** Whether a role holds a title as a whole word: "Prime Minister" holds "prime minister", "Presidential Aide" not "president". */
const TITLE_RES = new Map<string, RegExp>();
function holdsTitle(role: string | null, title: string): boolean {
  const key = title.toLowerCase();
  let re = TITLE_RES.get(key);
  if (!re) TITLE_RES.set(key, (re = new RegExp(`\\b${key}\\b`, 'i')));
  return re.test(role ?? '');
}

/** " of Iran", " of the United States" after a title. */
const OF_POLITY_RE = /^\s+of\s+((?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})/u;

/** A whole sentence in parentheses: "(Applause.)", "(Inaudible)". */
const STAGE_DIRECTION_RE = /^\([^()]{1,80}\)[.!]?$/;

const ADVERB = String.raw`(?:(?:${SPEECH_ADVERBS.join('|')}),?\s+)*`;
const JOINT_SUBJECT = String.raw`(?:(?:the|both|all)\s+(?:two\s+|three\s+|four\s+)?(?:${JOINT_GROUP_NOUNS.join('|')})|the\s+(?:meeting|roundtable|conference|summit|call|session)\s+participants|(?:the\s+)?\p{L}+\s+and\s+\p{L}+\s+(?:sides|parties|leaders)|(?:[a-z-]+\s+)?leaders|both(?:\s+of\s+them)?|they|together,? they|the two|we|participants|attendees|(?:senior\s+)?(?:administration\s+)?officials|(?:the\s+)?(?:interagency\s+)?working group|the group)`;
const JOINT_PASSIVE =
  /\b(?:(?:the\s+)?(?:meeting|call|talks|conversation|discussion)\s+(?:also\s+)?(?:reviewed|explored|dealt with|touched on)\b|mutual\s+(?:interest|readiness|understanding|intention|desire|commitment)|(?:discussion|conversation|talks|meeting|call)\s+(?:focused|centred|centered)|(?:main\s+)?(?:subject|topic|issue)s?\s+discussed|(?:was|were|has been|have been|had been|will be)\s+(?:also\s+|further\s+|thoroughly\s+|additionally\s+)?(?:discussed|considered|touched upon|addressed|reviewed|exchanged|adopted|signed|noted|emphasi[sz]ed|stressed|agreed|coordinated|confirmed|placed|paid|made)|took place|exchange of (?:views|opinions|assessments)|attention was (?:paid|given)|agenda included|(?:conversation|talks|call|meeting|discussion)s?\s+(?:also\s+)?(?:focused|centred|centered|covered|touched)|(?:key|main|central|principal)\s+(?:topic|subject|issue|theme)s?\s+of\s+the\s+(?:conversation|talks|call|meeting|discussion)|views were|it was agreed|an agreement was reached|the parties|the sides|both sides)\b/i;
const PURPOSE_JOINT =
  /\bto\s+(?:discuss|review|exchange|consult|coordinate|continue|strengthen|advance|deepen|build on|take stock)\b/i;
/** "spoke with Y about Z": what they talked about, both (unless an own purpose comes first). */
const ABOUT_JOINT = /\b(?:spoke|talked|met)\b[^.;]{0,160}\babout\s/i;
/** "was informed about", "was updated on", "were briefed on": the subject listens. */
const INFORMED_PASSIVE_RE =
  /^(?:was|were|has been|had been)\s+(?:also\s+|further\s+)?(?:informed|updated|briefed|told)\b/i;
/** "spoke with Y today, and expressed her commitment ...": a second predicate that reports the subject. */
const OWN_SECOND_PREDICATE_RE =
  /^(?:[^.;]|(?<=\b(?:Jr|Sr|[A-Z]))\.){0,160}(?:,\s+|\s+)and\s+(?:also\s+)?(?:expressed|conveyed|reaffirmed|underscored|emphasi[sz]ed|stressed|offered|thanked|congratulated|welcomed|highlighted|noted|affirmed|pledged)\b/i;
const PURPOSE_OWN =
  /\bto\s+(?:congratulate|thank|express|offer|convey|extend|reaffirm|underscore|wish|condole|invite)\b/i;
const EVENT_VERB =
  /^(?:(?:met|meet|gathered|convened)\b|(?:spoke|talked)\s+(?:by (?:tele)?phone\s+)?to\b|(?:held|had|spoke|talked|met|hosted|received|chaired|convened|was|were|is|will)\b(?:(?!\b(?:said|noted|stressed)\b).){0,80}\b(?:with|by phone|telephone|conversation|call|talks|meeting|visit|forum|roundtable|summit|session|reception|dinner)\b)/i;

/** Rules that can make a participant the reporter of the rest of the paragraph (with a REPORT_CUE). */
const REPORTING_RULES: ReadonlySet<AttributionRule> = new Set([
  'embedded-attribution',
  'inverted-or-according-to',
  'subject',
  'generic-title',
  'pronoun',
  'for-his-part',
]);

/** A verb of reporting: what sets a reporter for the rest of the paragraph. */
const REPORT_CUE_RE =
  /\b(?:said|says|reported|informed|explained|told|stated|briefed|according to|added|noted|pointed out|emphasi[sz]ed|stressed)\b/i;
/** A sentence with its own reporting verb (or its own pronoun subject) is not the reporter's continuation. */
const OWN_VOICE_RE =
  /^(?:[^,]{0,60},\s*)?(?:he|she)\b|\b(?:said|says|announced|reported|stated|noted|told|declared|introduced)\b/i;
/** The event itself as the subject ("The talks lasted an hour"): narration, not anyone's report. */
const EVENT_SUBJECT_RE =
  /^(?:the\s+)?(?:talks|conversation|meeting|call|visit|discussion|negotiations|session|event)\b/i;
/** "Secretary of the Council Ivan Petrov proposed ...", "Baku and Yerevan confirmed ...": someone else acts. */
const NAMED_SUBJECT_RE =
  /^(?:\p{Lu}[\p{L}'’.-]*|of|the|and|for)(?:\s+(?:\p{Lu}[\p{L}'’.-]*|of|the|and|for)){1,12}\s+(?:also\s+)?\p{Ll}+ed\b/u;

// Compiled once: attribution runs for every sentence of every readout.
const INTRO_RE = new RegExp(`^${INTRO}`, 'u');
/** The same after the quotation mark that opens a paragraph of a spokesperson's statement. */
const QUOTED_INTRO_RE = new RegExp(`^["“]\\s*${INTRO}`, 'u');
/**
 * A line that hands over to a spokesperson's or office's statement: 'A Downing Street spokesperson
 * said:', 'The Chancellor's office said in a statement:'. What follows in quotation marks is the
 * publisher's account (its subjects speak), not the words of one participant.
 */
const STATEMENT_INTRO_RE =
  /\b(?:spokesperson|spokesman|spokeswoman|spokespeople|press secretary|press office|statement|readout)\b[^:]{0,60}:\s*$/i;
const EMBEDDED_VERBS = `(?:${EMBEDDED_REPORTING_VERBS.join('|')})`;
const EMBEDDED_RE = new RegExp(
  String.raw`,["”]?\s*(?:as\s+)?([^,;"“”]{1,60}?)\s+(?:also\s+)?${EMBEDDED_VERBS}(?:\s+that)?\s*(?:[,.;:]|$)`,
  'gu',
);
/** Cheap necessary condition for EMBEDDED_RE, which tries 60 lengths of subject after every comma. */
const EMBEDDED_VERB_RE = new RegExp(String.raw`\b${EMBEDDED_VERBS}\b`);
const SUBJECT_NP_RE = new RegExp(String.raw`^(.{0,160}?)\s+(?:also\s+|further\s+)?(?:${SPEECH_VERBS})\b`, 'u');
const JOINT_SUBJECT_RE = new RegExp(String.raw`^${JOINT_SUBJECT}\b`, 'iu');
const VERB_AFTER_SUBJECT_RE = new RegExp(String.raw`^,?\s+${ADVERB}(\p{Ll}[\p{L}-]*)`, 'u');
/** "That is why ...", "It is for this reason that ...": the current speaker's argument goes on. */
const ARGUMENT_CONNECTIVE_RE = new RegExp(String.raw`^(?:${ARGUMENT_CONNECTIVES.join('|')})\b`, 'i');

/** A subject of plural people nouns, with a few words before each ("State legislators, advocates, and students shared"). */
const GROUP_NOUN = String.raw`(?:[\p{L}-]+\s+){0,3}(?:${PEOPLE_GROUP_PLURALS.join('|')})`;
const GROUP_SUBJECT_RE = new RegExp(
  String.raw`^${GROUP_NOUN}(?:(?:,\s*(?:and\s+)?|\s+and\s+)${GROUP_NOUN}){0,6}\s+${ADVERB}(?:${SPEECH_VERBS}|shared|spoke)\b`,
  'iu',
);

/** Travel and schedule after a named subject: logistics (LOGISTICS_VERBS). */
const LOGISTICS_RE = new RegExp(
  String.raw`^(?:also\s+)?(?:(?:is|are|was|were)\s+(?:also\s+)?)?(?:${LOGISTICS_VERBS.join('|')})\b`,
  'i',
);

/** "today", "this morning" before a verb: the verb decides. */
const TIME_ADVERB_RE = new RegExp(String.raw`^(?:${TIME_ADVERBS.join('|')}),?\s+`, 'i');

const TITLE_START = new Set<string>(TITLE_START_WORDS);

/** "The Secretary-General expressed ...": one person's capitalised title as the subject of a speech verb. */
const PERSON_TITLE_LAST = new Set<string>(PERSON_TITLE_LAST_WORDS);
const TITLED_OUTSIDER_SPEAKS_RE = new RegExp(
  String.raw`^[Tt]he\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})\s+${ADVERB}(?:${SPEECH_VERBS})\b`,
  'u',
);
const GENERIC_TITLE_SPEAKS_RE = new RegExp(String.raw`^the\s+\S+(?:\s+\S+)?\s+${ADVERB}(?:${SPEECH_VERBS})\b`, 'iu');
const SECOND_CLAUSE_RE = new RegExp(
  String.raw`,\s+(?:and|while)\s+(?:the\s+)?([^,;]{2,60}?)\s+(?:also\s+)?(?:was pleased|${SPEECH_VERBS})\b`,
  'u',
);

export interface AttributionContext {
  participants: Participant[];
  /** The publisher's own country: "the President" defaults to its leader. */
  publisherCountry: string | null;
  /**
   * Who speaks when nothing else says so: 'joint' in a joint statement, the author of a
   * single-author statement or address. @default null (narration)
   */
  defaultSpeaker?: Speaker;
  /**
   * How the publisher's texts name its principal's office ("the Prime Minister" at Downing Street,
   * publishers.json): that bare title is the publisher's own leader even when a counterpart holds
   * the same title. @default [] (unknown publisher)
   */
  principalOffices?: readonly string[];
  /** Checked every 64 sentences. @default ParseBudget.unlimited */
  budget?: ParseBudget;
}

/**
 * Aliases are matched as plain strings (no per-document regex compilation: that dominated the
 * parse time). Names are case-sensitive; "the President", "his Russian counterpart" are not, and
 * take any of the/his/her.
 */
interface AliasRe {
  id: string;
  forms: string[];
  caseless: boolean;
}
/** Aliases longest first (`all`), and the same bucketed by the first letter of their forms, lower case. */
interface AliasTable {
  all: AliasRe[];
  byFirst: Map<string, AliasRe[]>;
}

const startsWithDeterminer = /^(?:the|his|her)\s/i;

function aliasPatterns(participants: Participant[]): AliasTable {
  const list: Array<{ id: string; alias: string }> = [];
  const seen = new Set<string>();
  for (const p of participants)
    for (const a of p.aliases)
      if (!seen.has(a)) {
        seen.add(a);
        list.push({ id: p.id, alias: a });
      }
  const all: AliasRe[] = [];
  const byFirst = new Map<string, AliasRe[]>();
  const into = (key: string, a: AliasRe) => {
    const l = byFirst.get(key);
    if (l) l.push(a);
    else byFirst.set(key, [a]);
  };
  for (const { id, alias } of longestFirst(list)) {
    if (!startsWithDeterminer.test(alias)) {
      const a = { id, forms: [alias], caseless: false };
      all.push(a);
      into(alias[0]!.toLowerCase(), a);
      continue;
    }
    const body = alias.slice(3).trimStart().toLowerCase(); // after the/his/her
    const a = { id, forms: [`the ${body}`, `his ${body}`, `her ${body}`], caseless: true };
    all.push(a);
    into('t', a);
    into('h', a);
  }
  return { all, byFirst };
}

/**
 * Longest first, so "President of Russia Vladimir Putin" wins over "Putin"; equal lengths keep their
 * order. Grouped by length rather than sorted: a comparator sort of every alias was the costliest line here.
 */
function longestFirst<T extends { alias: string }>(list: T[]): T[] {
  const byLength: T[][] = [];
  for (const x of list) (byLength[x.alias.length] ??= []).push(x);
  const out: T[] = [];
  for (let n = byLength.length - 1; n >= 0; n--) {
    const group = byLength[n];
    if (group) for (const x of group) out.push(x);
  }
  return out;
}

function matchAliasAt(text: string, aliases: AliasTable): { id: string; len: number } | null {
  let lower: string | null = null;
  for (const a of aliases.byFirst.get((text[0] ?? '').toLowerCase()) ?? []) {
    for (const form of a.forms) {
      const hay = a.caseless ? (lower ??= text.slice(0, 200).toLowerCase()) : text;
      if (!hay.startsWith(form) || isLetterAt(text, form.length)) continue;
      const suffix = /^,?\s+(?:Jr|Sr)\.?(?=[\s,])/.exec(text.slice(form.length)); // "Biden, Jr."
      return { id: a.id, len: form.length + (suffix?.[0].length ?? 0) };
    }
  }
  return null;
}

function includesWord(hay: string, needle: string): boolean {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    if (!isLetterAt(hay, i - 1) && !isLetterAt(hay, i + needle.length)) return true;
  }
  return false;
}

/**
 * "Centers for Medicare and Medicaid Services Administrator Chiquita Brooks-LaSure": the subject
 * ends in a participant's full name right after an office word, so its "and" is inside the
 * organisation's name, not between two people.
 */
function titledNameAtEnd(np: string, participants: Participant[]): boolean {
  const p = participants.find((q) => {
    const name = q.name.replace(/,?\s+Jr\.?$/, '');
    return name.includes(' ') && np.endsWith(name);
  });
  if (!p) return false;
  const title = np.slice(0, np.length - p.name.replace(/,?\s+Jr\.?$/, '').length).trimEnd();
  if (!isRoleOrOrgWord(title.split(/\s+/).at(-1) ?? '')) return false;
  // Every "and" joins two words of a name: capitalised on both sides, no title or pronoun after
  // it ("and Vice President ...", "and his adviser ...") and no participant's name before it.
  const names = new Set(participants.flatMap((q) => q.name.split(/\s+/)));
  for (const m of title.matchAll(/(\S+)\s+and\s+(\S+)/g)) {
    const [, left, right] = m as unknown as [string, string, string];
    if (!/^\p{Lu}/u.test(right) || TITLE_START.has(right) || names.has(left)) return false;
    // "... Alexander Shokhin and Energy Minister ...": a person ends where the "and" starts.
    const upTo = title.slice(0, m.index! + left.length);
    if (personRuns(upTo).some((r) => r.end === upTo.length)) return false;
  }
  return true;
}

/** The participant a noun phrase names by name (not by title), if exactly one. */
function namedIn(np: string, participants: Participant[]): string | null {
  const found = participants.filter((p) => {
    const last = p.name
      .replace(/,?\s+Jr\.?$/, '')
      .split(/\s+/)
      .at(-1)!;
    const i = np.indexOf(last);
    return i >= 0 && !/\p{L}/u.test(np[i - 1] ?? '') && !/\p{L}/u.test(np[i + last.length] ?? '');
  });
  return found.length === 1 ? found[0]!.id : null;
}

/**
 * Up to three capitalised words, "and", up to three more, then a lower-case word. Each word ends at
 * a space: with the space optional (as it once was) a run like "A'A'A'..." splits into words in
 * cubically many ways.
 */
const CAPITALISED_WORDS = String.raw`\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){0,2}`;
const BOTH_COUNTRIES_RE = new RegExp(String.raw`^(${CAPITALISED_WORDS})\s+and\s+(${CAPITALISED_WORDS})\s+\p{Ll}+`, 'u');

/** "Russia and Saudi Arabia will continue ...": the participants' two countries as the subject. */
function bothCountries(rest: string, participants: Participant[]): boolean {
  const m = BOTH_COUNTRIES_RE.exec(rest);
  if (!m) return false;
  const countries = new Set(participants.map((p) => p.country).filter(Boolean));
  return countries.size >= 2 && countries.has(polityOf(m[1]!.trim())) && countries.has(polityOf(m[2]!.trim()));
}

/** Every participant named anywhere in the text. */
function mentioned(text: string, aliases: AliasTable): Set<string> {
  const ids = new Set<string>();
  const lower = text.toLowerCase();
  for (const a of aliases.all) {
    if (ids.has(a.id)) continue;
    if (a.forms.some((f) => includesWord(a.caseless ? lower : text, f))) ids.add(a.id);
  }
  return ids;
}

/** A sentence's speaker and the name of the rule (ATTRIBUTION_RULES) that decided it. */
export interface Attribution {
  speaker: Speaker;
  rule: AttributionRule;
  /** The words that decided the rule, as offsets into the record's text (sentence offsets' frame). */
  cue?: { start: number; end: number };
}

export function attributeSpeakers(spans: Span[], ctx: AttributionContext): Attribution[] {
  const { participants } = ctx;
  const aliases = aliasPatterns(participants);
  const ids = new Set(participants.map((p) => p.id));
  const principalOffices = new Set((ctx.principalOffices ?? []).map((o) => o.toLowerCase()));
  // "The President" of a readout is its publisher's leader; unknown publisher: the participant who
  // opens its first sentence ("Prime Minister X spoke with Prime Minister Y": a readout is written
  // from its own leader's side), else the first president named.
  const opener = spans[0]
    ? matchAliasAt(spans[0].text.slice(INTRO_RE.exec(spans[0].text)?.[0].length ?? 0), aliases)
    : null;
  const own =
    participants.find((p) => p.country && p.country === ctx.publisherCountry)?.id ??
    (ctx.publisherCountry ? null : opener?.id) ??
    participants.find((p) => /^president$/i.test(p.role ?? ''))?.id ??
    null;
  const out: Speaker[] = new Array(spans.length).fill(null);
  const rules: AttributionRule[] = new Array(spans.length).fill('narration');
  const explicit: boolean[] = new Array(spans.length).fill(false);

  // Quotations that a spokesperson's line hands over to (see STATEMENT_INTRO_RE).
  const statementQuote = new Set<number>();
  spans.forEach((s, i) => {
    if (
      s.quote !== undefined &&
      i > 0 &&
      spans[i - 1]!.quote !== s.quote &&
      STATEMENT_INTRO_RE.test(spans[i - 1]!.text)
    )
      statementQuote.add(s.quote);
  });

  let focus: Speaker = null; // the current speaker, for pronouns and continuation
  let lastSingle: string | null = null; // the last single participant who spoke
  let turnSpeaker: Speaker = null;
  let reporter: string | null = null; // who reports in the current paragraph, by an explicit cue

  let afterOutsider = false; // the last subject was a person who is not a participant
  const pronoun = (word: string): Speaker => {
    if (/^they$/i.test(word)) return 'joint';
    if (afterOutsider) return null;
    return lastSingle ?? (participants.length === 1 ? participants[0]!.id : null);
  };
  const resolveHisPart = (named: string | null): string | null => {
    if (named) return named;
    // "For his part, ..." with no name: the other side of a two-party conversation.
    if (participants.length === 2 && lastSingle) return participants.find((p) => p.id !== lastSingle)!.id;
    return null;
  };

  const budget = ctx.budget ?? ParseBudget.unlimited;
  const authorOnly = !!ctx.defaultSpeaker && ctx.defaultSpeaker !== 'joint';
  for (let i = 0; i < spans.length; i++) {
    if ((i & 63) === 63) budget.check('attribution');
    const span = spans[i]!;
    const text = span.text;
    if (span.opensParagraph) reporter = null;
    let speaker: Speaker | undefined;
    let rule: AttributionRule = 'narration';
    // The subject is a person who is not a participant ("The Prime Minister" when no participant
    // is one): a "he" after it is them, not the last participant who spoke.
    let outsider = false;

    // 1. Transcript turn: "President of Russia Vladimir Putin: ..."
    if (span.turn) {
      const who = mentioned(span.turn, aliases);
      turnSpeaker =
        who.size === 1
          ? [...who][0]!
          : who.size > 1
            ? ([...who].find((id) => span.turn!.includes(participants.find((p) => p.id === id)!.name)) ?? [...who][0]!)
            : null;
      speaker = turnSpeaker;
      if (turnSpeaker) lastSingle = turnSpeaker;
      out[i] = speaker;
      explicit[i] = true;
      focus = speaker;
      rules[i] = 'transcript-turn';
      continue;
    }
    // A stage direction in a transcript ("(Applause.)", "(A minute of silence.)") is nobody's words
    // and does not end the current turn.
    if (STAGE_DIRECTION_RE.test(text)) {
      out[i] = null;
      rules[i] = 'stage-direction';
      continue;
    }
    if (turnSpeaker !== null) {
      out[i] = turnSpeaker;
      rules[i] = 'transcript-turn';
      continue;
    }

    // 2. Embedded attribution: "..., Xi said, noting that ..." / "Russia, he added, is ..."
    if (EMBEDDED_VERB_RE.test(text))
      for (const m of text.matchAll(EMBEDDED_RE)) {
        const subj = m[1]!.trim();
        // A generic title ("the president said") continues the current speaker when there is one.
        if (/^the\s+(?:president|prime minister|chancellor|leader)$/i.test(subj) && focus && focus !== 'joint') {
          speaker = focus;
          break;
        }
        const hit = matchAliasAt(subj, aliases);
        if (hit && hit.len === subj.length) {
          speaker = hit.id;
          break;
        }
        if (/^(?:he|she)$/i.test(subj)) {
          speaker = pronoun(subj);
          break;
        }
        if (/^the\s+(?:president|prime minister|chancellor|leader)$/i.test(subj)) {
          speaker = focus && focus !== 'joint' ? focus : own;
          break;
        }
      }

    if (speaker !== undefined) rule = 'embedded-attribution';

    // 2b. Inverted and "according to" attributions: '..." said Volodymyr Zelenskyy.' / 'According to X, ...'
    if (speaker === undefined) {
      const inverted =
        /(?:,["”]?|["”])\s*(?:said|added|noted|stressed|emphasi[sz]ed|continued|stated)\s+(?:the\s+)?([^,.;]{2,80}?)\s*(?:[,.;]|$)/u.exec(
          text,
        );
      const according = /^(?:According to|In the words of)\s+(?:the\s+)?([^,]{2,80}),/u.exec(text);
      for (const m of [inverted, according]) {
        if (!m) continue;
        const who = m[1]!.trim();
        const hit = matchAliasAt(who, aliases) ?? matchAliasAt(`the ${who}`, aliases);
        if (hit) {
          speaker = hit.id;
          break;
        }
        if (/^(?:president|prime minister|chancellor|head of state)$/i.test(who)) {
          speaker = focus && focus !== 'joint' ? focus : own;
          break;
        }
        if (/^(?:him|her)$/i.test(who)) {
          speaker = pronoun('he');
          break;
        }
      }
      if (speaker !== undefined) rule = 'inverted-or-according-to';
    }

    // 3. Sentence subject after any introductory clauses.
    if (speaker === undefined) {
      const hisPart = /^For (?:his|her) part,\s*/i.exec(text);
      const intro = (statementQuote.has(span.quote ?? -1) ? QUOTED_INTRO_RE : INTRO_RE).exec(text)?.[0] ?? '';
      const rest = text.slice(intro.length);
      const generic = /^the\s+(president|prime minister|chancellor|head of state|leader)\b/i.exec(rest);
      const genericTitle = generic && !/^leader$/i.test(generic[1]!) ? generic : null;
      const focusP: Participant | undefined =
        focus && focus !== 'joint' ? participants.find((p) => p.id === focus) : undefined;
      // "The President of Iran ...": the participant from that country, whoever spoke last.
      const ofCountry = generic ? OF_POLITY_RE.exec(rest.slice(generic[0].length)) : null;
      const titleCountry = ofCountry ? polityOf(ofCountry[1]!) : null;
      const fromThere = titleCountry ? participants.filter((p) => p.country === titleCountry) : [];
      const titled = fromThere.filter((p) => holdsTitle(p.role, generic![1]!));
      // "The President of the Commission": of a body, not a country — the participant whose office names it.
      const body = ofCountry && !titleCountry ? ofCountry[1]!.replace(/^the\s+/i, '').toLowerCase() : null;
      const ofBody = body
        ? participants.filter((p) => holdsTitle(p.role, generic![1]!) && !!p.role?.toLowerCase().includes(body))
        : [];
      const countryHit = fromThere.length > 1 ? titled : fromThere.length ? fromThere : ofBody;
      // "the president ..." is the current speaker when the title fits them, else the publisher's own leader;
      // but a publisher calls only its own leader by the bare title when both hold it ("The Prime Minister"
      // on Downing Street's site is never the Japanese prime minister who spoke last).
      const genericHit: boolean =
        !!generic &&
        !titleCountry &&
        !!focusP &&
        holdsTitle(focusP.role, generic[1]!) &&
        !(own && own !== focus && principalOffices.has(generic[0]!.toLowerCase()));
      let hit: { id: string; len: number } | null =
        countryHit.length === 1
          ? { id: countryHit[0]!.id, len: generic![0].length + ofCountry![0].length }
          : genericHit
            ? { id: focusP!.id, len: generic![0].length }
            : matchAliasAt(rest, aliases);
      // The subject noun phrase may name its speaker after a title: "The President of the American
      // Chamber of Commerce Andy Hunder stressed" / "McDonald's CEO in Ukraine Yuliya Badritdinova stressed".
      // (Only worth the costly pattern when no participant, or only a generic title, opens the sentence.)
      const np: string | undefined =
        !hit || /^the\s/i.test(rest.slice(0, hit.len)) ? SUBJECT_NP_RE.exec(rest)?.[1] : undefined;
      // "X and Y stressed" and "The Vice President and Prime Minister Y stressed" are two people;
      // "Founding Partner and CEO ... Ivan Petrov stressed" is one.
      if (
        np &&
        // (the pattern is costly on a long subject with no "and" in it: look for one first)
        (!/\sand\s/.test(np) ||
          titledNameAtEnd(np, participants) ||
          ![...np.matchAll(/([^,]*?)(\S+)\s+and\s/g)].some((m) => !isRoleOrOrgWord(m[2]!) || /^\s*the\s/i.test(m[1]!)))
      ) {
        const named = namedIn(np, participants);
        if (named && named !== hit?.id) hit = { id: named, len: np.length };
      }
      const joint = JOINT_SUBJECT_RE.exec(rest);
      if (hit) {
        let after: string = rest.slice(hit.len).replace(/^\.(?=\s)/, ''); // 'Biden, Jr. spoke'
        // "Prime Minister Vera Marena of Sylvania spoke ...": the country belongs to the subject.
        const of = OF_POLITY_RE.exec(after);
        if (of && polityOf(of[1]!)) after = after.slice(of[0].length);
        // "X and [NATO Secretary General] Y discussed": another participant named before the verb.
        const other =
          /^\s+and\s+((?:\p{Lu}[\p{L}'’.-]*|of|the)(?:\s+(?:\p{Lu}[\p{L}'’.-]*|of|the|de|von|der|bin|al)(?![\p{L}])){0,10})/u.exec(
            after,
          );
        const second = other ? [...mentioned(other[1]!, aliases)].find((id) => id !== hit.id) : undefined;
        if (/^\s+and\s+(?:the|his|her)\s+(?:delegation|team|officials|staff|colleagues)\b/i.test(after)) {
          speaker = hit.id;
          rule = 'subject-and-their-team';
        } // "Dr. Gordon and the delegation"
        else if (
          /^\s+and\s+(?:the\s+)?(?:\p{Ll}+\s+){0,2}(?:leaders|officials|participants|legislators|advocates|representatives|members|partners|counterparts|ministers|delegations|stakeholders|guests)\b/u.test(
            after,
          )
        ) {
          speaker = 'joint';
          rule = 'subject-and-others';
        } // "The Vice President and local leaders pledged"
        else if (
          second ||
          (other && /(?:^|\s)\p{Lu}[\p{L}'’.-]+\s+\p{Lu}[\p{L}'’-]+$/u.test(other[1]!)) ||
          // "The Deputy Secretary and Governor also discussed": another participant's title alone.
          (other &&
            /^\p{Lu}/u.test(other[1]!) &&
            participants.some((p) => p.id !== hit.id && holdsTitle(p.role, other[1]!))) ||
          (other && participants.length > 1 && OFFICE_BY_TITLE_RE.test(other[1]!))
        ) {
          // "X and Y met in Mudville today" is logistics, unless it says what for.
          const verbPart: string = after.slice(other![0].length).replace(/^[\s,]+/, '');
          speaker = i < 3 && EVENT_VERB.test(verbPart) && !PURPOSE_JOINT.test(verbPart) ? null : 'joint';
          rule = speaker === null ? 'opener-logistics' : 'x-and-y';
        } else if (/^(?:'s|’s)/.test(after)) speaker = undefined;
        else {
          const verb = VERB_AFTER_SUBJECT_RE.exec(after);
          const verbText: string = after.replace(/^,?\s+/, '').replace(TIME_ADVERB_RE, '');
          if (INFORMED_PASSIVE_RE.test(verbText)) {
            // "X was informed/updated/briefed about ...": the other side of a conversation speaks.
            speaker = participants.length === 2 ? participants.find((p) => p.id !== hit.id)!.id : null;
            rule = 'informed-passive';
          } else if (EVENT_VERB.test(verbText) && i < 3) {
            // "X spoke with Y" is logistics; "... to discuss Z" reports both; "... to congratulate Y" and
            // "..., and expressed ..." report X.
            speaker = PURPOSE_JOINT.test(verbText)
              ? 'joint'
              : PURPOSE_OWN.test(verbText) || OWN_SECOND_PREDICATE_RE.test(verbText)
                ? hit.id
                : ABOUT_JOINT.test(verbText)
                  ? 'joint'
                  : null;
            rule = speaker === 'joint' ? 'opener-purpose-joint' : speaker ? 'opener-own-purpose' : 'opener-logistics';
          } else if (LOGISTICS_RE.test(verbText)) {
            speaker = null; // "X arrived in Moscow", "X is expected to hold talks"
            rule = 'opener-logistics';
          } else if (verb) {
            speaker = hit.id;
            rule = genericHit ? 'generic-title' : 'subject';
          }
        }
      } else if (
        focus &&
        focus !== 'joint' &&
        !span.opensParagraph &&
        JOINT_OBLIGATION_RE.test(rest.slice((BOTH_COUNTRIES_SUBJECT_RE.exec(rest) ?? joint)?.[0].length ?? rest.length))
      ) {
        // "Wang Yi said ... The two sides should strengthen coordination": what both sides should do
        // is the speaker's proposal, within their paragraph, not something the two did together.
        speaker = focus;
        rule = 'speaker-continues';
      } else if (joint || bothCountries(rest, participants)) {
        // In a single-author text (an address, a statement) "we" is the author speaking.
        // So is "they": an address has no second party for it to join.
        speaker = authorOnly && joint && /^(?:we|together,? we|they)\b/i.test(joint[0]) ? ctx.defaultSpeaker! : 'joint';
        rule = speaker === 'joint' ? 'joint-subject' : 'author-we';
      } else if (/^(?:he|she)\b/i.test(rest)) {
        // "For his part, he ...": the other side of the conversation; otherwise the last speaker.
        speaker = hisPart ? resolveHisPart(null) : pronoun('he');
        rule = hisPart ? 'for-his-part' : 'pronoun';
      } else if (genericTitle && GENERIC_TITLE_SPEAKS_RE.test(rest)) {
        // The current speaker if the title fits them, else the publisher's own leader if it fits
        // them: "The Prime Minister" is never a president who happens to be the only one named.
        const fits = (id: Speaker) => {
          const p = id && id !== 'joint' ? participants.find((q) => q.id === id) : undefined;
          return !!p && (!p.role || /^head of state$/i.test(genericTitle[1]!) || holdsTitle(p.role, genericTitle[1]!));
        };
        speaker = fits(focus) ? focus : fits(own) ? own : null;
        rule = speaker ? 'generic-title' : 'narration';
        outsider = speaker === null;
      } else if (hisPart) {
        speaker = resolveHisPart(null);
        rule = 'for-his-part';
      } else if (participants.length >= 3 && GROUP_SUBJECT_RE.test(rest)) {
        // "Senators and House Members expressed ...", "State legislators, advocates and students shared ...":
        // in a meeting of several named people such groups are among them (with two, they are others).
        speaker = 'joint';
        rule = 'joint-subject';
      } else {
        const first =
          /^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})\s+(?:also\s+)?(?:said|noted|stressed|added|told|stated)\b/u.exec(
            rest,
          );
        // A named non-participant speaks ("Ambassador Dilbert said"), or one only titled ("The
        // Secretary-General expressed concern" when nobody taking part holds that title).
        const titledMatch = TITLED_OUTSIDER_SPEAKS_RE.exec(rest);
        const titled = titledMatch && PERSON_TITLE_LAST.has(titledMatch[1]!.split(/\s+/).at(-1)!) ? titledMatch : null;
        const holders = titled ? participants.filter((p) => holdsTitle(p.role, titled[1]!)) : [];
        // Only when every participant's office is known can a title name one of them, or none.
        const officesKnown = participants.every((p) => p.role);
        if (titled && officesKnown && holders.length === 1) {
          speaker = holders[0]!.id;
          rule = 'generic-title';
        } else if ((first && !ids.has(first[1]!.toLowerCase())) || (titled && officesKnown && !holders.length)) {
          speaker = null;
          rule = 'non-participant-speaks';
          outsider = true; // the "he" that follows is theirs
        }
      }
    }

    // "The two leaders discussed X, and the Vice President noted Y": the single speaker's clause wins.
    if (speaker === 'joint') {
      const clause = SECOND_CLAUSE_RE.exec(text);
      const hit = clause ? (matchAliasAt(clause[1]!, aliases) ?? matchAliasAt(`the ${clause[1]}`, aliases)) : null;
      if (hit) {
        speaker = hit.id;
        rule = 'single-speaker-clause';
      }
    }

    const isListItem = text.length < 200 && !/[.!?…]["”]?$/.test(text);
    if (speaker !== undefined) {
      explicit[i] = true;
    } else if (JOINT_PASSIVE.test(text) && !/\b(?:he|she)\b/i.test(text)) {
      // In an address there is nobody to share a passive with: it is the author's account.
      speaker = authorOnly ? ctx.defaultSpeaker! : 'joint';
      rule = authorOnly ? 'single-author' : 'joint-passive';
      explicit[i] = true;
    } else if (isListItem) {
      speaker = null;
      rule = 'list-item';
    } else if (
      /\b(?:convened|hosted|gathered)\b[^.]*\bto\s+(?:discuss|review|exchange)\b/i.test(text) ||
      (i < 2 && /\b(?:held|met)\b[^.]*\bto\s+(?:discuss|review|exchange)\b/i.test(text))
    ) {
      speaker = 'joint'; // "Today, the White House convened state legislators to discuss ..."
      rule = 'convened-to-discuss';
    } else if (focus === 'joint') {
      // A joint voice continues only in the first person plural (joint statements).
      speaker = /\b(?:we|our|us)\b/i.test(text) && !authorOnly ? 'joint' : (ctx.defaultSpeaker ?? null);
      rule = speaker === 'joint' ? 'joint-continues' : speaker ? 'single-author' : 'narration';
    } else if (
      focus &&
      (span.quote !== undefined ||
        /\b(?:I|we|our|us|my|me)\b/.test(text) ||
        ARGUMENT_CONNECTIVE_RE.test(text) ||
        /^(?:[^.]*\s)?(?:should|must|need|needs|will|would|can|could|is ready|are ready|stands ready|supports?|opposes?|hopes?|believes?|is willing|are willing|is committed|firmly|remains?)\b/i.test(
          text,
        ))
    ) {
      // A speaker's account continues through what they argue or commit to, not through narration.
      speaker = focus;
      rule = 'speaker-continues';
    } else if (
      !ctx.defaultSpeaker &&
      reporter &&
      !OWN_VOICE_RE.test(text) &&
      !EVENT_SUBJECT_RE.test(text) &&
      !NAMED_SUBJECT_RE.test(text.slice(INTRO_RE.exec(text)?.[0].length ?? 0))
    ) {
      // Reported speech runs on to the end of the paragraph: "The Governor said ... The region
      // produced ... Exports grew ..." all report the Governor.
      speaker = reporter;
      rule = 'reported-speech-continues';
    } else {
      speaker = ctx.defaultSpeaker ?? null;
      rule = speaker === 'joint' ? 'joint-statement' : speaker ? 'single-author' : 'narration';
    }
    out[i] = speaker;
    rules[i] = rule;
    if (explicit[i])
      reporter =
        speaker && speaker !== 'joint' && REPORTING_RULES.has(rule) && REPORT_CUE_RE.test(text) ? speaker : null;
    focus = speaker;
    if (speaker && speaker !== 'joint') lastSingle = speaker;
    if ((i === 0 && speaker === null) || outsider) lastSingle = null;
    if (outsider) afterOutsider = true;
    else if (speaker) afterOutsider = false;
  }

  // Quotations: every sentence of a quote takes the speaker named in any of its sentences.
  const byQuote = new Map<number, number[]>();
  spans.forEach((s, i) => {
    if (s.quote !== undefined) byQuote.set(s.quote, [...(byQuote.get(s.quote) ?? []), i]);
  });
  for (const [quote, members] of byQuote) {
    if (members.length < 2 || statementQuote.has(quote)) continue;
    const named = members.filter((i) => explicit[i] && out[i] && out[i] !== 'joint');
    if (named.length) {
      const who = out[named[named.length - 1]!]!;
      // A quotation is one person's words: their "we" is theirs, not a joint voice.
      for (const i of members)
        if (!explicit[i] || out[i] === null || (out[i] === 'joint' && FIRST_PERSON_PLURAL_RE.test(spans[i]!.text))) {
          out[i] = who;
          rules[i] = 'quotation';
        }
    }
  }
  return out.map((speaker, i) => {
    const cue = cueIn(rules[i]!, spans[i]!);
    return cue ? { speaker, rule: rules[i]!, cue } : { speaker, rule: rules[i]! };
  });
}

const SPEECH_VERB_RE = new RegExp(String.raw`\b(?:${SPEECH_VERBS})\b`);
const EMBEDDED_ONCE_RE = new RegExp(EMBEDDED_RE.source, 'u');
const INVERTED_CUE_RE =
  /\b(?:according to|in the words of|said|added|noted|stressed|emphasi[sz]ed|continued|stated)\b/i;
/** Rules decided by a subject and its verb: the cue runs from the subject to the verb. */
const SUBJECT_RULES: ReadonlySet<AttributionRule> = new Set([
  'subject',
  'subject-and-their-team',
  'subject-and-others',
  'x-and-y',
  'generic-title',
  'pronoun',
  'informed-passive',
  'opener-logistics',
  'author-we',
  'non-participant-speaks',
]);
/** How far a subject may run before its verb still counts as one cue. */
const MAX_SUBJECT_CUE = 200;

/**
 * The words that decided a sentence's rule ("Prime Minister Marena stressed", "The leaders",
 * "was discussed", the turn label), as offsets into the record's text like the sentence's own; none
 * for rules that carry a speaker over from an earlier sentence.
 */
function cueIn(rule: AttributionRule, span: Span): { start: number; end: number } | undefined {
  const text = span.text;
  const found = (re: RegExp, from = 0): [number, number] | null => {
    const m = re.exec(text.slice(from));
    return m ? [from + m.index, from + m.index + m[0].length] : null;
  };
  let at: [number, number] | null = null;
  if (rule === 'transcript-turn') at = span.turn && text.startsWith(span.turn) ? [0, span.turn.length] : null;
  else if (rule === 'stage-direction') at = [0, text.length];
  else if (rule === 'joint-subject') at = found(JOINT_SUBJECT_RE, INTRO_RE.exec(text)?.[0].length ?? 0);
  else if (rule === 'joint-passive') at = found(JOINT_PASSIVE);
  else if (rule === 'embedded-attribution') {
    // ", Xi said," → "Xi said"
    const m = EMBEDDED_ONCE_RE.exec(text);
    if (m) at = [m.index + m[0].indexOf(m[1]!), m.index + m[0].replace(/[\s,.;:]+$/, '').length];
  } else if (rule === 'inverted-or-according-to') at = found(INVERTED_CUE_RE);
  else if (rule === 'for-his-part') at = found(/^For (?:his|her) part/i);
  else if (rule === 'opener-purpose-joint') at = found(PURPOSE_JOINT);
  else if (rule === 'opener-own-purpose') at = found(PURPOSE_OWN) ?? found(OWN_SECOND_PREDICATE_RE);
  else if (rule === 'single-speaker-clause') at = found(SECOND_CLAUSE_RE);
  else if (SUBJECT_RULES.has(rule)) {
    const from = INTRO_RE.exec(text)?.[0].length ?? 0;
    const verb = found(SPEECH_VERB_RE, from);
    at = verb && verb[0] - from <= MAX_SUBJECT_CUE ? [from, verb[1]] : null;
  }
  return at ? { start: span.start + at[0], end: span.start + at[1] } : undefined;
}

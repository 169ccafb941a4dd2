/**
 * Who took part: people named with a role ("Chinese President Xi Jinping", "Prime Minister Justin
 * Trudeau of Canada", "President of the Republic of Uzbekistan Shavkat Mirziyoyev"), transcript
 * speakers, and the subjects of reported speech; plus every alias the text uses for each of them.
 */
import { anchoredMatches } from './anchored-matches.ts';
import { isLetterAt, isSpaceCode, isUpperAt } from './char-codes.ts';
import { POLITY_PATTERN, adjectivesOf, polityOf } from './countries.ts';
import * as lexicon from './lexicon.ts';
import { findBySurname, findPerson, officeOn } from './people.ts';
import type { Participant } from './types.ts';
import type { Span } from './sentences.ts';

const ROLE_WORDS = String.raw`(?:Acting\s+)?(?:Federal\s+)?(?:Deputy\s+|Vice\s+(?=Minister\b))?(?:${lexicon.PARTICIPANT_ROLES.join('|')})`;
const PARTICLE = `(?:${lexicon.NAME_PATTERN_PARTICLES.join('|')})`;
const CAMEL = `(?:${lexicon.NAME_CAMEL_PREFIXES.join('|')})?`;
// A capital may follow a short prefix ("McCarthy", "O'Rourke"): the shape, checked cheaply here
// (an alternation of prefixes before every capital cost the parser ~8%); cleanName keeps only the
// lexicon's prefixes.
const CAP = String.raw`[A-Z](?:\p{Ll}{1,2}[A-Z]|['’][A-Z])?`;
const NAME_TOKEN = String.raw`(?:${CAP}[\p{Ll}'’]*[\p{Ll}](?:-(?:${CAP})?[\p{Ll}'’]*[\p{Ll}])*|[A-Z]{2,}(?=\s)|[A-Z]\.)`;
/** A name never runs into the next person's title ("... Dilbert Mudd President of Qumar ..."). */
const NOT_TITLE = String.raw`(?!(?:${lexicon.NAME_STOP_TITLES.join('|')})\b)`;
const NAME = String.raw`${NAME_TOKEN}(?:\s+${NOT_TITLE}(?:${PARTICLE}\s+)*${NAME_TOKEN}){0,4}(?:,?\s+Jr\.)?`;
/** A surname may open with lower-case particles after a title: "President von der Leyen". */
const LEADING_PARTICLES = String.raw`(?:(?:von|van|de|da|du|dos|der|den)\s+){0,2}`;
const PARTICLE_ONLY = new RegExp(`^${PARTICLE}$`);
const STATE_OF = String.raw`(?:the\s+)?(?:(?:[A-Z][\p{L}'’]+\s+){0,3}(?:Republic|Kingdom|Federation|State|Emirates|Sultanate|Commonwealth|Confederation)\s+of\s+(?:the\s+)?)?`;

/** Cheap test for any word that can start ROLE_WORDS. */
const ROLE_HINT = new RegExp(String.raw`\b(?:${lexicon.PARTICIPANT_ROLE_FIRST_WORDS.join('|')})\b`);
/** Where ROLE_NAME can begin: the same words, found by a pattern V8 scans quickly. */
const ROLE_START = new RegExp(ROLE_HINT.source, 'g');
/** Sticky: tried only at ROLE_START positions (anchoredMatches). */
export const ROLE_NAME = new RegExp(
  // Anchored on the role word: a leading country adjective is looked up afterwards (precedingPolity),
  // because an optional alternation of every country at every position made this the slowest regex.
  String.raw`()\b(?=[ACDEFGHKMNPQSTV])(${ROLE_WORDS})(?:\s+of\s+${STATE_OF}(${POLITY_PATTERN}))?,?\s+(${LEADING_PARTICLES}${NAME})(?:\s+of\s+${STATE_OF}(${POLITY_PATTERN}))?`,
  'uy',
);

/** Verbs that make a bare capitalised name a person: "Vladimir Putin held talks", "Xi stressed". */
export const SPEECH_VERBS = lexicon.SPEECH_VERBS.join('|');
export const SPEECH_AFTER = new RegExp(String.raw`^,?\s+(?:also\s+|further\s+|then\s+)?(?:${SPEECH_VERBS})\b`);
const NAME_AT_END = new RegExp(`(${NAME})$`, 'u');
const SPEECH_VERB_SET = new Set(
  SPEECH_VERBS.replace(/emphasi\[sz\]ed/g, 'emphasised|emphasized')
    .split('|')
    .map((v) => v.split(' ')[0]!),
);

const COUNTERPART_ROLE = '\u0000counterpart';
export const COUNTERPART = new RegExp(String.raw`()\b(?:counterpart|colleague|leader),?\s+(${NAME})`, 'gu');

/** "Chinese" in "Chinese President Xi Jinping": the country word(s) right before position `at`. */
function precedingPolity(text: string, at: number): string | null {
  const before = text
    .slice(Math.max(0, at - 40), at)
    .trimEnd()
    .split(/\s+/);
  for (let n = Math.min(3, before.length); n >= 1; n--) {
    const c = polityOf(before.slice(-n).join(' '));
    if (c) return c;
  }
  return null;
}
export const WITH_NAME = new RegExp(
  String.raw`\bwith\s+(${NAME_TOKEN}(?:\s+(?:${PARTICLE}\s+)*${NAME_TOKEN}){1,3})(?=[\s,.;]|$)`,
  'gu',
);
const INSTITUTION = new RegExp(`^(?:${lexicon.INSTITUTION_LAST_WORDS.join('|')})$`);
const PLACE_FIRST = new RegExp(`^(?:${lexicon.PLACE_FIRST_WORDS.join('|')})$`);
/** Words that never start (or make up) a person's name; case-insensitive. */
const NOT_NAME_WORDS = new Set(lexicon.NOT_NAME_WORDS.map((w) => w.toLowerCase()));
const NOT_NAME = {
  test: (w: string) =>
    NOT_NAME_WORDS.has(w.toLowerCase()) ||
    NOT_NAME_WORDS.has(w.toLowerCase().replace(/s$/, '')) ||
    polityOf(w) !== null,
};

const SURNAME_FIRST = new Set<string>([...lexicon.CHINESE_SURNAMES, ...lexicon.KOREAN_SURNAMES]);
const GIVEN_NOT_SURNAME = new Set<string>(lexicon.KOREAN_SURNAMES_AS_GIVEN);
const KOREAN_SURNAME = new Set<string>(lexicon.KOREAN_SURNAMES);
const stripDiacritics = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** "Joseph R. Biden, Jr." → biden; "Xi Jinping" → xi; "Ursula von der Leyen" → von-der-leyen. */
export function participantId(name: string): string {
  const tokens = name
    .replace(/,?\s+Jr\.?$/, '')
    .split(/\s+/)
    .filter((t) => !/^[A-Z]\.$/.test(t));
  if (
    tokens.length === 2 &&
    SURNAME_FIRST.has(tokens[0]!.toLowerCase()) &&
    /^[A-Z][a-z]+(?:-[a-z]+)?$/.test(tokens[1]!) &&
    !GIVEN_NOT_SURNAME.has(tokens[1]!)
  ) {
    return tokens[0]!.toLowerCase(); // "Xi Jinping", "Moon Jae-in"
  }
  // A Korean name of three words, surname first: "Yoon Suk Yeol", "Kim Jong Un".
  if (
    tokens.length === 3 &&
    KOREAN_SURNAME.has(tokens[0]!.toLowerCase()) &&
    tokens.slice(1).every((t) => /^[A-Z][a-z]+$/.test(t) && !GIVEN_NOT_SURNAME.has(t))
  ) {
    return tokens[0]!.toLowerCase();
  }
  let i = tokens.length - 1;
  while (i > 0 && PARTICLE_ONLY.test(tokens[i - 1]!)) i--;
  if (i > 0 && /^(?:II|III|IV|V|VI|VII|VIII|IX|X)$/.test(tokens[i]!)) i--; // a regnal number: "Charles III" is charles-iii (not "I")
  return stripDiacritics(tokens.slice(i).join('-').toLowerCase())
    .replace(/[^a-z0-9-]/g, '')
    .replace(/^(?:al|el)-(?=[a-z]{3})/, '');
}

/** The form of a name used alone in the text: "Xi", "Biden", "von der Leyen". */
export function shortName(name: string): string {
  const tokens = name
    .replace(/,?\s+Jr\.?$/, '')
    .split(/\s+/)
    .filter((t) => !/^[A-Z]\.$/.test(t));
  const id = participantId(name);
  if (tokens.length >= 2 && id === tokens[0]!.toLowerCase()) return tokens[0]!; // surname first
  let i = tokens.length - 1;
  while (i > 0 && PARTICLE_ONLY.test(tokens[i - 1]!)) i--;
  return tokens.slice(i).join(' ');
}

/**
 * Trims what a name pattern over-captures: a possessive ("Joe Biden’s Call" → "Joe Biden"), a
 * repeated or glued transcript header ("Jair Bolsonaro Bolsonaro JairPresident" → "Jair Bolsonaro").
 */
const TITLE_START = new Set<string>(lexicon.TITLE_START_WORDS);

/** "McCarthy", "Brooks-LaSure", "O'Rourke": a capital inside a name after a known prefix is no glued header. */
const CAMEL_PART = new RegExp(`^${CAMEL}\\p{Lu}[\\p{Ll}'’]+$`, 'u');
const isCamelName = (t: string) => t.split('-').every((part) => CAMEL_PART.test(part));

export function cleanName(raw: string): string {
  const tokens = raw.replace(/\s+/g, ' ').replace(/[,.]$/, '').trim().split(' ');
  const out: string[] = [];
  for (const t of tokens) {
    // A repeated token, a glued header ("JairPresident") or the next signatory's title ends the name.
    if (out.includes(t) || (/\p{Ll}\p{Lu}/u.test(t) && !isCamelName(t)) || (out.length >= 2 && TITLE_START.has(t)))
      break;
    const possessive = /^(.*)['’]s$/.exec(t);
    if (possessive) {
      out.push(possessive[1]!);
      break;
    }
    out.push(t);
  }
  while (out.length && PARTICLE_ONLY.test(out.at(-1)!)) out.pop();
  // "Shri Narendra Modi", "His Excellency Sheikh Tamim ...", "Micheál Martin TD": the name alone.
  while (out.length > 1 && HONORIFICS.has(out[0]!)) out.shift();
  while (out.length > 2 && POST_NOMINALS.has(out.at(-1)!)) out.pop();
  return out.join(' ');
}
const HONORIFICS = new Set<string>(lexicon.NAME_HONORIFICS);
/** Honorifics that are never an office ("His Excellency", "Ms."), unlike "King" or "Amir". */
const ADDRESS_WORDS = new Set<string>(
  lexicon.NAME_HONORIFICS.filter(
    (w) =>
      !lexicon.TITLE_START_WORDS.includes(w as never) &&
      !/^(?:Amir|Emir|Sultan|Prince|Princess|Sheikh|Sheikha)$/.test(w),
  ),
);
const POST_NOMINALS = new Set<string>(lexicon.POST_NOMINALS);

/** A capitalised run right after these is a place ("in St Petersburg", "at Constantine Palace"), not a person. */
const PLACE_PREPOSITIONS = new Set<string>(lexicon.PLACE_PREPOSITIONS);
/** An office in apposition after a name: ", Prime Minister of the State of Palestine". */
const APPOSED_ROLE = new RegExp(
  // (not when a name follows: "X, Minister of Defense of Ukraine Oleksiy Reznikov" lists the next person)
  String.raw`^,\s+(?:the\s+)?((?:Federal\s+)?${ROLE_WORDS})\s+of\s+${STATE_OF}(${POLITY_PATTERN})(?!\s+\p{Lu})`,
  'u',
);
/** Before a title: the office is no longer (or not yet) theirs ("former President X", "the late King Y"). */
const FORMER_RE = /\b(?:former|ex-|late)\s*(?:\p{Lu}[\p{L}.]*\s+)?$/u;
/** Cheap test before FORMER_RE, which most text cannot match. */
const MAYBE_FORMER = /former|ex-|late/;
const SURNAME_POLITIES = new Set<string>(lexicon.POLITIES_THAT_ARE_SURNAMES);
const TITLE_AT = 1e6;
const MEET_CUE = /\b(?:met|meeting|meetings|talks|call|spoke|conversation|discussion)\s+with\b/i;
const LIST_CUE =
  /\b(?:taking part|took part|participants (?:included|were)|attended by|joined by|were (?:also )?present|included:|among the participants|participating were|with the participation of)\b/i;
/** "The below is attributable to Spokesperson Ned Price:", "issued by the Press Secretary": the readout's source. */
const ISSUER_RE = /\b(?:attributable to|issued by|released by)\s+([^:;]{3,120})/gi;
const CONNECTORS = new Set<string>(lexicon.CONNECTORS);
const NAME_PARTICLES = new Set<string>(lexicon.NAME_PARTICLES);
/** A word of an office or organisation name ("Partner", "Council"), not of a person's name. */
export const isRoleOrOrgWord = (word: string): boolean => ROLE_ORG_WORDS.has(word);

const ROLE_ORG_WORDS = new Set(lexicon.ROLE_ORG_WORDS);

/**
 * The tokens of `[\p{L}][\p{L}'’.\-]*|[,;:()]`, scanned by hand: a Unicode matchAll over every
 * capitalised run was the costliest step of finding participants.
 */
export function wordsAndPunctuation(text: string): Array<{ t: string; end: number }> {
  const out: Array<{ t: string; end: number }> = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41) {
      out.push({ t: text[i]!, end: i + 1 });
      i++;
      continue;
    } // , ; : ( )
    if (!isLetterAt(text, i)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === 39 || d === 0x2019 || d === 46 || d === 45) continue; // ' ’ . -
      if (!isLetterAt(text, j)) break;
    }
    out.push({ t: text.slice(i, j), end: j });
    i = j;
  }
  return out;
}

export interface PersonRun {
  name: string;
  role: string | null;
  country: string | null;
  end: number;
}

/** Person names at the end of runs of capitalised words: "Chief of Staff ... Anton Vaino" → Anton Vaino. */
export function personRuns(text: string): PersonRun[] {
  const out: PersonRun[] = [];
  const tokens = wordsAndPunctuation(text);
  let run: Array<{ t: string; end: number }> = [];
  const flush = () => {
    if (run.length < 2) {
      run = [];
      return;
    } // a person needs two capitalised words
    // Split at "and": "X and Y" names two people.
    let seg: typeof run = [];
    const segments: Array<typeof run> = [];
    for (const tok of run) {
      if (tok.t === 'and' || tok.t === '&') {
        segments.push(seg);
        seg = [];
        continue;
      }
      // "... Dilbert Mudd President of Qumar ...": a title after a name starts the next person.
      if (
        TITLE_START.has(tok.t) &&
        seg.length >= 2 &&
        /^\p{Lu}/u.test(seg.at(-1)!.t) &&
        !ROLE_ORG_WORDS.has(seg.at(-1)!.t)
      ) {
        segments.push(seg);
        seg = [];
      }
      seg.push(tok);
    }
    segments.push(seg);
    for (const sgm of segments) {
      let i = sgm.length;
      while (i > 0) {
        const w = sgm[i - 1]!.t.replace(/[.]$/, '');
        // Not a country, nor the end of one ("Saudi Arabia", "South Africa").
        const nameLike =
          isUpperAt(w, 0) &&
          !ROLE_ORG_WORDS.has(w) &&
          !CONNECTORS.has(w) &&
          // ("Lisa Monaco": a country that is also a surname, last in a run after a given name)
          (polityOf(w) === null ||
            (i === sgm.length && i >= 2 && SURNAME_POLITIES.has(w) && polityOf(sgm[i - 2]!.t) === null)) &&
          (i < 2 || polityOf(`${sgm[i - 2]!.t} ${w}`) === null);
        if (nameLike || (NAME_PARTICLES.has(w) && i < sgm.length)) i--;
        else break;
      }
      let nameTokens = sgm.slice(i);
      while (nameTokens.length && NAME_PARTICLES.has(nameTokens[0]!.t)) nameTokens = nameTokens.slice(1);
      if (nameTokens.length < 2) continue;
      // More than four words (particles aside: "Tamim bin Hamad Al Thani" is four) is a run of titles.
      if (nameTokens.filter((x) => !NAME_PARTICLES.has(x.t)).length > 4) nameTokens = nameTokens.slice(-2);
      const roleTokens = sgm
        .slice(0, sgm.length - nameTokens.length)
        .map((x) => x.t)
        // "H.E. Ms. Annalena Baerbock": forms of address are not an office.
        .filter((w) => !/^(?:Today|Also|Yesterday)$/.test(w) && !ADDRESS_WORDS.has(w));
      while (roleTokens.length && CONNECTORS.has(roleTokens[0]!)) roleTokens.shift();
      while (roleTokens.length && CONNECTORS.has(roleTokens.at(-1)!)) roleTokens.pop();
      const countryWord = roleTokens.find((w) => polityOf(w) !== null);
      const role =
        roleTokens
          .filter((w) => polityOf(w) === null)
          .join(' ')
          .replace(/^(?:of|the)\s+/, '') || null;
      out.push({
        name: nameTokens.map((x) => x.t).join(' '),
        role: role && /\p{Lu}/u.test(role) ? role : null,
        country: countryWord ? polityOf(countryWord) : null,
        end: nameTokens.at(-1)!.end,
      });
    }
    run = [];
  };
  let prev = '';
  let placeContext = false;
  for (const { t, end } of tokens) {
    if (isUpperAt(t, 0) || (run.length && CONNECTORS.has(t))) {
      if (!run.length) placeContext = PLACE_PREPOSITIONS.has(prev);
      if (!placeContext) run.push({ t, end });
    } else {
      flush();
      placeContext = false;
    }
    prev = t;
  }
  flush();
  return out;
}

const ASCII_SEPARATORS = new Uint8Array(128);
for (const ch of ' ,;:()"') ASCII_SEPARATORS[ch.charCodeAt(0)] = 1;
/** `[\s,;:()"“”]` */
const isSeparator = (c: number) =>
  c < 128 ? ASCII_SEPARATORS[c] === 1 || isSpaceCode(c) : c === 0x201c || c === 0x201d || isSpaceCode(c);
const SUBJECT_WORD = /^\p{Lu}[\p{L}'’-]+$/u;
const VERB_LENGTH = [
  Math.min(...[...SPEECH_VERB_SET].map((v) => v.length)),
  Math.max(...[...SPEECH_VERB_SET].map((v) => v.length)),
];

/**
 * Capitalised words right before a speech verb ("Xi stressed", "Putin also noted"): the words of
 * `text.split(/[\s,;:()"“”]+/)` scanned in place, slicing only words that can be verbs or subjects
 * (this ran over every sentence and splitting them all was the costliest part of finding participants).
 */
export function speechSubjects(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  // Start/end of the previous word and of the one before it.
  let ps = -1;
  let pe = -1;
  let pps = -1;
  let ppe = -1;
  let i = 0;
  while (i < n) {
    if (isSeparator(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !isSeparator(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(i);
    if (
      ps >= 0 &&
      c >= 97 &&
      c <= 122 &&
      j - i >= VERB_LENGTH[0] &&
      j - i <= VERB_LENGTH[1] &&
      SPEECH_VERB_SET.has(text.slice(i, j))
    ) {
      // "Xi stressed"; "Xi also stressed".
      const [s, e] = pe - ps === 4 && pps >= 0 && text.startsWith('also', ps) ? [pps, ppe] : [ps, pe];
      const w = text.slice(s, e);
      if (SUBJECT_WORD.test(w)) out.push(w);
    }
    pps = ps;
    ppe = pe;
    ps = i;
    pe = j;
    i = j;
  }
  return out;
}

const cleanRole = (r: string) =>
  r
    .replace(/\s+/g, ' ')
    .replace(/-/g, ' ')
    .replace(/^Vice President$/i, 'Vice President')
    .trim();

interface Candidate {
  name: string;
  role: string | null;
  country: string | null;
  firstAt: number;
  lead: boolean;
  subject: boolean;
}

export interface ParticipantContext {
  title: string | null;
  spans: Span[];
  /** Country the publisher speaks for: its leader is "the President" of the text. */
  publisherCountry: string | null;
  /**
   * The publisher's principal on the readout's date (publishers.json): listed when the text gives
   * it a voice only by office ("The Prime Minister stressed ..."), or when a single-author text names
   * no one. @default none
   */
  principal?: { name: string; role: string; country: string | null; offices: string[] } | null;
  /** The readout's date (ISO): which office a known person held. @default null */
  date?: string | null;
}

export function findParticipants(ctx: ParticipantContext): Participant[] {
  const { spans, title } = ctx;
  const cands = new Map<string, Candidate>();
  const add = (
    name: string,
    role: string | null,
    country: string | null,
    at: number,
    lead: boolean,
    subject: boolean,
  ) => {
    name = cleanName(name);
    if (!name) return;
    const first = name.split(' ')[0]!;
    const last = name.split(' ').at(-1)!;
    // "St Petersburg", "Vaccinated Ukrainians", "the Japanese" (but "Albanese" is a name)
    if (
      PLACE_FIRST.test(first.replace(/\.$/, '')) ||
      /(?:ians|ans|ers)$/.test(last) ||
      (/ese$/.test(last) && polityOf(last))
    )
      return;

    if (NOT_NAME.test(first) || NOT_NAME.test(name) || polityOf(name) || INSTITUTION.test(last)) return;
    if (name.split(' ').every((w) => ROLE_ORG_WORDS.has(w) || TITLE_START.has(w))) return; // "Acting Federal"
    const id = participantId(name);
    if (!id || id.length < 2) return;
    const prev = cands.get(id);
    if (prev) {
      // The fuller form wins: "Putin" → "Vladimir Putin"; surname first, "Lee" → "Lee Hsien Loong".
      if (name.length > prev.name.length && (name.endsWith(shortName(prev.name)) || shortName(name) === prev.name))
        prev.name = name;
      prev.role ??= role;
      prev.country ??= country;
      prev.lead ||= lead;
      prev.subject ||= subject;
      prev.firstAt = Math.min(prev.firstAt, at);
    } else cands.set(id, { name, role, country, firstAt: at, lead, subject });
  };
  const texts: Array<{ text: string; lead: boolean; at: number; turn?: string }> = [];
  // The title names participants too, but the body's order decides who comes first.
  if (title) texts.push({ text: title, lead: true, at: TITLE_AT });
  spans.forEach((s, i) => {
    texts.push({ text: s.text, lead: i < 2, at: i, turn: s.turn });
  });

  const speakingWords = new Set<string>();
  const speaks = texts.map((t) => {
    const subjects = speechSubjects(t.text);
    for (const w of subjects) speakingWords.add(w);
    return subjects.length > 0;
  });
  const namesSpeaker = (text: string) => {
    for (const w of speakingWords) if (text.includes(w)) return true;
    return false;
  };

  for (const [k, t] of texts.entries()) {
    if (!ROLE_HINT.test(t.text)) continue; // most sentences name no office: skip the costly pattern
    // Elsewhere a titled name matters only if it takes part ("met with ...") or speaks somewhere.
    if (
      !t.lead &&
      !t.turn &&
      !speaks[k] &&
      !MEET_CUE.test(t.text) &&
      !namesSpeaker(t.text) &&
      !LIST_CUE.test(t.text) &&
      !/:\s*$/.test(texts[k - 1]?.text ?? '')
    )
      continue;
    for (const m of anchoredMatches(t.text, ROLE_START, ROLE_NAME)) {
      const country = precedingPolity(t.text, m.index!) ?? polityOf(m[3] ?? m[5] ?? '') ?? null;
      // "President of Russia Vladimir Putin: ..." or any role+name in the lead counts as taking part.
      const isTurn = !!t.turn && t.turn.includes(m[4]!);
      // "In a meeting with President Nayib Bukele, ..." names a participant wherever it stands.
      const met = /\b(?:met|meeting|meetings|talks|call|spoke|conversation|discussion)\s+with\s+(?:the\s+)?$/i.test(
        t.text.slice(Math.max(0, m.index! - 40), m.index!),
      );
      // "the attack on former President Trump": someone who held the office is talked about, not taking part.
      const before = t.text.slice(Math.max(0, m.index! - 30), m.index!);
      const former = MAYBE_FORMER.test(before) && FORMER_RE.test(before);
      add(m[4]!, cleanRole(m[2]!), country, t.at * 100_000 + m.index!, (t.lead && !former) || isTurn || met, isTurn);
    }
  }
  for (const t of texts) {
    // "with his Russian counterpart, Vladimir Putin" / "with Andrzej Duda" in the opening sentences
    if (/counterpart|colleague|leader/.test(t.text))
      for (const m of t.text.matchAll(COUNTERPART)) {
        const country = precedingPolity(t.text, m.index!);
        if (country) add(m[2]!, COUNTERPART_ROLE, country, t.at * 100_000 + m.index!, t.lead, false);
      }
    if (t.lead)
      for (const m of t.text.matchAll(WITH_NAME)) add(m[1]!, null, null, t.at * 100_000 + m.index!, true, false);
    if (t.turn) {
      const m = NAME_AT_END.exec(t.turn.replace(/\s*\(.*$/, ''));
      if (m) add(m[1]!, null, null, t.at * 100_000, true, true);
    }
  }
  // Names inside runs of capitalised words ("Federation Council Speaker Valentina Matviyenko"), in the
  // lead, in participant lists, and as subjects of reported speech.
  let inList = false;
  texts.forEach((t, k) => {
    // A list: announced by a cue or a colon, and continued by short items without a full stop.
    const item = () =>
      t.text.length < 250 && !/\b(?:is|are|was|were|has|have|had|will|said|discussed|noted|stressed)\b/.test(t.text);
    // A signature block ("President of Ukraine Volodymyr Zelenskyy President of ...") is a list too.
    const signatures =
      /^(?:[\p{Lu}][\p{L}'’.-]*|of|the|and|de|von|der)(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|of|the|and|de|von|der))+$/u.test(
        t.text,
      ) && ROLE_HINT.test(t.text);
    inList = LIST_CUE.test(t.text) || signatures || ((inList || (k > 0 && /:\s*$/.test(texts[k - 1]!.text))) && item());
    const list = inList;
    // Outside the lead and lists, a name matters only as the subject of reported speech.
    if (!t.lead && !list && !speaks[k]) return;
    for (const run of personRuns(t.text)) {
      const subject = SPEECH_AFTER.test(t.text.slice(run.end, run.end + 40));
      // Titles are full of capitalised phrases ("Holding Gun Manufacturers Accountable"): there, only titled names.
      if (t.at === TITLE_AT && !run.role) continue;
      if (!t.lead && !list && !subject) continue;
      const start = run.end - run.name.length;
      const before = t.text.slice(Math.max(0, start - 40), start);
      const former = MAYBE_FORMER.test(before) && FORMER_RE.test(before.replace(/(?:\p{Lu}[\p{L}.]*\s+)+$/u, ''));
      // "H.E. Ms. Vera Marena, Prime Minister of Sylvania": the office follows the name.
      const apposed =
        run.role || t.text.charCodeAt(run.end) !== 44 /* , */ || !ROLE_HINT.test(t.text.slice(run.end, run.end + 40))
          ? null
          : APPOSED_ROLE.exec(t.text.slice(run.end, run.end + 160));
      const role = apposed ? cleanRole(apposed[1]!) : run.role;
      const country = apposed ? (polityOf(apposed[2]!) ?? run.country) : run.country;
      // A former office holder takes part only by speaking.
      if (!former || subject)
        add(run.name, role, country, t.at * 100_000 + start, (t.lead && !former) || list, subject);
    }
  });
  // Who issued the readout ("The below is attributable to Spokesperson Ned Price:") did not take
  // part, unless they speak in it.
  const issuers = new Set<string>();
  for (const t of texts.slice(0, 4))
    for (const m of t.text.matchAll(ISSUER_RE))
      for (const run of personRuns(m[1]!)) issuers.add(participantId(cleanName(run.name)));
  // A surname used alone ("Xi said") as a subject marks the full-named person as speaking.
  const people = [...cands.entries()].filter(
    ([id, c]) => (c.lead && !issuers.has(id)) || c.subject || speakingWords.has(shortName(c.name).split(' ').at(-1)!),
  );
  // Drop candidates that are a fragment of another one ("Lula" inside "Luiz Inácio Lula da Silva").
  const result: Participant[] = [];
  const sorted = people.sort((a, b) => a[1].firstAt - b[1].firstAt);
  const tokens = new Map(sorted.map(([id, c]) => [id, c.name.replace(/,?\s+Jr\.?$/, '').split(/\s+/)]));
  for (const [id, c] of sorted) {
    if (result.some((p) => p.id === id)) continue;
    const mine = tokens.get(id)!;
    if (
      sorted.some(([oid]) => {
        const other = tokens.get(oid)!;
        return oid !== id && other.length > mine.length && mine.every((t) => other.includes(t));
      })
    )
      continue;
    result.push({ id, name: c.name, role: c.role, country: c.country, aliases: [] });
  }
  const textForms = knownPeople(result, ctx.date ?? null);
  // A counterpart holds the same office as the leader it is the counterpart of.
  const leaderRole = result.find((p) => p.role && p.role !== COUNTERPART_ROLE)?.role ?? null;
  for (const p of result) if (p.role === COUNTERPART_ROLE) p.role = leaderRole;
  // Country for a bare leader name when the publisher's country has no other leader ("Vladimir Putin" in a Kremlin text).
  if (ctx.publisherCountry && !result.some((p) => p.country === ctx.publisherCountry)) {
    const own = result.find((p) => !p.country);
    if (own) {
      own.country = ctx.publisherCountry;
      own.role ??= 'President';
    }
  }
  const principal = ctx.principal;
  // Not when the text names the holder itself, by name or by the same office (the text knows best who holds it).
  const officeHeld = (p: Participant) =>
    p.id === participantId(principal!.name) || (p.role === principal!.role && p.country === principal!.country);
  if (principal && !result.some(officeHeld)) {
    // Named by office ("The Secretary-General spoke") or by title and surname ("Secretary Blinken said").
    const surname = shortName(principal.name).split(' ').at(-1)!;
    const voiced = spans.some((sp) => officeSpeaks(sp.text, principal.offices) || surnameSpeaks(sp.text, surname));
    if (voiced || !result.length)
      result.unshift({
        id: participantId(principal.name),
        name: principal.name,
        role: principal.role,
        country: principal.country,
        aliases: [],
      });
  }
  for (const p of result) {
    p.aliases = memoAliases(p, result, ctx.publisherCountry, principal ?? null);
    // The text's own spelling and the gazetteer's others ("Kishida Fumio") name the person too.
    for (const form of textForms.get(p) ?? []) if (!p.aliases.includes(form)) p.aliases.push(form);
  }
  return result;
}

/**
 * People the gazetteer knows (people.json) take its id and name, and its country and office on the
 * readout's date (its office wins over a title parsed from the text; its country fills a gap); two
 * candidates that are one known person become one. Returns, per participant, the other forms of the
 * name to recognise in the text.
 */
function knownPeople(result: Participant[], date: string | null): Map<Participant, string[]> {
  const forms = new Map<Participant, string[]>();
  const byKnownId = new Map<string, Participant>();
  for (let k = 0; k < result.length; k++) {
    const p = result[k]!;
    // A surname alone, or one that opens with its particles ("von der Leyen").
    const surnameOnly = !p.name.includes(' ') || /^\p{Ll}/u.test(p.name);
    const known = findPerson(p.name) ?? (surnameOnly ? findBySurname(p.name, p.role, date) : null);
    if (!known) continue;
    const first = byKnownId.get(known.id);
    if (first) {
      // The same person under two forms ("Mohammed bin Salman", "Mohammed bin Salman Al Saud"): one.
      forms.get(first)!.push(p.name);
      result.splice(k--, 1);
      continue;
    }
    byKnownId.set(known.id, p);
    // The text's own spelling stays an alias, surname too: "Sanchez said" when the gazetteer has "Sánchez".
    const spelt = shortName(p.name);
    forms.set(p, [
      p.name,
      ...(spelt !== shortName(known.name) && !spelt.includes(' ') && foldName(known.name).endsWith(foldName(spelt))
        ? [spelt]
        : []),
      ...known.aliases.filter((a) => a.includes(' ')),
    ]);
    const office = officeOn(known, date);
    p.id = known.id;
    p.name = known.name;
    // The office held on the date is known better than a title parsed from "Aide to the President X".
    p.country = office?.country ?? p.country ?? known.country;
    p.role = office?.title ?? p.role;
  }
  return forms;
}

/** A name compared without accents, case or hyphens: "Al-Sisi" ~ "al Sisi", "Sanchez" ~ "Sánchez". */
const foldName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/-/g, ' ');

/** "Secretary Blinken spoke ...": the principal's surname as the subject of a reporting verb. */
function surnameSpeaks(text: string, surname: string): boolean {
  for (let at = text.indexOf(surname); at >= 0; at = text.indexOf(surname, at + 1)) {
    if (isLetterAt(text, at - 1) || isLetterAt(text, at + surname.length)) continue;
    if (SPEECH_AFTER.test(text.slice(at + surname.length, at + surname.length + 40))) return true;
  }
  return false;
}

const OPENING_CLAUSE = /^(?:[^,]{0,100},\s*)?$/;

/** "The Prime Minister stressed ...", "In the call, the Secretary-General welcomed ...": an office as a speaker. */
function officeSpeaks(text: string, offices: string[]): boolean {
  const lower = text.toLowerCase();
  for (const o of offices) {
    const at = lower.indexOf(o.toLowerCase());
    // The office heads the subject: at the start, or after an opening clause ("In the call, the ...").
    if (at < 0 || at > 120 || !OPENING_CLAUSE.test(text.slice(0, at))) continue;
    if (SPEECH_AFTER.test(text.slice(at + o.length, at + o.length + 40))) return true;
  }
  return false;
}

/**
 * An office without "Acting"/"Federal", and its head noun: before "of/for" ("Deputy Secretary" of
 * "Deputy Secretary of State", `ofForm`), else its last word ("Minister" of "External Affairs Minister").
 */
function officeParts(role: string): { base: string; head: string; ofForm: boolean } {
  const base = role.replace(/^(?:(?:Acting|Federal)\s+)+/i, '');
  const ofForm = / (?:of|for) /.test(base);
  const head = ofForm ? base.split(/ (?:of|for) /)[0]! : base.split(' ').at(-1)!;
  return { base, head, ofForm };
}

/** What of the other participants p's aliases depend on: whether p alone holds its office, and its head noun. */
function officeAmong(p: Participant, all: Participant[]): { unique: boolean; headFree: boolean } {
  if (!p.role) return { unique: false, headFree: false };
  const { base, head } = officeParts(p.role);
  const b = base.toLowerCase();
  return {
    unique: all.filter((o) => o.role && o.role.toLowerCase().endsWith(b)).length === 1,
    headFree: !all.some((o) => o !== p && o.role?.startsWith(head)),
  };
}
/**
 * aliasesFor, remembered: the same leaders recur across readouts, and building their forms was
 * a measurable share of parse time. The key holds everything aliasesFor reads (the other
 * participants only through their offices). A copy is returned: callers append the text's own forms.
 */
const ALIAS_MEMO = new Map<string, readonly string[]>();
function memoAliases(
  p: Participant,
  all: Participant[],
  publisherCountry: string | null,
  principal: ParticipantContext['principal'] | null,
): string[] {
  const among = officeAmong(p, all);
  const key = `${p.id}|${p.name}|${p.role}|${p.country}|${publisherCountry}|${principal?.name}|${among.unique}|${among.headFree}`;
  let forms = ALIAS_MEMO.get(key);
  if (!forms) {
    if (ALIAS_MEMO.size >= 20_000) ALIAS_MEMO.clear();
    forms = aliasesFor(p, among, publisherCountry, principal);
    ALIAS_MEMO.set(key, forms);
  }
  return [...forms];
}

function aliasesFor(
  p: Participant,
  among: { unique: boolean; headFree: boolean },
  publisherCountry: string | null,
  principal: ParticipantContext['principal'] | null,
): string[] {
  const short = shortName(p.name);
  const out = new Set<string>([p.name, short]);
  // "Dr. Gordon", "Mr Marques"; "Sisi" for "Al-Sisi".
  for (const h of lexicon.FORMS_OF_ADDRESS) out.add(`${h} ${short}`);
  const bare = short.replace(/^(?:Al|El|al|el)-/, '');
  if (bare !== short) {
    out.add(bare);
    if (p.role) out.add(`${p.role.replace(/^(Acting|Federal)\s+/gi, '')} ${bare}`);
  }
  const tokens = p.name.replace(/,?\s+Jr\.?$/, '').split(/\s+/);
  if (tokens.length >= 3) out.add(`${tokens[0]} ${tokens[tokens.length - 1]}`);
  const role = p.role;
  const adjs = p.country ? adjectivesOf(p.country) : [];
  if (role) {
    const { base, head, ofForm } = officeParts(role);
    out.add(`${base} ${short}`);
    out.add(`${role} ${p.name}`);
    // The office's head noun before the surname: "Secretary Blinken" (Secretary of State), "Minister
    // Jaishankar" (External Affairs Minister)
    // ("Deputy Secretary Campbell" for Deputy Secretary of State; "Vice Minister Okano" for Vice
    // Minister for Foreign Affairs; "the Deputy Secretary" too when nobody else holds that office.)
    if (head !== base) {
      out.add(`${head} ${short}`);
      // The longer form too ("Minister Wang Yi"), lest "Minister Wang" leave "Yi stated" without a verb.
      out.add(`${head} ${p.name}`);
      if (ofForm && among.unique && among.headFree) out.add(`the ${head}`);
    }
    // "the Chancellor" / "the President" only when unambiguous or when it is the publisher's own leader.
    if (among.unique || (publisherCountry && p.country === publisherCountry && base === 'President'))
      out.add(`the ${base}`);
    if (p.country) {
      out.add(`the ${base} of ${p.country}`);
      out.add(`${role} of ${p.country} ${p.name}`); // Kremlin / president.gov.ua style
      out.add(`${role} of the Republic of ${p.country} ${p.name}`);
      for (const a of adjs) out.add(`the ${a} ${base}`);
    }
  }
  if (p.country) {
    for (const a of adjs) {
      for (const n of ['leader', 'side', 'head of state', 'counterpart', 'head of government', 'delegation', 'party'])
        out.add(`the ${a} ${n}`);
      out.add(`his ${a} counterpart`);
      out.add(`her ${a} counterpart`);
    }
    out.add(`the ${p.country} side`);
  }
  // How the publisher's texts name its principal's office ("the Head of State"), from publishers.json.
  if (
    principal &&
    (p.id === participantId(principal.name) || (p.country === principal.country && p.role === principal.role))
  ) {
    for (const o of principal.offices) out.add(o);
  }
  return [...out].filter(Boolean);
}

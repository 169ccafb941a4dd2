/**
 * The readout parser: raw text of a known format → structured Readout. Pure and synchronous:
 * no I/O, no AWS, so it is fast and tested on small fixtures.
 */
import { attributeSpeakers } from './attribute.ts';
import { resolveEventDate } from './dates.ts';
import { dateInText, extract } from './extract.ts';
import { ParseBudget } from './parse-budget.ts';
import { findParticipants } from './participants.ts';
import { detectPublisher, principalOn } from './publishers.ts';
import { normaliseBody, splitSentences } from './sentences.ts';
import rarityData from './topic-rarity.json' with { type: 'json' };
import { topicVocabulary } from './topics.ts';
import { clipText } from '../clip-text.ts';
import type { ParseInput, Participant, Readout, ReadoutKind, Sentence } from './types.ts';

/** Stored with each record; bumped when what a parse yields changes shape (2: `attribution.cue`, gazetteer ids). */
export const PARSER_VERSION = 2;

/** Metadata fields are display strings: a 450 KB "title" would not fit a DynamoDB item. */
export const METADATA_LIMITS = { title: 500, publisher: 200, location: 200 } as const;
const capped = (s: string | null, max: number) => (s === null ? null : clipText(s, max).text);

const KIND_CUES: Array<[ReadoutKind, RegExp]> = [
  [
    'video_call',
    /\b(?:video ?(?:call|conference|link|format)|videoconference|via video|virtual(?:ly)? (?:[a-z]+ )?(?:meeting|summit|call|bilateral|session|roundtable|conversation|convening)|virtual(?:ly)? met|held a virtual)\b/i,
  ],
  [
    'call',
    /\b(?:(?:tele)?phone (?:call|conversation|talks?)|by (?:tele)?phone|over the phone|on the phone|phone conversation|telephone|conference call|calls? with|had a call|spoke (?:today |this \w+ |on \w+day |earlier today |yesterday )?with)\b/i,
  ],
  [
    'meeting',
    /\b(?:met|meets|meeting|meetings|talks|visit|visited|roundtable|listening session|bilateral|conversation with|hosts|hosted|receives|received|welcomes|welcomed|arrived|audience|session|convened|in person)\b/i,
  ],
  [
    // A decree or law signed: no conversation at all.
    'other',
    /\b(?:decree|approves|approved the|signs (?:a |the )?(?:decree|law|bill)|signed (?:a |the )?(?:decree|law|bill)|executive order)\b/i,
  ],
  [
    'statement',
    /\b(?:statement|address|addressed|remarks|declaration|message|greetings|condolences|communiqu[eé]|appeal|speech|announced)\b/i,
  ],
];

const IN_PERSON = /\b(?:receives|received|welcomes|welcomed|arrived|arrives|hosts|hosted|in person)\b/i;

/** The title says what the event was ("Telephone conversation with ..."); the opening sentences otherwise. */
function detectKind(title: string | null, lead: string, hasOthers: boolean): ReadoutKind {
  const cue = (kind: ReadoutKind) => KIND_CUES.find(([k]) => k === kind)![1];
  const t = title ?? '';
  // A "meeting" held via videoconference is a video call; a "telephone conversation" stays a call
  // even when its text mentions some other videoconference.
  const order: Array<[ReadoutKind, string, RegExp?]> = [
    ['video_call', t],
    ['call', t],
    ['other', t],
    // A title that says someone came or was received in person ("X receives advisers who arrived in
    // Kyiv") is a meeting, whatever videoconference the text recalls.
    ['meeting', t, IN_PERSON],
    ['video_call', lead],
    ['meeting', t],
    ['statement', t],
    ['call', lead],
    ['meeting', lead],
    ['statement', lead],
  ];
  for (const [kind, text, re] of order) if ((re ?? cue(kind)).test(text)) return kind;
  return hasOthers ? 'meeting' : 'other';
}

function detectLocation(headerPlace: string | null, lead: string): string | null {
  if (headerPlace) return headerPlace;
  const dl = /^\s*([A-Z][A-Z .'-]{2,40}),\s/.exec(lead);
  if (dl)
    return dl[1]!
      .toLowerCase()
      .replace(/\b\p{L}/gu, (c) => c.toUpperCase())
      .trim();
  const m =
    /\b(?:held talks|met|meeting|talks|summit|visit)\b[^.]{0,120}?\b(?:in|at)\s+((?:the\s+)?(?:Kremlin|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:,\s+[A-Z][a-z]+)?)/.exec(
      lead,
    );
  if (
    m &&
    !/^(?:January|February|March|April|May|June|July|August|September|October|November|December|the\s+(?:White|Oval))/.test(
      m[1]!,
    )
  ) {
    return m[1]!.replace(/^the Kremlin$/, 'The Kremlin');
  }
  return null;
}

function detectRequester(text: string, participants: Participant[]): string | null {
  const m =
    /\b(?:at the (?:request|initiative|invitation) of|initiated by|requested by)\s+(?:the\s+)?([^,.;]{2,80})/i.exec(
      text,
    );
  if (!m) return null;
  const phrase = m[1]!;
  for (const p of participants) {
    if (p.aliases.some((a) => phrase.toLowerCase().startsWith(a.replace(/^(the|his|her)\s+/i, '').toLowerCase())))
      return p.id;
  }
  return null;
}

/** A readout's topics: the title's first, then by how many sentences carry them (ties: the rarer first); courtesies, then participants' own countries last. */
export function readoutTopics(
  title: string | null,
  sentences: ReadonlyArray<{ topics: readonly string[] }>,
  participants: ReadonlyArray<{ country: string | null }>,
): string[] {
  const counts = new Map<string, number>();
  const inTitle = new Set(topicVocabulary.tag(title ?? ''));
  for (const id of inTitle) counts.set(id, 100);
  for (const s of sentences) for (const id of s.topics) counts.set(id, (counts.get(id) ?? 0) + 1);
  // Participants' own countries say little about what was discussed; courtesies (greetings,
  // congratulations) come after the substance unless the title is about them.
  const own = new Set(participants.map((p) => p.country?.toLowerCase().replace(/[^a-z0-9]+/g, '-')).filter(Boolean));
  const weight = (id: string, n: number) => {
    const t = topicVocabulary.get(id);
    if (own.has(id) && t?.kind === 'country') return n - 1000;
    if (t?.courtesy && !inTitle.has(id)) return n - 500;
    return n;
  };
  // Equally discussed topics: the rarer across readouts first ("Taiwan" before "bilateral relations").
  return [...counts.entries()]
    .sort((a, b) => weight(b[0], b[1]) - weight(a[0], a[1]) || topicRarity(b[0]) - topicRarity(a[0]))
    .map(([id]) => id);
}

/** How rare a topic is across readouts (idf over topic-rarity.json; a topic not counted there is rarest). */
export function topicRarity(id: string): number {
  const df = RARITY.documentFrequency[id] ?? 0;
  return Math.log(RARITY.readouts / (1 + df));
}
const RARITY = rarityData as { readouts: number; documentFrequency: Record<string, number> };

export interface ParseOptions {
  /** Stops with ParseBudgetExceededError once spent. @default ParseBudget.unlimited */
  budget?: ParseBudget;
}

export function parseReadout(input: ParseInput, options: ParseOptions = {}): Readout {
  const budget = options.budget ?? ParseBudget.unlimited;
  const extracted = extract(input.text, input.format);
  budget.check('extraction');
  const ex = {
    ...extracted,
    title: capped(extracted.title, METADATA_LIMITS.title),
    publisher: capped(extracted.publisher, METADATA_LIMITS.publisher),
    headerPlace: capped(extracted.headerPlace, METADATA_LIMITS.location),
  };
  let body = normaliseBody(ex.body);
  // A title repeated as the first line of the body is not a sentence of the readout.
  if (ex.title && body.startsWith(ex.title)) body = body.slice(ex.title.length).replace(/^\s+/, '');
  const spans = splitSentences(body);
  budget.check('sentence splitting');
  const lead = spans
    .slice(0, 2)
    .map((s) => s.text)
    .join(' ');
  const meta = input.metadata ?? {};
  const metaDate = /^\d{4}-\d{2}-\d{2}/.exec(meta.published ?? '')?.[0] ?? null;
  const titleDate = ex.title ? dateInText(ex.title) : null;
  const uploadDate = /^\d{4}-\d{2}-\d{2}/.exec(meta.uploadedAt ?? '')?.[0] ?? null;
  const [publishedDate, publishedDateSource] = metaDate
    ? [metaDate, 'metadata' as const]
    : ex.publishedDate
      ? [ex.publishedDate, 'document' as const]
      : titleDate
        ? [titleDate, 'title' as const]
        : uploadDate
          ? [uploadDate, 'upload' as const]
          : [null, null];
  const publisher = detectPublisher(
    ex.publisher ?? meta.publisher ?? null,
    ex.sourceUrl ?? meta.sourceUrl ?? null,
    // The dateline's place ("The Kremlin, Moscow") is a publisher's mark as much as its title.
    [ex.title, ex.headerPlace].filter(Boolean).join('\n') || null,
    body,
  );
  const publisherCountry = publisher?.country ?? null;

  // (the text is read only when there is no date to choose the holder by)
  const principal = principalOn(
    publisher,
    publishedDate,
    publishedDate ? '' : `${ex.title ?? ''}\n${body.slice(0, 3000)}`,
  );
  const participants = findParticipants({ title: ex.title, spans, publisherCountry, principal, date: publishedDate });
  budget.check('participants');
  // Joint statements speak for all signatories; a single-author statement or address for its author.
  const kind = detectKind(ex.title, lead, participants.length > 1);
  const defaultSpeaker = /\bjoint\s+(?:statement|declaration|communiqu)/i.test(ex.title ?? lead.slice(0, 200))
    ? 'joint'
    : kind === 'statement' && participants.length === 1
      ? participants[0]!.id
      : null;
  const attributions = attributeSpeakers(spans, {
    participants,
    publisherCountry,
    defaultSpeaker,
    principalOffices: principal?.offices,
    budget,
  });
  const sentences: Sentence[] = spans.map((s, index) => {
    if ((index & 63) === 63) budget.check('topic tagging');
    const a = attributions[index];
    return {
      index,
      text: s.text,
      start: s.start,
      end: s.end,
      speaker: a?.speaker ?? null,
      attribution: a?.cue ? { rule: a.rule, cue: a.cue } : { rule: a?.rule ?? 'narration' },
      topics: topicVocabulary.tag(s.text),
    };
  });

  const topics = readoutTopics(ex.title, sentences, participants);

  const { eventDate } = resolveEventDate({ publishedDate, lead, firstSentence: spans[0]?.text, title: ex.title });
  return {
    id: input.id,
    title: ex.title,
    publisher: publisher?.name ?? null,
    publishedDate,
    publishedDateSource,
    eventDate,
    kind,
    location: detectLocation(ex.headerPlace, body.slice(0, 400)),
    requestedBy: detectRequester(body.slice(0, 1500), participants),
    participants,
    topics,
    text: body,
    sentences,
    format: input.format,
    source: input.source,
    parserVersion: PARSER_VERSION,
  };
}

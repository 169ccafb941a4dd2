/**
 * The attribution rules, in the order attribute.ts tries them, each with an example (fictional
 * names; the unit tests parse every example and check that this rule decided its last sentence,
 * with this speaker). `GET /readouts/{id}` reports, per sentence, the rule that decided it.
 * Speakers in examples: participant ids, 'joint' or null (narration).
 */
export const ATTRIBUTION_RULES = {
  'transcript-turn': {
    does: 'a transcript turn prefix names the speaker until the next turn',
    example: 'President of Sylvania Vera Marena: Thank you for the invitation.',
    speaker: 'marena',
  },
  'stage-direction': {
    does: 'a whole sentence in parentheses ("(Applause.)") is nobody\'s words; the turn goes on after it',
    example: 'President of Sylvania Vera Marena: Thank you.\n\n(Applause.)',
    speaker: null,
  },
  'embedded-attribution': {
    does: 'a reporting clause inside the sentence names the speaker',
    example: 'Talks must resume, Firefly said, noting the deadline.',
    speaker: 'firefly',
  },
  'inverted-or-according-to': {
    does: '"..." said X / According to X, ...',
    example: 'According to Vera Marena, the border is calm.',
    speaker: 'marena',
  },
  subject: {
    does: 'a participant is the subject of a verb',
    example: 'Prime Minister Marena stressed the need for calm.',
    speaker: 'marena',
  },
  'subject-and-their-team': {
    does: 'X and his delegation ...: X',
    example: 'Prime Minister Marena and her delegation stressed the need for calm.',
    speaker: 'marena',
  },
  'subject-and-others': {
    does: 'X and other (unnamed) participants ...: joint',
    example: 'President Firefly and local leaders pledged support.',
    speaker: 'joint',
  },
  'x-and-y': {
    does: 'two participants as the subject: joint',
    example: 'President Firefly and Prime Minister Marena condemned the attack.',
    speaker: 'joint',
  },
  'opener-logistics': {
    does: '"X spoke with Y" in the opening sentences says only that they talked',
    example: 'President Rufus Firefly spoke today with Prime Minister Vera Marena of Sylvania.',
    speaker: null,
  },
  'opener-purpose-joint': {
    does: '"X spoke with Y to discuss Z": both',
    example: 'President Rufus Firefly spoke today with Prime Minister Vera Marena of Sylvania to discuss trade.',
    speaker: 'joint',
  },
  'opener-own-purpose': {
    does: '"X spoke with Y to congratulate ... / , and expressed ...": X',
    example:
      'President Rufus Firefly spoke today with Prime Minister Vera Marena of Sylvania to congratulate her on her election.',
    speaker: 'firefly',
  },
  'informed-passive': {
    does: '"X was informed about ...": the other side of a two-party conversation',
    example: 'Prime Minister Marena was informed about the situation on the border.',
    speaker: 'firefly',
  },
  'joint-subject': {
    does: '"The leaders", "both sides", "they" as the subject',
    example: 'The leaders agreed to meet again.',
    speaker: 'joint',
  },
  'author-we': {
    does: '"we" in a single-author text is its author',
    example: 'We will defend our land.',
    speaker: null,
  },
  pronoun: {
    does: '"He/She ..." continues the last single speaker',
    example: 'She called for talks.',
    speaker: 'marena',
  },
  'for-his-part': {
    does: '"For his part, ..." is the other side of a two-party conversation',
    example: 'For his part, he urged restraint.',
    speaker: 'firefly',
  },
  'generic-title': {
    does: '"The President ..." is the current speaker when the title fits, else the publisher\'s principal',
    example: 'The President welcomed the pledge.',
    speaker: 'firefly',
  },
  'non-participant-speaks': {
    does: "a named non-participant says something: not a participant's statement",
    example: 'Moscow said the talks were useful.',
    speaker: null,
  },
  'single-speaker-clause': {
    does: '"The leaders discussed X, and the Prime Minister noted Y": the single speaker',
    example: 'The leaders discussed trade, and the Prime Minister noted new tariffs.',
    speaker: 'marena',
  },
  'joint-passive': {
    does: '"X was discussed / It was agreed / Attention will be paid to ...": both',
    example: 'Energy cooperation was discussed.',
    speaker: 'joint',
  },
  'list-item': {
    does: 'a short line without a full stop (a list of attendees): nobody',
    example: 'Minister of Trade Paulo Marques',
    speaker: null,
  },
  'convened-to-discuss': {
    does: '"X convened/hosted Y to discuss Z": all present',
    example: 'Today, the Ministry convened mayors to discuss flood relief.',
    speaker: 'joint',
  },
  'joint-continues': {
    does: 'a joint voice continues through "we/our"',
    example: 'Our partnership remains strong.',
    speaker: 'joint',
  },
  'speaker-continues': {
    does: "a speaker's account continues through what they argue or commit to",
    example: 'Trade should grow faster.',
    speaker: 'marena',
  },
  quotation: {
    does: 'every sentence of a quotation takes the speaker named in any of its sentences',
    example: 'Vera Marena said: "We are ready. The border stays open."',
    speaker: 'marena',
  },
  'reported-speech-continues': {
    does: 'after an explicit cue, the rest of the paragraph is still that person reporting',
    example: 'Prime Minister Marena said the harvest was good. Exports grew by a third.',
    speaker: 'marena',
  },
  'single-author': {
    does: "an address or statement by one author: every other sentence is the author's",
    example: 'The harvest was good.',
    speaker: null,
  },
  'joint-statement': {
    does: 'a joint statement speaks for all its signatories',
    example: 'Russia must withdraw.',
    speaker: 'joint',
  },
  narration: { does: 'nothing marks a speaker: narration', example: 'The talks lasted an hour.', speaker: null },
} as const satisfies Record<string, { does: string; example: string; speaker: string | null }>;

export type AttributionRule = keyof typeof ATTRIBUTION_RULES;

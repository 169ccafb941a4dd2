/** One small, hand-written case per attribution rule. */
import { describe, expect, it } from 'vitest';
import { parseText } from './fixture.ts';
import { parseReadout } from '../../../shared/readout/parse.ts';
import { ATTRIBUTION_RULES, type AttributionRule } from '../../../shared/readout/attribution-rules.ts';

const speakers = (text: string) => parseText(text).sentences.map((s) => s.speaker);

const LEAD = 'President Rufus Firefly spoke today with Prime Minister Vera Marena of Sylvania.';

describe('attribution rules', () => {
  it.each([
    ['subject + reporting verb', `${LEAD} Prime Minister Marena stressed the need for calm.`, [null, 'marena']],
    [
      'pronoun continues the last single speaker',
      `${LEAD} Prime Minister Marena noted the risks. She called for talks.`,
      [null, 'marena', 'marena'],
    ],
    [
      '"For his part" names the other side',
      `${LEAD} Prime Minister Marena noted the risks. For his part, he urged restraint.`,
      [null, 'marena', 'firefly'],
    ],
    ['embedded attribution', `${LEAD} Talks must resume, Firefly said, noting the deadline.`, [null, 'firefly']],
    ['inverted attribution after a quote', `${LEAD} "We will help," said Vera Marena.`, [null, 'marena']],
    ['according to', `${LEAD} According to Vera Marena, the border is calm.`, [null, 'marena']],
    ['joint subject', `${LEAD} The leaders agreed to meet again.`, [null, 'joint']],
    ['X and Y', `${LEAD} President Firefly and Prime Minister Marena condemned the attack.`, [null, 'joint']],
    ['joint passive', `${LEAD} Energy cooperation was discussed.`, [null, 'joint']],
    [
      'joint passive, perfect and future',
      `${LEAD} It has been agreed to hold another call. Special attention will be paid to grain.`,
      [null, 'joint', 'joint'],
    ],
    [
      'opener with a second predicate reports the subject',
      'President Rufus Firefly spoke today with Prime Minister Vera Marena of Sylvania, and expressed his support for her reforms.',
      ['firefly'],
    ],
    [
      '"spoke to" is narration like "spoke with"',
      'President Rufus Firefly spoke to Prime Minister Vera Marena of Sylvania today.',
      [null],
    ],
    [
      'the one informed listens: the other side speaks',
      `${LEAD} Prime Minister Marena was informed about the situation on the border.`,
      [null, 'firefly'],
    ],
    [
      'joint subjects after an introductory clause, bare "leaders", "the X and Y sides"',
      `${LEAD} While discussing trade, both parties reaffirmed the accords. Ahead of the summit, leaders agreed on a plan. The Sylvanian and Freedonian sides coordinated their steps.`,
      [null, 'joint', 'joint', 'joint'],
    ],
    [
      'the conversation as the subject of what was covered is joint',
      `${LEAD} The conversation also covered energy. The key topic of the talks was security.`,
      [null, 'joint', 'joint'],
    ],
    ['joint passive with an adverb', `${LEAD} The next steps were also coordinated.`, [null, 'joint']],
    [
      'purpose clause: to discuss is joint',
      'President Rufus Firefly spoke today with Prime Minister Vera Marena of Sylvania to discuss trade.',
      ['joint'],
    ],
    [
      '"spoke with Y about Z" is what both talked about',
      'President Rufus Firefly spoke today with Prime Minister Vera Marena of Sylvania about the floods.',
      ['joint'],
    ],
    [
      '"met with Y, Jr. and reaffirmed" reports the subject, after an initial',
      'President Rufus Firefly met today with Prime Minister Vera Marena, Jr. of Sylvania and reaffirmed his support.',
      ['firefly'],
    ],
    [
      'purpose clause: to congratulate is the host',
      'President Rufus Firefly spoke today with Prime Minister Vera Marena of Sylvania to congratulate her on her election.',
      ['firefly'],
    ],
    [
      'a joint clause gives way to a single speaker',
      `${LEAD} The leaders discussed trade, and the Prime Minister noted new tariffs.`,
      [null, 'marena'],
    ],
    [
      'a connective that carries the argument on continues the speaker ("That is why ...")',
      `${LEAD} Prime Minister Marena warned that the border was unsafe. That is why Sylvania seeks guarantees.`,
      [null, 'marena', 'marena'],
    ],
    [
      'narration does not continue a speaker',
      `${LEAD} Prime Minister Marena noted the risks. The talks lasted an hour.`,
      [null, 'marena', null],
    ],
    [
      'argued statements continue a speaker',
      `${LEAD} Prime Minister Marena noted the risks. Trade should grow faster.`,
      [null, 'marena', 'marena'],
    ],
    [
      '"The President of <country>" is that country\'s participant, not the last speaker',
      'President Rufus Firefly of Freedonia spoke today with President Vera Marena of Sylvania. President Firefly noted the risks. The President of Sylvania expressed support.',
      [null, 'firefly', 'marena'],
    ],
    [
      'a title nobody named holds is not the only participant, nor is the "he" after it',
      'President Vera Marena of Sylvania spoke with Freedonia today. The Prime Minister condemned the attacks. He pledged support. President Marena thanked him.',
      [null, null, null, 'marena'],
    ],
    [
      'a title one participant holds is theirs; one nobody holds is an outsider, and so is the "he" after it',
      'Deputy Prime Minister Vera Marena of Sylvania met Governor Rufus Firefly. The Deputy Prime Minister stressed the risks. The Ambassador conveyed a message. He added that talks went well.',
      [null, 'marena', null, null],
    ],
    [
      'travel and schedule after a named subject are logistics, wherever they stand',
      `${LEAD} Prime Minister Marena noted the risks. Prime Minister Vera Marena arrived in Freedonia on Monday. President Firefly is also expected to visit Sylvania.`,
      [null, 'marena', null, null],
    ],
    [
      'a time adverb between the subject and "spoke with" keeps the opener narration',
      'Prime Minister Vera Marena today spoke with President Rufus Firefly of Freedonia. The leaders agreed to meet.',
      [null, 'joint'],
    ],
    [
      'plural groups of people as the subject speak together in a meeting of several named people, not in a call of two',
      'Governor Rufus Firefly met with Senator Vera Marena and Senator Dilbert Mudd. State legislators, advocates and students shared their experiences.',
      [null, 'joint'],
    ],
    ['... with two named, the group is others', `${LEAD} Local advocates shared their experiences.`, [null, null]],
    [
      "a plural of the participants' shared title is joint",
      `${LEAD} The national security advisors discussed the grain corridor.`,
      [null, 'joint'],
    ],
    [
      'two participants named by office are joint',
      `${LEAD} The President and the Prime Minister of Sylvania discussed trade.`,
      [null, 'joint'],
    ],
    [
      '"according to him" is the last speaker',
      `${LEAD} Prime Minister Marena noted the risks. According to him, prices rose.`,
      [null, 'marena', 'marena'],
    ],
    [
      'reported speech runs to the end of its paragraph, and no further',
      `${LEAD} Prime Minister Marena said the harvest was good. Exports grew by a third.\n\nThe talks lasted an hour.`,
      [null, 'marena', 'marena', null],
    ],
    [
      'reported speech stops where someone else acts',
      `${LEAD} Prime Minister Marena said the harvest was good. The Mudville Port Authority closed the harbour.`,
      [null, 'marena', null],
    ],
    [
      '"we" inside one speaker\'s quotation is that speaker',
      `${LEAD} Prime Minister Marena noted the risks. "We will respond. We are ready to help," she said.`,
      [null, 'marena', 'marena', 'marena'],
    ],
    [
      'a long title joined by "and" before the name is one person',
      `${LEAD} Chair of the Board of the Growers Union, Founding Partner and CEO of Horizon Capital Paulo Marques said that trade grew.`,
      [null, 'marques'],
    ],
    [
      'an "and" inside an organisation\'s name before a titled name is one person; before another title, two',
      `${LEAD} Bureau of Farms and Fisheries Administrator Paulo Marques said the harvest grew. Chair of the Union of Farmers and Growers Ivan Petrov and Energy Minister Paulo Marques said the ports reopened.`,
      [null, 'marques', null],
    ],
    [
      '"The Vice President and Prime Minister X" is two people',
      `${LEAD} The President and Prime Minister Marena reaffirmed their ties.`,
      [null, 'joint'],
    ],
    [
      "a spokesperson's statement in quotation marks is the publisher's account: its subjects speak",
      `${LEAD}\n\nA Sylvanian government spokesperson said:\n\n"President Firefly and Prime Minister Marena discussed the floods. Prime Minister Marena thanked him for the aid.\n\nThe leaders agreed to meet again."`,
      [null, null, 'joint', 'marena', 'joint'],
    ],
    [
      'what "the two sides should" do is the proposal of whoever is speaking in that paragraph',
      `${LEAD}\n\nPrime Minister Marena said trade is growing. The two sides should open more routes.\n\nThe two sides agreed to meet again.`,
      [null, 'marena', 'marena', 'joint'],
    ],
    [
      "unknown publisher: the bare title shared by both is the opener's, the side the readout is written from",
      'Prime Minister Vera Marena spoke with Prime Minister Dilbert Mudd of Elbonia today. The Prime Minister congratulated Prime Minister Mudd on his election.',
      [null, 'marena'],
    ],
    [
      'X and another participant named by their title alone; an office "of" something is named by its head',
      'Deputy Secretary of Commerce Vera Marena met Governor Dilbert Mudd of Elbonia to discuss ports. The Deputy Secretary and Governor also discussed energy. The Deputy Secretary stressed trade.',
      ['joint', 'joint', 'marena'],
    ],
    [
      'an official who speaks is recorded as a participant',
      `${LEAD} Minister Paulo Marques said the supplies arrived.`,
      [null, 'marques'],
    ],
  ])('%s', (_rule, text, expected) => {
    expect(speakers(text)).toEqual(expected);
  });

  const MEETING =
    'Meeting with Ivan Petrov\n2024-01-01 10:00:00 UTC\nNA\n\nPresident Rufus Firefly met Deputy Prime Minister Ivan Petrov.';
  it('a turn label may hold two offices joined by a dash', () => {
    const text = `${MEETING}\n\nRufus Firefly: Mr Petrov, please.\n\nDeputy Prime Minister – Chief of the Government Staff Ivan Petrov: Mr President, we finished. The register is shorter.`;
    expect(speakers(text)).toEqual([null, 'firefly', 'petrov', 'petrov']);
  });
  it("a stage direction is nobody's and the turn goes on after it", () => {
    const text = `${MEETING}\n\nRufus Firefly: Colleagues, let us begin.\n\n(Applause.)\n\nThe first item is the budget.`;
    expect(speakers(text)).toEqual([null, 'firefly', null, 'firefly']);
  });
  it('an attendee line ("Organisation: Name") is not a transcript turn', () => {
    const r = parseReadout({
      id: 't',
      format: 'txt',
      source: { bucket: 'b', key: 'k.txt', etag: null },
      text: `${LEAD}\n\nOrganizations participating included:\n\nSylvanian Growers Union: Paulo Marques\n\nThe talks lasted an hour.`,
    });
    expect(r.sentences.map((s) => s.attribution?.rule)).not.toContain('transcript-turn');
    expect(r.sentences.at(-1)!.speaker).toBeNull();
  });

  it('each sentence says which words decided its speaker', () => {
    const r = parseReadout({
      id: 't',
      format: 'txt',
      source: { bucket: 'b', key: 'k.txt', etag: null },
      text: `${LEAD} In the call, Prime Minister Marena stressed the need for calm. Talks must resume, Firefly said. The leaders agreed to meet. Energy was discussed. Exports grew.`,
    });
    const cues = r.sentences.map((s) =>
      s.attribution?.cue ? r.text.slice(s.attribution.cue.start, s.attribution.cue.end) : null,
    );
    expect(cues).toEqual([
      'President Rufus Firefly spoke',
      'Prime Minister Marena stressed',
      'Firefly said',
      'The leaders',
      'was discussed',
      null,
    ]);
  });

  it('in an address "they" and passives are the author\'s', () => {
    const text =
      'Address by President Rufus Firefly to the nation\n2024-01-01 10:00:00 UTC\nNA\n\nDear friends! They do not understand anything. The attack took place at dawn.';
    expect(speakers(text).slice(1)).toEqual(['firefly', 'firefly']);
  });

  it('a joint statement speaks for all its signatories', () => {
    const r = parseReadout({
      id: 't',
      format: 'txt',
      source: { bucket: 'b', key: 'k.txt', etag: null },
      text: 'Joint Statement of the Presidents of Elbonia and Qumar\n2024-01-01 10:00:00 UTC\n\nRussia must withdraw. Sanctions should follow.\n\nPresident of Elbonia Dilbert Mudd President of Qumar Farid Bazaar',
    });
    expect(r.participants.map((p) => p.id).sort()).toEqual(['bazaar', 'mudd']);
    expect(r.sentences.slice(0, 2).map((s) => s.speaker)).toEqual(['joint', 'joint']);
  });

  /**
   * The rule table is honest: each example, after a context that gives it participants (and a
   * speaker to continue where the rule needs one), is decided by that very rule, with that speaker.
   */
  const CONTEXT: Partial<Record<AttributionRule, (example: string) => { text: string; format?: 'txt' | 'md' }>> = {
    'transcript-turn': (e) => ({
      text: `Meeting with Prime Minister of Sylvania Vera Marena\n2024-01-01 10:00:00 UTC\nNA\n\nPresident Rufus Firefly met Prime Minister Vera Marena.\n\n${e}`,
    }),
    'stage-direction': (e) => ({
      text: `Meeting with Prime Minister of Sylvania Vera Marena\n2024-01-01 10:00:00 UTC\nNA\n\nPresident Rufus Firefly met Prime Minister Vera Marena.\n\n${e}`,
    }),
    'opener-logistics': (e) => ({ text: e }),
    'opener-purpose-joint': (e) => ({ text: e }),
    'opener-own-purpose': (e) => ({ text: e }),
    pronoun: (e) => ({ text: `${LEAD} Prime Minister Marena noted the risks. ${e}` }),
    'for-his-part': (e) => ({ text: `${LEAD} Prime Minister Marena noted the risks. ${e}` }),
    'speaker-continues': (e) => ({ text: `${LEAD} Prime Minister Marena noted the risks. ${e}` }),
    'joint-continues': (e) => ({ text: `${LEAD} The leaders agreed to meet again. ${e}` }),
    'list-item': (e) => ({ text: `${LEAD}\n\nParticipants:\n\n${e}` }),
    'author-we': (e) => ({
      text: `Address by President Rufus Firefly to the nation\n2024-01-01 10:00:00 UTC\nNA\n\nDear friends! ${e}`,
    }),
    'single-author': (e) => ({
      text: `Address by President Rufus Firefly to the nation\n2024-01-01 10:00:00 UTC\nNA\n\nDear friends! ${e}`,
    }),
    'joint-statement': (e) => ({
      text: `Joint Statement of the Presidents of Elbonia and Qumar\n2024-01-01 10:00:00 UTC\n\nPresident of Elbonia Dilbert Mudd President of Qumar Farid Bazaar\n\n${e}`,
    }),
    'generic-title': (e) => ({ text: `${LEAD} President Firefly noted the risks. ${e}` }),
  };
  it.each(Object.entries(ATTRIBUTION_RULES) as Array<[AttributionRule, (typeof ATTRIBUTION_RULES)[AttributionRule]]>)(
    'rule table: %s',
    (name, { example, speaker }) => {
      const { text } = CONTEXT[name]?.(example) ?? { text: `${LEAD} ${example}` };
      const r = parseText(text);
      const last = r.sentences.at(-1)!;
      const expectedSpeaker =
        name === 'author-we' || name === 'single-author' ? (r.participants[0]?.id ?? 'no author') : speaker;
      expect({ rule: last.attribution?.rule, speaker: last.speaker }).toEqual({ rule: name, speaker: expectedSpeaker });
    },
  );
});

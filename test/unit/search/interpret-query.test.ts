/** The question as typed → filters and words: one case per pattern, written for this project. */
import { describe, expect, it } from 'vitest';
import { interpretQuery } from '../../../shared/search/interpret-query.ts';

// People the index knows, and the one country someone in it speaks for (speakingFor('Borduria')).
const KNOWN = new Set(['firefly', 'rufus firefly', 'marena', 'vera marena', 'country:borduria']);
const interpret = (q: string) => interpretQuery(q, { isSpeaker: (n) => KNOWN.has(n.toLowerCase()) });

describe('interpretQuery', () => {
  it.each([
    [
      'what Firefly said about grain exports in 2022',
      { speaker: 'Firefly', from: '2022-01-01', to: '2022-12-31', terms: 'grain exports' },
    ],
    ['what did Vera Marena say about the border?', { speaker: 'Vera Marena', terms: 'the border' }],
    [
      'Marena on sanctions, March-May 2022',
      { speaker: 'Marena', from: '2022-03-01', to: '2022-05-31', terms: 'sanctions' },
    ],
    [
      'Firefly on hostages, October-December 2023',
      { speaker: 'Firefly', from: '2023-10-01', to: '2023-12-31', terms: 'hostages' },
    ],
    [
      "Firefly's remarks on the harvest since January 2023",
      { speaker: 'Firefly', from: '2023-01-01', to: null, terms: 'the harvest' },
    ],
    [
      'grain corridor October 2021 - February 2022',
      { speaker: null, from: '2021-10-01', to: '2022-02-28', terms: 'grain corridor' },
    ],
    [
      'calls about vaccines in 2021',
      { kind: 'call', kinds: ['call', 'video_call'], from: '2021-01-01', to: '2021-12-31', terms: 'vaccines' },
    ],
    ['phone calls about vaccines', { kind: 'call', kinds: ['call'], terms: 'vaccines' }],
    // "calls for" is a demand, not a phone call; "X's calls for" is what X said.
    ["Firefly's calls for more sanctions", { speaker: 'Firefly', kind: null, terms: 'more sanctions' }],
    ['calls for a ceasefire', { kind: null, terms: 'calls for a ceasefire' }],
    ['calls on the harvest', { kind: 'call', terms: 'on the harvest' }],
    ['video conferences on the harvest', { kind: 'video_call', terms: 'on the harvest' }],
    // A request put as a command.
    ["list Firefly's statements on the harvest", { speaker: 'Firefly', kind: null, terms: 'the harvest' }],
    ['show me Marena on sanctions', { speaker: 'Marena', terms: 'sanctions' }],
    ['video calls about vaccines', { kind: 'video_call', kinds: ['video_call'], terms: 'vaccines' }],
    ['which meetings covered climate change?', { kind: 'meeting', terms: 'climate change' }],
    ['"what they said about" grain', { speaker: null, terms: '"what they said about" grain' }],
    ['What has Firefly said about grain since 2023?', { speaker: 'Firefly', from: '2023-01-01', terms: 'grain' }],
    ['what did Firefly tell Marena', { speaker: 'Firefly', participants: ['Marena'], terms: '' }],
    ['Did Marena discuss grain exports with Firefly?', { speaker: 'Marena', terms: 'grain exports with Firefly' }],
    ['How did Firefly describe the harvest?', { speaker: 'Firefly', terms: 'the harvest' }],
    ['Marena about sanctions in 2023', { speaker: 'Marena', from: '2023-01-01', terms: 'sanctions' }],
    ['comments from Firefly on the harvest', { speaker: 'Firefly', terms: 'on the harvest' }],
    ['what did firefly say about the harvest', { speaker: 'firefly', terms: 'the harvest' }],
    ["What was Firefly's position on the border?", { speaker: 'Firefly', terms: 'the border' }],
    [
      'Firefly remarks about the harvest in August 2021',
      { speaker: 'Firefly', from: '2021-08-01', terms: 'the harvest' },
    ],
    ['Marena said about sanctions', { speaker: 'Marena', terms: 'sanctions' }],
    ['the border, according to Marena', { speaker: 'Marena', terms: 'the border' }],
    // Two people: no one speaker, both as participants (see "two people as the parties" below).
    ['what did firefly and marena discuss', { speaker: null, participants: ['firefly', 'marena'], terms: '' }],
    ['readouts mentioning the border', { speaker: null, terms: 'the border' }],
    ['What did Marena ask Firefly for?', { speaker: 'Marena', participants: ['Firefly'], terms: '' }],
    ['What did Secretary of State Vera Marena say about the border?', { speaker: 'Vera Marena', terms: 'the border' }],
    ['What did National Security Advisor Firefly say about the border', { speaker: 'Firefly', terms: 'the border' }],
    [
      'What did Secretary of State Nobody say about the border',
      { speaker: null, terms: 'Secretary of State Nobody the border' },
    ],
  ])('%s', (q, expected) => {
    expect(interpret(q)).toMatchObject(expected);
  });

  it.each([
    [
      'calls between Firefly and Marena about grain',
      { speaker: null, participants: ['Firefly', 'Marena'], kind: 'call', terms: 'grain' },
    ],
    [
      'the meeting between Vera Marena and Rufus Firefly',
      { participants: ['Vera Marena', 'Rufus Firefly'], terms: 'the meeting' },
    ],
    [
      'What did firefly and marena discuss about the border in 2023?',
      { speaker: null, participants: ['firefly', 'marena'], from: '2023-01-01', terms: 'the border' },
    ],
    ['Firefly and Marena on sanctions', { participants: ['Firefly', 'Marena'], terms: 'sanctions' }],
    ["Firefly's call with Marena", { participants: ['Firefly', 'Marena'], kind: null, terms: '' }],
    ["Firefly's phone call with Marena", { participants: ['Firefly', 'Marena'], kind: 'call', kinds: ['call'] }],
    ['the Firefly-Marena talks on the harvest', { participants: ['Firefly', 'Marena'], terms: 'the on the harvest' }],
    // Not two known people: the words stay, and a speaker pattern may still apply.
    ['calls between Firefly and Nobody about grain', { participants: [], terms: 'Firefly and Nobody grain' }],
    ['the border between Genovia and Borduria', { participants: [], terms: 'the border Genovia and Borduria' }],
    // One speaks, to the other: the speaker, and the other taking part.
    ['What did Firefly say to Marena about grain?', { speaker: 'Firefly', participants: ['Marena'], terms: 'grain' }],
    ['What did Firefly tell Nobody about grain?', { speaker: 'Firefly', participants: [], terms: 'Nobody grain' }],
    [
      'Did Firefly and Marena talk about grain?',
      { speaker: null, participants: ['Firefly', 'Marena'], terms: 'grain' },
    ],
    ['When did Firefly last speak with Marena?', { participants: ['Firefly', 'Marena'], terms: '' }],
    ['Did Firefly meet Marena in 2023?', { participants: ['Firefly', 'Marena'], from: '2023-01-01', terms: '' }],
    // One party named: the readouts of their conversations.
    ["Firefly's phone calls about grain", { participants: ['Firefly'], kind: 'call', kinds: ['call'], terms: 'grain' }],
    ['meetings with Marena about the border', { participants: ['Marena'], kind: 'meeting', terms: 'the border' }],
    ["Firefly's calls for more sanctions", { participants: [], speaker: 'Firefly', terms: 'more sanctions' }],
  ])('two people as the parties: %s', (q, expected) => {
    expect(interpret(q)).toMatchObject(expected);
  });

  it.each([
    ['What did Borduria say about the harvest?', { speaker: null, speakerCountry: 'Borduria', terms: 'the harvest' }],
    [
      "Borduria's position on the border in 2023",
      { speakerCountry: 'Borduria', from: '2023-01-01', terms: 'the border' },
    ],
    ['the Bordurian on sanctions', { speakerCountry: 'Borduria', terms: 'sanctions' }],
    ['Has Borduria raised the harvest?', { speakerCountry: 'Borduria', terms: 'the harvest' }],
    // Nobody in the index speaks for Genovia: its name stays a word; a person is still a person.
    ['What did Genovia say about the harvest?', { speaker: null, speakerCountry: null, terms: 'Genovia the harvest' }],
    ['What did Firefly say about Borduria?', { speaker: 'Firefly', speakerCountry: null, terms: 'Borduria' }],
    // A publisher named as the source is a publisher filter, not a speaker.
    ['What did the Kremlin say about the harvest?', { speaker: null, speakerCountry: null, publisher: 'Kremlin' }],
  ])("a country in the speaker's place: %s", (q, expected) => {
    expect(interpret(q)).toMatchObject(expected);
  });

  it.each([
    ['What did Lukashenka say about grain?', 'lukashenko'],
    ['What did Zelenski say about grain?', 'zelenskyy'],
    ['What did Erdogen say about grain?', 'erdogan'],
  ])('a surname spelt otherwise than the gazetteer: %s', (q, id) => {
    // The gazetteer's people (shared/readout/people.json), as an index that knows them would.
    const knows = (n: string) => ['lukashenko', 'zelenskyy', 'erdogan'].includes(n.toLowerCase());
    expect(interpretQuery(q, { isSpeaker: knows })).toMatchObject({ speaker: id, terms: 'grain' });
    // Nobody that close: the word stays.
    expect(interpretQuery('What did Zelinskiyyy say about grain?', { isSpeaker: knows }).speaker).toBeNull();
  });

  it('a subject one edit from a surname is no person: "Hamas" is not Tamim bin Hamad', () => {
    const knows = (n: string) => n.toLowerCase() === 'tamim';
    expect(interpretQuery('What did Hamas say about the ceasefire?', { isSpeaker: knows }).speaker).toBeNull();
    expect(interpretQuery('Hamas on the ceasefire', { isSpeaker: knows }).speaker).toBeNull();
  });

  it('a name the index does not know is left as words, not made a filter', () => {
    expect(interpret('Nobody on sanctions')).toMatchObject({ speaker: null, terms: 'Nobody on sanctions' });
  });

  it('recognises vocabulary topics as a hint, keeping their words', () => {
    const r = interpret('vaccines and vaccination in 2022');
    expect(r.topics).toContain('covid-19');
    expect(r.terms).toBe('vaccines and vaccination');
  });

  it.each([
    ['the harvest on February 24, 2022', '2022-02-24', '2022-02-24'],
    ['the harvest on 24 February 2022', '2022-02-24', '2022-02-24'],
    ['the harvest 2022-02-24', '2022-02-24', '2022-02-24'],
    ['the harvest since 24 February 2022', '2022-02-24', null],
    ['the harvest after February 28, 2022', '2022-03-01', null],
    ['the harvest before 1 March 2022', null, '2022-02-28'],
    ['the harvest in early March 2022', '2022-03-01', '2022-03-10'],
    ['the harvest in mid-May 2023', '2023-05-11', '2023-05-20'],
    ['the harvest at the end of February 2024', '2024-02-21', '2024-02-29'],
    ['the harvest in late 2023', '2023-09-01', '2023-12-31'],
    ['the harvest in the first half of 2022', '2022-01-01', '2022-06-30'],
    ['the harvest in Q3 2023', '2023-07-01', '2023-09-30'],
    ['the harvest in the third quarter of 2023', '2023-07-01', '2023-09-30'],
    ['the harvest in summer 2022', '2022-06-01', '2022-08-31'],
    ['the harvest in the winter of 2022-23', '2022-12-01', '2023-02-28'],
    // Years: a range of two years with the second in two digits is no exclusion ("-22").
    ['the harvest in 2021-22', '2021-01-01', '2022-12-31'],
    ['the harvest 2021/22', '2021-01-01', '2022-12-31'],
    ['the harvest in 2021 and 2022', '2021-01-01', '2022-12-31'],
    ['the harvest 2021 to 2023', '2021-01-01', '2023-12-31'],
    ['the harvest 2022-03', '2022-03-01', '2022-03-31'],
  ])('a period: %s', (q, from, to) => {
    expect(interpret(q)).toMatchObject({ from, to, terms: 'the harvest' });
  });

  describe('periods named from today (Wednesday 2026-12-02)', () => {
    const TODAY = '2026-12-02';
    const fromToday = (q: string) => interpretQuery(q, { isSpeaker: (n) => KNOWN.has(n.toLowerCase()), today: TODAY });
    it.each([
      ['the harvest last year', '2025-01-01', '2025-12-31'],
      ['the harvest this year', '2026-01-01', TODAY],
      ['the harvest last month', '2026-11-01', '2026-11-30'],
      ['the harvest this month', '2026-12-01', TODAY],
      ['the harvest last week', '2026-11-23', '2026-11-29'],
      ['the harvest this week', '2026-11-30', TODAY],
      ['the harvest in the past two weeks', '2026-11-18', TODAY],
      ['the harvest over the last 3 months', '2026-09-03', TODAY],
      ['the harvest in the last year', '2025-12-02', TODAY],
      ['the harvest yesterday', '2026-12-01', '2026-12-01'],
    ])('%s', (q, from, to) => {
      expect(fromToday(q)).toMatchObject({ from, to, terms: 'the harvest' });
    });

    it('a named period wins, and without today they stay words', () => {
      expect(fromToday('the harvest last year, in March 2022')).toMatchObject({ from: '2022-03-01', to: '2022-03-31' });
      expect(interpret('the harvest last year')).toMatchObject({
        from: null,
        to: null,
        terms: 'the harvest last year',
      });
    });
  });

  it('February ends on the right day, leap years included', () => {
    expect(interpret('January-February 2024')).toMatchObject({ from: '2024-01-01', to: '2024-02-29' });
  });

  describe('leaders named by office or by another spelling, through the gazetteer', () => {
    // An index that knows Putin, Zelenskyy, Biden and Trump as speakers.
    const SPEAKERS = new Set(['putin', 'zelenskyy', 'biden', 'trump']);
    const read = (q: string) => interpretQuery(q, { isSpeaker: (n) => SPEAKERS.has(n.toLowerCase()) });
    it('"the Russian President" is the one holder of that office', () => {
      expect(read('What did the Russian President say about the Minsk agreements?')).toMatchObject({
        speaker: 'Putin',
        terms: 'the Minsk agreements',
      });
    });
    it('"the US president" is whoever held it in the period asked about, and nobody without one', () => {
      expect(read('the US president on sanctions in 2022')).toMatchObject({ speaker: 'Biden', terms: 'sanctions' });
      expect(read('the US president on sanctions in 2018')).toMatchObject({ speaker: 'Trump' });
      expect(read('the US president on sanctions').speaker).toBeNull(); // two known holders: no guess
    });
    it('a surname-first name is named as the readouts name it alone ("the Chinese President" is Xi)', () => {
      const known = new Set(['xi']);
      expect(
        interpretQuery('what did the Chinese President say about Taiwan', {
          isSpeaker: (n) => known.has(n.toLowerCase()),
        }),
      ).toMatchObject({ speaker: 'Xi', terms: 'Taiwan' });
    });
    it('a spelling the gazetteer knows finds the speaker the index knows ("Zelensky")', () => {
      expect(read('statements by Zelensky on humanitarian corridors')).toMatchObject({ speaker: 'zelenskyy' });
    });
  });

  it('a publisher named as the source is a filter; named as a place, it stays words', () => {
    expect(interpret('What did the Kremlin say about sanctions?')).toMatchObject({
      publisher: 'Kremlin',
      terms: 'sanctions',
    });
    expect(interpret('Downing Street readouts on grain')).toMatchObject({
      publisher: "Prime Minister's Office (UK)",
      terms: 'grain',
    });
    // "statements" after a publisher is what it said, not the kind of readout.
    expect(interpret('White House statements on the harvest')).toMatchObject({
      publisher: 'White House',
      kind: null,
      terms: 'the harvest',
    });
    expect(interpret('meetings at the White House on grain')).toMatchObject({ publisher: null, kind: 'meeting' });
  });

  it('reports the countries among the topics', () => {
    expect(interpret('grain exports from Ukraine to Egypt').countries).toEqual(['Ukraine', 'Egypt']);
  });
});

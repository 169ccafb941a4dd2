import { describe, expect, it } from 'vitest';
import { readoutTopics, topicRarity } from '../../../shared/readout/parse.ts';
import { topicVocabulary, TopicVocabulary } from '../../../shared/readout/topics.ts';

describe('topic vocabulary', () => {
  it('resolves aliases to the same canonical topic', () => {
    expect(topicVocabulary.resolve('vaccines')).toBe('covid-19');
    expect(topicVocabulary.resolve('COVID')).toBe('covid-19');
    expect(topicVocabulary.resolve('covid-19')).toBe('covid-19');
    expect(topicVocabulary.resolve('no such topic')).toBeNull();
  });
  it('tags whole words only, case-insensitively', () => {
    expect(topicVocabulary.tag('They discussed Vaccines and the Taiwan Strait.')).toEqual(['covid-19', 'taiwan']);
    expect(topicVocabulary.tag('Grainger and Taiwanese-free text')).not.toContain('food-security');
  });
  it('says which alias named each topic, every time it did', () => {
    const v = new TopicVocabulary([
      { id: 'tech', label: 'Technology', kind: 'issue', aliases: ['critical minerals', 'chips'], exclude: [] },
    ]);
    expect([...v.tagNames('Critical minerals and chips; more chips.')]).toEqual([
      ['tech', [['critical', 'minerals'], ['chips'], ['chips']]],
    ]);
    expect(v.tag('Critical minerals and chips.')).toEqual(['tech']);
  });
  it('honours exclusions', () => {
    const v = new TopicVocabulary([
      { id: 'nato', label: 'NATO', kind: 'issue', aliases: ['alliance'], exclude: ['alliance for progress'] },
    ]);
    expect(v.tag('The Alliance for Progress met.')).toEqual([]);
    expect(v.tag('The alliance met.')).toEqual(['nato']);
  });
  it('adds countries from the polity list', () => {
    expect(topicVocabulary.tag('Talks with Genovia.')).toContain('genovia');
  });
  it('tags a country by its demonym and its capitalised abbreviation, not by a shared word or an everyday one', () => {
    expect(topicVocabulary.tag('The Genovian side proposed talks.')).toContain('genovia');
    expect(topicVocabulary.tag('Ties between the UK and Japan.')).toContain('united-kingdom');
    // "Korean" is a word of both Koreas' adjectives: it names neither.
    expect(topicVocabulary.tag('North Korean launches.')).not.toContain('south-korea');
    // Case is folded, so "US" would be "us" and "WHO" would be "who".
    expect(topicVocabulary.tag('He told us who would come.')).toEqual([]);
    // Nor is "CAR" (the Central African Republic) every "car".
    expect(topicVocabulary.tag('They discussed the electric car industry.')).toEqual([]);
  });
});

describe("a readout's topics", () => {
  const sentences = (...tags: string[][]) => tags.map((topics) => ({ topics }));
  it("puts the title's first, then the most discussed", () => {
    expect(readoutTopics('Call on Afghanistan', sentences(['trade'], ['trade', 'covid-19']), [])).toEqual([
      'afghanistan',
      'trade',
      'covid-19',
    ]);
  });
  it('breaks a tie between equally discussed topics by rarity across readouts (topic-rarity.json)', () => {
    expect(topicRarity('taiwan')).toBeGreaterThan(topicRarity('bilateral-relations'));
    expect(topicRarity('no-such-topic')).toBeGreaterThan(topicRarity('taiwan')); // unknown: rarest
    expect(readoutTopics(null, sentences(['bilateral-relations'], ['taiwan']), [])).toEqual([
      'taiwan',
      'bilateral-relations',
    ]);
    // More sentences still win over rarity.
    expect(readoutTopics(null, sentences(['bilateral-relations'], ['bilateral-relations', 'taiwan']), [])).toEqual([
      'bilateral-relations',
      'taiwan',
    ]);
  });
  it('ranks courtesies after the substance unless the title is about them', () => {
    const s = sentences(['congratulations'], ['congratulations'], ['trade']);
    expect(readoutTopics('A call', s, [])).toEqual(['trade', 'congratulations']);
    expect(readoutTopics('Congratulations on the anniversary', s, [])).toEqual(['congratulations', 'trade']);
  });
  it("ranks the participants' own countries last", () => {
    const s = sentences(['genovia'], ['genovia'], ['trade']);
    expect(readoutTopics(null, s, [{ country: 'Genovia' }])).toEqual(['trade', 'genovia']);
  });
});

import { describe, expect, it } from 'vitest';
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
});

/**
 * Readouts in other publishers' house styles, written for these tests (test/fixtures/publisher-styles):
 * who published each, who took part, the event date and every sentence's speaker. They guard the
 * patterns the labelled corpus (three publishers) cannot: a rule tuned on the corpus that breaks
 * Downing Street's "The Prime Minister" or Japan MOFA's numbered overview fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from './fixture.ts';

const dir = new URL('../../fixtures/publisher-styles/', import.meta.url);
interface Expected {
  publisher: string;
  eventDate: string | null;
  participants: string[];
  speakers: Array<string | null>;
}
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<string, Expected | string>;
const cases = Object.entries(expected).filter((e): e is [string, Expected] => typeof e[1] !== 'string');

describe('readouts in house styles the corpus does not hold', () => {
  it('covers at least ten publishers', () => {
    expect(new Set(cases.map(([, e]) => e.publisher)).size).toBeGreaterThanOrEqual(10);
  });
  it.each(cases)('%s', (file, want) => {
    const r = parseText(readFileSync(new URL(file, dir), 'utf8'), file);
    expect({
      publisher: r.publisher,
      eventDate: r.eventDate ?? null,
      participants: r.participants.map((p) => p.id),
      speakers: r.sentences.map((s) => s.speaker),
    }).toEqual(want);
  });
});

/** Statements that carry on a matching one (shared/search/continuations.ts): written for this project. */
import { describe, expect, it } from 'vitest';
import { withContinuations } from '../../../shared/search/continuations.ts';
import { ReadoutIndex } from '../../../shared/search/readout-index.ts';
import { callDoc } from '../../support/readout-docs.ts';

// Sentence 0 is callDoc's opener; the body's sentences follow from 1.
const doc = callDoc(
  'c',
  'President Firefly welcomed the ceasefire in Gaza. He said that it must hold. He also raised Iraq. ' +
    'Prime Minister Marena welcomed the ceasefire in Gaza. The harvest was discussed. He also raised Iraq.',
);
const matching = (...at: number[]) => at.map((sentenceIndex) => ({ sentenceIndex, score: 2, highlights: [] }));

describe('continuations', () => {
  it('adds the sentence after a matching one when it opens as a continuation, by the same speaker', () => {
    const out = withContinuations(doc, matching(1, 4));
    expect(out.map((s) => s.sentenceIndex)).toEqual([1, 2, 4]);
    expect(out.find((s) => s.sentenceIndex === 2)!.score).toBeLessThan(2);
  });

  it('leaves out a sentence that brings in a subject of its own, or another speaker, or no continuation opener', () => {
    expect(withContinuations(doc, matching(2)).map((s) => s.sentenceIndex)).toEqual([2]); // "He also raised Iraq."
    expect(withContinuations(doc, matching(3)).map((s) => s.sentenceIndex)).toEqual([3]); // Marena after Firefly
    expect(withContinuations(doc, matching(4)).map((s) => s.sentenceIndex)).toEqual([4]); // "The harvest ..."
  });

  it('shows continuations in search summaries, after what matched', () => {
    const index = new ReadoutIndex();
    index.upsert(doc);
    const [hit] = index.search({ q: 'ceasefire' }).hits;
    expect(hit!.statements.map((s) => s.sentenceIndex)).toEqual([1, 2, 4]);
    expect(hit!.statements.find((s) => s.sentenceIndex === 2)!.highlights).toEqual([]);
  });
});

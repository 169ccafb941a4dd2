/** Related expressions from the diplomatic thesaurus (shared/search/thesaurus.json) widen a query, below its own words. */
import { describe, expect, it } from 'vitest';
import { ReadoutIndex } from '../../../shared/search/readout-index.ts';
import { callDoc } from '../../support/readout-docs.ts';
import { otherNames, relatedExpressions } from '../../../shared/search/thesaurus.ts';
import { tokenize } from '../../../shared/search/tokenize.ts';

const doc = callDoc;

/** An index of three readouts: one in the query's own words, one in another name for them, one in neither. */
function ownOtherNeither(own: string, other: string): ReadoutIndex {
  const index = new ReadoutIndex();
  index.upsert(doc('own', own));
  index.upsert(doc('other', other));
  index.upsert(doc('neither', 'The leaders discussed grain exports.'));
  return index;
}

describe('thesaurus', () => {
  it("answers the other expressions of a word's groups", () => {
    expect(relatedExpressions('truce').map((e) => e.text)).toEqual(
      expect.arrayContaining(['ceasefire', 'cessation of hostilities']),
    );
    expect(relatedExpressions('zebrafinch')).toEqual([]);
    // Single words added for the vocabulary of readouts beyond the dev set.
    expect(relatedExpressions(tokenize('chips')[0]!).map((e) => e.text)).toContain('semiconductors');
    expect(relatedExpressions('aid').map((e) => e.text)).toContain('assistance');
  });

  it('an abbreviation that is also a word is no other name: "car" is not the Central African Republic', () => {
    expect(otherNames(['car'])).toEqual([]);
  });

  it('a query word finds readouts that use a related expression, ranked below those that use the word', () => {
    const r = ownOtherNeither(
      'The leaders welcomed the truce in the north.',
      'The leaders welcomed the ceasefire in the north.',
    ).search({ q: 'truce' });
    expect(r.hits.map((h) => h.doc.id)).toEqual(['own', 'other']);
    expect(r.related).toEqual({ truce: expect.arrayContaining(['ceasefire']) });
  });

  it("a country named by one of its names also finds its others (countries.ts), below the query's own words", () => {
    expect(otherNames(['north', 'korea']).map((e) => e.text)).toContain('DPRK');
    const r = ownOtherNeither(
      'The leaders condemned the missile launches by North Korea.',
      'The leaders condemned the missile launches by the DPRK.',
    ).search({ q: 'North Korea' });
    expect(r.hits.map((h) => h.doc.id)).toEqual(['own', 'other']);
    expect(r.related).toEqual({ 'North Korea': ['DPRK'] });
  });
});

/** Related expressions from the diplomatic thesaurus (shared/search/thesaurus.json) widen a query, below its own words. */
import { describe, expect, it } from 'vitest';
import { ReadoutIndex } from '../../../shared/search/readout-index.ts';
import { callDoc } from '../../support/readout-docs.ts';
import { otherNames, relatedExpressions } from '../../../shared/search/thesaurus.ts';

const doc = callDoc;

describe('thesaurus', () => {
  it("answers the other expressions of a word's groups", () => {
    expect(relatedExpressions('truce').map((e) => e.text)).toEqual(
      expect.arrayContaining(['ceasefire', 'cessation of hostilities']),
    );
    expect(relatedExpressions('zebrafinch')).toEqual([]);
  });

  it('an abbreviation that is also a word is no other name: "car" is not the Central African Republic', () => {
    expect(otherNames(['car'])).toEqual([]);
  });

  it('a query word finds readouts that use a related expression, ranked below those that use the word', () => {
    const index = new ReadoutIndex();
    index.upsert(doc('own', 'The leaders welcomed the truce in the north.'));
    index.upsert(doc('related', 'The leaders welcomed the ceasefire in the north.'));
    index.upsert(doc('neither', 'The leaders discussed grain exports.'));
    const r = index.search({ q: 'truce' });
    expect(r.hits.map((h) => h.doc.id)).toEqual(['own', 'related']);
    expect(r.related).toEqual({ truce: expect.arrayContaining(['ceasefire']) });
  });

  it("a country named by one of its names also finds its others (countries.ts), below the query's own words", () => {
    expect(otherNames(['north', 'korea']).map((e) => e.text)).toContain('DPRK');
    const index = new ReadoutIndex();
    index.upsert(doc('own', 'The leaders condemned the missile launches by North Korea.'));
    index.upsert(doc('other', 'The leaders condemned the missile launches by the DPRK.'));
    index.upsert(doc('neither', 'The leaders discussed grain exports.'));
    const r = index.search({ q: 'North Korea' });
    expect(r.hits.map((h) => h.doc.id)).toEqual(['own', 'other']);
    expect(r.related).toEqual({ 'North Korea': ['DPRK'] });
  });
});

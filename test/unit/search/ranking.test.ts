/** The scoring functions (shared/search/ranking.ts) behave as BM25 says. */
import { describe, expect, it } from 'vitest';
import {
  bm25,
  coordinationExponentFor,
  coordinationWeight,
  idf,
  lengthNorm,
  RANKING,
  specificity,
  substance,
  substanceTopics,
  titleBoostFor,
} from '../../../shared/search/ranking.ts';
import { ReadoutIndex } from '../../../shared/search/readout-index.ts';
import { parseReadout } from '../../../shared/readout/parse.ts';
import { parseQuery } from '../../../shared/search/query.ts';
import { type SearchDoc, toSearchDoc } from '../../../shared/search/search-doc.ts';
import { callDoc } from '../../support/readout-docs.ts';

describe('ranking', () => {
  it('idf: rarer terms weigh more, and never below zero', () => {
    expect(idf(1000, 1)).toBeGreaterThan(idf(1000, 100));
    expect(idf(1000, 1000)).toBeGreaterThan(0);
  });

  it('bm25 saturates with term frequency towards (k1 + 1) × idf', () => {
    const norm = lengthNorm(30, 30);
    const scores = [1, 2, 4, 8, 1000].map((tf) => bm25(2, tf, norm));
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThan(scores[i - 1]!);
    expect(scores.at(-1)!).toBeLessThan(2 * (RANKING.k1 + 1));
    expect(scores[1]! - scores[0]!).toBeGreaterThan(scores[4]! - scores[3]!);
  });

  it('a longer readout scores a term lower than an average one; an average one is k1 itself', () => {
    expect(lengthNorm(30, 30)).toBeCloseTo(RANKING.k1);
    expect(bm25(1, 1, lengthNorm(300, 30))).toBeLessThan(bm25(1, 1, lengthNorm(30, 30)));
  });
});

const doc = callDoc;
const MATCH_RELATED = 0.5;

/** The first `n` hits of `q` on both index paths: the live segment, and the artifact round trip. */
function topOnBothPaths(docs: SearchDoc[], q: string, n = 1): string[][] {
  const live = new ReadoutIndex();
  for (const d of docs) live.upsert(d);
  return [live, ReadoutIndex.fromArtifact(live.toArtifact(1))].map((index) =>
    index
      .search({ q })
      .hits.slice(0, n)
      .map((h) => h.doc.id),
  );
}

/** Forty readouts using a question's descriptive words, as real readouts do (their idf well below a name's). */
const describing = (phrases: string[]) =>
  Array.from({ length: 40 }, (_, i) => doc(`o${i}`, `They discussed ${phrases[i % phrases.length]}.`));

describe('ranking by substance', () => {
  const filler = (n: number, what: string) =>
    Array.from({ length: n }, (_, i) => `The leaders reviewed ${what} item number ${i + 1} in detail.`).join(' ');
  const FILLER = 5; // sentences of other business around the subject
  const order = (index: ReadoutIndex, q: string) => index.search({ q }).hits.map((h) => h.doc.id);
  // Other readouts give the words a realistic rarity (idf).
  const others = Array.from({ length: 30 }, (_, i) =>
    doc(`other-${i}`, `They discussed ${['grain', 'ports', 'visas'][i % 3]}.`),
  );
  const bothPaths = (docs: ReturnType<typeof doc>[]) => {
    const live = new ReadoutIndex();
    for (const d of [...docs, ...others]) live.upsert(d);
    return [live, ReadoutIndex.fromArtifact(live.toArtifact(1))];
  };

  it('counts sentences on the subject up to a cap, linearly', () => {
    expect(substance(1)).toBeCloseTo(RANKING.queryTopicSentence);
    expect(substance(RANKING.queryTopicSentenceCap + 20)).toBe(substance(RANKING.queryTopicSentenceCap));
  });

  it('a readout that discusses the subject outranks a short one that names it in passing', () => {
    const docs = [
      doc('passing', 'They discussed trade, energy, Afghanistan and tourism.'),
      doc(
        'about',
        `${filler(FILLER, 'grain')} Afghanistan was discussed. The Taliban must keep its promises. Kabul airport must stay open. Afghan refugees need help. The Afghan people deserve peace. Afghan women must study.`,
      ),
    ];
    for (const index of bothPaths(docs)) expect(order(index, 'Afghanistan')[0]).toBe('about');
  });

  it('a query naming no topic measures substance by its rarest word: many mentions outrank one in passing', () => {
    // "lithium" is in no topic's vocabulary; "deposits" is commoner (the other readouts hold it).
    const commoner = Array.from({ length: 12 }, (_, i) => doc(`deposits-${i}`, `Bank deposits item ${i} rose.`));
    const docs = [
      doc('passing', `${filler(2, 'grain')} They listed lithium deposits, ports and visas among the subjects.`),
      doc(
        'about',
        `${filler(FILLER * 4, 'grain')} Lithium deposits were discussed. Lithium mining must be sustainable. Lithium refining capacity is short. Lithium prices are volatile. Lithium recycling was agreed.`,
      ),
      ...commoner,
    ];
    for (const index of bothPaths(docs)) expect(order(index, 'lithium deposits')[0]).toBe('about');
    // With substance off (a cap of 0), BM25 alone ranks the short readout first: the test can fail.
    const cap = RANKING.queryTopicSentenceCap;
    try {
      (RANKING as { queryTopicSentenceCap: number }).queryTopicSentenceCap = 0;
      expect(order(bothPaths(docs)[0]!, 'lithium deposits')[0]).toBe('passing');
    } finally {
      (RANKING as { queryTopicSentenceCap: number }).queryTopicSentenceCap = cap;
    }
  });

  it('substance is on the least covered of the query topics: "Iran nuclear" is not a long readout on nuclear matters alone', () => {
    const docs = [
      doc('both', 'They discussed Iran and its nuclear programme. Iran must return to the nuclear deal.'),
      doc(
        'nuclear-only',
        `${filler(6, 'grain')} ${Array.from({ length: 10 }, (_, i) => `Nuclear plant ${i + 1} was inspected.`).join(' ')} They also mentioned Iran.`,
      ),
    ];
    for (const index of bothPaths(docs)) expect(order(index, 'Iran nuclear')[0]).toBe('both');
  });
});

describe('verbose questions: the rare words name the subject', () => {
  it('coordination counts a word by its idf: its own words first, else what it was expanded to', () => {
    expect(coordinationWeight([[3.2, 1]])).toBe(3.2);
    expect(
      coordinationWeight([
        [0.4, 1],
        [2.5, MATCH_RELATED],
      ]),
    ).toBe(0.4); // the word as written wins
    expect(coordinationWeight([[2.5, MATCH_RELATED]])).toBe(2.5);
  });

  it('substance is measured on the specific topics, not on broad ones a descriptive word brings in', () => {
    const df: Record<string, number> = {
      haiti: 25,
      'western-hemisphere': 82,
      humanitarian: 271,
      iran: 69,
      nuclear: 90,
    };
    expect(substanceTopics(['western-hemisphere', 'haiti', 'humanitarian'], (t) => df[t]!)).toEqual([
      'western-hemisphere',
      'haiti',
    ]);
    expect(substanceTopics(['iran', 'nuclear'], (t) => df[t]!)).toEqual(['iran', 'nuclear']);
    expect(substanceTopics(['unknown', 'haiti'], (t) => df[t] ?? 0)).toEqual(['unknown', 'haiti']);
  });

  it('a broad topic named by a narrow alias is not what the query is about; one named as itself is', () => {
    const df: Record<string, number> = { technology: 229, kazakhstan: 24 };
    const measured = (topic: string, nameDf: number) =>
      substanceTopics(
        [topic],
        (t) => df[t]!,
        () => nameDf,
      );
    // "critical minerals": 19 readouts hold "minerals", 229 carry technology.
    expect(measured('technology', 19)).toEqual([]);
    // "technology", "Kazakhstan": the name is as common as the topic.
    expect(measured('technology', 200)).toEqual(['technology']);
    expect(measured('kazakhstan', 24)).toEqual(['kazakhstan']);
    // Unknown name rarity: the topic is kept.
    expect(measured('technology', 0)).toEqual(['technology']);
  });

  it("a word's idf is scaled by its share of the rarest one's only in queries of three words or more", () => {
    expect(specificity(1, 4, 4)).toBeCloseTo((1 / 4) ** RANKING.specificityExponent);
    expect(specificity(4, 4, 4)).toBe(1);
    expect(specificity(1, 4, RANKING.specificityMinGroups - 1)).toBe(1);
  });

  it('a readout about the subject outranks one that names it once beside the descriptive words', () => {
    const docs = [
      doc(
        'about',
        'They discussed Elbonia. Elbonia needs a new police force. The leaders pledged support to Elbonia and its people. Elbonia will hold elections.',
      ),
      doc(
        'passing',
        'They discussed the security situation worldwide and the humanitarian crisis in several regions, including Elbonia, and the security of shipping.',
      ),
    ];
    const others = describing([
      'security and the humanitarian situation',
      'the humanitarian crisis',
      'the crisis and security',
    ]);
    for (const top of topOnBothPaths([...docs, ...others], 'Elbonia security and humanitarian crisis'))
      expect(top).toEqual(['about']);
  });
});

describe('coordination in verbose queries', () => {
  it('counts the words as typed: a hyphenated word, a phrase and alternatives are one each; exclusions none', () => {
    expect(parseQuery('COVID-19 vaccines').words).toBe(2);
    expect(parseQuery('"security guarantees" Iran OR Iraq -Russia').words).toBe(2);
    expect(parseQuery('Haiti security humanitarian crisis').words).toBe(4);
  });

  it('is squared for one or two words and linear from three', () => {
    expect(coordinationExponentFor(1)).toBe(RANKING.coordinationExponent);
    expect(coordinationExponentFor(2)).toBe(RANKING.coordinationExponent);
    expect(coordinationExponentFor(RANKING.specificityMinGroups)).toBe(RANKING.verboseCoordinationExponent);
    expect(RANKING.verboseCoordinationExponent).toBeLessThan(RANKING.coordinationExponent);
  });

  it('a readout about the subject that lacks the descriptive words is not sunk by them', () => {
    const docs = [
      doc(
        'about',
        'Officials travelled to Elbonia. They met police leaders there. Elbonia needs support from its partners.',
      ),
      doc(
        'passing',
        'They discussed security, the humanitarian crisis in many regions, and Elbonia, among other things.',
      ),
    ];
    const others = describing(['security and humanitarian aid', 'the humanitarian crisis', 'the crisis and security']);
    for (const top of topOnBothPaths([...docs, ...others], 'Elbonia security humanitarian crisis'))
      expect(top).toEqual(['about']);
  });
});

describe('quoted phrases', () => {
  it('count by the sentences that hold the phrase, not by its words one by one', () => {
    const docs = [
      doc(
        'phrase',
        'They discussed security guarantees. Security guarantees were the main subject. They agreed to talk again.',
      ),
      doc(
        'word',
        'They discussed security guarantees once. Guarantees of investment, guarantees of loans and guarantees of supply were reviewed, with the security of shipping and the security of ports.',
      ),
      ...describing(['grain', 'ports', 'visas', 'security of borders']),
    ];
    for (const top of topOnBothPaths(docs, '"security guarantees"', 2)) expect(top).toEqual(['phrase', 'word']);
  });
});

describe('titles', () => {
  it('boost by the share of the query the title holds: all of it fully, none of it not at all', () => {
    expect(titleBoostFor(1)).toBeCloseTo(RANKING.titleBoost);
    expect(titleBoostFor(0)).toBe(1);
    expect(titleBoostFor(0.5)).toBeGreaterThan(1);
    expect(titleBoostFor(0.5)).toBeLessThan(RANKING.titleBoost);
  });

  it('a title with every query word outranks one with a single word of the query', () => {
    const titled = (id: string, title: string, body: string) =>
      toSearchDoc(
        parseReadout({
          id,
          text: `${title}\n2024-03-05 10:00:00 UTC\n\nPresident Rufus Firefly spoke with Prime Minister Vera Marena. ${body}`,
          format: 'txt',
          source: { bucket: 'b', key: `${id}.txt`, etag: null },
        }),
        '1',
      );
    const docs = [
      titled('whole', 'Talks on the Elbonia harvest', 'They discussed the harvest in Elbonia.'),
      titled('part', 'Talks on Elbonia', 'They discussed the harvest in Elbonia and the harvest outlook.'),
      ...Array.from({ length: 30 }, (_, i) =>
        callDoc(`o${i}`, `They discussed ${['grain', 'ports', 'visas'][i % 3]}.`),
      ),
    ];
    for (const top of topOnBothPaths(docs, 'Elbonia harvest', 2)) expect(top).toEqual(['whole', 'part']);
  });
});

describe('events about a country the query names', () => {
  it('"Kazakhstan" also ranks the sentences of its unrest that do not name it (topics.json `about`)', () => {
    const d = doc(
      'unrest',
      'They discussed trade with Kazakhstan. The CSTO peacekeeping mission helped restore order. Grain prices were reviewed.',
    );
    const live = new ReadoutIndex();
    live.upsert(d);
    for (let i = 0; i < 10; i++) live.upsert(doc(`o${i}`, 'They discussed grain prices.'));
    const hit = live.search({ q: 'Kazakhstan' }).hits[0]!;
    const said = hit.statements.map((st) => d.sentences[st.sentenceIndex]!.text);
    expect(said.some((t) => t.includes('CSTO'))).toBe(true);
    expect(said.some((t) => t.includes('Grain'))).toBe(false);
  });
});

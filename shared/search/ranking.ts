/**
 * How a result is scored, in one place: the BM25 function both engine paths call, and every
 * weight the engine adds on top of it, each with what it does, its sensible range and why it has
 * its value. Changing a value here changes rankings: rerun `npm run eval -- --search`.
 *
 * A readout's score, in order:
 *  1. BM25 over its sentences' terms (`bm25`), each query term weighted by how it was matched
 *     (exact, prefix, typo: `MATCH_WEIGHTS`), its idf scaled in a verbose query (`specificity`);
 *  2. required phrases add their idf times `literalClause` (found as written) or `topicClause`
 *     (found only through the phrase's topic), and BM25 over the sentences holding them
 *     (`phraseFrequency`) in place of their words';
 *  3. times (matched query groups / all groups) ^ `coordinationExponent` (`verboseCoordinationExponent`
 *     for queries of three words or more), each group counted by its idf (`coordinationWeight`);
 *  4. plus its substance (`substance`): `queryTopicSentence` per sentence on the query's least
 *     covered specific topic (`substanceTopics`), up to `queryTopicSentenceCap` sentences; for a
 *     query that names no such topic, per mention of its rarest word;
 *  5. times up to `titleBoost` when the title holds query words, by the share of the query it holds
 *     (`titleBoostFor`);
 *  6. plus `requestedTopicSentence` per sentence on a topic given as a filter.
 * Inside a readout, sentences are ranked for the summary by `SENTENCE_WEIGHTS`.
 */
export const RANKING = {
  /**
   * BM25 term-frequency saturation. Range 0.5-2.0; 1.2 is the usual default and suits sentences
   * of 20-40 words, where a term seldom repeats more than a few times.
   */
  k1: 1.2,
  /**
   * BM25 length normalisation, 0 (none) to 1 (full). 0.75, the usual default: a long transcript
   * should not win by length alone, nor a one-line readout by brevity.
   */
  b: 0.75,
  /** A required phrase found as written: its idf times this. Range 1-3; 2 puts it above any single term. */
  literalClause: 2,
  /** A required phrase found only through its topic: its idf times this (below 1: weaker evidence). */
  topicClause: 0.75,
  /**
   * A quoted phrase counts by how many sentences hold it as written, in BM25 with its idf times
   * this, instead of by each of its words ("security guarantees" is not "security" thirty times).
   * 0.5: its presence already counts `literalClause` times its idf. (Dev keywords 0.893 -> 0.896,
   * both halves up, no query down; at 1, "Minsk agreements" fell 0.08; 1/3 scored as 0.5.)
   */
  phraseFrequency: 0.5,
  /**
   * The share of query groups a readout matches is raised to this power. 2: a readout with both
   * "sanctions" and "iran" beats one with "sanctions" many times over (1 = linear, weaker).
   */
  coordinationExponent: 2,
  /**
   * The same for a verbose query (at least `specificityMinGroups` words as typed): 1, linear. A question
   * describes its subject with common words ("Haiti security and humanitarian crisis"); a readout
   * about Haiti that lacks "crisis" should not lose half its score to one that names Haiti once
   * beside all four words. (1 against 2 on the dev questions: 0.862 -> 0.866, both halves up,
   * keywords unchanged; 1.5 gave 0.863. Over all queries, 1 had cost the keywords. Counted by
   * terms, "COVID-19 vaccines" was verbose and lost a relevant readout from its first fifty.)
   */
  verboseCoordinationExponent: 1,
  /**
   * Whether a query group counts for coordination by its idf (true) or as one (false). By idf, a
   * verbose question ("Haiti security and humanitarian crisis") does not sink the readouts on
   * Haiti that lack the common words "security" or "crisis": the rare word carries most of the share.
   */
  coordinationByIdf: true,
  /**
   * Substance counts the query topics carried by at most this many times as many readouts as its
   * most specific one: "Haiti" (25 readouts) with "humanitarian" (271) measures Haiti only; "Iran"
   * (69) with "nuclear" (90) measures both. Range 2-10; Infinity counts every topic.
   */
  substanceTopicSpread: 4,
  /**
   * A query topic far broader than the query's name for it ranks sentences but does not make a
   * readout a match: "Haiti" also names the Western Hemisphere (82 readouts to Haiti's 23), whose
   * other readouts are not about Haiti; "hostages" names Israel-Gaza (115 to 48). Twice as common,
   * smoothed (`namedBroadly`): a topic's other names that are synonyms ("DPRK", "COVID") are at most
   * 1.7 times as common as the query's name on the dev corpus. Dev figures identical at 1.5, 2, 3
   * and 4 (the topics only added readouts below the first fifty); at 100,000 readouts "grain
   * exports" from the Kremlin took 4.4 ms instead of 8.1 (its food-security and trade readouts).
   */
  matchTopicSpread: 2,
  /** Readouts added to both counts before `namedBroadly` compares them (see there). */
  broadTopicPrior: 10,
  /**
   * In a query of at least `specificityMinGroups` words, each term's idf is scaled by (its idf /
   * the rarest query word's idf) ^ this: "critical minerals supply chains" is about critical minerals
   * more than about supply chains. 0 turns it off; 1 on the dev questions (2 drops "Iran nuclear
   * program JCPOA" and "Kazakhstan unrest ... CSTO" by 0.07-0.08).
   */
  specificityExponent: 1,
  /**
   * Shorter queries keep every word's plain idf: in "Gaza ceasefire" both words are the subject
   * (scaled, "ceasefire" readouts about elsewhere lost 0.07 nDCG on that query).
   */
  specificityMinGroups: 3,
  /**
   * Per sentence on a topic the query names ("vaccines" → covid-19), or per mention of its rarest
   * word when it names none. Range 0.1-1. 0.7: chosen on half A of the dev queries, where 0.6-1.0
   * is a plateau (keywords + questions summed 1.768-1.772, all above 0.4's 1.763; 0.6 drops Putin on
   * NATO 0.05), checked on B (keywords 0.903 -> 0.913, questions 0.862 -> 0.876). At 0.4 the
   * substance of a readout about the subject seldom outweighed BM25's preference for short ones.
   */
  queryTopicSentence: 0.7,
  /**
   * At most this many such sentences count. 10: a readout whose second half is about the subject
   * outranks one that names it in a list, while a forty-sentence transcript does not win by
   * length alone (at 3, a passing mention in a short readout beat a press conference about the
   * subject; 10-15 scored alike on the dev queries, both halves).
   */
  queryTopicSentenceCap: 10,
  /**
   * The title holding the whole query multiplies the score by this; holding part of it, by part of
   * it (`titleBoostFor`). Range 1-2; 1.3 lifts a title match a few places.
   */
  titleBoost: 1.3,
  /** Per sentence on a topic given as a filter (`topic=`): orders a topic listing by how much it covers. */
  requestedTopicSentence: 0.1,
} as const;

/** How much a vocabulary term counts for the query word it was found for. */
export const MATCH_WEIGHTS = {
  /** The word itself (after stemming), or a term of a `prefix*` query. */
  exact: 1,
  /** A longer word that starts with the query word, for a query word that matched nothing ("interconn"). */
  prefix: 0.8,
  /** A word one or two edits away, for a query word that matched nothing ("afghanistn"). */
  typo: 0.6,
  /**
   * A related expression from the thesaurus ("truce" for "ceasefire"), shared among its words.
   * Range 0.2-0.8; 0.5 finds the readouts that use the other word without ranking them above those
   * that use the query's own.
   */
  related: 0.5,
} as const;

/** How a readout's sentences are ranked for its summary. */
export const SENTENCE_WEIGHTS = {
  /** A required phrase found as written in the sentence: its idf times this. */
  literalClause: 2,
  /** The sentence is on the required phrase's topic only: its idf times this. */
  topicClause: 0.5,
  /** The sentence is on a topic given as a filter. */
  requestedTopic: 1,
  /** The sentence is on a topic the query names. */
  queryTopic: 0.5,
} as const;

/** Inverse document frequency, BM25's (always positive): rare terms count more. */
export function idf(docs: number, docsWithTerm: number): number {
  return Math.log(1 + (docs - docsWithTerm + 0.5) / (docsWithTerm + 0.5));
}

/**
 * BM25's length normalisation for a readout (or the part of it a speaker filter keeps) of
 * `length` terms: computed once per readout, shared by all its terms.
 */
export function lengthNorm(length: number, avgLength: number): number {
  return RANKING.k1 * (1 - RANKING.b + RANKING.b * (length / avgLength));
}

/** One term's BM25 contribution: `tf` occurrences (weighted by how it matched), its idf, and the readout's `lengthNorm`. */
export function bm25(termIdf: number, tf: number, norm: number): number {
  return termIdf * ((tf * (RANKING.k1 + 1)) / (tf + norm));
}

/**
 * Ranking by substance: how much of a readout is about the query, as the number of its sentences
 * (the speaker's own, under a speaker filter) on the query's least covered topic, `n`. The least
 * covered one, so that "Iran nuclear" rewards readouts on both and not a long one on nuclear
 * submarines; linear up to `queryTopicSentenceCap`, then flat.
 */
export function substance(n: number): number {
  return Math.min(RANKING.queryTopicSentenceCap, n) * RANKING.queryTopicSentence;
}

/**
 * What one query group counts for coordination: the idf of its own word (the best of the terms it
 * matches as written, else of any of its expansions), or 1 each when `coordinationByIdf` is off.
 * `terms` are [idf, match weight] pairs.
 */
export function coordinationWeight(terms: ReadonlyArray<readonly [number, number]>): number {
  if (!RANKING.coordinationByIdf) return 1;
  let own = 0;
  let any = 0;
  for (const [x, w] of terms) {
    any = Math.max(any, x);
    if (w >= MATCH_WEIGHTS.exact) own = Math.max(own, x);
  }
  return own || any || 1;
}

/**
 * The title boost for a title holding `share` of the query (its words counted by idf, as for
 * coordination): 1 + (titleBoost - 1) × share. A title is a readout's own summary, so a title
 * with every query word counts fully, and one with a single word of a verbose question ("Republic
 * of Korea" for "North Korea nuclear and missile threat") a little. (All or nothing before: dev
 * questions 0.866 -> 0.869, B 0.856 -> 0.862, A flat; keywords unchanged; interpret=false 0.736
 * -> 0.724, its filler words holding part of the share.)
 */
export function titleBoostFor(share: number): number {
  return 1 + (RANKING.titleBoost - 1) * Math.min(1, Math.max(0, share));
}

/**
 * The coordination exponent for a query of `words` words as typed (`coordinationExponent`,
 * `verboseCoordinationExponent`): "COVID-19 vaccines" is two words, though three terms.
 */
export function coordinationExponentFor(words: number): number {
  return words >= RANKING.specificityMinGroups ? RANKING.verboseCoordinationExponent : RANKING.coordinationExponent;
}

/**
 * The query topics substance is measured on: those no more than `substanceTopicSpread` times as
 * common (readouts carrying them, `df`) as the query's most specific topic, nor as the readouts
 * the query's name for them could describe (`nameDf`: those holding the rarest word of the alias
 * that named the topic; 0 when unknown). Broad topics a verbose question picks up from its
 * descriptive words ("humanitarian", "trade") still rank sentences and find readouts; they do not
 * decide what a readout is about. Nor does a broad topic named by one of its narrow aliases:
 * "critical minerals" (19 readouts hold "minerals") names technology (229), and counting
 * technology sentences ranked chip and tech-policy readouts above those on minerals. A topic no
 * readout carries is kept (it makes substance zero, as before).
 */
export function substanceTopics(
  topics: readonly string[],
  df: (topic: string) => number,
  nameDf: (topic: string) => number = () => 0,
): string[] {
  const counts = new Map(topics.map((t) => [t, df(t)]));
  const narrow = topics.filter((t) => !namedBroadly(counts.get(t)!, nameDf(t)));
  const known = narrow.map((t) => counts.get(t)!).filter((c) => c > 0);
  if (!known.length) return narrow;
  const bar = Math.min(...known) * RANKING.substanceTopicSpread;
  return narrow.filter((t) => counts.get(t)! === 0 || counts.get(t)! <= bar);
}

/**
 * Whether a topic carried by `topicDf` readouts is far broader than the query's name for it, which
 * `nameDf` readouts hold (0: unknown): more than `spread` times as common, both counts smoothed by
 * `broadTopicPrior` readouts so that a few readouts either way do not decide in a small index.
 * "Haiti" (23 readouts) also names the Western Hemisphere (82); "critical minerals" (19) names
 * technology (229).
 */
export function namedBroadly(topicDf: number, nameDf: number, spread: number = RANKING.substanceTopicSpread): boolean {
  const prior = RANKING.broadTopicPrior;
  return nameDf > 0 && topicDf + prior > (nameDf + prior) * spread;
}

/**
 * How much a term's idf counts in a verbose query: (its idf / the rarest query word's idf) ^
 * `specificityExponent`, for queries of `specificityMinGroups` words or more; else 1. A verbose
 * question names its subject with its rarest words ("Haiti", "Nagorno-Karabakh") and describes it
 * with common ones ("security", "crisis", "settlement"): a readout about the subject that lacks
 * the description should not fall below one that names the subject once beside those words.
 */
export function specificity(termIdf: number, rarestIdf: number, groups: number): number {
  if (groups < RANKING.specificityMinGroups || rarestIdf <= 0 || !RANKING.specificityExponent) return 1;
  return Math.min(1, termIdf / rarestIdf) ** RANKING.specificityExponent;
}

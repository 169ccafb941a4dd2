/**
 * A query planned once for all segments: its parsed clauses, the vocabulary terms each stands for
 * (exact, prefix, typo: `expand`), their idf and weights, topics and filters.
 */
import { topicVocabulary } from '../readout/topics.ts';
import { editDistance, prefixRange } from './fuzzy.ts';
import { parseQuery, type ParsedQuery, type QueryClause } from './query.ts';
import {
  coordinationExponentFor,
  coordinationWeight,
  idf,
  MATCH_WEIGHTS,
  specificity,
  substanceTopics,
  namedBroadly,
  RANKING,
} from './ranking.ts';
import type { EngineOptions, SearchRequest } from './search-types.ts';
import { dateKey, type Segment } from './segment.ts';
import { otherNames, relatedExpressions } from './thesaurus.ts';
import { tokenize } from './tokenize.ts';

/** Everything about a query that does not depend on the segment: terms, weights, idf, topics, filters. */
export class QueryPlan {
  readonly parsed: ParsedQuery | null;
  readonly groups: Array<Map<string, number>>;
  readonly required: QueryClause[];
  readonly excluded: QueryClause[];
  readonly expansions: Record<string, string[]> = {};
  /** Per query word, the thesaurus expressions searched for too (thesaurus.json). */
  readonly related: Record<string, string[]> = {};
  readonly requiredTopics: Array<string | null>;
  readonly queryTopics: string[];
  /** The query topics whose sentences make a readout a match: those not far broader than their name in the query. */
  readonly matchTopics: string[];
  /**
   * The query topics substance is measured on (ranking.ts `substanceTopics`): the specific ones.
   * "Haiti security and humanitarian crisis" names Haiti, the Western Hemisphere and humanitarian
   * affairs; a readout is about the question when it is about Haiti, not about humanitarian affairs.
   */
  readonly substanceTopics: string[];
  /**
   * When the query names no topic substance can be measured on ("fentanyl", or "critical
   * minerals", whose topic is too broad), its rarest own word stands in: substance counts that
   * word's mentions (an index into `termList`; -1 when there is no such word).
   */
  readonly substanceTerm: number;
  readonly topics: string[];
  readonly speakerQuery: string | undefined;
  readonly from: number;
  readonly to: number;
  readonly country: string | undefined;
  /** Participants who must all take part (ids or names, lower case; matched as a speaker filter is). */
  readonly participants: string[];
  readonly publisher: string | undefined;
  readonly kinds: string[] | undefined;
  readonly metadataFilters: boolean;
  readonly avgLen: number;
  readonly clauseIdf: number[];
  /** A term in several groups counts once, with its best weight. */
  readonly termWeight = new Map<string, number>();
  /** Terms found in the text: group terms and phrase words (highlights). */
  readonly lookup: Set<string>;
  /** Query terms by index: group terms, then phrase words, then excluded words. */
  readonly termList: string[];
  readonly termIdx: Map<string, number>;
  readonly termIdf: Float64Array;
  /** Group gi's terms (indexes into termList) are groupTermIds[groupStart[gi] .. groupStart[gi + 1]), with their match weights. */
  readonly groupStart: Int32Array;
  /** Per term (index into termList), the group it alone makes up, or -1: scoring marks that group's matches as it goes. */
  readonly soleGroupOf: Int32Array;
  readonly groupTermIds: Int32Array;
  readonly groupTermWeights: Float64Array;
  /** What each query group counts for coordination (see `coordinationWeight`), and their sum. */
  readonly groupWeight: Float64Array;
  readonly groupWeightTotal: number;
  /** Group gi is a quoted phrase: its words count as the phrase (RANKING.phraseFrequency), not one by one. */
  readonly phraseGroup: boolean[];
  /** What the matched share of groups is raised to (ranking.ts `coordinationExponentFor`). */
  readonly coordinationExponent: number;
  readonly requiredTerms: number[][];
  readonly excludedTerms: number[][];
  /** The sentence pass is needed for every candidate (speaker-only statements, phrases). */
  readonly slow: boolean;
  /** Ranking reads the sentence table (the sentence pass, or statement counts of filter-only queries). */
  readonly needsSentenceTable: boolean;
  /** Newest first (date sort, or no query text); else by relevance. */
  readonly byDate: boolean;
  /** How many of the best hits the page needs: offset + limit. */
  readonly k: number;

  constructor(
    segments: Segment[],
    readonly req: SearchRequest,
    options: EngineOptions,
  ) {
    const parsed = (this.parsed = req.q?.trim() ? parseQuery(req.q) : null);
    const df = (t: string) => {
      let c = 0;
      for (const s of segments) c += s.df(t);
      return c;
    };
    this.groups = (parsed?.groups ?? []).map((alts) => {
      const m = new Map<string, number>();
      for (const a of alts) for (const [t, w] of expand(segments, df, a)) m.set(t, Math.max(w, m.get(t) ?? 0));
      return m;
    });
    this.required = parsed?.required ?? [];
    this.excluded = parsed?.excluded ?? [];
    (parsed?.groups ?? []).forEach((alts, i) => {
      for (const a of alts) {
        const found = [...this.groups[i]!.keys()];
        if (a.terms.length === 1 && !(found.length === 1 && found[0] === a.terms[0])) this.expansions[a.raw] = found;
      }
    });
    // Related expressions from the thesaurus ("truce" → ceasefire, cessation of hostilities), below the word itself.
    (parsed?.groups ?? []).forEach((alts, i) => {
      const group = this.groups[i]!;
      for (const a of alts) {
        if (a.terms.length !== 1 || a.prefix) continue;
        const shown: string[] = [];
        for (const { text, terms } of relatedExpressions(a.terms[0]!)) {
          const present = terms.filter((t) => df(t) > 0);
          if (present.length !== terms.length) continue; // an expression the corpus never uses adds nothing
          addRelated(group, terms);
          shown.push(text);
        }
        if (shown.length) this.related[a.raw] = shown;
      }
    });
    // A country the query names by one of its names also matches its others ("North Korea" → DPRK),
    // below the words themselves; each name's terms join every query word of the span it replaces.
    const single = (parsed?.groups ?? []).map((alts) =>
      alts.length === 1 && alts[0]!.terms.length === 1 && !alts[0]!.prefix ? alts[0]! : null,
    );
    for (let i = 0; i < single.length; i++) {
      for (let len = Math.min(3, single.length - i); len >= 1; len--) {
        const span = single.slice(i, i + len);
        if (span.some((a) => !a)) continue;
        const names = otherNames(span.map((a) => a!.terms[0]!));
        const shown: string[] = [];
        for (const { text, terms } of names) {
          if (!terms.every((t) => df(t) > 0)) continue;
          for (let k = i; k < i + len; k++) addRelated(this.groups[k]!, terms);
          shown.push(text);
        }
        if (shown.length) {
          this.related[span.map((a) => a!.raw).join(' ')] = shown;
          i += len - 1;
          break;
        }
      }
    }
    // Topics the query names ("North Korea", "vaccines"): sentences tagged with them match too, so
    // "DPRK" and "vaccination" are found; they score below literal matches. A quoted phrase that names
    // a vocabulary topic ("Minsk agreements") is also met by the topic's other names.
    this.requiredTopics = this.required.map((c) => topicVocabulary.resolve(c.raw));
    const namedBy = parsed ? topicVocabulary.tagNames(req.q!.replace(/(^|\s)-("[^"]*"|\S+)/g, ' ')) : new Map();
    const named = [...namedBy.keys()];
    // Events about a country the query names rank their sentences too ("Kazakhstan" → its unrest),
    // without deciding what a readout is about (substance stays on the topics the query names).
    this.queryTopics = [...new Set([...named, ...named.flatMap((t) => topicVocabulary.eventsAbout(t))])];
    const topicDfs = new Map(
      named.map((t) => {
        let n = 0;
        for (const seg of segments) {
          const ref = seg.topicRef(t);
          if (ref >= 0) n += seg.docsWithTopic(ref).length;
        }
        return [t, n];
      }),
    );
    const topicDf = (t: string) => topicDfs.get(t) ?? 0;
    // How many readouts the query's name for a topic could describe: those holding the rarest word
    // of the alias that named it (the broadest alias, when several did).
    const nameDfs = new Map(
      named.map((t) => [
        t,
        Math.max(0, ...(namedBy.get(t) ?? []).map((alias: string[]) => Math.min(...tokenize(alias.join(' ')).map(df)))),
      ]),
    );
    const nameDf = (t: string) => nameDfs.get(t) ?? 0;
    // A topic far broader than the query's name for it ("Haiti" names the Western Hemisphere too)
    // ranks sentences but does not make a readout a match: the region's readouts are not about Haiti.
    const broad = new Set(named.filter((t) => namedBroadly(topicDf(t), nameDf(t), RANKING.matchTopicSpread)));
    this.matchTopics = this.queryTopics.filter((t) => !broad.has(t));
    this.substanceTopics = substanceTopics(named, topicDf, nameDf);
    this.topics = req.topics ?? [];
    this.speakerQuery = req.speaker?.trim().toLowerCase() || undefined;
    this.from = req.from ? dateKey(req.from) : 0;
    this.to = req.to ? dateKey(req.to) : 0;
    this.country = req.country?.toLowerCase();
    this.participants = (req.participants ?? []).map((p) => p.trim().toLowerCase()).filter(Boolean);
    this.publisher = req.publisher?.toLowerCase();
    this.kinds = req.kind === undefined ? undefined : typeof req.kind === 'string' ? [req.kind] : req.kind;
    this.metadataFilters = !!(
      this.from ||
      this.to ||
      this.country ||
      this.participants.length ||
      this.publisher ||
      this.kinds ||
      this.topics.length
    );

    let N = 0;
    let lenTotal = 0;
    for (const s of segments) {
      const t = s.lengthTotals();
      N += t.docs;
      lenTotal += t.total;
    }
    N = Math.max(1, N);
    this.avgLen = options.avgLen || Math.max(1, lenTotal / N);
    const idfOf = (t: string) => idf(N, df(t));
    this.clauseIdf = this.required.map((r) => r.terms.reduce((a, t) => a + idfOf(t), 0));
    for (const g of this.groups)
      for (const [t, w] of g) this.termWeight.set(t, Math.max(w, this.termWeight.get(t) ?? 0));
    this.lookup = new Set([...this.termWeight.keys(), ...this.required.flatMap((r) => r.terms)]);
    this.termList = [...new Set([...this.lookup, ...this.excluded.flatMap((c) => c.terms)])];
    this.termIdx = new Map(this.termList.map((t, i) => [t, i]));
    // A verbose question's common words count less than its rarest (ranking.ts, `specificity`).
    const ownIdf = this.groups.flatMap((g) =>
      [...g].filter(([, w]) => w >= MATCH_WEIGHTS.exact).map(([t]) => idfOf(t)),
    );
    const rarest = Math.max(0, ...ownIdf);
    const rarestWord = this.substanceTopics.length
      ? undefined
      : this.groups.flatMap((g) => [...g].filter(([t, w]) => w >= MATCH_WEIGHTS.exact && idfOf(t) === rarest))[0];
    this.substanceTerm = rarestWord ? this.termIdx.get(rarestWord[0])! : -1;
    this.termIdf = Float64Array.from(this.termList, (t) => {
      const x = idfOf(t);
      return x * specificity(x, rarest, this.groups.length);
    });
    // Flat typed arrays: the sentence pass reads them per candidate readout (tuples cost 15% of a speaker search).
    const flat = this.groups.flatMap((g) => [...g]);
    this.groupStart = new Int32Array(this.groups.length + 1);
    this.groups.forEach((g, gi) => {
      this.groupStart[gi + 1] = this.groupStart[gi]! + g.size;
    });
    this.groupTermIds = Int32Array.from(flat, ([t]) => this.termIdx.get(t)!);
    this.groupTermWeights = Float64Array.from(flat, ([, w]) => w);
    this.groupWeight = Float64Array.from(this.groups, (g) => coordinationWeight([...g].map(([t, w]) => [idfOf(t), w])));
    this.groupWeightTotal = this.groupWeight.reduce((a, w) => a + w, 0);
    // A group of one term that no other group holds is matched where that term's postings are.
    this.soleGroupOf = new Int32Array(this.termList.length).fill(-1);
    const groupsHolding = new Map<number, number>();
    for (const t of this.groupTermIds) groupsHolding.set(t, (groupsHolding.get(t) ?? 0) + 1);
    this.groups.forEach((_, gi) => {
      const t = this.groupTermIds[this.groupStart[gi]!]!;
      if (this.groupStart[gi + 1]! - this.groupStart[gi]! === 1 && groupsHolding.get(t) === 1) this.soleGroupOf[t] = gi;
    });
    this.phraseGroup = (parsed?.groups ?? []).map(
      (alts) => alts.length === 1 && alts[0]!.terms.length > 1 && this.required.includes(alts[0]!),
    );
    // By the words as typed: "COVID-19 vaccines" asks for two things, though its terms make three groups.
    this.coordinationExponent = coordinationExponentFor(parsed?.words ?? 0);
    this.requiredTerms = this.required.map((r) => r.terms.map((t) => this.termIdx.get(t)!));
    this.excludedTerms = this.excluded.map((c) => c.terms.map((t) => this.termIdx.get(t)!));
    this.slow = !!this.speakerQuery || this.required.length > 0;
    this.byDate = req.sort === 'date' || (!parsed && req.sort !== 'relevance');
    this.k = (req.offset ?? 0) + (req.limit ?? 10);
    this.needsSentenceTable =
      this.slow || (!parsed && !this.topics.length) || this.excluded.some((c) => c.terms.length > 1);
  }
}

/** A related expression's terms join a query word's group, sharing the related weight; the word's own terms keep theirs. */
function addRelated(group: Map<string, number>, terms: readonly string[]): void {
  for (const t of terms) if (!group.has(t)) group.set(t, MATCH_WEIGHTS.related / terms.length);
}

/** A clause's terms with the vocabulary terms they stand for (exact, prefix or near-miss). */
function expand(segments: Segment[], df: (t: string) => number, clause: QueryClause): Map<string, number> {
  const out = new Map<string, number>();
  if (clause.terms.length > 1) {
    for (const t of clause.terms) out.set(t, MATCH_WEIGHTS.exact);
    return out;
  }
  const t = clause.terms[0]!;
  if (df(t) > 0) out.set(t, MATCH_WEIGHTS.exact);
  if (clause.prefix || (!out.size && t.length >= 4)) {
    const all = [...new Set(segments.flatMap((s) => prefixRange(s.sortedTerms() as string[], t, 30)))]
      .sort()
      .slice(0, 30);
    for (const p of all) if (!out.has(p)) out.set(p, clause.prefix ? MATCH_WEIGHTS.exact : MATCH_WEIGHTS.prefix);
  }
  if (!out.size && t.length >= 4) {
    // Typo tolerance: the closest vocabulary terms (1 edit, 2 for long words), most frequent first.
    const max = t.length >= 8 ? 2 : 1;
    const near = new Set<string>();
    for (const s of segments) {
      const terms = s.sortedTerms() as string[];
      // Same first letter: one contiguous range of the sorted vocabulary.
      for (const v of prefixRange(terms, t[0]!, Infinity))
        if (Math.abs(v.length - t.length) <= max && editDistance(v, t, max) <= max) near.add(v);
    }
    for (const v of [...near]
      .sort()
      .sort((a, b) => df(b) - df(a))
      .slice(0, 5))
      out.set(v, MATCH_WEIGHTS.typo);
  }
  return out;
}

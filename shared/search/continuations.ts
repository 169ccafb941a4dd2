/**
 * Statements that carry on a matching one. Readouts report one exchange over several sentences,
 * and the later ones often do not repeat the subject: "Vladimir Putin informed Nikol Pashinyan of
 * the ceasefire in Nagorno-Karabakh. He updated his counterpart on the measures being taken to
 * restore transport links." A summary restricted to the query shows such a sentence after its
 * anchor when it opens like a continuation (`CONTINUATION_OPENERS`), has the same speaker, and
 * brings in no subject (topic) the anchor does not have: "They also discussed Iraq" after a
 * sentence on Gaza starts another subject and stays out.
 */
import type { SearchDoc } from './search-doc.ts';
import type { Statement } from './search-types.ts';

/**
 * How a sentence that continues the previous one opens, with examples: the speaker as a pronoun
 * ("He updated his counterpart on ..."), the two sides ("Both sides expressed ...", "The two leaders
 * agreed ..."), or a word that points back ("These funds must be released ...", "In this regard, ...").
 */
// biome-ignore format: a word list reads best packed
export const CONTINUATION_OPENERS = [
  'he', 'she', 'they', 'it', 'this', 'these', 'that', 'those', 'both', 'the two', 'also', 'in addition',
  'moreover', 'furthermore', 'at the same time', 'in this regard', 'in this context',
] as const;
const OPENS_AS_CONTINUATION = new RegExp(String.raw`^(?:${CONTINUATION_OPENERS.join('|')})\b`, 'i');

/**
 * Adds to `statements` (a readout's matching statements) the sentence right after each that
 * continues it, scored below every matching one so that the summary's cap drops them first;
 * keeps `statements` in sentence order.
 */
export function withContinuations(doc: SearchDoc, statements: Statement[]): Statement[] {
  if (!statements.length) return statements;
  const taken = new Set(statements.map((s) => s.sentenceIndex));
  const score = Math.min(...statements.map((s) => s.score)) / 2;
  const added: Statement[] = [];
  for (const st of statements) {
    const anchor = doc.sentences[st.sentenceIndex];
    const i = st.sentenceIndex + 1;
    const next = doc.sentences[i];
    if (!anchor || !next || taken.has(i) || next.speaker !== anchor.speaker) continue;
    if (!OPENS_AS_CONTINUATION.test(next.text)) continue;
    if (!next.topics.every((t) => anchor.topics.includes(t))) continue;
    added.push({ sentenceIndex: i, score, highlights: [] });
    taken.add(i);
  }
  return added.length ? [...statements, ...added].sort((a, b) => a.sentenceIndex - b.sentenceIndex) : statements;
}

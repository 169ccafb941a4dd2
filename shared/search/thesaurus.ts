/**
 * The diplomatic thesaurus (thesaurus.json, data): expressions readouts use for the same thing.
 * Looked up by a query word's term; answers the other expressions of its groups, as terms.
 */
import data from './thesaurus.json' with { type: 'json' };
import { tokenize } from './tokenize.ts';

interface Expression {
  text: string;
  terms: string[];
}

const BY_TERM = new Map<string, Expression[]>();
for (const group of data.groups as string[][]) {
  const expressions = group.map((text) => ({ text, terms: tokenize(text) })).filter((e) => e.terms.length);
  for (const e of expressions) {
    if (e.terms.length !== 1) continue; // a query word is one term: only one-word expressions are keys
    const others = expressions.filter((o) => o !== e && o.terms.join(' ') !== e.terms.join(' '));
    const list = BY_TERM.get(e.terms[0]!) ?? [];
    for (const o of others) if (!list.some((x) => x.text === o.text)) list.push(o);
    BY_TERM.set(e.terms[0]!, list);
  }
}

/** The thesaurus's other expressions for a query term ("truce" → ceasefire, cessation of hostilities). */
export function relatedExpressions(term: string): readonly Expression[] {
  return BY_TERM.get(term) ?? [];
}

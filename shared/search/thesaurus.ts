/**
 * The diplomatic thesaurus (thesaurus.json, data): expressions readouts use for the same thing.
 * Looked up by a query word's term; answers the other expressions of its groups, as terms.
 */
import { POLITIES } from '../readout/countries.ts';
import { ABBREVIATIONS_THAT_ARE_WORDS } from '../readout/lexicon.ts';
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

/**
 * Other names of a country or organisation the query names ("North Korea" → DPRK, "Türkiye" →
 * Turkey), from the polity list (shared/readout/countries.ts): keyed by the name's terms, joined
 * by a space. Names, not adjectives: "Russian" is in every Kremlin readout, whatever it is about.
 */
const BY_NAME = new Map<string, Expression[]>();
// Not an abbreviation that is also a word: a search for "car" is not about the Central African Republic.
const WORD_LIKE = new Set<string>(ABBREVIATIONS_THAT_ARE_WORDS);
for (const p of POLITIES) {
  const names = [p.name, ...p.aliases.filter((a) => !WORD_LIKE.has(a))]
    .map((n) => n.replace(/^the\s+/i, ''))
    .map((text) => ({ text, terms: tokenize(text) }))
    .filter((e) => e.terms.length && e.terms.length <= 3);
  for (const e of names) {
    const key = e.terms.join(' ');
    const list = BY_NAME.get(key) ?? [];
    for (const o of names) if (o.terms.join(' ') !== key && !list.some((x) => x.text === o.text)) list.push(o);
    BY_NAME.set(key, list);
  }
}

/** The other names of the country or organisation whose name is `terms` (the query's words, in order). */
export function otherNames(terms: readonly string[]): readonly Expression[] {
  return BY_NAME.get(terms.join(' ')) ?? [];
}

/**
 * The query language: words (any may match; more matches rank higher), "quoted phrases" (must
 * appear), -exclusions (words or phrases that must not), OR between alternatives, a trailing * for
 * prefixes. Words are normalised by the index tokenizer (case, accents, plurals).
 */
import { tokenize } from './tokenize.ts';

export interface QueryClause {
  /** Stemmed terms; more than one = a phrase (adjacent, in order). */
  terms: string[];
  prefix: boolean;
  /** The words as typed, for messages. */
  raw: string;
}

export interface ParsedQuery {
  /** Each group is an OR of alternatives; a document should satisfy as many groups as possible. */
  groups: QueryClause[][];
  /** Phrases that must appear (quoted). */
  required: QueryClause[];
  excluded: QueryClause[];
  /** How many words the query has as typed, for what depends on its length ("COVID-19 vaccines" is two, though three groups). */
  words: number;
}

const TOKEN = /(-?)"([^"]*)"|(\S+)/g;

export function parseQuery(q: string): ParsedQuery {
  const groups: QueryClause[][] = [];
  const required: QueryClause[] = [];
  const excluded: QueryClause[] = [];
  let orPending = false;
  let words = 0;
  for (const m of q.matchAll(TOKEN)) {
    const negative = m[1] === '-' || (m[3]?.startsWith('-') && m[3].length > 1);
    const rawText = m[2] ?? (negative ? m[3]!.slice(1) : m[3]!);
    if (!m[2] && rawText === 'OR') {
      orPending = groups.length > 0;
      continue;
    }
    const prefix = !m[2] && rawText.endsWith('*');
    const terms = tokenize(prefix ? rawText.slice(0, -1) : rawText);
    if (!terms.length) {
      orPending = false;
      continue;
    }
    const clause: QueryClause = { terms, prefix, raw: rawText };
    if (negative) {
      excluded.push(clause);
      orPending = false;
      continue;
    }
    if (m[2] !== undefined && terms.length > 1) required.push(clause);
    // An unquoted word that tokenizes into several terms ("COVID-19") is a phrase too.
    const alternatives =
      m[2] === undefined && terms.length > 1 ? terms.map((t) => ({ terms: [t], prefix: false, raw: t })) : [clause];
    if (!orPending) words++; // "a OR b" asks for one thing
    if (orPending) {
      groups[groups.length - 1]!.push(...alternatives);
      orPending = false;
    } else if (m[2] === undefined && terms.length > 1) for (const a of alternatives) groups.push([a]);
    else groups.push(alternatives);
  }
  return { groups, required, excluded, words };
}

/**
 * Topic tagging from the vocabulary in shared/topics.json (data, not code): canonical topics with
 * aliases and exclusions, plus countries and organisations from countries.ts. One compiled regex
 * per vocabulary keeps tagging linear in the text length.
 */
import vocabulary from '../topics.json' with { type: 'json' };
import { POLITIES } from './countries.ts';

export interface Topic { id: string; label: string; kind: string; aliases: string[]; exclude: string[] }

const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class TopicVocabulary {
  readonly topics: Topic[];
  private readonly byAlias = new Map<string, string[]>();
  private readonly byId = new Map<string, Topic>();
  private readonly matcher: RegExp;
  private readonly exclusions: Array<{ id: string; re: RegExp }> = [];

  constructor(topics: Topic[]) {
    this.topics = topics;
    for (const t of topics) {
      this.byId.set(t.id, t);
      for (const a of new Set([t.id, t.label, ...t.aliases].map((x) => x.toLowerCase()))) {
        this.byAlias.set(a, [...(this.byAlias.get(a) ?? []), t.id]);
      }
      if (t.exclude.length) this.exclusions.push({ id: t.id, re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${t.exclude.map(esc).join('|')})(?![\\p{L}\\p{N}])`, 'giu') });
    }
    const alts = [...this.byAlias.keys()].sort((a, b) => b.length - a.length).map(esc);
    this.matcher = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  }

  get(id: string): Topic | undefined { return this.byId.get(id); }

  /** "vaccines", "covid", "COVID-19" → "covid-19"; unknown → null. */
  resolve(name: string): string | null {
    const key = name.trim().toLowerCase();
    if (this.byId.has(key)) return key;
    return this.byAlias.get(key)?.[0] ?? this.byAlias.get(slug(key))?.[0] ?? null;
  }

  /** Topic ids found in a text, in order of first occurrence. */
  tag(text: string): string[] {
    const found: string[] = [];
    let excluded: Array<[number, number, string]> | null = null;
    for (const m of text.matchAll(this.matcher)) {
      const ids = this.byAlias.get(m[0].toLowerCase());
      if (!ids) continue;
      for (const id of ids) {
        if (found.includes(id)) continue;
        if (this.exclusions.length) {
          excluded ??= this.exclusions.flatMap((x) => [...text.matchAll(x.re)].map((e) => [e.index!, e.index! + e[0].length, x.id] as [number, number, string]));
          if (excluded.some(([s, e, x]) => x === id && m.index! >= s && m.index! < e)) continue;
        }
        found.push(id);
      }
    }
    return found;
  }
}

function buildDefault(): TopicVocabulary {
  const topics: Topic[] = (vocabulary as { topics: Topic[] }).topics.map((t) => ({ ...t, exclude: t.exclude ?? [] }));
  const ids = new Set(topics.map((t) => t.id));
  for (const p of POLITIES) {
    const id = slug(p.name);
    if (ids.has(id)) continue;
    ids.add(id);
    topics.push({ id, label: p.name, kind: 'country', aliases: [p.name, ...p.aliases.filter((a) => a.length > 3)], exclude: [] });
  }
  return new TopicVocabulary(topics);
}

export const topicVocabulary = buildDefault();

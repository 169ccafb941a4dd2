/**
 * Publishers as data (publishers.json): recognising who published a readout, and its principal —
 * the office holder the publisher's readouts are about ("the Prime Minister" on the UK
 * government's site, "the Head of State" at president.gov.ua) — on a given date.
 */
import { shortName } from './participants.ts';
import data from './publishers.json' with { type: 'json' };

export interface PrincipalHolder {
  name: string;
  from: string;
  to?: string;
}
export interface Publisher {
  name: string;
  country: string | null;
  hosts: string[];
  /** House style (a title form, a dateline, how it names its own principal's office): strong evidence. */
  cues: RegExp[];
  /** Its principal's names: weak evidence, since other publishers name the same leaders as counterparts. */
  mentions: RegExp[];
  weight: number;
  principal?: { role: string; offices: string[]; holders: PrincipalHolder[] };
  /** What a question calls it ("the Kremlin", "Downing Street"): see interpret-query.ts. */
  askedAs: string[];
}

interface PublisherData {
  name: string;
  country: string;
  hosts: string[];
  cues: string[];
  mentions?: string[];
  askedAs?: string[];
  weight?: number;
  principal?: Publisher['principal'];
}

/** Compiled once; cues are global so they can be counted. */
export const PUBLISHERS: readonly Publisher[] = (data.publishers as PublisherData[]).map((p) => ({
  name: p.name,
  country: p.country,
  hosts: p.hosts,
  weight: p.weight ?? 1,
  principal: p.principal,
  cues: p.cues.map((c) => new RegExp(c, 'gm')),
  // (presence only: not global, so `test` keeps no state between calls)
  mentions: (p.mentions ?? []).map((c) => new RegExp(c, 'm')),
  askedAs: p.askedAs ?? [],
}));

/** How much more a house-style cue counts than a mention of the principal's name. */
export const STYLE_CUE_WEIGHT = 3;

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
};

/**
 * Who published a text: a publisher named explicitly (front matter, og:site_name, S3 metadata)
 * wins, then a source URL's host, then the publisher with the highest cue score in the heading (title
 * and dateline place, one per line) and the first 1,500 characters: a house-style cue counts
 * STYLE_CUE_WEIGHT times a mention of the principal's name (which counts once), so a readout of a call with Mr Kishida
 * published by Downing Street ("PM call with Prime Minister Kishida") is Downing Street's (earlier
 * entries win ties). An unknown explicit name is kept as is.
 */
export function detectPublisher(
  explicit: string | null,
  url: string | null,
  heading: string | null,
  body: string,
): Publisher | null {
  if (explicit)
    return (
      PUBLISHERS.find((p) => p.name.toLowerCase() === explicit.toLowerCase()) ?? {
        name: explicit,
        country: null,
        hosts: [],
        cues: [],
        mentions: [],
        askedAs: [],
        weight: 1,
      }
    );
  if (url) {
    const host = hostOf(url);
    const p = PUBLISHERS.find((r) => r.hosts.some((h) => host === h || host.endsWith(`.${h}`) || host.includes(h)));
    if (p) return p;
  }
  const head = `${heading ?? ''}\n${body.slice(0, 1500)}`;
  const style = PUBLISHERS.map((r) => {
    let n = 0;
    for (const c of r.cues) n += STYLE_CUE_WEIGHT * (head.match(c)?.length ?? 0);
    return n;
  });
  // The best style score so far bounds the winner from below: a publisher whose style score and
  // every mention together cannot reach it is not worth testing its mentions.
  let floor = Math.max(0, ...style.map((n, i) => n * PUBLISHERS[i]!.weight));
  let best: Publisher | null = null;
  let bestCount = 0;
  PUBLISHERS.forEach((r, i) => {
    if ((style[i]! + r.mentions.length) * r.weight < floor) return;
    let n = style[i]!;
    // A name counts once however often it recurs: a counterpart is named as often as one's own leader.
    for (const c of r.mentions) if (c.test(head)) n += 1;
    n *= r.weight;
    if (n > bestCount) {
      best = r;
      bestCount = n;
      floor = Math.max(floor, n);
    }
  });
  return best;
}

/**
 * The publisher's principal in office on `date` (ISO). Without a date, the holder the text names by
 * surname ("Secretary Blinken" on an undated State Department readout), else the one in office now.
 */
export function principalOn(
  publisher: Publisher | null,
  date: string | null,
  text = '',
): { name: string; role: string; country: string | null; offices: string[] } | null {
  const pr = publisher?.principal;
  if (!pr) return null;
  // By the form the text uses alone ("Blinken", and "Xi" rather than "Jinping").
  const named = (h: PrincipalHolder) =>
    new RegExp(`\\b${shortName(h.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text);
  const holder = date
    ? pr.holders.find((h) => h.from <= date && (!h.to || date <= h.to))
    : (pr.holders.findLast(named) ?? pr.holders.find((h) => !h.to));
  return holder ? { name: holder.name, role: pr.role, country: publisher!.country, offices: pr.offices } : null;
}

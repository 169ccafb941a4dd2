/** The people-and-offices gazetteer (shared/readout/people.json) and how the parser uses it. */
import { describe, expect, it } from 'vitest';
import { parseText } from './fixture.ts';
import { findBySurname, findPerson, nameKey, officeOn, PEOPLE } from '../../../shared/readout/people.ts';

const parse = (text: string) => parseText(text);

describe('people gazetteer', () => {
  it('is well formed: unique ids, no name shared by two people, ordered terms', () => {
    expect(new Set(PEOPLE.map((p) => p.id)).size).toBe(PEOPLE.length);
    const owner = new Map<string, string>();
    for (const p of PEOPLE)
      for (const n of [p.name, ...p.aliases]) {
        const key = nameKey(n);
        expect(owner.get(key) ?? p.id, `${n} names ${owner.get(key)} and ${p.id}`).toBe(p.id);
        owner.set(key, p.id);
      }
    for (const p of PEOPLE)
      for (const o of p.offices) {
        expect(o.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (o.to) expect(o.to >= o.from, `${p.id} ${o.title}`).toBe(true);
      }
  });

  it('finds a person whatever the order, accents and honorifics of the name', () => {
    expect(findPerson('Kishida Fumio')?.id).toBe('kishida');
    expect(findPerson('His Excellency Sheikh Tamim bin Hamad Al Thani')?.id).toBe('tamim');
    expect(findPerson('Recep Tayyip Erdogan')?.id).toBe('erdogan');
    expect(findPerson('Ivan Petrov')).toBeNull();
  });

  it('knows who held which office on a date', () => {
    const truss = findPerson('Liz Truss')!;
    expect(officeOn(truss, '2022-01-10')?.title).toBe('Foreign Secretary');
    expect(officeOn(truss, '2022-10-01')?.title).toBe('Prime Minister');
    expect(officeOn(truss, '2023-06-01')).toBeNull();
  });

  it('a surname alone is the known person only when they held that office on the date (undated: ever)', () => {
    expect(findBySurname('Truss', 'Prime Minister', '2022-10-01')?.name).toBe('Liz Truss');
    expect(findBySurname('Truss', 'Prime Minister', '2022-01-10')).toBeNull(); // Foreign Secretary then
    expect(findBySurname('Truss', null, null)).toBeNull(); // no date and no title: no guess
    expect(findBySurname('Truss', 'Prime Minister', null)?.name).toBe('Liz Truss'); // the title says who
    const r = parse(
      'PM call\n2022-10-01 10:00:00 UTC\n\nPrime Minister Truss spoke with President Vera Marena of Sylvania.',
    );
    expect(r.participants.find((p) => p.id === 'truss')?.name).toBe('Liz Truss');
  });

  it('gives a surname-first name its one id, country and office on the date', () => {
    const r = parse(
      'Japan-Sylvania Summit Meeting\n2022-05-23 10:00:00 UTC\n\nPrime Minister Kishida Fumio held a meeting with President Vera Marena of Sylvania. Prime Minister Kishida stressed the rule of law.',
    );
    const kishida = r.participants.find((p) => p.id === 'kishida');
    expect(kishida).toMatchObject({ name: 'Fumio Kishida', country: 'Japan', role: 'Prime Minister' });
    expect(r.sentences[1]!.speaker).toBe('kishida');
  });
});

describe('lexicon', () => {
  it('lists each word once', async () => {
    const lexicon = await import('../../../shared/readout/lexicon.ts');
    for (const [name, list] of Object.entries(lexicon)) {
      const words = list as readonly string[];
      expect(words.length, name).toBe(new Set(words).size);
    }
  });
});

/**
 * The people-and-offices gazetteer (people.json): who a name refers to across readouts, their
 * country, and the office they held on a date. The parser finds people by the patterns of the
 * text; this list only makes what it found consistent ("Kishida Fumio" and "Fumio Kishida" are
 * one `kishida`; "Sheikh Tamim bin Hamad Al Thani" is `tamim` of Qatar, Amir).
 */
import data from './people.json' with { type: 'json' };

export interface Office {
  title: string;
  /** Inclusive ISO dates; no `to` = still in office. */
  from: string;
  to?: string;
  /** For an office of an organisation ("NATO"), when it is not the person's own country. */
  country?: string;
}

export interface KnownPerson {
  id: string;
  name: string;
  aliases: string[];
  country: string;
  offices: Office[];
}

export const PEOPLE: readonly KnownPerson[] = data.people as KnownPerson[];

/** Case, accents, punctuation and honorifics do not tell two people apart. */
const HONORIFICS =
  /^(?:(?:his|her)\s+(?:excellency|majesty|highness|royal highness|holiness)|the\s+honou?rable|honou?rable|hon\.?|h\.e\.?|sheikh|sheikha|sir|dame|dr\.?|mr\.?|mrs\.?|ms\.?|lord|lady)\s+/i;

export function nameKey(name: string): string {
  let s = name.trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(HONORIFICS, '');
  }
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/,?\s+(?:jr|sr)\.?$/, '')
    .replace(/\s+mp$/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, KnownPerson>();
for (const p of PEOPLE) for (const n of [p.name, ...p.aliases]) BY_NAME.set(nameKey(n), p);

/** The known person a name (as the text writes it) refers to, if the gazetteer lists them. */
export function findPerson(name: string): KnownPerson | null {
  return BY_NAME.get(nameKey(name)) ?? null;
}

/** The office `person` held on `date` (ISO), or their latest one without a date. */
export function officeOn(person: KnownPerson, date: string | null): Office | null {
  const held = date
    ? person.offices.filter((o) => o.from <= date && (!o.to || date <= o.to))
    : person.offices.filter((o) => !o.to);
  return held.at(-1) ?? null;
}

const BY_ID = new Map<string, KnownPerson[]>();
for (const p of PEOPLE) BY_ID.set(p.id, [...(BY_ID.get(p.id) ?? []), p]);

/**
 * The known person a surname alone ("Prime Minister Kishida") refers to: only the one person
 * with that id who held an office on the date (undated: ever), and that office, when the text gives one.
 */
export function findBySurname(surname: string, role: string | null, date: string | null): KnownPerson | null {
  const key = nameKey(surname).replace(/\s+/g, '-');
  // Undated, only a title says who: any office the person ever held fits (still one person only).
  // "President von der Leyen": the bare title fits "President of the European Commission".
  const titleFits = (title: string) =>
    !role || title.toLowerCase() === role.toLowerCase() || title.toLowerCase().startsWith(`${role.toLowerCase()} of `);
  const fits = (BY_ID.get(key) ?? []).filter((p) => {
    if (!date) return !!role && p.offices.some((o) => titleFits(o.title));
    const office = officeOn(p, date);
    return !!office && titleFits(office.title);
  });
  return fits.length === 1 ? fits[0]! : null;
}

/**
 * Who held an office of a country ("President" of "Russia"), per the gazetteer, with the terms
 * they held it in. "Leader" is the head of state or government: a president, prime minister,
 * chancellor or monarch.
 */
export function holdersOf(country: string, title: string): Array<{ person: KnownPerson; office: Office }> {
  const t = title.toLowerCase();
  const fits = (o: Office) => {
    const ot = o.title.toLowerCase();
    if (t === 'leader')
      return /^(?:president|prime minister|chancellor|federal chancellor|king|queen|emir|amir|premier)$/.test(ot);
    return ot === t || ot === `federal ${t}` || ot.startsWith(`${t} of `);
  };
  const out: Array<{ person: KnownPerson; office: Office }> = [];
  for (const p of PEOPLE)
    for (const o of p.offices) if ((o.country ?? p.country) === country && fits(o)) out.push({ person: p, office: o });
  return out;
}

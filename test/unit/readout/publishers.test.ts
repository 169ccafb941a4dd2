/** Publishers as data: recognised by host or cues, and their principal resolved by date and office. */
import { describe, expect, it } from 'vitest';
import { parseText } from './fixture.ts';
import { parseReadout } from '../../../shared/readout/parse.ts';
import { detectPublisher, principalOn, PUBLISHERS } from '../../../shared/readout/publishers.ts';

const md = (front: Record<string, string>, body: string) =>
  parseReadout({
    id: 't',
    format: 'md',
    source: { bucket: 'b', key: 'k.md', etag: null },
    text: `---\n${Object.entries(front)
      .map(([k, v]) => `${k}: "${v}"`)
      .join('\n')}\n---\n\n${body}`,
  });

describe('publishers', () => {
  it('every publisher entry is well formed: cues compile, principals have dated, ordered terms', () => {
    expect(PUBLISHERS.length).toBeGreaterThanOrEqual(10);
    for (const p of PUBLISHERS) {
      for (const h of p.principal?.holders ?? []) {
        expect(h.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (h.to) expect(h.to >= h.from, `${p.name}: ${h.name}`).toBe(true);
      }
    }
  });

  it('is recognised by the host of its source URL', () => {
    expect(detectPublisher(null, 'https://www.gov.uk/government/news/pm-call', null, '')?.name).toBe(
      "Prime Minister's Office (UK)",
    );
    expect(detectPublisher(null, 'https://www.state.gov/secretary-call', null, '')?.name).toBe(
      'U.S. Department of State',
    );
    expect(detectPublisher(null, 'https://example.org/x', null, 'Nothing to go by.')).toBeNull();
  });

  it('undated, the principal is the holder the text names by the form used alone, surname first too', () => {
    const mfa = PUBLISHERS.find((p) => p.name === 'Ministry of Foreign Affairs of China')!;
    expect(principalOn(mfa, null, 'Foreign Minister Qin spoke with his counterpart.')?.name).toBe('Qin Gang');
    expect(principalOn(mfa, null, 'No name here.')?.name).toBe('Wang Yi'); // the one in office now
  });

  it('resolves the principal in office on the date', () => {
    const uk = PUBLISHERS.find((p) => p.country === 'United Kingdom')!;
    expect(principalOn(uk, '2022-05-01')?.name).toBe('Boris Johnson');
    expect(principalOn(uk, '2022-10-01')?.name).toBe('Liz Truss');
    expect(principalOn(uk, '2025-02-01')?.name).toBe('Keir Starmer');
  });

  it('"The Prime Minister" on the publisher\'s site is its principal, listed and given the sentences', () => {
    const r = md(
      {
        title: 'PM call with President of Elbonia',
        date: '2022-05-01',
        source_url: 'https://www.gov.uk/government/news/pm-call-with-president-mudd',
      },
      'The Prime Minister spoke to President Dilbert Mudd of Elbonia this afternoon.\n\nThe Prime Minister stressed the importance of grain exports. President Mudd thanked the UK for its support.',
    );
    expect(r.publisher).toBe("Prime Minister's Office (UK)");
    expect(r.participants.map((p) => p.id).sort()).toEqual(['johnson', 'mudd']);
    expect(r.sentences.map((s) => s.speaker)).toEqual([null, 'johnson', 'mudd']);
  });

  it('a gov.uk title ("PM call with ...") is a cue on its own, without a source URL', () => {
    const r = parseText(
      'PM call with President Mudd of Elbonia: 1 May 2022\n\nThe Prime Minister spoke to President Dilbert Mudd of Elbonia this afternoon. The Prime Minister condemned the attacks. He said the UK would help.',
      'pm-call.txt',
    );
    expect(r.publisher).toBe("Prime Minister's Office (UK)");
    expect(r.sentences.map((s) => s.speaker)).toEqual([null, 'johnson', 'johnson']);
  });

  it('a UN readout\'s own headline and opening are cues: "The Secretary-General" is the one in office', () => {
    const r = md(
      { title: "Readout of the Secretary-General's call with President Mudd of Elbonia", date: '2022-05-05' },
      'The Secretary-General spoke today with President Dilbert Mudd of Elbonia. The Secretary-General expressed concern about the floods. President Mudd thanked him.',
    );
    expect(r.publisher).toBe('United Nations Secretary-General');
    expect(r.sentences.map((s) => s.speaker)).toEqual([null, 'guterres', 'mudd']);
  });

  it('the person a readout is attributable to issued it and is not a participant', () => {
    const r = md(
      { title: "Secretary Firefly's Call with Foreign Minister Mudd", date: '2022-05-01' },
      'The below is attributable to Spokesperson Paulo Marques:\n\nSecretary of State Rufus Firefly spoke today with Elbonian Foreign Minister Dilbert Mudd. The Secretary reaffirmed support for Elbonia.',
    );
    expect(r.participants.map((p) => p.id).sort()).toEqual(['firefly', 'mudd']);
  });

  it('the dateline place is a publisher cue: "The Kremlin, Moscow" makes "the President" its principal', () => {
    const r = parseText(
      'Meeting with Government members\n2022-02-18 12:55:00 UTC\nThe Kremlin, Moscow\n\nThe President held a meeting with Government members. The President briefed the participants on his contacts.',
      'meeting.txt',
    );
    expect(r.publisher).toBe('Kremlin');
    expect(r.participants.map((p) => p.id)).toContain('putin');
    expect(r.sentences[1]!.speaker).toBe('putin');
  });

  it('more governments as data: "The Taoiseach" on gov.ie is whoever held the office that day', () => {
    const r = md(
      {
        title: 'Taoiseach meets President of Elbonia',
        date: '2023-06-01',
        source_url: 'https://www.gov.ie/en/press-release/x/',
      },
      'The Taoiseach met President Dilbert Mudd of Elbonia in Dublin today.\n\nThe Taoiseach stressed the importance of trade.',
    );
    expect(r.publisher).toBe('Government of Ireland');
    expect(r.participants.map((p) => p.id)).toContain('varadkar');
    expect(r.sentences[1]!.speaker).toBe('varadkar');
    expect(
      detectPublisher(null, null, 'Joint statement', 'The President of the Republic of Poland and ...')?.name,
    ).not.toBe('Élysée');
  });

  it("an address that names no one is its publisher's principal's", () => {
    const r = md(
      {
        title: 'Address to the nation',
        date: '2022-03-29',
        source_url: 'https://www.president.gov.ua/en/news/address',
      },
      'Dear compatriots! Today was a hard day. We will defend our land. Glory to the defenders!',
    );
    expect(r.kind).toBe('statement');
    expect(r.participants.map((p) => p.id)).toEqual(['zelenskyy']);
    expect(new Set(r.sentences.map((s) => s.speaker))).toEqual(new Set(['zelenskyy']));
  });

  it('not when the text names who holds the office: then "the President" is that person', () => {
    const r = md(
      { title: 'Readout of President Firefly’s Call with Prime Minister Marena', date: '2023-07-03' },
      'President Rufus T. Firefly spoke today with Prime Minister Vera Marena of Sylvania.\n\nThe President welcomed Sylvania’s pledge.',
    );
    expect(r.participants.map((p) => p.id).sort()).toEqual(['firefly', 'marena']);
    expect(r.sentences[1]!.speaker).toBe('firefly');
  });

  it("house style outweighs names: Downing Street's readout of a call with Japan's prime minister is Downing Street's", () => {
    // Japan's cues are its prime ministers' names, which a British readout of the call names three times.
    const r = parseText(
      "PM call with Prime Minister Kishida of Japan: 14 March 2022\n\nThe Prime Minister spoke to Prime Minister Kishida of Japan this afternoon.\n\nPrime Minister Kishida set out the steps Japan was taking. The Prime Minister thanked him for Japan's leadership in the G7. Prime Minister Kishida welcomed the support.",
      'pm-call.txt',
    );
    expect(r.publisher).toBe("Prime Minister's Office (UK)");
    expect(r.participants.map((p) => p.id).sort()).toEqual(['johnson', 'kishida']);
    // Both are prime ministers; the bare title is the publisher's own, even right after Kishida spoke.
    expect(r.sentences.map((s) => s.speaker)).toEqual([null, 'kishida', 'johnson', 'kishida']);
  });

  it.each([
    [
      'Japan MOFA',
      'Japan-Elbonia Summit Telephone Talk\n\nOn March 3, Mr. KISHIDA Fumio, Prime Minister of Japan, held a telephone talk with President Dilbert Mudd of Elbonia. The overview of the talk is as follows.',
      'Prime Minister of Japan',
    ],
    [
      "China's MFA",
      'Xi Jinping Speaks with Elbonian President Dilbert Mudd on the Phone\n\nOn the afternoon of February 25, President Xi Jinping spoke with Elbonian President Dilbert Mudd on the phone. Mudd said Elbonia values its ties with Russia and with President Vladimir Putin.',
      'Ministry of Foreign Affairs of China',
    ],
    [
      'Prime Minister of Canada',
      'Prime Minister Justin Trudeau speaks with President of Elbonia Dilbert Mudd\nOttawa, Ontario\n\nPrime Minister Justin Trudeau today spoke with the President of Elbonia, Dilbert Mudd.',
      'Prime Minister of Canada',
    ],
    [
      'State Department',
      "Secretary Blinken's Call with Elbonian Foreign Minister Mudd\n\nThe following is attributable to Spokesperson Ned Price:\n\nSecretary Blinken spoke today with Elbonian Foreign Minister Dilbert Mudd.",
      'U.S. Department of State',
    ],
  ])('%s is recognised by its house style', (_, text, publisher) => {
    expect(parseText(text).publisher).toBe(publisher);
  });

  it('undated: the principal is the holder the text names ("Secretary Blinken"), not today\'s', () => {
    const r = parseText(
      "Secretary Blinken's Call with Indian External Affairs Minister Jaishankar\n\nSecretary Blinken spoke today with Indian External Affairs Minister Subrahmanyam Jaishankar. The Secretary underscored the importance of a collective response. Secretary Blinken and External Affairs Minister Jaishankar also discussed regional issues. Minister Jaishankar thanked the Secretary.",
    );
    expect(r.eventDate).toBeNull();
    expect(r.participants.map((p) => [p.id, p.role])).toEqual([
      ['blinken', 'Secretary of State'],
      ['jaishankar', 'External Affairs Minister'],
    ]);
    expect(r.sentences.map((s) => s.speaker)).toEqual([null, 'blinken', 'joint', 'jaishankar']);
  });

  it('"Readout of" alone is no one\'s house style; a title and a particle-led surname still name the EU\'s president', () => {
    const r = parseText(
      'Readout of the phone call between President von der Leyen and President Biden\n\nPresident von der Leyen spoke with President Biden today. President Biden underlined the importance of unity.',
    );
    expect(r.publisher).toBe('European Union');
    // Undated: the one person with that surname who ever held the office.
    expect(r.participants.map((p) => [p.id, p.name])).toEqual([
      ['von-der-leyen', 'Ursula von der Leyen'],
      ['biden', 'Joseph R. Biden Jr.'],
    ]);
  });

  it('a publisher whose texts name its leader\'s office without an article ("Prime Minister congratulated")', () => {
    const r = parseText(
      "PM's telephone conversation with President of Elbonia\n\nPrime Minister Shri Narendra Modi had a telephone conversation today with President Dilbert Mudd of Elbonia. Prime Minister congratulated President Mudd on his re-election. President Mudd thanked Prime Minister for his wishes.",
    );
    expect(r.publisher).toBe("Prime Minister's Office (India)");
    expect(r.sentences.map((s) => s.speaker)).toEqual([null, 'modi', 'mudd']);
  });
});

import { parseReadout } from '../../../shared/readout/parse.ts';
import { describe, expect, it } from 'vitest';
import { parseFixture, parseText, speakers } from './fixture.ts';
import { splitSentences, normaliseBody } from '../../../shared/readout/sentences.ts';
import { resolveEventDate } from '../../../shared/readout/dates.ts';
import { participantId } from '../../../shared/readout/participants.ts';

describe('parseReadout on publisher styles', () => {
  it('Kremlin-style header, initiative, aliases, pronouns and joint sentences', () => {
    const r = parseFixture('kremlin-style-call.txt');
    expect(r.title).toBe('Telephone conversation with Federal Chancellor of Genovia Anton Weiss');
    expect(r.publishedDate).toBe('2023-05-10');
    expect(r.eventDate).toBe('2023-05-10');
    expect(r.kind).toBe('call');
    expect(r.participants.map((p) => p.id).sort()).toEqual(['firefly', 'weiss']);
    expect(r.participants.find((p) => p.id === 'weiss')).toMatchObject({
      country: 'Genovia',
      role: 'Federal Chancellor',
    });
    expect(r.requestedBy).toBe('weiss');
    expect(speakers(r)).toEqual([null, 'weiss', 'firefly', 'firefly', 'joint', 'joint']);
    expect(r.topics).toEqual(expect.arrayContaining(['afghanistan', 'covid-19', 'energy-security']));
  });

  it('news copy: furniture removed, dateline date and weekday resolved, "For his part" and "he added"', () => {
    const r = parseFixture('news-copy-call.txt');
    expect(r.text).not.toMatch(/SHARES|Tweet/);
    expect(r.publishedDate).toBe('2023-06-02');
    expect(r.eventDate).toBe('2023-06-01');
    expect(r.location).toBe('Klow');
    expect(r.participants.map((p) => [p.id, p.country])).toEqual([
      ['muskar', 'Syldavia'],
      ['plekszy', 'Borduria'],
    ]);
    expect(speakers(r)).toEqual([null, 'muskar', 'muskar', 'plekszy', 'plekszy', 'joint']);
  });

  it('Markdown with YAML front matter: title escapes, markup stripped, "today"', () => {
    const r = parseFixture('briefing-room.md');
    expect(r.title).toBe('Readout of President Firefly’s Call with Prime Minister Marena of Sylvania');
    expect(r.eventDate).toBe('2023-07-03');
    expect(r.text).not.toMatch(/\*\*|\]\(|###/);
    expect(r.participants.map((p) => p.id)).toEqual(['firefly', 'marena']);
    expect(speakers(r)).toEqual([null, 'joint', 'firefly', 'marena']);
    expect(r.sentences[1]!.topics).toEqual(expect.arrayContaining(['climate-change', 'covid-19']));
  });

  it('transcripts: lost paragraph breaks restored and turns attributed', () => {
    const r = parseFixture('transcript.txt');
    expect(r.location).toBe('The Palace, Freedonia City');
    expect(r.kind).toBe('meeting');
    expect(speakers(r)).toEqual([null, 'firefly', 'firefly', 'marques', 'marques']);
  });

  it('HTML: keeps the article, drops scripts, navigation and footer', () => {
    const r = parseFixture('article.html');
    expect(r.title).toBe('Joint Statement of Elbonia and Qumar');
    expect(r.publisher).toBe('Office of the President of Elbonia');
    expect(r.publishedDate).toBe('2023-09-08');
    expect(r.text).not.toMatch(/Nobody|Fake Menu|Tweet/);
    expect(r.text).toContain('attacks on shipping & called');
    expect(r.participants.map((p) => p.id)).toEqual(['mudd', 'bazaar']);
    expect(speakers(r)).toEqual([null, 'joint']);
  });

  it('sentence offsets point into the normalised text', () => {
    for (const f of [
      'kremlin-style-call.txt',
      'news-copy-call.txt',
      'briefing-room.md',
      'transcript.txt',
      'article.html',
    ]) {
      const r = parseFixture(f);
      for (const s of r.sentences) expect(r.text.slice(s.start, s.end)).toBe(s.text);
    }
  });
});

describe('sentence splitting', () => {
  it('does not split at abbreviations and initials', () => {
    const text = normaliseBody(
      'President Joseph R. Biden, Jr. spoke with Mr. Smith of the U.S. Department. He said no. Then Dr. Jones left at 5 p.m. yesterday.',
    );
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'President Joseph R. Biden, Jr. spoke with Mr. Smith of the U.S. Department.',
      'He said no.',
      'Then Dr. Jones left at 5 p.m. yesterday.',
    ]);
  });
  it("a numbered paragraph's marker is not a sentence, nor part of one; the paragraph still opens there", () => {
    const text =
      'The overview is as follows.\n\n1. The Minister stated support. He explained it.\n\n(2) The leaders agreed.';
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual([
      'The overview is as follows.',
      'The Minister stated support.',
      'He explained it.',
      'The leaders agreed.',
    ]);
    expect(spans.map((s) => !!s.opensParagraph)).toEqual([true, true, false, true]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
  it('keeps a multi-sentence quote together as a quote group', () => {
    const spans = splitSentences('"We agree. This is good," he said. Next one.');
    expect(spans.map((s) => s.text)).toEqual(['"We agree.', 'This is good," he said.', 'Next one.']);
    expect(spans[0]!.quote).toBeDefined();
    expect(spans[0]!.quote).toBe(spans[1]!.quote);
    expect(spans[2]!.quote).toBeUndefined();
  });
  it('a dotted abbreviation ends a sentence before a word that opens one, not before a title', () => {
    const r = parseText(
      'President Rufus Firefly met Prime Minister Vera Marena in Washington, D.C. The leaders discussed trade. They praised the U.S. President and the U.K. Foreign Secretary.',
    );
    expect(r.sentences.map((s) => s.text.split(' ')[0])).toEqual(['President', 'The', 'They']);
  });
  it('splits glued sentences from bodies that lost their spacing', () => {
    expect(splitSentences('The talks ended.The leaders left.').map((s) => s.text)).toEqual([
      'The talks ended.',
      'The leaders left.',
    ]);
  });
});

describe('event dates', () => {
  it.each([
    ['today', 'spoke today with', '2023-03-10', '2023-03-10'],
    ['yesterday', 'met yesterday with', '2023-03-10', '2023-03-09'],
    ['weekday', 'held talks on Wednesday', '2023-03-10', '2023-03-08'],
    ['same weekday', 'held talks on Friday', '2023-03-10', '2023-03-10'],
    ['explicit month day', 'met on March 2 with', '2023-03-10', '2023-03-02'],
    [
      'a date after words of an earlier event',
      'met under the agreements reached during a call on March 2',
      '2023-03-10',
      '2023-03-10',
    ],
    ['previous year', 'recalled the talks on December 30', '2023-01-03', '2022-12-30'],
  ])('%s', (_n, lead, published, expected) => {
    expect(resolveEventDate({ publishedDate: published, lead, title: null }).eventDate).toBe(expected);
  });

  it('a date further on in the opening sentence dates something else when "today" dates the event', () => {
    const r = parseText(
      'Call\n2023-03-10 10:00:00 UTC\n\nPresident Rufus Firefly spoke today with Prime Minister Vera Marena about the summit, which will be held on March 29. The leaders agreed.',
    );
    expect(r.eventDate).toBe('2023-03-10');
  });

  it('"Dr." does not end the opening sentence that holds the date', () => {
    const r = parseText(
      'Travel\n2023-03-10 10:00:00 UTC\n\nSenior Advisor Dr. Vera Marena traveled to Sylvania on March 8 and met with officials. They discussed trade.',
    );
    expect(r.eventDate).toBe('2023-03-08');
  });
});

describe('participant ids', () => {
  it.each([
    ['Joseph R. Biden, Jr.', 'biden'],
    ['Xi Jinping', 'xi'],
    ['Ursula von der Leyen', 'von-der-leyen'],
    ['Mohammed bin Salman', 'bin-salman'],
    ['Gitanas Nausėda', 'nauseda'],
    ['Dilbert Mudd III', 'mudd-iii'],
  ])('%s → %s', (name, id) => expect(participantId(name)).toBe(id));

  const people = (text: string) => parseText(text).participants.map((p) => `${p.id}: ${p.name}`);
  it('honorifics and letters after a name are not part of it', () => {
    expect(
      people(
        'Prime Minister Shri Rufus Firefly spoke with His Excellency Sheikh Farid bin Ali Al Bazaar, the Amir of Qumar. The Amir thanked him.',
      ),
    ).toEqual(['firefly: Rufus Firefly', 'bazaar: Farid bin Ali Al Bazaar']);
    expect(
      people('The Taoiseach, Vera Marena TD, met the Hon. Paulo Albanese MP in Dublin. Mr Albanese said trade grew.'),
    ).toEqual(['marena: Vera Marena', 'albanese: Paulo Albanese']);
  });
  it("surnames with an inner capital after a prefix are whole names (McCarthy, Brooks-LaSure, DeSantis, O'Rourke)", () => {
    expect(
      people(
        "Governor Dilbert DeMudd met with Vera Brooks-LaSure and Rufus O'Firefly. Ms. Brooks-LaSure said costs fell. Governor DeMudd noted the floods.",
      ),
    ).toEqual(['demudd: Dilbert DeMudd', 'brooks-lasure: Vera Brooks-LaSure', "ofirefly: Rufus O'Firefly"]);
  });
  it('offices from the lexicon: an Emir, an External Affairs Minister, a Deputy of any office', () => {
    const r = parseText(
      'President Rufus Firefly spoke with Emir Farid Al Bazaar of Qumar, Elbonian External Affairs Minister Dilbert Mudd and Deputy Secretary of Defense Vera Marena to discuss the floods.',
    );
    expect(r.participants.map((p) => `${p.id}: ${p.role}`)).toEqual([
      'firefly: President',
      'bazaar: Emir',
      'mudd: External Affairs Minister',
      'marena: Deputy Secretary of Defense',
    ]);
  });
  it('a former office holder talked about is not taking part; a form of address is not an office', () => {
    const r = parseText(
      'President Rufus Firefly spoke with H.E. Ms. Vera Marena, Prime Minister of Sylvania. President Firefly condemned the attack on former President Dilbert Mudd.',
    );
    expect(r.participants.map((p) => `${p.id}: ${p.role}`)).toEqual(['firefly: President', 'marena: Prime Minister']);
  });
  it("an office's head noun before the surname names its holder: 'Secretary Marena', 'Minister Mudd'", () => {
    const r = parseText(
      'Secretary of Commerce Vera Marena met with Elbonian Foreign Minister Dilbert Mudd to discuss trade. Secretary Marena underscored supply chains. Secretary Marena and Minister Mudd also discussed energy.',
    );
    expect(r.sentences.map((s) => s.speaker)).toEqual(['joint', 'marena', 'joint']);
  });
  it('a place abbreviated "St." is no person ("St. John\'s, Newfoundland")', () => {
    expect(
      people(
        "Joint statement by President Firefly and Prime Minister Marena\n\nNovember 24, 2023\nSt. John's, Newfoundland and Labrador\n\nToday, we met in St. John's. President Rufus Firefly met Prime Minister Vera Marena.",
      ),
    ).toEqual(['firefly: Rufus Firefly', 'marena: Vera Marena']);
  });
  it('every UN member state is a country, not a person; a country that is also a surname stays a name', () => {
    expect(
      people(
        'The Secretary-General met with the Honourable Vera Mottley, Prime Minister of Barbados, and President Dilbert Mudd of Papua New Guinea. Deputy Attorney General Lisa Monaco joined them.',
      ),
    ).toEqual(['guterres: António Guterres', 'mottley: Vera Mottley', 'mudd: Dilbert Mudd', 'monaco: Lisa Monaco']);
    const r = parseText(
      'President Rufus Firefly met the Honourable Vera Mottley, Prime Minister of Barbados, in Bridgetown.',
    );
    expect(r.participants.find((p) => p.id === 'mottley')?.country).toBe('Barbados');
  });
  it('a country is not tagged inside another\'s name ("Guinea" in "Papua New Guinea")', () => {
    const r = parseText(
      'President Rufus Firefly spoke with Prime Minister Vera Marena about Papua New Guinea and South Sudan.',
    );
    expect(r.topics).toEqual(expect.arrayContaining(['papua-new-guinea', 'south-sudan']));
    expect(r.topics).not.toContain('guinea');
    expect(r.topics).not.toContain('sudan');
  });
  it('a country before the name is not part of it', () => {
    expect(
      people('President Rufus Firefly spoke with Crown Prince of Saudi Arabia Farid bin Ali Al Bazaar.'),
    ).toContain('bazaar: Farid bin Ali Al Bazaar');
  });

  it('keeps body sentences that start like page furniture ("By", "Related", "Source:")', () => {
    const text = [
      'Share Tweet',
      '',
      'President Alpha Ray held a telephone conversation with Prime Minister Vera Marena.',
      '',
      'By contrast with last year, the two leaders agreed on a timetable.',
      '',
      'Related issues of energy security were also discussed.',
      '',
      'Source: both sides described the call as constructive.',
      '',
      'By the end of the call, they agreed to meet in May.',
      '',
      'Related',
      'Read more',
      'Subscribe',
    ].join('\n');
    const r = parseReadout({ id: 'x', text, format: 'txt', source: { bucket: 'b', key: 'k', etag: null } });
    expect(r.sentences.map((s) => s.text.split(' ')[0])).toEqual(['President', 'By', 'Related', 'Source:', 'By']);
    expect(r.text).not.toMatch(/Share Tweet|Read more|Subscribe/);
  });

  it('caps a huge title, publisher and location instead of failing the upload', () => {
    const text = `---\ntitle: "${'Very long title '.repeat(30_000)}"\npublisher: "${'P'.repeat(5000)}"\nlocation: "${'L'.repeat(5000)}"\n---\n\nPresident Alpha Ray met Prime Minister Vera Marena.`;
    const r = parseReadout({ id: 'x', text, format: 'md', source: { bucket: 'b', key: 'k', etag: null } });
    expect(r.title!.length).toBeLessThanOrEqual(501);
    expect(r.publisher!.length).toBeLessThanOrEqual(201);
    expect(r.location!.length).toBeLessThanOrEqual(201);
  });

  it('kind: a virtual session or roundtable is a video call; a decree signing is other; a conference call is a call; a visitor received is a meeting', () => {
    const parse = (title: string, body: string) =>
      parseReadout({
        id: 'x',
        text: `${title}\n2024-01-10 10:00:00 UTC\nNA\n\n${body}`,
        format: 'txt',
        source: { bucket: 'b', key: 'k', etag: null },
      });
    expect(parse('Readout of the Virtual Listening Session on Workforce', 'Officials met county leaders.').kind).toBe(
      'video_call',
    );
    expect(parse('Readout of a virtual roundtable with mayors', 'Officials met mayors.').kind).toBe('video_call');
    expect(
      parse('President signs decree on the annual call-up', 'President Rufus Firefly signed Decree No. 5.').kind,
    ).toBe('other');
    expect(parse('Grain exports were discussed - a conference call', 'Officials met farmers.').kind).toBe('call');
    // Received in person, whatever videoconference the text recalls.
    expect(
      parse(
        'Firefly receives advisers who arrived in Mudville',
        'They met as agreed during a video conference on Monday.',
      ).kind,
    ).toBe('meeting');
  });

  describe("dates from other publishers' formats, and where each came from", () => {
    const parse = (text: string, format: 'txt' | 'md' = 'txt', metadata?: Record<string, string>) =>
      parseReadout({ id: 'x', text, format, source: { bucket: 'b', key: 'k', etag: null }, metadata });
    it('a "City, Country - Month D, YYYY" line of its own', () => {
      const r = parse(
        'PM call with President Mudd\n\nLondon, United Kingdom - July 2, 2024\n\nThe Prime Minister spoke to President Dilbert Mudd of Elbonia today.',
      );
      expect(r).toMatchObject({
        publishedDate: '2024-07-02',
        eventDate: '2024-07-02',
        publishedDateSource: 'document',
      });
      expect(r.sentences.map((s) => s.text)).not.toContain('London, United Kingdom - July 2, 2024');
    });
    it('a line holding only a date, British order', () => {
      expect(
        parse('Readout of a call\n\n2 July 2024\n\nThe Secretary spoke with Foreign Minister Vera Marena today.'),
      ).toMatchObject({ publishedDate: '2024-07-02', eventDate: '2024-07-02' });
    });
    it('a British-order date in the title when the body has none', () => {
      expect(
        parse(
          'PM call with President Mudd: 2 July 2024\n\nThe Prime Minister spoke to President Dilbert Mudd of Elbonia.',
        ),
      ).toMatchObject({ publishedDate: '2024-07-02', publishedDateSource: 'title' });
    });
    it("the uploader's metadata wins; without any date, the upload date; an agency dateline takes its year from it", () => {
      const body =
        'BEIJING, Mar. 5 (Xinhua) -- Chinese President Xi Jinping held talks with President Dilbert Mudd of Elbonia on Tuesday.';
      expect(parse(body, 'txt', { uploadedAt: '2024-03-06T08:00:00.000Z' })).toMatchObject({
        publishedDate: '2024-03-06',
        publishedDateSource: 'upload',
        eventDate: '2024-03-05',
      });
      expect(parse(body, 'txt', { published: '2024-03-05', uploadedAt: '2024-04-01T00:00:00.000Z' })).toMatchObject({
        publishedDate: '2024-03-05',
        publishedDateSource: 'metadata',
      });
      expect(parse(body, 'txt', { publisher: 'Xinhua' }).publisher).toBe('Xinhua');
      expect(parse(body)).toMatchObject({ publishedDate: null, publishedDateSource: null });
    });
  });
});

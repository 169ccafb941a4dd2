/**
 * Countries and organisations with the adjectives readouts use for them ("his Russian counterpart",
 * "the Ukrainian side"). Data, not logic: extend freely.
 */
export interface Polity {
  name: string;
  adjectives: string[];
  aliases: string[];
}

const P = (name: string, adjectives: string[], aliases: string[] = []): Polity => ({ name, adjectives, aliases });

export const POLITIES: Polity[] = [
  P(
    'United States',
    ['American', 'U.S.', 'US'],
    ['the United States', 'United States of America', 'USA', 'the U.S.', 'America'],
  ),
  P('Russia', ['Russian'], ['Russian Federation', 'the Russian Federation']),
  P('China', ['Chinese'], ["People's Republic of China", 'People’s Republic of China', 'PRC']),
  P('Ukraine', ['Ukrainian'], []),
  P('United Kingdom', ['British', 'UK', 'U.K.'], ['the United Kingdom', 'Britain', 'Great Britain', 'UK']),
  P('France', ['French'], ['French Republic']),
  P('Germany', ['German'], ['Federal Republic of Germany']),
  P('Italy', ['Italian']),
  P('Spain', ['Spanish']),
  P('Portugal', ['Portuguese']),
  P('Poland', ['Polish']),
  P('Lithuania', ['Lithuanian']),
  P('Latvia', ['Latvian']),
  P('Estonia', ['Estonian']),
  P('Finland', ['Finnish']),
  P('Sweden', ['Swedish']),
  P('Norway', ['Norwegian']),
  P('Denmark', ['Danish']),
  P('Netherlands', ['Dutch'], ['the Netherlands']),
  P('Belgium', ['Belgian']),
  P('Austria', ['Austrian']),
  P('Switzerland', ['Swiss']),
  P('Czech Republic', ['Czech'], ['Czechia']),
  P('Slovakia', ['Slovak']),
  P('Hungary', ['Hungarian']),
  P('Romania', ['Romanian']),
  P('Bulgaria', ['Bulgarian']),
  P('Greece', ['Greek']),
  P('Turkey', ['Turkish'], ['Türkiye']),
  P('Moldova', ['Moldovan']),
  P('Belarus', ['Belarusian']),
  P('Georgia', ['Georgian']),
  P('Armenia', ['Armenian']),
  P('Azerbaijan', ['Azerbaijani']),
  P('Kazakhstan', ['Kazakh', 'Kazakhstani']),
  P('Uzbekistan', ['Uzbek']),
  P('Tajikistan', ['Tajik']),
  P('Kyrgyzstan', ['Kyrgyz']),
  P('Turkmenistan', ['Turkmen']),
  P('Mongolia', ['Mongolian']),
  P('Japan', ['Japanese']),
  P('South Korea', ['South Korean', 'Korean'], ['Republic of Korea', 'ROK']),
  P('North Korea', ['North Korean'], ['DPRK']),
  P('India', ['Indian']),
  P('Pakistan', ['Pakistani']),
  P('Afghanistan', ['Afghan']),
  P('Iran', ['Iranian']),
  P('Iraq', ['Iraqi']),
  P('Syria', ['Syrian']),
  P('Israel', ['Israeli']),
  P('Palestine', ['Palestinian'], ['Palestinian Authority']),
  P('Lebanon', ['Lebanese']),
  P('Jordan', ['Jordanian']),
  P('Egypt', ['Egyptian']),
  P('Saudi Arabia', ['Saudi']),
  P('United Arab Emirates', ['Emirati'], ['UAE']),
  P('Qatar', ['Qatari']),
  P('Kuwait', ['Kuwaiti']),
  P('Oman', ['Omani']),
  P('Bahrain', ['Bahraini']),
  P('Yemen', ['Yemeni']),
  P('Libya', ['Libyan']),
  P('Algeria', ['Algerian']),
  P('Morocco', ['Moroccan']),
  P('Tunisia', ['Tunisian']),
  P('Ethiopia', ['Ethiopian']),
  P('Kenya', ['Kenyan']),
  P('Nigeria', ['Nigerian']),
  P('South Africa', ['South African']),
  P('Canada', ['Canadian']),
  P('Mexico', ['Mexican']),
  P('Brazil', ['Brazilian']),
  P('Argentina', ['Argentine', 'Argentinian']),
  P('Chile', ['Chilean']),
  P('Colombia', ['Colombian']),
  P('Peru', ['Peruvian']),
  P('Venezuela', ['Venezuelan']),
  P('Cuba', ['Cuban']),
  P('Haiti', ['Haitian']),
  P('Guatemala', ['Guatemalan']),
  P('Honduras', ['Honduran']),
  P('El Salvador', ['Salvadoran']),
  P('Jamaica', ['Jamaican']),
  P('Australia', ['Australian']),
  P('New Zealand', ['New Zealand']),
  P('Indonesia', ['Indonesian']),
  P('Philippines', ['Philippine', 'Filipino'], ['the Philippines']),
  P('Vietnam', ['Vietnamese'], ['Viet Nam']),
  P('Thailand', ['Thai']),
  P('Malaysia', ['Malaysian']),
  P('Singapore', ['Singaporean']),
  P('Ireland', ['Irish']),
  P('Iceland', ['Icelandic']),
  P('Serbia', ['Serbian']),
  P('Croatia', ['Croatian']),
  P('Slovenia', ['Slovenian']),
  P('Cyprus', ['Cypriot']),
  P('Luxembourg', ['Luxembourgish']),
  P('Vatican', ['Holy See']),
  P('Cambodia', ['Cambodian']),
  P('Myanmar', ['Burmese'], ['Burma']),
  P('Bangladesh', ['Bangladeshi']),
  P('Sri Lanka', ['Sri Lankan']),
  P('Nepal', ['Nepalese']),
  P('Sudan', ['Sudanese']),
  P('Angola', ['Angolan']),
  P('Senegal', ['Senegalese']),
  P('Ghana', ['Ghanaian']),
  P('Freedonia', ['Freedonian']),
  P('Sylvania', ['Sylvanian']),
  P('Genovia', ['Genovian']),
  P('Elbonia', ['Elbonian']),
  P('Borduria', ['Bordurian']),
  P('Syldavia', ['Syldavian']),
  P('Arstotzka', ['Arstotzkan']),
  P('Qumar', ['Qumari']),
  P('NATO', ['NATO'], ['North Atlantic Treaty Organization', 'the Alliance']),
  P('European Union', ['EU', 'European'], ['the EU', 'European Commission', 'European Council']),
  P('United Nations', ['UN', 'U.N.'], ['the UN']),
  P('World Health Organization', ['WHO'], []),
];

const byWord = new Map<string, Polity>();
for (const p of POLITIES) {
  byWord.set(p.name.toLowerCase(), p);
  for (const a of [...p.adjectives, ...p.aliases]) byWord.set(a.toLowerCase().replace(/^the /, ''), p);
}

/** "Russian" / "Russia" / "the Russian Federation" → "Russia". */
export function polityOf(word: string): string | null {
  // Asked for nearly every capitalised word of a readout: remember the answers (bounded).
  let hit = polityMemo.get(word);
  if (hit === undefined) {
    hit = byWord.get(word.toLowerCase().replace(/^the /, '').trim())?.name ?? null;
    if (polityMemo.size >= 50_000) polityMemo.clear();
    polityMemo.set(word, hit);
  }
  return hit;
}
const polityMemo = new Map<string, string | null>();

export function adjectivesOf(country: string): string[] {
  return POLITIES.find((p) => p.name === country)?.adjectives ?? [];
}

/** Alternation of every country name, adjective and alias, longest first (for regexes). */
export const POLITY_PATTERN = [...new Set(POLITIES.flatMap((p) => [p.name, ...p.adjectives, ...p.aliases]))]
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

/**
 * Generated hostile inputs for the parser: long repetitions of every delimiter and piece of markup
 * the extractors and the sentence splitter look at, long capitalised runs and long lines. Each
 * generator returns about `bytes` characters. Used by the parser time test (a generous linear
 * bound) and by `npm run bench` (the figures).
 */
import type { SourceFormat } from '../../shared/readout/types.ts';

const repeat = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));

/** name → unit repeated to fill the size. */
const UNITS: Record<string, string> = {
  'capital letters': 'ABCDEFGHIJ',
  'capitalised words': 'Alpha Beta Gamma Delta ',
  'capitals with apostrophes': "A'",
  'capitals with hyphens': 'A-',
  'dotted letters': 'a.',
  'dotted capitals (U.S.U.S.)': 'U.S.',
  initials: 'J. R. ',
  abbreviations: 'Mr. Dr. Gen. ',
  commas: 'a, ',
  'embedded attributions': ', Xi said, ',
  'speech verbs': 'He said that ',
  'straight quotes': '"a ',
  'curly quotes': '“a” ',
  'colons (transcript turns)': 'President of Russia Vladimir Putin: ',
  'role words': 'the President of ',
  'with-names': 'with President Alpha Beta ',
  'joint subjects': 'The two sides ',
  dates: 'January 1, 2021, ',
  digits: '2021 ',
  dashes: '--- ',
  parentheses: '(',
  'less-than signs': '<',
  ampersands: '&amp;',
  'unknown entities': '&zzzz;',
  'html tags': '<p>',
  'unclosed canonical links': '<link rel="canonical" ',
  'unclosed comments': '<!--',
  'unclosed scripts': '<script>',
  'unclosed meta': '<meta name="date" ',
  'markdown headings': '# ',
  'markdown list markers': '- ',
  'markdown emphasis': '*a ',
  'markdown strong': '**',
  'markdown images': '![',
  'markdown brackets': '[',
  'markdown links': '[a](',
  'blank lines': '\n',
  spaces: ' ',
  'front-matter fences': '---\n',
  'one long word': 'x',
};

export interface PathologicalInput {
  name: string;
  format: SourceFormat;
  text: string;
}

export function pathologicalInputs(bytes: number): PathologicalInput[] {
  const out: PathologicalInput[] = [];
  for (const [name, unit] of Object.entries(UNITS)) {
    for (const format of ['txt', 'md', 'html'] as const) out.push({ name, format, text: repeat(unit, bytes) });
  }
  // A folded YAML title, and a title line as long as the document.
  out.push({
    name: 'folded YAML title',
    format: 'md',
    text: `---\ntitle: >\n${repeat('  word\n', bytes)}---\nThe leaders met.`,
  });
  out.push({
    name: 'quoted YAML title',
    format: 'md',
    text: `---\ntitle: "${repeat('word \\\n  ', bytes)}"\n---\nThe leaders met.`,
  });
  out.push({ name: 'long title line', format: 'txt', text: `${repeat('Title ', bytes)}\n\nThe leaders met.` });
  return out;
}

/**
 * Format-specific extraction: txt / Markdown with YAML front matter / HTML → title, header dates,
 * and a plain body. Everything after this step works on plain text only.
 */
import { Parser } from 'htmlparser2';
import { parse as parseYaml } from 'yaml';
import type { SourceFormat } from './types.ts';

export interface Extracted {
  title: string | null;
  /** ISO date from a header, front matter or <meta>, if any. */
  publishedDate: string | null;
  /** Place from a header line (Kremlin style), if any. */
  headerPlace: string | null;
  /** A URL the document names as its origin (front matter `source_url`, canonical link). */
  sourceUrl: string | null;
  /** Explicit publisher (front matter `publisher`, og:site_name), if any. */
  publisher: string | null;
  body: string;
}

/** Month names by their first three letters (and 'sept'): one table for the extractor and the date rules. */
export const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** "2021-10-25 12:00:00 UTC", "December 15, 2021, 11:20", "15 December 2021", "2021-10-25" → ISO date. */
export function parseHeaderDate(line: string): string | null {
  const s = line.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+(?:\s*(?:UTC|Z|[+-]\d{2}:?\d{2}))?)?$/i.exec(s);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})(?:,?\s+\d{1,2}:\d{2})?$/.exec(s);
  if (m && MONTHS[m[1]!.slice(0, 3).toLowerCase()])
    return isoDate(+m[3]!, MONTHS[m[1]!.slice(0, 3).toLowerCase()]!, +m[2]!);
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})(?:,?\s+(?:-\s*)?\d{1,2}:\d{2})?$/.exec(s);
  if (m && MONTHS[m[2]!.slice(0, 3).toLowerCase()])
    return isoDate(+m[3]!, MONTHS[m[2]!.slice(0, 3).toLowerCase()]!, +m[1]!);
  return null;
}

export function extract(raw: string, format: SourceFormat): Extracted {
  if (format === 'md') return extractMarkdown(raw);
  if (format === 'html' || /^\s*(<!doctype html|<html[\s>])/i.test(raw)) return extractHtml(raw);
  return extractText(raw);
}

// ---------- plain text ----------

/** News-site furniture that is not part of the article. */
const FURNITURE = [
  /^\s*date\s+(\d{4}-\d{2}-\d{2})\b/i,
  /\b\d+\s+SHARES?\b/i,
  /^\s*(Share|Tweet|Print|Email|Facebook|Twitter|Telegram|WhatsApp)(\s+(Share|Tweet|Print|Email|Facebook|Twitter|Telegram|WhatsApp))*\s*$/i,
  /^\s*(By|Source:|Editor:|Photo:)\s/i,
  /^\s*(Related|Read more|Subscribe)\b.*$/i,
];

/** A line of the article itself: it ends a sentence, or is longer than page furniture ever is. */
const isBodyLine = (l: string) => /[.!?]["”’)]?\s*$/.test(l) || l.trim().length > 120;

/**
 * Furniture is dropped only around the article: before its first body line and after its last.
 * Inside the body, "By contrast, ...", "Related to this, ..." and "Source: ..." are sentences.
 */
function withoutFurniture(lines: string[]): string[] {
  let first = lines.findIndex(isBodyLine);
  if (first < 0) first = lines.length;
  let last = lines.length - 1;
  while (last >= first && !isBodyLine(lines[last]!)) last--;
  const isFurniture = (l: string) => FURNITURE.some((r) => r.test(l));
  return lines.filter((l, k) => (k >= first && k <= last) || !isFurniture(l));
}

function extractText(raw: string): Extracted {
  const lines = raw.split('\n');
  let title: string | null = null;
  let publishedDate: string | null = null;
  let headerPlace: string | null = null;
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && !lines[i]!.trim()) i++;
  };
  skipBlank();

  // News copy furniture at the very top: " date 2021-08-26 0 SHARES Share Tweet"
  const first = lines[i] ?? '';
  const dm = /^\s*date\s+(\d{4}-\d{2}-\d{2})/i.exec(first);
  if (dm || FURNITURE.some((r) => r.test(first))) {
    if (dm) publishedDate = dm[1]!;
    i++;
    skipBlank();
  }

  // Kremlin / president.gov.ua header: title line, then a date line, then optionally a place line.
  const l0 = (lines[i] ?? '').trim();
  const l1 = (lines[i + 1] ?? '').trim();
  const d1 = parseHeaderDate(l1);
  if (l0 && d1 && l0.length < 300 && !/[.!?]["”]?$/.test(l0)) {
    title = l0;
    publishedDate = d1;
    i += 2;
    const l2 = (lines[i] ?? '').trim();
    if (l2 && l2.length < 80 && !/[.!?]$/.test(l2) && (lines[i + 1] ?? '').trim() === '') {
      headerPlace = l2 === 'NA' ? null : l2;
      i++;
    }
  } else if (l0 && parseHeaderDate(l0)) {
    publishedDate = parseHeaderDate(l0);
    i++;
  } else if (
    l0 &&
    l0.length < 200 &&
    !/[.!?:;,]["”]?$/.test(l0) &&
    (lines[i + 1] ?? '').trim() === '' &&
    lines.length > i + 2
  ) {
    // A short first line standing alone is a title.
    title = l0;
    i++;
  }
  let rest = lines.slice(i);
  // A date line among the first lines of the body ("London, United Kingdom - July 2, 2024", "2 July
  // 2024", "Date: 2024-07-02"): the publication date when no header gave one, and not a sentence.
  const dateLine = findDateLine(rest);
  if (dateLine) {
    publishedDate ??= dateLine.date;
    headerPlace ??= dateLine.place;
    rest = rest.filter((_, k) => k !== dateLine.index);
  }
  return {
    title,
    publishedDate,
    headerPlace,
    sourceUrl: null,
    publisher: null,
    body: withoutFurniture(rest).join('\n'),
  };
}

/** "City, Country - ", "Date: ", "Published " before a date on a line of its own. */
const DATE_LINE_PREFIX =
  /^\s*(?:(?:date|dated|published|released|issued)\s*:?\s*|([A-Z][\p{L} .'’-]{1,60}(?:,\s*[A-Z][\p{L} .'’-]{1,40})?)\s*[-–—|,]\s*)?/u;
/** How many non-empty lines from the top of the body a date line may stand on. */
const DATE_LINE_WINDOW = 4;

/** The first line near the top that holds only a date (with an optional place or label before it). */
export function findDateLine(lines: string[]): { index: number; date: string; place: string | null } | null {
  let seen = 0;
  for (let k = 0; k < lines.length && seen < DATE_LINE_WINDOW; k++) {
    const line = lines[k]!.trim();
    if (!line) continue;
    seen++;
    if (line.length > 120) continue;
    const prefix = DATE_LINE_PREFIX.exec(line)!;
    const date = parseHeaderDate(line.slice(prefix[0].length));
    if (date) return { index: k, date, place: prefix[1]?.trim() ?? null };
  }
  return null;
}

/** A date anywhere in a title ("PM call with President X: 2 July 2024", "... on July 2, 2024"). */
export function dateInText(text: string): string | null {
  const m =
    /\b(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\b/.exec(text) ??
    /\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(text);
  if (!m) return null;
  const [day, month] = /^\d/.test(m[1]!) ? [+m[1]!, m[2]!] : [+m[2]!, m[1]!];
  const mo = MONTHS[month.slice(0, 3).toLowerCase()];
  if (!mo || day < 1 || day > 31 || (month.length > 3 && !FULL_MONTH.test(month))) return null;
  return isoDate(+m[3]!, mo, day);
}
const FULL_MONTH = /^(?:january|february|march|april|may|june|july|august|september|sept|october|november|december)$/i;

// ---------- Markdown with YAML front matter ----------

const YAML_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** `"` preceded by an even number of backslashes; looks only at the end (the value grows line by line). */
function endsWithUnescapedQuote(s: string): boolean {
  if (!s.endsWith('"')) return false;
  let k = s.length - 2;
  while (k >= 0 && s[k] === '\\') k--;
  return (s.length - 2 - k) % 2 === 0;
}

/**
 * The front matter publishers write: `key: value` lines whose values are plain, single-quoted, or
 * double-quoted with escapes and folded continuation lines. Returns null for anything else (the
 * full YAML parser takes over); a fast path, since this runs for every Markdown upload.
 */
export function quotedYaml(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z_][\w-]*):[ \t]*(.*)$/.exec(lines[i]!);
    if (!m) return null;
    const v = m[2]!.trimEnd();
    if (v.startsWith('"')) {
      // Gather folded lines until the closing quote.
      // Lines are collected and joined once: re-slicing the growing value per line is quadratic.
      const parts = [v.slice(1)];
      while (!endsWithUnescapedQuote(parts.at(-1)!) && i + 1 < lines.length && /^\s/.test(lines[i + 1]!)) {
        const next = lines[++i]!.trim();
        const last = parts.at(-1)!;
        // A line ending in a single backslash continues without a space ("escaped line break").
        if (last.endsWith('\\') && !last.endsWith('\\\\')) {
          parts[parts.length - 1] = last.slice(0, -1);
          parts.push(next);
        } else parts.push(' ', next);
      }
      let raw = parts.join('');
      if (!raw.endsWith('"')) return null;
      raw = raw.slice(0, -1);
      let value = '';
      for (let k = 0; k < raw.length; k++) {
        const c = raw[k]!;
        if (c === '"') return null; // a quote inside that nothing escapes: not one scalar
        if (c !== '\\') {
          value += c;
          continue;
        }
        const e = raw[++k]!;
        if (e === 'x' || e === 'u' || e === 'U') {
          const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const code = parseInt(raw.slice(k + 1, k + 1 + len), 16);
          if (Number.isNaN(code)) return null;
          value += String.fromCodePoint(code);
          k += len;
        } else if (e in YAML_ESCAPES) value += YAML_ESCAPES[e];
        else return null;
      }
      out[m[1]!] = value;
    } else if (/^'(?:[^']|'')*'$/.test(v)) out[m[1]!] = v.slice(1, -1).replace(/''/g, "'");
    // A plain value: not opening with an indicator, and no comment (" #") or nested key (": ") inside.
    else if ((/^[^-?:,[\]{}#&*!|>'"%@`]/.test(v) && !/\s#|:(?:\s|$)/.test(v)) || v === '') {
      if (i + 1 < lines.length && /^\s/.test(lines[i + 1]!)) return null; // folded plain scalar
      out[m[1]!] = v;
    } else return null;
  }
  return out;
}

/** Only the front-matter entries we read (a key line and its indented continuation lines): less to parse. */
function frontMatterFields(yaml: string, keys: string[]): string {
  const out: string[] = [];
  let keep = false;
  for (const line of yaml.split('\n')) {
    const key = /^([A-Za-z_][\w-]*):/.exec(line)?.[1];
    if (key !== undefined) keep = keys.includes(key.toLowerCase());
    else if (!/^\s/.test(line)) keep = false;
    if (keep) out.push(line);
  }
  return out.join('\n');
}

export function markdownToText(md: string): string {
  return (
    md
      .replace(/```[\s\S]*?```/g, ' ')
      // Link text and targets are bounded: unbounded `[^)]*` rescans to the end of the text from
      // every unclosed "](" (quadratic). Both may wrap over lines; neither holds a bracket.
      .replace(/!\[[^[\]]{0,1000}\]\([^()[\]]{0,2000}\)/g, ' ')
      .replace(/\[([^[\]]{0,1000})\]\([^()[\]]{0,2000}\)/g, '$1')
      .replace(/^\s{0,3}\\?#{1,6}\s*$/gm, '\n')
      .replace(/^\s{0,3}\\?#{1,6}\s+/gm, '')
      // `[ \t]*`, not `\s*`, at a line start: `\s` runs on over newlines, and from every line start of
      // a run of blank lines that is quadratic.
      // List items stand alone (participant lists). A wrapped line starting "2022." is a year, not an item.
      .replace(/^[ \t\u00a0]*(?:[-*+]|\d{1,3}[.)])(?:[ \t\u00a0]+|$)/gm, '\n\n')
      .replace(/^[ \t]*>[ \t]?/gm, '')
      .replace(/(\*\*|__)(.*?)\1/g, '$2')
      .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
      .replace(/\\([\\`*_{}[\]()#+\-.!>|~])/g, '$1')
      .replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/gm, '\n')
  );
}

function extractMarkdown(raw: string): Extracted {
  let front: Record<string, string> = {};
  let body = raw;
  const fm = /^\uFEFF?---\n([\s\S]*?)\n---\s*\n/.exec(raw);
  if (fm) {
    body = raw.slice(fm[0].length);
    try {
      // A real YAML parser: publishers' front matter uses multi-line quoted titles and \x/\u/\_ escapes.
      const fields = frontMatterFields(fm[1]!, [
        'title',
        'date',
        'published_time',
        'published',
        'source_url',
        'url',
        'publisher',
        'location',
      ]);
      // Plain one-line values need no YAML parser; escapes and folded lines do.
      const data = (quotedYaml(fields) ?? parseYaml(fields)) as Record<string, unknown> | null;
      for (const [k, v] of Object.entries(data ?? {})) {
        if (v instanceof Date) front[k.toLowerCase()] = v.toISOString();
        else if (v !== null && typeof v !== 'object') front[k.toLowerCase()] = String(v);
      }
    } catch {
      front = {}; // malformed front matter: treat the document as plain Markdown
    }
  }
  let title = front.title?.replace(/[\u00a0\s]+/g, ' ').trim() || null;
  const text = markdownToText(body);
  if (!title) {
    const h = /^\s{0,3}#\s+(.+)$/m.exec(body);
    if (h) title = markdownToText(h[1]!).trim();
  }
  const dateField = front.date ?? front.published_time ?? front.published ?? '';
  const publishedDate = /^(\d{4}-\d{2}-\d{2})/.exec(dateField)?.[1] ?? null;
  const inner = extractText(text);
  return {
    title: title ?? inner.title,
    publishedDate: publishedDate ?? inner.publishedDate,
    headerPlace: front.location ?? inner.headerPlace,
    sourceUrl: front.source_url ?? front.url ?? null,
    publisher: front.publisher ?? null,
    body: title ? text : inner.body,
  };
}

// ---------- HTML ----------

/** Elements whose content is never article text. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'menu',
  'time',
  'head',
]);
/** Elements that end a paragraph: their edges become blank lines, so the body keeps its paragraphs. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'article',
  'main',
  'body',
]);

/**
 * HTML through a real, streaming HTML parser (htmlparser2): linear in the input whatever its
 * markup, and forgiving of the broken pages people upload. One pass collects the title, the first
 * <h1>, the metadata we read, and the text of the article (inside <article>, else <main>, else
 * <body>), minus page furniture.
 */
function extractHtml(raw: string): Extracted {
  const meta = new Map<string, string>();
  let docTitle: string | null = null;
  let h1: string | null = null;
  let timeAttr: string | null = null;
  let canonical: string | null = null;
  const text = { article: [] as string[], main: [] as string[], body: [] as string[] };
  const seen = { article: false, main: false };
  let skip = 0;
  let inArticle = 0;
  let inMain = 0;
  let inTitle = false;
  let h1Depth = 0;
  let h1Done = false;
  let h1Text = '';
  let titleText = '';
  const emit = (t: string) => {
    text.body.push(t);
    if (inMain) text.main.push(t);
    if (inArticle) text.article.push(t);
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'meta') {
          const key = (attrs.name ?? attrs.property ?? '').toLowerCase();
          if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
        } else if (name === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(attrs.rel ?? '') && attrs.href && !canonical)
          canonical = attrs.href;
        else if (name === 'time' && attrs.datetime && !timeAttr) timeAttr = attrs.datetime;
        if (name === 'title') inTitle = true;
        if (SKIPPED.has(name)) {
          skip++;
          return;
        }
        if (skip) return;
        if (name === 'article') {
          inArticle++;
          seen.article = true;
        }
        if (name === 'main') {
          inMain++;
          seen.main = true;
        }
        if (name === 'h1' && !h1Done) h1Depth++;
        if (name === 'br') emit('\n');
        else if (BLOCKS.has(name)) emit('\n\n');
      },
      ontext(t) {
        if (inTitle) {
          titleText += t;
          return;
        }
        if (skip) return;
        if (h1Depth) {
          h1Text += t;
          return;
        }
        emit(t);
      },
      onclosetag(name) {
        if (name === 'title') {
          inTitle = false;
          docTitle ??= titleText;
        }
        if (SKIPPED.has(name)) {
          if (skip) skip--;
          return;
        }
        if (skip) return;
        if (name === 'h1' && h1Depth) {
          h1Depth--;
          if (!h1Depth) {
            h1Done = true;
            h1 = h1Text;
          }
          emit(' ');
          return;
        }
        if (BLOCKS.has(name)) emit('\n\n');
        if (name === 'article' && inArticle) inArticle--;
        if (name === 'main' && inMain) inMain--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(raw);
  parser.end();
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const chosen = seen.article ? text.article : seen.main ? text.main : text.body;
  const body = chosen.join('').replace(/[ \t\u00a0]+/g, ' ');
  const inner = extractText(body);
  const title = h1 !== null ? clean(h1) : docTitle !== null ? clean(docTitle) : inner.title;
  const published = meta.get('article:published_time') ?? meta.get('date') ?? timeAttr;
  return {
    title: title || null,
    publishedDate: (published && /^(\d{4}-\d{2}-\d{2})/.exec(published)?.[1]) || inner.publishedDate,
    headerPlace: inner.headerPlace,
    sourceUrl: canonical ?? meta.get('og:url') ?? null,
    publisher: meta.get('og:site_name') || null,
    body: h1 !== null || docTitle !== null ? (inner.title && inner.title === title ? inner.body : body) : inner.body,
  };
}

/**
 * `text.matchAll(pattern)` for a costly pattern that can only begin where a cheap one matches.
 *
 * V8 scans a large Unicode alternation position by position; a plain word alternation finds the
 * few places worth trying far faster (ROLE_NAME over a 4 KB readout: 250 µs → 11 µs). The result
 * is the same as matchAll's: leftmost matches, each search resuming after the previous match.
 */
export function anchoredMatches(text: string, anchor: RegExp, pattern: RegExp): RegExpExecArray[] {
  if (!anchor.global || !pattern.sticky) throw new Error('anchoredMatches needs a global anchor and a sticky pattern');
  const out: RegExpExecArray[] = [];
  anchor.lastIndex = 0;
  let end = 0;
  for (let a = anchor.exec(text); a; a = anchor.exec(text)) {
    if (a.index < end) continue;
    pattern.lastIndex = a.index;
    const m = pattern.exec(text);
    if (!m) continue;
    out.push(m);
    // An empty match would otherwise be found again at the same place.
    end = m.index + Math.max(1, m[0].length);
    if (anchor.lastIndex < end) anchor.lastIndex = end;
  }
  return out;
}

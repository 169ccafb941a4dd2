import { loadGold, parseCorpusDoc } from './eval/gold.ts';
import { CORPUS_DIR } from './shared/corpus-path.ts';
for (const g of loadGold(CORPUS_DIR)) {
  const r = parseCorpusDoc(CORPUS_DIR, g.doc);
  if (r.eventDate !== g.event_date || r.kind !== g.kind) console.log(g.doc.slice(0, 70), 'date', r.eventDate, g.event_date, 'kind', r.kind, g.kind, '|', r.title?.slice(0, 60), '|', r.sentences[0]?.text.slice(0, 150));
}

import { parseCorpusDoc } from './eval/gold.ts';
import { CORPUS_DIR } from './shared/corpus-path.ts';
import { readdirSync } from 'node:fs';
for (const pat of process.argv.slice(2)) {
  const [dir, prefix] = pat.split(':');
  const f = readdirSync(`${CORPUS_DIR}/${dir}`).find((n) => n.startsWith(prefix!));
  const r = parseCorpusDoc(CORPUS_DIR, `${dir}/${f}`);
  console.log('==', f, r.publisher, r.kind, r.eventDate, JSON.stringify(r.participants.map((p) => [p.id, p.name, p.role, p.country])));
}

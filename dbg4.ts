import { parseReadout } from './shared/readout/parse.ts';
const text = process.argv[2]!;
const r = parseReadout({ id: 'x', text, format: 'txt', source: { bucket: 'b', key: 'k', etag: null } });
console.log(JSON.stringify(r.participants.map((p) => [p.id, p.aliases.filter((a) => !/^(Dr|Mr|Ms|Mrs|Prof|Sir)\.? /.test(a)).slice(0, 8)])));
for (const s of r.sentences) console.log(String(s.speaker).padEnd(10), s.text.slice(0, 120));

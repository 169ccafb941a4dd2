/** `npm run eval`: parser quality against the gold labels (and, later, search quality on qrels). */
import { CORPUS_DIR, corpusAvailable } from '../shared/corpus-path.ts';
import { evaluateGold, PARSER_TARGETS } from './gold.ts';

if (!corpusAvailable()) {
  console.error(`No corpus at ${CORPUS_DIR} (set READOUT_CORPUS_DIR): nothing to evaluate.`);
  process.exit(1);
}
const verbose = process.argv.includes('--verbose');
const { summary, scores } = evaluateGold(CORPUS_DIR);
console.log(`\nParser vs gold labels: ${summary.docs} readouts, ${summary.sentences} sentences (${summary.unaligned} not aligned)\n`);
console.log('metric'.padEnd(40) + 'value'.padStart(8) + 'target'.padStart(9) + '   ');
for (const [key, label, target] of PARSER_TARGETS) {
  const v = summary[key] as number;
  const mark = target ? (v >= target ? 'met' : 'NOT MET') : '';
  console.log(label.padEnd(40) + v.toFixed(3).padStart(8) + (target ? `≥ ${target.toFixed(2)}` : '').padStart(9) + `   ${mark}`);
}
if (verbose) {
  for (const s of scores) {
    const bad = s.errors.length;
    if (!bad && s.eventDate && s.kind && s.participants.tp === s.participants.gold && s.participants.tp === s.participants.predicted) continue;
    console.log(`\n== ${s.doc}  participants ${s.participants.tp}/${s.participants.predicted}p/${s.participants.gold}g  date ${s.eventDate ? 'ok' : 'WRONG'}  kind ${s.kind ? 'ok' : 'WRONG'}  topics ${s.topics.recalled}/${s.topics.gold}`);
    for (const e of s.errors.slice(0, 12)) console.log(`   gold=${e.gold.padEnd(10)} got=${e.predicted.padEnd(10)} ${e.text}`);
  }
}

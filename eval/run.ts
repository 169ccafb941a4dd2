/** `npm run eval`: parser quality against the gold labels (and, later, search quality on qrels). */
import { CORPUS_DIR, corpusAvailable } from '../shared/corpus-path.ts';
import { confusionOf, evaluateGold, halfOf, PARSER_TARGETS, summarise } from './gold.ts';
import { evaluateSearch } from './search-eval.ts';
import { parseFlags } from '../local/flags.ts';

if (!corpusAvailable()) {
  console.error(`No corpus at ${CORPUS_DIR} (set READOUT_CORPUS_DIR): nothing to evaluate.`);
  process.exit(1);
}
const flags = parseFlags(
  'usage: npm run eval [-- --parser | --search] [-- --verbose]\n  --parser   parser against the gold labels only\n  --search   search against the qrels only\n  --verbose  list every wrong sentence with the rule that decided it',
  ['parser', 'search', 'verbose'],
);
const verbose = flags.verbose;
const only = flags.parser ? '--parser' : flags.search ? '--search' : undefined;
if (only !== '--search') {
  const { summary, scores, publishers } = evaluateGold(CORPUS_DIR);
  console.log(
    `\nParser vs gold labels: ${summary.docs} readouts, ${summary.sentences} sentences (${summary.unaligned} not aligned)`,
  );
  // Columns: all labels, the two fixed halves (by a hash of the path), then each publisher.
  const groups: Array<[string, typeof scores]> = [
    ['all', scores],
    ['half A', scores.filter((s) => halfOf(s.doc) === 'A')],
    ['half B', scores.filter((s) => halfOf(s.doc) === 'B')],
    ...[...new Set(publishers)]
      .sort()
      .map((p): [string, typeof scores] => [p, scores.filter((_, i) => publishers[i] === p)]),
  ];
  const summaries = groups.map(([name, g]) => [name, summarise(g)] as const);
  const W = 13;
  console.log(
    `\n${'metric'.padEnd(38)}${'target'.padStart(8)}${summaries.map(([n, s]) => `${n.slice(0, W - 6)} (${s.docs})`.padStart(W + 1)).join('')}`,
  );
  for (const [key, label, target] of PARSER_TARGETS) {
    const cells = summaries.map(([, s]) => {
      const v = s[key] as number;
      return `${v.toFixed(3)}${target && v < target ? '*' : ' '}`.padStart(W + 1);
    });
    console.log(label.padEnd(38) + (target ? `≥ ${target.toFixed(2)}` : '').padStart(8) + cells.join(''));
  }
  console.log('(* below target)');
  const confusion = confusionOf(scores);
  console.log(
    `\nSpeaker confusion, all sentences (rows: gold; columns: predicted)\n${''.padEnd(14)}${['same', 'other person', 'joint', 'none'].map((c) => c.padStart(14)).join('')}`,
  );
  for (const [g, row] of Object.entries(confusion))
    console.log(g.padEnd(14) + [row.same, row.other, row.joint, row.none].map((v) => String(v).padStart(14)).join(''));
  // Which attribution rule decided the wrong sentences (--verbose lists them one by one).
  const byRule = new Map<string, number>();
  for (const s of scores) for (const e of s.errors) byRule.set(e.rule, (byRule.get(e.rule) ?? 0) + 1);
  console.log(
    `\nWrong sentences by the rule that decided them: ${[...byRule]
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${r} ${n}`)
      .join(', ')}`,
  );
  if (verbose) {
    for (const s of scores) {
      const bad = s.errors.length;
      if (
        !bad &&
        s.eventDate &&
        s.kind &&
        s.participants.tp === s.participants.gold &&
        s.participants.tp === s.participants.predicted
      )
        continue;
      console.log(
        `\n== ${s.doc}  participants ${s.participants.tp}/${s.participants.predicted}p/${s.participants.gold}g  date ${s.eventDate ? 'ok' : 'WRONG'}  kind ${s.kind ? 'ok' : 'WRONG'}  topics ${s.topics.recalled}/${s.topics.gold}`,
      );
      for (const e of s.errors.slice(0, 12))
        console.log(`   gold=${e.gold.padEnd(10)} got=${e.predicted.padEnd(10)} rule=${e.rule.padEnd(24)} ${e.text}`);
    }
  }
}

if (only !== '--parser') {
  console.log('\nSearch vs qrels: starting a local stack and loading the whole corpus through S3...');
  const r = await evaluateSearch(CORPUS_DIR, (l) => console.log(`  ${l}`));
  const targets = {
    keywords: { ndcg10: 0.9, recall50: 0.95, evidence: 0.9 },
    question: { ndcg10: 0.85, recall50: 0, evidence: 0.9 },
    questionUninterpreted: { ndcg10: 0, recall50: 0, evidence: 0 },
    questionReworded: { ndcg10: 0, recall50: 0, evidence: 0 },
  } as const;
  for (const mode of ['keywords', 'question', 'questionUninterpreted', 'questionReworded'] as const) {
    const m = r[mode];
    console.log(
      `\n${{ keywords: 'Keywords + speaker/date filters, as an expert types them', question: 'The question as typed (q), no filters, interpreted', questionUninterpreted: 'Baseline: the question as typed with interpret=false', questionReworded: 'Each question reworded two ways (eval/reworded-questions.json), interpreted: how much the figures owe to the exact words' }[mode]}`,
    );
    console.log(
      `${'query'.padEnd(28)}${'nDCG@10'.padStart(9)}${'P@10'.padStart(7)}${'R@50'.padStart(7)}${'evidence'.padStart(10)}${'total'.padStart(7)}${'ms'.padStart(7)}`,
    );
    for (const q of m.queries) {
      console.log(
        `${`${q.id}${halfOf(q.id)} ${q.keywords}`.slice(0, 27).padEnd(28)}${q.ndcg10.toFixed(3).padStart(9)}${q.p10.toFixed(2).padStart(7)}${q.recall50.toFixed(2).padStart(7)}${`${q.evidence}/${q.evidenceTotal}`.padStart(10)}${String(q.total).padStart(7)}${q.tookMs.toFixed(1).padStart(7)}`,
      );
    }
    const t = targets[mode];
    console.log(`${'metric'.padEnd(40)}${'value'.padStart(8)}${'target'.padStart(9)}`);
    for (const [label, v, target] of [
      ['nDCG@10', m.ndcg10, t.ndcg10],
      ...(['A', 'B'] as const).map((h) => {
        const qs = m.queries.filter((q) => halfOf(q.id) === h);
        return [
          `  nDCG@10, half ${h} (${qs.length} ${mode === 'questionReworded' ? 'rewordings' : 'queries'})`,
          qs.reduce((a, q) => a + q.ndcg10, 0) / qs.length,
          0,
        ] as const;
      }),
      ['P@10', m.p10, 0],
      ['Recall@50', m.recall50, t.recall50],
      ['evidence recall (summaries)', m.evidenceRecall, t.evidence],
    ] as const) {
      console.log(
        label.padEnd(40) +
          v.toFixed(3).padStart(8) +
          (target ? `≥ ${target.toFixed(2)}` : '').padStart(9) +
          (target ? `   ${v >= target ? 'met' : 'NOT MET'}` : ''),
      );
    }
  }
  console.log(`\n(${r.readouts} readouts loaded through S3 in ${r.loadSeconds.toFixed(0)} s)`);
}

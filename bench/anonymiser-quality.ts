import { anonymiseCorpus } from '../tests/fixtures/anonymise-corpus';
import { independentB } from '../tests/fixtures/anonymise-corpus/independent-b';
import { independentC } from '../tests/fixtures/anonymise-corpus/independent-c';
import { independentCases } from '../tests/fixtures/anonymise-corpus/independent-cases';
import { independentHeldOut } from '../tests/fixtures/anonymise-corpus/independent-held-out';
import { independentHeldOut2 } from '../tests/fixtures/anonymise-corpus/independent-held-out-2';
import { formatScore, scoreCorpus } from '../tests/fixtures/anonymise-corpus/measure';

/**
 * The anonymiser's quality on every corpus, printed (issue 14's report): recall per kind,
 * automatic and after the coach's review of flags, precision, and flags per 100 words.
 * `independent-b/c` were written by authors who never read the detector and serve for
 * tuning; `independent-held-out-2` is the held-out third: measure it, do not tune on it.
 * Not a test: the targets are asserted in tests/unit/anonymise-independent.test.ts for the
 * corpora where they hold.
 */
const corpora = [
  ['project corpus (written with the detector)', anonymiseCorpus, true],
  ['independent, first batch', [...independentCases, ...independentHeldOut], true],
  ['independent B (never read the detector)', independentB, true],
  ['independent C (never read the detector)', independentC, true],
  // Its misses are not printed: whoever tunes the detector sees only the figures.
  ['HELD-OUT third (never read the detector; do not tune)', independentHeldOut2, false],
] as const;

for (const [title, cases, details] of corpora) {
  const report = formatScore(title, scoreCorpus([...cases]));
  const shown = details
    ? report
    : report.slice(0, report.indexOf('\n', report.indexOf('precision')));
  process.stdout.write(`${shown}\n`);
}

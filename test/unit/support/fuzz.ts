/**
 * Settings shared by the property-based tests (fast-check).
 *
 * Every property runs with a fixed seed so that a CI failure repeats on any machine, and
 * fast-check prints the seed and the shrunk counterexample when one fails. The default
 * number of runs keeps the whole property suite well under a minute in `npm test`;
 * a nightly job raises it with XHS_FUZZ_RUNS (e.g. XHS_FUZZ_RUNS=200000), and may explore
 * other inputs with XHS_FUZZ_SEED.
 */
import fc from 'fast-check';

const runsFromEnv = Number(process.env.XHS_FUZZ_RUNS);
const seedFromEnv = Number(process.env.XHS_FUZZ_SEED);

/** True when a nightly-size run was asked for. */
export const NIGHTLY = Number.isSafeInteger(runsFromEnv) && runsFromEnv > 0;

/**
 * Parameters for `fc.assert`: `runs` cases by default (scaled by XHS_FUZZ_RUNS relative to the
 * default of 2,000 when set), and `seed`, unique per property, unless XHS_FUZZ_SEED says otherwise.
 */
export function fuzz(seed: number, runs = 2_000): fc.Parameters<unknown> {
	const numRuns = NIGHTLY ? Math.max(runs, Math.round((runs * runsFromEnv) / 2_000)) : runs;
	return { seed: Number.isSafeInteger(seedFromEnv) ? seedFromEnv + seed : seed, numRuns };
}

/** Jest's per-test timeout for a property: generous for nightly sizes, the default otherwise. */
export const PROPERTY_TIMEOUT_MS = NIGHTLY ? 60 * 60 * 1000 : 60_000;

/**
 * Strings of up to about 100 kB shaped to make a backtracking regex fail: a prefix, one short
 * piece repeated many times, and a suffix that breaks the match at the very end.
 */
export function hostileText(pieces: fc.Arbitrary<string>, maxLength = 100_000): fc.Arbitrary<string> {
	return fc
		.tuple(pieces, pieces, pieces, fc.integer({ min: 1, max: maxLength }))
		.map(([prefix, piece, suffix, length]) => {
			const unit = piece === '' ? ' ' : piece;
			const times = Math.max(1, Math.floor((length - prefix.length - suffix.length) / unit.length));
			return `${prefix}${unit.repeat(times)}${suffix}`.slice(0, maxLength);
		});
}

/** One UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Text of any kind: ASCII, full Unicode, and UTF-16 code units at random (lone surrogates). */
export const anyText = (maxLength = 80): fc.Arbitrary<string> =>
	fc.oneof(
		fc.string({ maxLength }),
		fc.string({ unit: 'grapheme', maxLength }),
		fc.string({ unit: codeUnit, maxLength }),
	);

/**
 * A cheap assertion for the inner loops of properties: jest's `expect` costs far more than
 * the code under test there, and fast-check reports the thrown message with the counterexample.
 */
export function holds(condition: boolean, what: string): void {
	if (!condition) throw new Error(what);
}

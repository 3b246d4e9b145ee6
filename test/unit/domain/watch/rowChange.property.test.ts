import fc from 'fast-check';

import { formatCount, parseCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import type { EngagementRule } from '../../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import { compareWithRow } from '../../../../nodes/Xiaohongshu/domain/watch/rowChange';
import { fuzz, holds, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';

/** How the site may show a true count n (each true to n), and what a sync writes for it. */
const RENDERINGS = {
	exact: (n: number) => String(n),
	rounded: (n: number) => formatCount(n),
	floor: (n: number) => (n >= 100_000 ? '10万+' : n >= 10_000 ? '1w+' : formatCount(n)),
} as const;
type Rendering = keyof typeof RENDERINGS;

const trueCount = fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 2_000_000 }));
const rendering = fc.constantFrom<Rendering>('exact', 'rounded', 'rounded', 'floor');
const RULES: EngagementRule[] = [
	{ kind: 'change' },
	{ kind: 'increase', atLeast: 1 },
	{ kind: 'percentIncrease', atLeastPercent: 1 },
	{ kind: 'milestone', milestones: [1000, 10_000, 35_000, 100_000, 1_000_000] },
];

describe('compareWithRow properties', () => {
	it('proves no change the true counts did not make, from a row with its text or with the number alone', () => {
		fc.assert(
			fc.property(trueCount, trueCount, rendering, rendering, fc.boolean(), (before, after, shownBefore, shownAfter, keepsText) => {
				const previousDisplay = RENDERINGS[shownBefore](before);
				// What the sync example writes: the number the node output for that display, and maybe its text.
				const row = { number: parseCount(previousDisplay).value, ...(keepsText ? { text: previousDisplay } : {}) };
				const result = compareWithRow({
					metrics: ['likes'],
					rules: RULES,
					previous: { likes: row },
					previousAt: 1_000,
					origin: null,
					current: { likes: parseCount(RENDERINGS[shownAfter](after)) },
					now: 2_000,
					label: 'a note',
				});
				const likes = result.metrics.likes!;
				const what = `${before} shown ${previousDisplay} (text kept: ${keepsText}) -> ${after} shown ${likes.afterText}: ${JSON.stringify(result)}`;
				const proven = likes.provenChange ?? 0;
				holds(proven <= 0 || after - before >= proven, `unproven increase: ${what}`);
				holds(proven >= 0 || before - after >= -proven, `unproven decrease: ${what}`);
				holds(!result.rulesFired.includes('change') || after !== before, `change fired without one: ${what}`);
				holds(!result.rulesFired.includes('increase') || after > before, `increase fired without one: ${what}`);
			}),
			fuzz(2626),
		);
	}, PROPERTY_TIMEOUT_MS);
});

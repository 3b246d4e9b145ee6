/**
 * The credential's Custom plan with its own Credits per Month, through the Trigger's Fetch
 * Test Event: the over-plan check works for it as it does for a published plan.
 */
import { createPollRunner } from '../../tooling/harness';
import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { sandboxForThisFile } from './node-support';
import { TRIGGER, eventsOf, noteLink, watchWorkflow } from './trigger-support';

const { notes } = FIXTURES;
let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

function fetchTestEvent(creditsPerMonth: number | undefined) {
	const credentials = {
		parseXhsApi: {
			apiKey: SANDBOX_KEYS.fast,
			baseUrl: sandbox.url,
			scraperId: sandbox.scraperId,
			plan: 'custom',
			requestsPerMinute: 250,
			...(creditsPerMonth !== undefined ? { creditsPerMonth } : {}),
		},
	};
	const list = `${noteLink(notes.singleImage)}\n${noteLink(notes.videoSample)}`;
	return createPollRunner(watchWorkflow({ notes: list, pollTimes: { item: [{ mode: 'everyHour' }] } }), {
		credentials,
		triggerNodeName: TRIGGER,
		mode: 'manual',
	}).poll();
}

describe('a Custom plan with its credits a month', () => {
	it('is compared with what the list costs: 2 entries every hour (1,440 a month) exceed 1,000', async () => {
		const [item] = eventsOf(await fetchTestEvent(1_000));
		expect(item.watchList).toMatchObject({ creditsPerMonth: 1_440, planCreditsPerMonth: 1_000, overPlan: true });
		expect(String(item.summary)).toContain('more than the 1,000 credits a month of your Custom plan');
	});

	it('without them (an older credential) states the total and no plan', async () => {
		const [item] = eventsOf(await fetchTestEvent(undefined));
		expect(item.watchList).toMatchObject({ creditsPerMonth: 1_440, planCreditsPerMonth: null, overPlan: false });
	});
});

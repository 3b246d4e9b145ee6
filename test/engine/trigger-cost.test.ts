/**
 * What the Trigger says it will cost: Fetch Test Event's first item states the monthly total
 * (and the plan warning, and which lines it skips), an active trigger warns once when the
 * month would cost more than the plan has, and the editor's estimate (subtitle and hints,
 * evaluated by n8n's own expression engine) agrees with the node's count.
 */
import { Workflow } from 'n8n-workflow';
import type { INode, INodeParameters } from 'n8n-workflow';

import { XiaohongshuTrigger } from '../../nodes/Xiaohongshu/XiaohongshuTrigger.node';
import { XHS_TRIGGER_NODE_TYPE, createPollRunner, ensureEngine } from '../../tooling/harness';
import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { sandboxForThisFile } from './node-support';
import { TRIGGER, eventsOf, noteLink, problemsOf, watchWorkflow } from './trigger-support';

const { notes } = FIXTURES;
let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

const withPlan = (plan: string) => ({
	parseXhsApi: { apiKey: SANDBOX_KEYS.fast, baseUrl: sandbox.url, scraperId: sandbox.scraperId, plan },
});

const everyMinute = { item: [{ mode: 'everyMinute' }] };
const twoNotesAndABadLine = `${noteLink(notes.singleImage)}\nnot a link at all\n${noteLink(notes.videoSample)}`;

function trigger(parameters: INodeParameters, mode: 'trigger' | 'manual', plan = 'hobby') {
	return createPollRunner(watchWorkflow(parameters), { credentials: withPlan(plan), triggerNodeName: TRIGGER, mode });
}

/** Credits the sandbox charged for the fast key while `run` ran. */
async function creditsSpentBy(run: () => Promise<unknown>): Promise<number> {
	const spent = () => sandbox.stats().byKey[SANDBOX_KEYS.fast]?.creditsSpent ?? 0;
	const before = spent();
	await run();
	return spent() - before;
}

describe('Fetch Test Event', () => {
	it("states the monthly total, the plan's limit and the skipped line in the first item's summary", async () => {
		const items = eventsOf(await trigger({ notes: twoNotesAndABadLine, pollTimes: everyMinute }, 'manual').poll());
		const summary = String(items[0].summary);
		expect(summary).toContain('Watching 2 entries every minute costs about 86,400 credits a month.');
		expect(summary).toContain('more than the 1,000 credits a month of your Hobby plan: they would be used up in about 8 hours');
		expect(summary).toContain('Set Credit Budget to 1,000 or less, or poll less often (every day costs about 60).');
		expect(summary).toMatch(/Line 2 is skipped: /);
		expect(items[0].watchList).toMatchObject({
			entries: 2,
			invalidLines: 1,
			skippedLines: [expect.stringMatching(/^Line 2 is skipped: /)],
			creditsPerMonth: 86_400,
			planCreditsPerMonth: 1_000,
			overPlan: true,
		});
	});

	it('within the plan it states the total and no warning', async () => {
		const items = eventsOf(await trigger({ notes: noteLink(notes.singleImage), pollTimes: { item: [{ mode: 'everyDay' }] } }, 'manual').poll());
		expect(items[0].summary).toContain('Watching 1 entry every day costs about 30 credits a month. That fits your Hobby plan (1,000 credits a month).');
		expect(items[0].summary).not.toContain('more than');
		expect(items[0].watchList).toMatchObject({ overPlan: false, skippedLines: [] });
	});
});

describe('an active trigger over its plan', () => {
	it('says so once, not at every poll', async () => {
		const active = trigger({ notes: twoNotesAndABadLine, pollTimes: everyMinute }, 'trigger');
		const firstPoll = await active.poll();
		expect(eventsOf(firstPoll).filter((e) => e.event === 'overPlan')).toEqual([]);
		const first = problemsOf(firstPoll).filter((e) => e.event === 'overPlan');
		expect(first).toHaveLength(1);
		expect(first[0].summary).toMatch(/costs about 86,400 credits a month\. That is more than the 1,000 credits a month of your Hobby plan/);
		const second = problemsOf(await active.poll()).filter((e) => e.event === 'overPlan');
		expect(second).toEqual([]);
	});

	it('says nothing with a Credit Budget within the plan, which keeps the spend within it', async () => {
		const budgeted = trigger({ notes: twoNotesAndABadLine, pollTimes: everyMinute, creditBudget: 500 }, 'trigger');
		const result = await budgeted.poll();
		expect([...eventsOf(result), ...problemsOf(result)].filter((e) => e.event === 'overPlan')).toEqual([]);
	});

	it('warns with a Credit Budget above the plan, and says to lower it', async () => {
		const budgeted = trigger({ notes: twoNotesAndABadLine, pollTimes: everyMinute, creditBudget: 5_000 }, 'trigger');
		const [warning] = problemsOf(await budgeted.poll()).filter((e) => e.event === 'overPlan');
		expect(warning.summary).toContain('The Credit Budget caps watching 2 entries at 5,000 credits a month; every minute would need 86,400.');
		expect(warning.summary).toContain('more than the 1,000 credits a month of your Hobby plan');
		expect(warning.summary).toContain('Lower the Credit Budget to 1,000 or less.');
	});
});

const description = new XiaohongshuTrigger().description;

async function evaluate(expression: string, parameters: INodeParameters): Promise<unknown> {
	await ensureEngine();
	const node: INode = {
		id: 't',
		name: TRIGGER,
		type: XHS_TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const nodeTypes = { getByName: () => new XiaohongshuTrigger(), getByNameAndVersion: () => new XiaohongshuTrigger(), getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	await workflow.expression.acquireIsolate();
	try {
		return workflow.expression.getSimpleParameterValue(node, expression, 'internal', {});
	} finally {
		await workflow.expression.releaseIsolate();
	}
}

describe('a list of share texts and short links (issue 25)', () => {
	const { bareCode, aPath, oPath, cnHost } = FIXTURES.shortLinks;
	const tail = '复制本条信息，打开【小红书】App查看精彩内容！';
	// Four share texts as the app copies them, one split over two lines (its title line names nothing).
	const fourShareTexts = [
		`9张图带你逛完成都 ${bareCode.url} ${tail}`,
		`秋天的第一杯奶茶 ${aPath.url}，${tail}`,
		'周末去哪儿',
		`${oPath.url} ${tail}`,
		`${cnHost.url} ${tail}`,
	].join('\n');
	const linkAndTwoShortLinks = [noteLink(notes.singleImage), aPath.url, `看看 ${oPath.url} ${tail}`].join('\n');

	it.each([
		['four share texts', fourShareTexts, 4],
		['a full link and two short links', linkAndTwoShortLinks, 3],
	])('%s: Fetch Test Event, the canvas and the poll count the same entries', async (_label, list, entries) => {
		const parameters = { watch: 'notes', notes: list, pollTimes: { item: [{ mode: 'everyHour' }] } };
		const item = eventsOf(await trigger(parameters, 'manual', 'developer').poll())[0];
		const watchList = item.watchList as { entries: number; creditsPerMonth: number; creditsPerPoll: number; unopenedShortLinks: string[] };
		expect(watchList.entries).toBe(entries);
		expect(watchList.creditsPerMonth).toBe(entries * 720);
		// Fetch Test Event opens one short link: the others are counted and named, not left out.
		expect(watchList.unopenedShortLinks.length).toBeGreaterThan(0);
		expect(String(item.summary)).toContain(`Watching ${entries} entries (`);
		expect(String(item.summary)).toContain(`every hour costs about ${(entries * 720).toLocaleString('en-US')} credits a month`);
		expect(await evaluate(description.subtitle as string, parameters)).toBe(`≈${(entries * 720).toLocaleString('en-US')} credits/mo · notes`);
		// What one real poll spends: one credit per counted entry.
		const spent = await creditsSpentBy(() => trigger(parameters, 'trigger', 'developer').poll());
		expect(spent).toBe(watchList.creditsPerPoll);
	});

	it('with a budget, states what it caps, what every hour would need and that the plan has it; the canvas leads with the cap', async () => {
		const parameters = { watch: 'notes', notes: linkAndTwoShortLinks, pollTimes: { item: [{ mode: 'everyHour' }] }, creditBudget: 1_000 };
		const item = eventsOf(await trigger(parameters, 'manual', 'developer').poll())[0];
		expect(String(item.summary)).toContain(
			'The Credit Budget caps watching 3 entries (1 short link not opened yet, counted as one entry) at 1,000 credits a month; every hour would need 2,160. That fits your Developer plan (5,000 credits a month).',
		);
		expect(String(item.summary)).not.toMatch(/Poll less often|more than/);
		expect(item.watchList).toMatchObject({ entries: 3, neededCreditsPerMonth: 2_160, creditsPerMonth: 1_000, creditBudget: 1_000, overPlan: false });
		// The budget's plan is made for every entry, the short links not opened yet included.
		expect((item.budget as { entries: unknown[] }).entries).toHaveLength(3);
		expect(await evaluate(description.subtitle as string, parameters)).toBe('≤1,000 credits/mo · notes');
	});
});

describe("the editor's estimate", () => {
	it('puts the node\'s monthly total in the subtitle', async () => {
		const parameters = { watch: 'notes', notes: `${noteLink(notes.singleImage)}\n${noteLink(notes.videoSample)}\n${noteLink(notes.singleImage)}`, pollTimes: { item: [{ mode: 'everyHour' }, { mode: 'everyX', value: 6, unit: 'hours' }] } };
		const testEvent = eventsOf(await trigger(parameters, 'manual').poll());
		const creditsPerMonth = (testEvent[0].watchList as { creditsPerMonth: number }).creditsPerMonth;
		expect(creditsPerMonth).toBe(2 * (720 + 120));
		expect(await evaluate(description.subtitle as string, parameters)).toBe(`≈${creditsPerMonth.toLocaleString('en-US')} credits/mo · notes`);
	});

	it('says nothing it cannot know (a custom schedule)', async () => {
		const parameters = { watch: 'creators', creators: '5bb08087e617cb0001a9b4a6', pollTimes: { item: [{ mode: 'custom', cronExpression: '0 9 * * *' }] } };
		expect(await evaluate(description.subtitle as string, parameters)).toBe('Watch creators');
	});

	it('shows the one plan hint that fits the total', async () => {
		const shownFor = async (pollTimes: INodeParameters, creditBudget = 0) => {
			const parameters = { watch: 'notes', notes: noteLink(notes.singleImage), pollTimes, creditBudget };
			const shown = [];
			for (const hint of description.hints ?? []) if ((await evaluate(hint.displayCondition as string, parameters)) === true) shown.push(hint.message);
			return shown;
		};
		expect(await shownFor({ item: [{ mode: 'everyDay' }] })).toEqual([expect.stringMatching(/fits in the Free plan/)]);
		expect(await shownFor({ item: [{ mode: 'everyHour' }] })).toEqual([expect.stringMatching(/more than 100 credits a month: more than the Free plan has/)]);
		expect(await shownFor({ item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] })).toEqual([expect.stringMatching(/more than 1,000 credits/)]);
		expect(await shownFor({ item: [{ mode: 'everyMinute' }] })).toEqual([expect.stringMatching(/more than even the Developer plan/)]);
		// A budget that caps the list: its own hint, not a plan step's warning (the editor cannot see the plan).
		expect(await shownFor({ item: [{ mode: 'everyHour' }] }, 50)).toEqual([expect.stringMatching(/Credit Budget caps this list/)]);
		expect(await shownFor({ item: [{ mode: 'everyHour' }] }, 1_000)).toEqual([expect.stringMatching(/more than 100 credits a month: more than the Free plan has/)]);
	});
});

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

const hobby = () => ({
	parseXhsApi: { apiKey: SANDBOX_KEYS.fast, baseUrl: sandbox.url, scraperId: sandbox.scraperId, plan: 'hobby' },
});

const everyMinute = { item: [{ mode: 'everyMinute' }] };
const twoNotesAndABadLine = `${noteLink(notes.singleImage)}\nnot a link at all\n${noteLink(notes.videoSample)}`;

function trigger(parameters: INodeParameters, mode: 'trigger' | 'manual') {
	return createPollRunner(watchWorkflow(parameters), { credentials: hobby(), triggerNodeName: TRIGGER, mode });
}

describe('Fetch Test Event', () => {
	it("states the monthly total, the plan's limit and the skipped line in the first item's summary", async () => {
		const items = eventsOf(await trigger({ notes: twoNotesAndABadLine, pollTimes: everyMinute }, 'manual').poll());
		const summary = String(items[0].summary);
		expect(summary).toContain('Watching 2 entries at these Poll Times costs about 86,400 credits a month.');
		expect(summary).toContain('more than the 1,000 credits a month of your Hobby plan: they would be used up in about 8 hours');
		expect(summary).toContain('Credit Budget');
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
		expect(items[0].summary).toContain('Watching 1 entry at these Poll Times costs about 30 credits a month.');
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

	it('says nothing with a Credit Budget, which keeps the spend within it', async () => {
		const budgeted = trigger({ notes: twoNotesAndABadLine, pollTimes: everyMinute, creditBudget: 500 }, 'trigger');
		const result = await budgeted.poll();
		expect([...eventsOf(result), ...problemsOf(result)].filter((e) => e.event === 'overPlan')).toEqual([]);
	});
});

describe("the editor's estimate", () => {
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

	it('puts the node\'s monthly total in the subtitle', async () => {
		const parameters = { watch: 'notes', notes: `${noteLink(notes.singleImage)}\n${noteLink(notes.videoSample)}\n${noteLink(notes.singleImage)}`, pollTimes: { item: [{ mode: 'everyHour' }, { mode: 'everyX', value: 6, unit: 'hours' }] } };
		const testEvent = eventsOf(await trigger(parameters, 'manual').poll());
		const creditsPerMonth = (testEvent[0].watchList as { creditsPerMonth: number }).creditsPerMonth;
		expect(creditsPerMonth).toBe(2 * (720 + 120));
		expect(await evaluate(description.subtitle as string, parameters)).toBe(`Watch notes · about ${creditsPerMonth.toLocaleString('en-US')} credits a month`);
	});

	it('says nothing it cannot know (a custom schedule)', async () => {
		const parameters = { watch: 'creators', creators: '5bb08087e617cb0001a9b4a6', pollTimes: { item: [{ mode: 'custom', cronExpression: '0 9 * * *' }] } };
		expect(await evaluate(description.subtitle as string, parameters)).toBe('Watch creators');
	});

	it('shows the one plan hint that fits the total', async () => {
		const shownFor = async (pollTimes: INodeParameters) => {
			const parameters = { watch: 'notes', notes: noteLink(notes.singleImage), pollTimes };
			const shown = [];
			for (const hint of description.hints ?? []) if ((await evaluate(hint.displayCondition as string, parameters)) === true) shown.push(hint.message);
			return shown;
		};
		expect(await shownFor({ item: [{ mode: 'everyDay' }] })).toEqual([expect.stringMatching(/fits in the Free plan/)]);
		expect(await shownFor({ item: [{ mode: 'everyHour' }] })).toEqual([expect.stringMatching(/more than 100 credits a month: more than the Free plan has/)]);
		expect(await shownFor({ item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] })).toEqual([expect.stringMatching(/more than 1,000 credits/)]);
		expect(await shownFor({ item: [{ mode: 'everyMinute' }] })).toEqual([expect.stringMatching(/more than even the Developer plan/)]);
	});
});

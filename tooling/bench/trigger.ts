/**
 * Section 5, the trigger: calls per poll for a watch list with duplicates and bad lines, and
 * the static data it keeps per watched entry after thousands of polls. Runs the trigger
 * through the engine harness's poll runner (n8n-core's PollContext with n8n's rules for
 * what static data is saved), against an in-process sandbox.
 *
 * Time: each poll is an hour later for both sides. The sandbox's virtual clock moves the
 * counts; the process clock the trigger reads (Date.now) is shifted by the same amount, as
 * the trigger's engine tests do, so growth per hour and history spacing are real to it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type * as HarnessModule from '../harness';
import { startSandbox, type NoteFixture, type Sandbox } from '../sandbox';
import type { Catalogue } from '../sandbox';
import type { TriggerResult, TriggerStateResult } from './results';
import { nowMs } from './timing';

const TRIGGER_NAME = 'Xiaohongshu Trigger';
const HOUR_MS = 3_600_000;
const TRIGGER_KEY = 'bench-trigger-key';
/** The pacing schedule's spacing has a fixed 25 ms floor; the rate only has to be out of the way. */
const TRIGGER_RATE = 1_000_000;

export interface TriggerOptions {
	repoRoot: string;
	catalogue: Catalogue;
	notes: NoteFixture[];
	callsPolls: number;
	stateEntries: number;
	statePolls: number;
	log: (line: string) => void;
}

function triggerSource(repoRoot: string): string {
	return join(repoRoot, 'nodes', 'Xiaohongshu', 'XiaohongshuTrigger.node.ts');
}

function linkOf(note: NoteFixture, source = 'pc_share'): string {
	return `https://www.xiaohongshu.com/explore/${note.noteId}?xsec_token=${note.xsecToken}&xsec_source=${source}`;
}

/** Date.now shifted by `advance`, so the trigger's hours pass with the sandbox's. */
class SharedClock {
	private offset = 0;

	private readonly realNow = Date.now.bind(Date);

	constructor(private readonly sandbox: Sandbox) {
		Date.now = () => this.realNow() + this.offset;
	}

	advance(ms: number): void {
		this.sandbox.clock.advance(ms);
		this.offset += ms;
	}

	restore(): void {
		Date.now = this.realNow;
	}
}

function bytesOf(value: unknown): number {
	return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** The trigger as it comes, and with everything that keeps memory turned on. */
const STATE_CONFIGS: Array<{ label: string; parameters: Record<string, unknown> }> = [
	{ label: 'defaults: Likes, Any Real Change', parameters: { noteMetrics: ['likes'], fireWhen: ['change'] } },
	{
		label: 'every metric and every rule',
		parameters: {
			noteMetrics: ['likes', 'collects', 'comments', 'shares'],
			fireWhen: ['change', 'increase', 'percentIncrease', 'milestone', 'spike'],
			milestones: '1000, 5000, 1万, 10万',
		},
	},
];

type Watcher = (lines: string[], parameters: Record<string, unknown>) => HarnessModule.PollRunner;

async function measureState(
	config: (typeof STATE_CONFIGS)[number],
	options: TriggerOptions,
	watcher: Watcher,
	clock: SharedClock,
): Promise<TriggerStateResult> {
	const entries = options.notes.slice(0, options.stateEntries);
	const runner = watcher(entries.map((n) => linkOf(n)), config.parameters);
	const checkpoints = new Set([1, 10, 100, 1000, options.statePolls]);
	const growth: TriggerStateResult['growth'] = [];
	let events = 0;
	const t0 = nowMs();
	for (let poll = 1; poll <= options.statePolls; poll++) {
		const emitted = await runner.poll();
		events += emitted?.[0]?.length ?? 0;
		clock.advance(HOUR_MS);
		if (checkpoints.has(poll)) growth.push({ polls: poll, bytesPerEntry: bytesOf(runner.liveStaticData()) / entries.length });
	}
	const liveBytes = bytesOf(runner.liveStaticData());
	options.log(`trigger: ${config.label}: ${(liveBytes / entries.length).toFixed(0)} bytes per entry after ${options.statePolls} polls`);
	return {
		config: config.label,
		entries: entries.length,
		polls: options.statePolls,
		virtualHoursPerPoll: 1,
		eventsEmitted: events,
		liveBytes,
		storedBytes: bytesOf(runner.staticData()),
		bytesPerEntry: liveBytes / entries.length,
		growth,
		wallMs: nowMs() - t0,
	};
}

export async function runTrigger(options: TriggerOptions): Promise<TriggerResult> {
	if (!existsSync(triggerSource(options.repoRoot))) {
		return { available: false, reason: 'nodes/Xiaohongshu/XiaohongshuTrigger.node.ts does not exist yet' };
	}
	// Expressions play no part in what is measured; the legacy engine skips a ~0.4 s isolate per poll.
	process.env.N8N_EXPRESSION_ENGINE ??= 'legacy';
	const harness: typeof HarnessModule = await import('../harness');
	const sandbox = await startSandbox({
		fixtures: options.catalogue,
		keys: { [TRIGGER_KEY]: { plan: 'custom', requestsPerMinute: TRIGGER_RATE, credits: 100_000_000 } },
	});
	const clock = new SharedClock(sandbox);
	const credentials = {
		parseXhsApi: { apiKey: TRIGGER_KEY, baseUrl: sandbox.url, scraperId: sandbox.scraperId, plan: 'custom', requestsPerMinute: TRIGGER_RATE },
	};
	const watcher: Watcher = (lines, parameters) =>
		harness.createPollRunner(
			{
				nodes: [
					harness.node(TRIGGER_NAME, harness.XHS_TRIGGER_NODE_TYPE, {
						pollTimes: { item: [{ mode: 'everyHour' }] },
						watch: 'notes',
						notes: lines.join('\n'),
						...parameters,
					}),
				],
				connections: {},
			},
			{ credentials, triggerNodeName: TRIGGER_NAME },
		);
	const callsSoFar = () => sandbox.stats().byKey[TRIGGER_KEY]?.calls ?? 0;

	try {
		// Calls per poll: 8 notes, 2 of them pasted again in another form, 2 lines that name no usable note.
		const unique = options.notes.slice(0, 8);
		const lines = [
			...unique.map((n) => linkOf(n)),
			linkOf(unique[0], 'app_share'),
			`${unique[1].noteId} ${unique[1].xsecToken}`,
			`https://www.xiaohongshu.com/explore/${unique[2].noteId}`,
			'ask the client for the other links',
		];
		const list = watcher(lines, { noteMetrics: ['likes'], fireWhen: ['change'] });
		const before = callsSoFar();
		for (let i = 0; i < options.callsPolls; i++) {
			await list.poll();
			clock.advance(HOUR_MS);
		}
		const calls = callsSoFar() - before;
		options.log(`trigger: ${calls} calls over ${options.callsPolls} polls of ${lines.length} lines`);

		const states = [];
		for (const config of STATE_CONFIGS) states.push(await measureState(config, options, watcher, clock));
		return {
			available: true,
			callsPerPoll: {
				lines: lines.length,
				uniqueValid: unique.length,
				duplicates: 2,
				invalid: 2,
				polls: options.callsPolls,
				calls,
				callsPerPoll: calls / options.callsPolls,
			},
			states,
		};
	} finally {
		clock.restore();
		await harness.stopEngine();
		await sandbox.close();
	}
}

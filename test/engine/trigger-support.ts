/**
 * Shared setup for the Xiaohongshu Trigger's engine tests: a watch workflow, links from the
 * sandbox catalogue, and one clock for both sides.
 *
 * Time. The trigger measures growth per hour on its own clock (`Date.now()` when an answer
 * arrives); the sandbox's counts drift on its virtual clock. `SharedClock` makes "two hours
 * pass" true for both: it advances the sandbox clock and shifts the process clock the trigger
 * reads by the same amount, so nothing in the trigger knows it is being tested.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { XHS_TRIGGER_NODE_TYPE, createPollRunner, node } from '../../tooling/harness';
import type { PollRunner, WorkflowJson } from '../../tooling/harness';
import { SANDBOX_KEYS } from '../../tooling/sandbox';
import type { NoteFixture, Sandbox, SandboxOptions } from '../../tooling/sandbox';
import { sandboxForThisFile } from './node-support';

export const TRIGGER = 'Xiaohongshu Trigger';
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function watchWorkflow(parameters: INodeParameters): WorkflowJson {
	return {
		nodes: [node(TRIGGER, XHS_TRIGGER_NODE_TYPE, { pollTimes: { item: [{ mode: 'everyHour' }] }, ...parameters })],
		connections: {},
	};
}

export function credentials(sandbox: Sandbox, requestsPerMinute = 6_000) {
	return {
		parseXhsApi: {
			apiKey: SANDBOX_KEYS.fast,
			baseUrl: sandbox.url,
			scraperId: sandbox.scraperId,
			plan: 'custom',
			requestsPerMinute,
		},
	};
}

/** A note link as a desktop user copies it. */
export function noteLink(note: Pick<NoteFixture, 'noteId' | 'xsecToken'>, token = note.xsecToken): string {
	return `https://www.xiaohongshu.com/explore/${note.noteId}?xsec_token=${encodeURIComponent(token)}&xsec_source=pc_share`;
}

export function watcher(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: { mode?: 'trigger' | 'manual'; requestsPerMinute?: number; staticData?: IDataObject } = {},
): PollRunner {
	return createPollRunner({ ...watchWorkflow(parameters), staticData: options.staticData }, {
		credentials: credentials(sandbox, options.requestsPerMinute),
		triggerNodeName: TRIGGER,
		mode: options.mode ?? 'trigger',
	});
}

/** The JSON of what a poll emitted on its Events output (empty when it returned null). */
export function eventsOf(result: INodeExecutionData[][] | null): IDataObject[] {
	return (result?.[0] ?? []).map((item) => item.json);
}

/** The JSON of what a poll emitted on its Problems output (empty when it returned null). */
export function problemsOf(result: INodeExecutionData[][] | null): IDataObject[] {
	return (result?.[1] ?? []).map((item) => item.json);
}

/**
 * Create one per test file (beforeAll) and keep it across `sandbox.reset()`: the process clock
 * must never go back, or the process-wide pacing schedule (slots reserved "in the future")
 * would make the next call wait for hours.
 */
export class SharedClock {
	private offset = 0;

	private readonly spy: jest.SpyInstance<number, []>;

	/** `startMs`: where the process clock starts (the sandbox's own clockStartMs, when a test counts on both agreeing). */
	constructor(
		private readonly sandbox: Sandbox,
		startMs?: number,
	) {
		const realNow = Date.now.bind(Date);
		if (startMs !== undefined) this.offset = startMs - realNow();
		this.spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + this.offset);
	}

	advance(ms: number): void {
		this.sandbox.clock.advance(ms);
		this.offset += ms;
	}

	restore(): void {
		this.spy.mockRestore();
	}
}

/**
 * The sandbox for this test file (see sandboxForThisFile), with a SharedClock so the trigger's
 * Date.now follows the sandbox's virtual clock; the real clock is back after the file.
 */
export function sandboxWithClockForThisFile(onStart: (sandbox: Sandbox, clock: SharedClock) => void, options?: SandboxOptions): void {
	let clock: SharedClock | undefined;
	sandboxForThisFile((sandbox) => {
		clock = new SharedClock(sandbox, options?.clockStartMs);
		onStart(sandbox, clock);
	}, options);
	afterAll(() => clock?.restore());
}

/** Parse.bot calls the sandbox has answered so far (every call, whatever its status). */
export function apiCalls(sandbox: Sandbox): number {
	return sandbox.stats().totals.calls;
}

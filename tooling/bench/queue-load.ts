/**
 * Concurrent load on one key in queue mode: several executions of "links → Note → Get" started
 * at once, run by the workers, against the sandbox enforcing the key's plan over a sliding
 * minute. Shared by the end-to-end test (test/e2e/queue-mode.test.ts) and the benchmark.
 */
import type { CallRecord, NoteFixture, PlanSpec } from '../sandbox';
import type { QueueModeStack } from '../n8n/queue-mode';
import type { Execution } from '../n8n/rest-client';
import { busiestWindow } from './busiest-window';
import { benchNote, linkFor } from './dataset';
import { isErrorItem } from './n8n-session';
import { nodeWorkflow, SUBJECT_NAME, TRIGGER_NAME, type CredentialRef } from './workflows';

export interface QueueLoadPlan {
	executions: number;
	/** Distinct notes in each execution's sheet (each sheet also repeats its first note once). */
	notesPerExecution: number;
	/** The key's plan, enforced by the sandbox over a sliding minute. */
	requestsPerMinute: number;
}

export interface QueueLoad {
	plan: QueueLoadPlan;
	/** Every note any execution names: the sandbox catalogue must hold them. */
	notes: NoteFixture[];
	/** Each execution's sheet. */
	sheets: Array<Array<{ link: string }>>;
	/** What the executions should be charged: distinct notes per execution, summed. */
	distinctNotesPerExecution: number[];
}

/**
 * Sheets that overlap: execution i reads notes i·n/2 … i·n/2 + n - 1, so neighbours share half
 * their notes (fetched, and charged, once in each) and each sheet repeats a note (charged once).
 */
export function queueLoad(plan: QueueLoadPlan): QueueLoad {
	const n = plan.notesPerExecution;
	const step = Math.max(1, Math.floor(n / 2));
	const total = step * (plan.executions - 1) + n;
	const notes = Array.from({ length: total }, (_, i) => benchNote(10_000 + i));
	const sheets = Array.from({ length: plan.executions }, (_, e) => {
		const mine = notes.slice(e * step, e * step + n);
		return [...mine.map((note, i) => ({ link: linkFor(note, i + e) })), { link: linkFor(mine[0], e + 1) }];
	});
	return { plan, notes, sheets, distinctNotesPerExecution: sheets.map(() => n) };
}

export function queueLoadKey(apiKey: string, plan: QueueLoadPlan): Record<string, PlanSpec> {
	return { [apiKey]: { plan: 'custom', requestsPerMinute: plan.requestsPerMinute, credits: 1_000_000 } };
}

export interface QueueLoadResult {
	executions: Array<{ id: string; status: string; items: number; failedItems: number; worker: number | null }>;
	calls: number;
	status429: number;
	credits: number;
	expectedCredits: number;
	failedItems: number;
	/** From the first run started to the last one finished. */
	wallMs: number;
	/** Expected credits at the plan's rate. */
	idealMs: number;
	/** The most calls (refused ones included) that reached the sandbox within any 60 s. */
	busiestMinute: number;
	/** Executions each worker ran (index as in stack.workers). */
	perWorker: number[];
}

/** Which worker's log says it ran `executionId` (n8n logs the job it picked up), or null. */
export function workerThatRan(stack: QueueModeStack, executionId: string): number | null {
	const pattern = new RegExp(`execution ${executionId}\\b`);
	const index = stack.workers.findIndex((worker) => pattern.test(worker.readLog()));
	return index >= 0 ? index : null;
}

export async function runQueueLoad(
	stack: QueueModeStack,
	load: QueueLoad,
	options: {
		packageName: string;
		credential: CredentialRef;
		apiKey: string;
		/** The sandbox's calls so far (the run is read from what it adds). */
		calls: () => CallRecord[];
		timeoutMs?: number;
	},
): Promise<QueueLoadResult> {
	const client = stack.client;
	const stored = [];
	for (const [i, sheet] of load.sheets.entries()) {
		const workflow = nodeWorkflow(options.packageName, sheet, options.credential);
		stored.push(await client.createWorkflow({ ...workflow, name: `queue load ${i + 1}/${load.sheets.length}` }));
	}
	const before = options.calls().length;
	const started = Date.now();
	const ids = await Promise.all(stored.map((workflow) => client.startManualRun(workflow.id, TRIGGER_NAME)));
	const finished: Execution[] = await Promise.all(ids.map((id) => client.waitForExecution(id, options.timeoutMs ?? 10 * 60_000)));
	const wallMs = Date.now() - started;
	const calls = options.calls().slice(before).filter((call) => call.key === options.apiKey);
	const executions = finished.map((execution) => {
		const items = (execution.data.resultData.runData[SUBJECT_NAME]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json as Record<string, unknown>);
		return {
			id: execution.id,
			status: execution.status,
			items: items.length,
			failedItems: items.filter(isErrorItem).length,
			worker: workerThatRan(stack, execution.id),
		};
	});
	const expectedCredits = load.distinctNotesPerExecution.reduce((a, b) => a + b, 0);
	return {
		executions,
		calls: calls.length,
		status429: calls.filter((call) => call.status === 429).length,
		credits: calls.reduce((sum, call) => sum + call.credits, 0),
		expectedCredits,
		failedItems: executions.reduce((sum, e) => sum + e.failedItems, 0),
		wallMs,
		idealMs: (expectedCredits * 60_000) / load.plan.requestsPerMinute,
		busiestMinute: busiestWindow(calls.map((call) => call.at), 60_000),
		perWorker: stack.workers.map((_, w) => executions.filter((e) => e.worker === w).length),
	};
}

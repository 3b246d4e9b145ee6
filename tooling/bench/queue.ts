/**
 * Queue-mode section: n8n 2.40.7 with Postgres, Redis, main and 1, 2, then 3 workers, the
 * packed package in every process. Each run starts several executions of "links → Note → Get"
 * at once on one key whose plan the sandbox enforces over a sliding minute; each run has its
 * own key so no window carries over. Then a recovery run: two executions share the key until
 * the shorter one ends, and the worker left busy is timed back to 0.9 of the plan.
 */
import type { Catalogue, PlanSpec } from '../sandbox';
import { FIXTURES, startSandbox, type Sandbox } from '../sandbox';
import { sandboxProxyEnvironment } from '../demo/demo-session';
import { QueueModeStack } from '../n8n/queue-mode';
import { benchNote, linkFor } from './dataset';
import { queueLoad, runQueueLoad, workerThatRan, type QueueLoad, type QueueLoadPlan } from './queue-load';
import type { QueueBenchResult, QueueRecoveryResult, QueueRunResult } from './results';
import { nodeWorkflow, TRIGGER_NAME } from './workflows';

export interface QueueBenchConfig {
	executions: number;
	notesPerExecution: number;
	requestsPerMinute: number;
	latencyMs: number;
	/** Notes of the long and the short execution of the recovery run. */
	recoveryNotes: [number, number];
}

/**
 * The full load is three minutes of the plan (issue 11's measurement: 6 × 30 notes on 60 a
 * minute). A load within one minute's worth fits a sliding-minute limiter however fast it
 * goes, so processes that each took the whole plan would show no 429 and beat the ideal.
 */
export const QUEUE_PRESETS: Record<'full' | 'quick', QueueBenchConfig> = {
	full: { executions: 6, notesPerExecution: 30, requestsPerMinute: 60, latencyMs: 250, recoveryNotes: [200, 30] },
	quick: { executions: 4, notesPerExecution: 6, requestsPerMinute: 120, latencyMs: 100, recoveryNotes: [60, 10] },
};

interface RunSpec {
	workers: number;
	/** The credential's "n8n Processes Sharing This Key". */
	field: number;
	/** A load of its own on another plan (issue 11's Hobby row); the preset's load otherwise. */
	load?: { label: string; requestsPerMinute: number; notesPerExecution: number };
}

/** Hobby: 20 requests a minute; 6 × 10 notes are three minutes of it, as the preset's load is of its plan. */
const HOBBY_LOAD = { label: 'hobby', requestsPerMinute: 20, notesPerExecution: 10 };

/** In order: workers are only ever added, so one stack serves every run. */
const RUNS: RunSpec[] = [
	{ workers: 1, field: 1 },
	{ workers: 2, field: 1 },
	{ workers: 2, field: 2 },
	{ workers: 2, field: 1, load: HOBBY_LOAD },
	{ workers: 3, field: 1 },
];

const keyOf = (run: RunSpec) => `bench-queue-${run.workers}w-field${run.field}${run.load ? `-${run.load.label}` : ''}`;
const RECOVERY_KEY = 'bench-queue-recovery';
const RECOVERY_FIRST_NOTE = 30_000;

/** Executions each worker runs at once: the load's executions spread over at least two workers. */
function concurrencyFor(config: QueueBenchConfig): number {
	return Math.ceil(config.executions / 2);
}

export async function runQueueBench(options: {
	tarball: string;
	packageName: string;
	config: QueueBenchConfig;
	log: (line: string) => void;
}): Promise<QueueBenchResult> {
	const { config, log } = options;
	const plan: QueueLoadPlan = { executions: config.executions, notesPerExecution: config.notesPerExecution, requestsPerMinute: config.requestsPerMinute };
	const load = queueLoad(plan);
	const loadOf = (run: RunSpec): QueueLoad =>
		run.load ? queueLoad({ executions: config.executions, notesPerExecution: run.load.notesPerExecution, requestsPerMinute: run.load.requestsPerMinute }) : load;
	const recoveryNotes = Array.from({ length: config.recoveryNotes[0] + config.recoveryNotes[1] }, (_, i) => benchNote(RECOVERY_FIRST_NOTE + i));
	const keyPlan: PlanSpec = { plan: 'custom', requestsPerMinute: config.requestsPerMinute, credits: 1_000_000 };
	const sandbox = await startSandbox({
		fixtures: catalogueOf([...load.notes, ...recoveryNotes]),
		keys: Object.fromEntries([
			...RUNS.map((run) => [keyOf(run), run.load ? { ...keyPlan, requestsPerMinute: run.load.requestsPerMinute } : keyPlan]),
			[RECOVERY_KEY, keyPlan],
		]),
		latencyMs: config.latencyMs,
	});
	let stack: QueueModeStack | undefined;
	try {
		const started = Date.now();
		stack = await QueueModeStack.start({
			tarball: options.tarball,
			workers: 1,
			concurrency: concurrencyFor(config),
			env: sandboxProxyEnvironment(sandbox.proxyUrl),
		});
		log(`queue: main + 1 worker ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		const runs: QueueRunResult[] = [];
		let recovery: QueueRecoveryResult | null = null;
		for (const run of RUNS) {
			while (stack.workers.length < run.workers) await stack.addWorker();
			if (run.workers === 3 && recovery === null) recovery = await runRecovery(stack, sandbox, options.packageName, config, recoveryNotes, log);
			runs.push(await runOne(stack, sandbox, options.packageName, loadOf(run), run, log));
		}
		recovery ??= await runRecovery(stack, sandbox, options.packageName, config, recoveryNotes, log);
		return {
			available: true,
			measuredAt: new Date().toISOString(),
			setup: { ...plan, latencyMs: config.latencyMs, workerConcurrency: concurrencyFor(config), n8n: stack.installed.profile.n8nVersion },
			runs,
			recovery,
		};
	} finally {
		await stack?.stop().catch((error: Error) => log(`queue: stopping the stack: ${error.message}`));
		await sandbox.close();
	}
}

function catalogueOf(notes: ReturnType<typeof benchNote>[]): Catalogue {
	return { ...FIXTURES, notes: { ...FIXTURES.notes, ...Object.fromEntries(notes.map((note, i) => [`queueBench${i}`, note])) } };
}

async function credentialFor(stack: QueueModeStack, sandbox: Sandbox, apiKey: string, requestsPerMinute: number, field: number) {
	const created = await stack.client.createCredential({
		name: `parse.bot ${apiKey}`,
		type: 'parseXhsApi',
		data: { apiKey, plan: 'custom', requestsPerMinute, processesSharingKey: field, baseUrl: sandbox.url, scraperId: sandbox.scraperId },
	});
	return { id: created.id, name: created.name };
}

async function runOne(stack: QueueModeStack, sandbox: Sandbox, packageName: string, load: QueueLoad, run: RunSpec, log: (line: string) => void): Promise<QueueRunResult> {
	const apiKey = keyOf(run);
	const credential = await credentialFor(stack, sandbox, apiKey, load.plan.requestsPerMinute, run.field);
	const label = `${run.workers} worker(s), field ${run.field}${run.load ? `, ${run.load.label} plan (${run.load.requestsPerMinute}/min)` : ''}`;
	log(`queue: ${label}: ${load.plan.executions} executions × ${load.plan.notesPerExecution} notes…`);
	const result = await runQueueLoad(stack, load, { packageName, credential, apiKey, calls: () => sandbox.stats().calls });
	log(
		`queue: ${label}: ${result.calls} calls, ${result.status429} × 429, ${result.failedItems} failed, ` +
			`${result.credits} credits, ${(result.wallMs / 1000).toFixed(1)} s (${(result.wallMs / result.idealMs).toFixed(3)}× ideal), per worker ${result.perWorker.join('/')}`,
	);
	return {
		workers: run.workers,
		field: run.field,
		requestsPerMinute: load.plan.requestsPerMinute,
		notesPerExecution: load.plan.notesPerExecution,
		calls: result.calls,
		status429: result.status429,
		failedItems: result.failedItems,
		credits: result.credits,
		expectedCredits: result.expectedCredits,
		wallMs: result.wallMs,
		idealMs: result.idealMs,
		busiestMinute: result.busiestMinute,
		executionsPerWorker: result.perWorker,
		failedExecutions: result.executions.filter((e) => e.status !== 'success').length,
	};
}

/**
 * A long and a short execution on one key, at the default setting, started together on two
 * workers. Once the short one's last call is made, the long one's worker is alone: how long
 * until its calls in a trailing 15 s come to 0.9 of the plan's pace.
 */
async function runRecovery(
	stack: QueueModeStack,
	sandbox: Sandbox,
	packageName: string,
	config: QueueBenchConfig,
	notes: ReturnType<typeof benchNote>[],
	log: (line: string) => void,
): Promise<QueueRecoveryResult> {
	const credential = await credentialFor(stack, sandbox, RECOVERY_KEY, config.requestsPerMinute, 1);
	const [longCount, shortCount] = config.recoveryNotes;
	const sheets = [notes.slice(0, longCount), notes.slice(longCount, longCount + shortCount)].map((part) => part.map((note, i) => ({ link: linkFor(note, i) })));
	const stored = [];
	for (const [i, sheet] of sheets.entries()) {
		stored.push(await stack.client.createWorkflow({ ...nodeWorkflow(packageName, sheet, credential), name: `queue recovery ${i === 0 ? 'long' : 'short'}` }));
	}
	log(`queue: recovery (${longCount} and ${shortCount} notes on ${stack.workers.length} workers)…`);
	const before = sandbox.stats().calls.length;
	const longId = await stack.client.startManualRun(stored[0].id, TRIGGER_NAME);
	const shortId = await stack.client.startManualRun(stored[1].id, TRIGGER_NAME);
	await Promise.all([longId, shortId].map((id) => stack.client.waitForExecution(id, 15 * 60_000)));
	const calls = sandbox.stats().calls.slice(before).filter((call) => call.key === RECOVERY_KEY);
	// The two sheets name different notes: each call belongs to one execution.
	const shortNotes = new Set(notes.slice(longCount, longCount + shortCount).map((note) => note.noteId));
	const longCalls = calls.filter((call) => !shortNotes.has(call.noteId!));
	const contentionEndsAt = Math.max(...calls.filter((call) => shortNotes.has(call.noteId!)).map((call) => call.at));
	const windowMs = 15_000;
	const target = (0.9 * config.requestsPerMinute * windowMs) / 60_000;
	const times = longCalls.filter((call) => call.status === 200).map((call) => call.at);
	let recoveredAt: number | null = null;
	for (const t of times.filter((at) => at > contentionEndsAt + windowMs)) {
		if (times.filter((at) => at > t - windowMs && at <= t).length >= target) {
			recoveredAt = t;
			break;
		}
	}
	const result: QueueRecoveryResult = {
		longNotes: longCount,
		shortNotes: shortCount,
		status429: calls.filter((call) => call.status === 429).length,
		calls: calls.length,
		recoveredAfterMs: recoveredAt === null ? null : recoveredAt - contentionEndsAt,
		aloneForMs: times.length ? Math.max(...times) - contentionEndsAt : 0,
		workers: [workerThatRan(stack, longId), workerThatRan(stack, shortId)],
	};
	log(
		`queue: recovery: ${result.recoveredAfterMs === null ? 'not back to 0.9 of the plan' : `back to 0.9 of the plan ${(result.recoveredAfterMs / 1000).toFixed(1)} s`} ` +
			`after contention ended (alone for ${(result.aloneForMs / 1000).toFixed(1)} s), ${result.status429} × 429`,
	);
	return result;
}

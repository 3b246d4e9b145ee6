/**
 * n8n 2.40.7 in queue mode, started the way an operator runs it (tooling/n8n/queue-mode.ts):
 * Postgres, Redis, main and two workers, the packed package in every process's user folder.
 * The examples run on the workers; several executions load one key from both workers at once;
 * the Trigger polls on main and alerts once, also across a restart of main; a worker is killed
 * in the middle of an execution.
 */
import { rmSync } from 'node:fs';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { createNoteStatsTables, createSandboxCredential, importExamples, type CredentialRef } from '../../tooling/demo/demo-content';
import { DEMO_API_KEY, sandboxProxyEnvironment } from '../../tooling/demo/demo-session';
import { startMessageSink, type MessageSink } from '../../tooling/demo/message-sink';
import type { ExampleName } from '../../tooling/demo/example-workflows';
import { QueueModeStack } from '../../tooling/n8n/queue-mode';
import { N8nRestClient, type StoredWorkflow } from '../../tooling/n8n/rest-client';
import { queueLoad, queueLoadKey, runQueueLoad, workerThatRan, type QueueLoadResult } from '../../tooling/bench/queue-load';
import { nodeWorkflow, TRIGGER_NAME } from '../../tooling/bench/workflows';
import { benchNote, linkFor } from '../../tooling/bench/dataset';
import { FIXTURES, startSandbox, type Sandbox } from '../../tooling/sandbox';
import { ARTIFACTS_DIR } from './artifacts';
import { describeE2e } from './e2e-guard';
import { nodeOutput } from './execution-output';
import { problemsAbout } from './n8n-log';
import { packForE2e, type PackedPackage } from './package-under-test';
import { waitUntil } from './wait-until';

const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';
const POLL_PERIOD_MS = 60_000;

/** One key shared by every execution of the load test, on a plan of 60 calls a minute. */
const LOAD_KEY = 'queue-load-key';
const LOAD = queueLoad({ executions: 4, notesPerExecution: 12, requestsPerMinute: 60 });
/** A key for the worker-kill test, fast enough that the plan plays no part. */
const KILL_KEY = 'queue-kill-key';
const KILL_NOTES = Array.from({ length: 20 }, (_, i) => benchNote(20_000 + i));

describeE2e('queue mode (n8n 2.40.7): Postgres, Redis, main + 2 workers', () => {
	let packed: PackedPackage;
	let sandbox: Sandbox;
	let sink: MessageSink;
	let stack: QueueModeStack;
	let client: N8nRestClient;
	let credential: CredentialRef;
	let workflows: Record<ExampleName, StoredWorkflow>;

	beforeAll(async () => {
		const started = Date.now();
		packed = packForE2e();
		const catalogue = { ...FIXTURES, notes: { ...FIXTURES.notes, ...Object.fromEntries([...LOAD.notes, ...KILL_NOTES].map((note, i) => [`queue${i}`, note])) } };
		sandbox = await startSandbox({
			fixtures: catalogue,
			keys: {
				...queueLoadKey(LOAD_KEY, LOAD.plan),
				[KILL_KEY]: { plan: 'custom', requestsPerMinute: 6_000, credits: 1_000_000 },
			},
			latencyMs: 100,
		});
		sink = await startMessageSink(0);
		stack = await QueueModeStack.start({
			tarball: packed.tarball,
			workers: 2,
			// Three at a time each: four load executions cannot all land on one worker.
			concurrency: 3,
			env: {
				...sandboxProxyEnvironment(sandbox.proxyUrl),
				// n8n's own settings for a worker that dies, shortened from minutes to seconds so the
				// kill test sees their outcome quickly: the job's lock, how often stalled jobs are looked
				// for, and how often main marks executions whose job is gone as crashed.
				QUEUE_WORKER_LOCK_DURATION: '15000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
				QUEUE_WORKER_STALLED_INTERVAL: '10000',
				N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '15',
			},
		});
		client = stack.client;
		credential = await createSandboxCredential(client, sandbox, { apiKey: DEMO_API_KEY, plan: 'developer' });
		const tables = await createNoteStatsTables(client);
		workflows = await importExamples(client, { credential, slackWebhookUrl: sink.url, tables });
		process.stdout.write(`[queue-mode] stack ready in ${Date.now() - started} ms\n`);
	}, 20 * 60_000);

	afterAll(async () => {
		if (stack) {
			await stack.stop().catch(() => undefined);
			mkdirSync(ARTIFACTS_DIR, { recursive: true });
			stack.processes.forEach((instance, i) => {
				const name = i === 0 ? 'main' : `worker-${i}`;
				if (existsSync(instance.logFile)) copyFileSync(instance.logFile, join(ARTIFACTS_DIR, `queue-mode-${name}.log`));
				rmSync(instance.userFolder, { recursive: true, force: true });
			});
		}
		await sink?.close();
		await sandbox?.close();
	}, 120_000);

	it('loads the package on main and on both workers, with no errors about it in any log', async () => {
		const types = (await client.nodeTypes()).map((type) => type.name);
		expect(types).toEqual(expect.arrayContaining([`${packed.name}.xiaohongshu`, `${packed.name}.xiaohongshuTrigger`]));
		for (const instance of stack.processes) expect(problemsAbout(instance.readLog(), packed.name)).toEqual([]);
	});

	it('runs the examples on the workers', async () => {
		const notes = await client.runWorkflow(workflows.noteTable.id, MANUAL_TRIGGER, 120_000);
		expect(notes.status).toBe('success');
		expect(nodeOutput(notes, 'Sheet row').map((row) => row['Note ID'])).toEqual(
			[FIXTURES.notes.singleImage, FIXTURES.notes.videoSample, FIXTURES.notes.manyImages, FIXTURES.notes.topics].map((n) => n.noteId),
		);
		const creators = await client.runWorkflow(workflows.creators.id, MANUAL_TRIGGER, 120_000);
		expect(creators.status).toBe('success');
		expect(nodeOutput(creators, 'Creator row')).toHaveLength(3);
		for (const execution of [notes, creators]) expect(workerThatRan(stack, execution.id)).not.toBeNull();
	}, 5 * 60_000);

	let load: QueueLoadResult;

	it('shares one key between executions on both workers: no failed item, credits = distinct notes per execution, no sustained overshoot', async () => {
		const loadCredential = await client.createCredential({
			name: 'Xiaohongshu (queue load, 60 a minute)',
			type: 'parseXhsApi',
			data: { apiKey: LOAD_KEY, plan: 'custom', requestsPerMinute: LOAD.plan.requestsPerMinute, baseUrl: sandbox.url, scraperId: sandbox.scraperId },
		});
		load = await runQueueLoad(stack, LOAD, {
			packageName: packed.name,
			credential: { id: loadCredential.id, name: loadCredential.name },
			apiKey: LOAD_KEY,
			calls: () => sandbox.stats().calls,
		});
		process.stdout.write(`[queue-mode] load: ${JSON.stringify({ ...load, executions: undefined })}\n`);
		expect(load.executions.map((e) => e.status)).toEqual(load.executions.map(() => 'success'));
		// Both workers took a share of the executions (three at a time each, four executions).
		expect(load.perWorker.every((count) => count > 0)).toBe(true);
		expect(load.failedItems).toBe(0);
		expect(load.credits).toBe(load.expectedCredits);
		// Every call that was not refused was charged once: no note paid for twice within an execution.
		expect(load.calls - load.status429).toBe(load.expectedCredits);
		// Each worker starts at the whole plan (the field is left at 1): the first minute carries at
		// most one refused call per worker and overshoot (two), beyond the plan itself.
		expect(load.busiestMinute).toBeLessThanOrEqual(LOAD.plan.requestsPerMinute + 4);
		// The count of 429s: at most 10% of the calls (the simulation of this setting sees under 5%).
		expect(load.status429).toBeLessThanOrEqual(Math.ceil(0.1 * load.calls));
	}, 10 * 60_000);

	it('polls the Trigger on main and alerts exactly once; main stopped, a count raised, main started: exactly one new alert', async () => {
		const watched = FIXTURES.notes.singleImage;
		const callsFor = () => sandbox.stats().calls.filter((call) => call.noteId === watched.noteId && call.key === DEMO_API_KEY).length;
		const alert = workflows.engagementAlert;
		const before = callsFor();
		await client.activateWorkflow(alert.id);
		await waitUntil('the activation poll', () => (callsFor() > before ? true : undefined), 30_000);
		expect(sink.messages()).toEqual([]);

		await raiseLikes(sandbox, watched.noteId, 500);
		await waitUntil('the Slack message', () => (sink.messages().length > 0 ? true : undefined), POLL_PERIOD_MS * 2);
		expect((sink.messages()[0].body as { text: string }).text).toContain(`${watched.counts.liked} → 500`);
		const first = (await client.listExecutions(alert.id))[0];
		// The poll ran on main; the execution it started ran on a worker.
		expect(workerThatRan(stack, first.id)).not.toBeNull();

		await stack.main.stop();
		await raiseLikes(sandbox, watched.noteId, 650);
		await stack.main.launch();
		client = await N8nRestClient.signedIn(stack.main.baseUrl);
		await waitUntil('the alert after the restart', () => (sink.messages().length >= 2 ? true : undefined), POLL_PERIOD_MS * 2);
		const seen = callsFor();
		await waitUntil('the next poll', () => (callsFor() > seen ? true : undefined), POLL_PERIOD_MS * 2);
		const texts = sink.messages().map((message) => (message.body as { text: string }).text);
		expect(texts).toHaveLength(2);
		expect(texts[1]).toContain('500 → 650');
		await client.deactivateWorkflow(alert.id);
	}, 8 * 60_000);

	it('a worker killed mid-execution: what finished before is never charged again; n8n decides what happens to the interrupted run', async () => {
		const killCredential = await client.createCredential({
			name: 'Xiaohongshu (worker kill)',
			type: 'parseXhsApi',
			// 30 a minute: 20 notes take 40 s, so the kill lands in the middle.
			data: { apiKey: KILL_KEY, plan: 'custom', requestsPerMinute: 30, baseUrl: sandbox.url, scraperId: sandbox.scraperId },
		});
		const finishedBefore = sandbox.stats().calls.filter((call) => call.key === LOAD_KEY && call.status === 200).length;
		const stored = await client.createWorkflow({
			...nodeWorkflow(packed.name, KILL_NOTES.map((note, i) => ({ link: linkFor(note, i) })), { id: killCredential.id, name: killCredential.name }),
			name: 'queue: worker killed mid-execution',
		});
		const id = await client.startManualRun(stored.id, TRIGGER_NAME);
		const killCalls = () => sandbox.stats().calls.filter((call) => call.key === KILL_KEY);
		await waitUntil('a few calls of the run', () => (killCalls().length >= 5 ? true : undefined), 60_000);
		const worker = await waitUntil('the worker that runs it', () => workerThatRan(stack, id) ?? undefined, 30_000);
		await stack.workers[worker].kill();
		const atKill = killCalls().length;

		// n8n does not hand the job to the other worker (its Bull queue has maxStalledCount 0): once
		// the lock expires the job is dropped and the execution ends unsuccessful. n8n 2.40.7 was seen
		// to record "error" (the stalled job failing) where its queue recovery would say "crashed".
		const outcome = await client.waitForExecution(id, 150_000);
		const after = killCalls();
		const fetched = new Map<string, number>();
		for (const call of after.filter((c) => c.status === 200)) fetched.set(call.noteId!, (fetched.get(call.noteId!) ?? 0) + 1);
		const chargedTwice = [...fetched.values()].filter((n) => n > 1).length;
		process.stdout.write(
			`[queue-mode] worker ${worker + 1} killed after ${atKill} calls; execution ${id} ended "${outcome.status}"; ` +
				`${after.length} calls in all, ${fetched.size} of ${KILL_NOTES.length} notes fetched, ${chargedTwice} charged twice\n`,
		);
		expect(['error', 'crashed']).toContain(outcome.status);
		// Not run again anywhere: no note fetched twice, and at most the calls on the wire at the kill came after it.
		expect(chargedTwice).toBe(0);
		expect(after.length - atKill).toBeLessThanOrEqual(1);
		// Executions that had finished before (the load test) were not run again.
		expect(sandbox.stats().calls.filter((call) => call.key === LOAD_KEY && call.status === 200)).toHaveLength(finishedBefore);
		// The other worker still answers, and the stack keeps running work.
		const check = await client.runWorkflow(workflows.noteTable.id, MANUAL_TRIGGER, 120_000);
		expect(check.status).toBe('success');
		await stack.workers[worker].launch();
	}, 8 * 60_000);
});

async function raiseLikes(sandbox: Sandbox, noteId: string, liked: number): Promise<void> {
	const answer = await fetch(`${sandbox.url}/__sandbox/notes/${noteId}/counts`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ liked }),
	});
	expect(answer.status).toBe(200);
}

/**
 * The harness itself: real workflows through n8n-core's WorkflowExecute against a
 * loopback server, checking what n8n would do (credential applied, expressions,
 * pairedItem, continueOnFail, binary data, cancellation, poll static data).
 */
import {
	API_CALL_TYPE,
	FEED_POLL_TYPE,
	ITEMS_SOURCE_TYPE,
	activeExpressionEngine,
	chain,
	createPollRunner,
	ensureEngine,
	node,
	readBinary,
	runWorkflow,
	stopEngine,
	testCredential,
} from '../../../tooling/harness';
import { Workflow } from 'n8n-workflow';

import { ItemsSource } from '../../../tooling/harness/test-nodes/ItemsSource.node';
import { startStubServer, type StubServer } from './stub-server';

let server: StubServer;
let credentials: { parseXhsApi: Record<string, string> };

beforeAll(async () => {
	server = await startStubServer();
	credentials = { parseXhsApi: { apiKey: 'key-123', baseUrl: server.baseUrl } };
});

afterAll(async () => {
	await server.close();
	await stopEngine();
});

beforeEach(() => {
	server.seen.length = 0;
	server.feed = [];
	server.failNextFeedCalls = 0;
});

const items = (list: object[]) => node('Items', ITEMS_SOURCE_TYPE, { items: JSON.stringify(list) });

describe('runWorkflow', () => {
	const isolateEngine = process.env.N8N_EXPRESSION_ENGINE !== 'legacy';
	(isolateEngine ? it : it.skip)('uses an isolate expression engine that, like n8n 2.x, refuses evaluation outside an acquired isolate', async () => {
		await ensureEngine();
		expect(activeExpressionEngine()).toBe(process.env.N8N_EXPRESSION_ENGINE);
		const workflow = new Workflow({
			nodes: [node('Items', ITEMS_SOURCE_TYPE)],
			connections: {},
			active: false,
			nodeTypes: { getByName: () => new ItemsSource(), getByNameAndVersion: () => new ItemsSource(), getKnownTypes: () => ({}) },
		});
		const evaluate = () =>
			workflow.expression.getSimpleParameterValue(workflow.getNode('Items')!, '={{ 1 + 1 }}', 'manual', {});
		expect(evaluate).toThrow(/No bridge acquired/);
		await workflow.expression.acquireIsolate();
		try {
			expect(evaluate()).toBe(2);
		} finally {
			await workflow.expression.releaseIsolate();
		}
	});

	it('sends the credential header, resolves parameter expressions and pairs items', async () => {
		const result = await runWorkflow(
			chain(
				items([{ link: 'a' }, { link: 'b' }, { link: 'c' }]),
				node('Call', API_CALL_TYPE, { link: '={{ $json.link.toUpperCase() }}' }),
			),
			{ credentials },
		);

		expect(result.status).toBe('success');
		expect(server.seen.map((r) => [r.path, r.query.link, r.headers['x-api-key']])).toEqual([
			['/echo', 'A', 'key-123'],
			['/echo', 'B', 'key-123'],
			['/echo', 'C', 'key-123'],
		]);
		expect(result.outputOf('Call')).toEqual([
			{ json: { link: 'A', apiKey: 'key-123' }, pairedItem: { item: 0 } },
			{ json: { link: 'B', apiKey: 'key-123' }, pairedItem: { item: 1 } },
			{ json: { link: 'C', apiKey: 'key-123' }, pairedItem: { item: 2 } },
		]);
		expect(result.executedNodes).toEqual(['Items', 'Call']);
	});

	it('resolves expressions stored in the credential and fills its defaults', async () => {
		const result = await runWorkflow(
			chain(items([{ link: 'x' }]), node('Call', API_CALL_TYPE, { link: '={{ $json.link }}' })),
			{
				credentials: {
					parseXhsApi: { apiKey: '={{ "key-" + (40 + 2) }}', baseUrl: server.baseUrl },
				},
			},
		);
		expect(result.status).toBe('success');
		expect(server.seen[0].headers['x-api-key']).toBe('key-42');
	});

	it('turns failures into error items with continueOnFail and keeps the other items', async () => {
		const result = await runWorkflow(
			chain(
				items([{ link: 'ok' }, { link: 'missing' }, { link: 'fine' }]),
				node(
					'Call',
					API_CALL_TYPE,
					{ link: '={{ $json.link }}' },
					{ onError: 'continueRegularOutput' },
				),
			),
			{ credentials },
		);

		expect(result.status).toBe('success');
		const output = result.outputOf('Call');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual({ link: 'ok', apiKey: 'key-123' });
		expect(output[1].json.error).toEqual('The resource you are requesting could not be found');
		expect(output[2].json).toEqual({ link: 'fine', apiKey: 'key-123' });
	});

	it('fails the execution on the first failing item without continueOnFail', async () => {
		const result = await runWorkflow(
			chain(
				items([{ link: 'ok' }, { link: 'missing' }, { link: 'never' }]),
				node('Call', API_CALL_TYPE, { link: '={{ $json.link }}' }),
			),
			{ credentials },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The resource you are requesting could not be found');
		const nodeError = result.runData.Call[0].error as { httpCode?: string; context?: { itemIndex?: number } };
		expect(nodeError.httpCode).toBe('404');
		expect(nodeError.context?.itemIndex).toBe(1);
		expect(server.seen.map((r) => r.query.link)).toEqual(['ok', 'missing']);
	});

	it('stores downloaded files through the binary data service (filesystem mode)', async () => {
		const result = await runWorkflow(
			chain(items([{}]), node('Download', API_CALL_TYPE, { path: '/file', responseFormat: 'file' })),
			{ credentials },
		);

		expect(result.status).toBe('success');
		const [item] = result.outputOf('Download');
		const binary = item.binary!.data;
		expect(binary.mimeType).toBe('image/png');
		expect(binary.id).toMatch(/^filesystem(-v2)?:/);
		expect(binary.data).not.toBe(server.fileBytes.toString('base64'));
		expect(await readBinary(binary)).toEqual(server.fileBytes);
	});

	it('cancels a running execution and aborts its in-flight request', async () => {
		const controller = new AbortController();
		const running = runWorkflow(
			chain(items([{}]), node('Slow', API_CALL_TYPE, { path: '/slow' })),
			{ credentials, signal: controller.signal },
		);
		const request = await server.nextSlowRequest();
		const startedCancel = Date.now();
		controller.abort();
		const result = await running;

		expect(result.status).toBe('canceled');
		expect(Date.now() - startedCancel).toBeLessThan(5000);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(request.aborted).toBe(true);
	});

	it('stops a workflow that runs past its timeout', async () => {
		const started = Date.now();
		const result = await runWorkflow(
			chain(items([{}]), node('Slow', API_CALL_TYPE, { path: '/slow' })),
			{ credentials, timeoutMs: 300 },
		);
		expect(result.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('reports a node type that is not registered', async () => {
		await expect(
			runWorkflow(chain(items([{}]), node('Nope', 'n8n-nodes-parsebot-xiaohongshu.doesNotExist')), {
				credentials,
			}),
		).rejects.toThrow(/Unknown node type "n8n-nodes-parsebot-xiaohongshu.doesNotExist"/);
	});
});

describe('createPollRunner (trigger mode)', () => {
	const pollWorkflow = () => chain(node('Feed', FEED_POLL_TYPE));

	it('saves static data only when a poll emits; restart loses what was only in memory', async () => {
		server.feed = [
			{ id: 1, title: 'one' },
			{ id: 2, title: 'two' },
		];
		const runner = createPollRunner(pollWorkflow(), { credentials, triggerNodeName: 'Feed' });

		// Activation poll: emits, saved.
		expect((await runner.poll())?.[0].map((i) => i.json.id)).toEqual([1, 2]);
		expect(runner.staticData()).toEqual({ pollCount: 1, lastId: 2 });

		// Scheduled poll with nothing new: the change stays in memory.
		expect(await runner.poll()).toBeNull();
		expect(runner.liveStaticData()).toEqual({ pollCount: 2, lastId: 2 });
		expect(runner.staticData()).toEqual({ pollCount: 1, lastId: 2 });
		expect(runner.history.at(-1)).toMatchObject({ kind: 'scheduled', saved: false, items: null });

		// A restart drops it.
		runner.restart();
		expect(runner.liveStaticData()).toEqual({ pollCount: 1, lastId: 2 });

		// Re-activation poll (n8n saves after a successful activation, even without items).
		expect(await runner.poll()).toBeNull();
		expect(runner.history.at(-1)).toMatchObject({ kind: 'activation', saved: true });
		expect(runner.staticData()).toEqual({ pollCount: 2, lastId: 2 });

		// Two scheduled polls: one empty, then one that emits and saves everything.
		expect(await runner.poll()).toBeNull();
		server.feed.push({ id: 3, title: 'three' });
		expect((await runner.poll())?.[0].map((i) => i.json)).toEqual([{ id: 3, title: 'three' }]);
		expect(runner.staticData()).toEqual({ pollCount: 4, lastId: 3 });
		expect(runner.storedWorkflowStaticData()).toEqual({ 'node:Feed': { pollCount: 4, lastId: 3 } });
	});

	it('saves nothing when a poll throws', async () => {
		server.feed = [{ id: 1, title: 'one' }];
		const runner = createPollRunner(pollWorkflow(), { credentials, triggerNodeName: 'Feed' });
		await runner.poll();
		expect(runner.staticData()).toEqual({ pollCount: 1, lastId: 1 });

		server.failNextFeedCalls = 1;
		server.feed.push({ id: 2, title: 'two' });
		await expect(runner.poll()).rejects.toThrow();
		expect(runner.history.at(-1)).toMatchObject({ kind: 'scheduled', saved: false });
		expect(runner.liveStaticData()).toEqual({ pollCount: 2, lastId: 1 });
		expect(runner.staticData()).toEqual({ pollCount: 1, lastId: 1 });

		// The next poll picks up item 2 and saves the accumulated state.
		expect((await runner.poll())?.[0].map((i) => i.json.id)).toEqual([2]);
		expect(runner.staticData()).toEqual({ pollCount: 3, lastId: 2 });
	});

	it('fails activation when the first poll throws, saves nothing, and retries on the next poll', async () => {
		server.failNextFeedCalls = 1;
		server.feed = [{ id: 7, title: 'seven' }];
		const runner = createPollRunner(pollWorkflow(), { credentials, triggerNodeName: 'Feed' });

		await expect(runner.poll()).rejects.toThrow(/problem activating the workflow/);
		expect(runner.staticData()).toEqual({});
		expect((await runner.poll())?.[0].map((i) => i.json.id)).toEqual([7]);
		expect(runner.history.map((p) => p.kind)).toEqual(['activation', 'activation']);
		expect(runner.staticData()).toEqual({ pollCount: 1, lastId: 7 });
	});

	it('sends the credential on poll requests', async () => {
		const runner = createPollRunner(pollWorkflow(), { credentials, triggerNodeName: 'Feed' });
		await runner.poll();
		expect(server.seen.map((r) => [r.path, r.headers['x-api-key']])).toEqual([['/feed', 'key-123']]);
	});
});

describe('runWorkflow in trigger mode', () => {
	it('runs the rest of the workflow on the items a poll emitted, as an active workflow does', async () => {
		server.feed = [
			{ id: 1, title: 'first' },
			{ id: 2, title: 'second' },
		];
		const workflow = chain(
			node('Feed', FEED_POLL_TYPE),
			node('Call', API_CALL_TYPE, { link: '={{ $json.title }}' }),
		);
		const runner = createPollRunner(workflow, { credentials, triggerNodeName: 'Feed' });
		const emitted = await runner.poll();

		const result = await runWorkflow(workflow, {
			credentials,
			mode: 'trigger',
			startNode: 'Feed',
			triggerItems: emitted!,
		});

		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Feed', 'Call']);
		expect(result.outputOf('Call')).toEqual([
			{ json: { link: 'first', apiKey: 'key-123' }, pairedItem: { item: 0 } },
			{ json: { link: 'second', apiKey: 'key-123' }, pairedItem: { item: 1 } },
		]);
		// The trigger node was not polled again: only the activation poll hit /feed.
		expect(server.seen.filter((r) => r.path === '/feed')).toHaveLength(1);
	});
});

describe('createPollRunner (manual mode)', () => {
	it('never saves static data, so every test fetch starts from the stored state', async () => {
		server.feed = [{ id: 1, title: 'one' }];
		const runner = createPollRunner(chain(node('Feed', FEED_POLL_TYPE)), {
			credentials,
			triggerNodeName: 'Feed',
			mode: 'manual',
		});

		expect((await runner.poll())?.[0].map((i) => i.json.id)).toEqual([1]);
		expect((await runner.poll())?.[0].map((i) => i.json.id)).toEqual([1]);
		expect(runner.staticData()).toEqual({});
		expect(runner.history.map((p) => [p.kind, p.saved])).toEqual([
			['manual', false],
			['manual', false],
		]);
	});
});

describe('testCredential', () => {
	it('runs the credential test request with defaults and the authenticate block', async () => {
		const ok = await testCredential('parseXhsApi', { apiKey: 'key-valid', baseUrl: `${server.baseUrl}/` });
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.seen[0].path).toMatch(/^\/scraper\/112e2db4-437f-4511-96f5-f0f62d23a010\/get_user_profile$/);
		// The test names no profile: a working key gets parse.bot's 400, which runs no scraper.
		expect(server.seen[0].query.user_id).toBeUndefined();

		const wrong = await testCredential('parseXhsApi', { apiKey: 'key-wrong', baseUrl: server.baseUrl });
		expect(wrong.status).toBe('Error');
	});
});

/**
 * Shared setup for the Xiaohongshu node's engine tests: a sandbox, credentials pointing at
 * it, and a one-call way to run "items → Xiaohongshu" through the harness.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ITEMS_SOURCE_TYPE, XHS_NODE_TYPE, chain, node, runWorkflow, stopEngine } from '../../tooling/harness';
import type { RunWorkflowOptions, RunWorkflowResult } from '../../tooling/harness';
import { SANDBOX_KEYS, startSandbox, type Sandbox, type SandboxOptions } from '../../tooling/sandbox';

export const NODE_NAME = 'Xiaohongshu';

export interface CredentialOptions {
	key?: string;
	plan?: 'free' | 'hobby' | 'developer' | 'custom';
	requestsPerMinute?: number;
	scraperId?: string;
	/** The credential's "n8n Processes Sharing This Key" (left out: as an older credential saved it). */
	processes?: number;
	/** The Custom plan's Rate Limit Window (Seconds) (left out: a minute). */
	windowSeconds?: number;
}

/** Credentials as a user would save them, pointed at the sandbox (fast custom plan by default). */
export function credentialsFor(sandbox: Sandbox, options: CredentialOptions = {}) {
	return {
		parseXhsApi: {
			apiKey: options.key ?? SANDBOX_KEYS.fast,
			baseUrl: sandbox.url,
			scraperId: options.scraperId ?? sandbox.scraperId,
			plan: options.plan ?? 'custom',
			requestsPerMinute: options.requestsPerMinute ?? 6_000,
			...(options.processes !== undefined ? { processesSharingKey: options.processes } : {}),
			...(options.windowSeconds !== undefined ? { rateWindowSeconds: options.windowSeconds } : {}),
		},
	};
}

/** Routes xhslink.com through the sandbox's forward proxy, and nothing on loopback. */
export function useSandboxProxy(sandbox: Sandbox): () => void {
	const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
	process.env.HTTP_PROXY = sandbox.proxyUrl;
	process.env.NO_PROXY = '127.0.0.1,localhost';
	return () => {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	};
}

/**
 * One sandbox for the whole test file, reached by n8n through its proxy for short links and
 * media, reset before each test; closed with the engine after the file. `onStart` hands the
 * sandbox to the file's own variable.
 */
export function sandboxForThisFile(onStart: (sandbox: Sandbox) => void, options?: SandboxOptions): void {
	let sandbox: Sandbox;
	let restoreProxy: () => void;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
		restoreProxy = useSandboxProxy(sandbox);
		onStart(sandbox);
	});
	afterAll(async () => {
		restoreProxy();
		await sandbox.close();
		await stopEngine();
	});
	beforeEach(() => sandbox.reset());
}

export interface XhsRun {
	result: RunWorkflowResult;
	/** The node's output items (empty when it failed). */
	items: INodeExecutionData[];
	/** Their JSON. */
	json: Array<Record<string, unknown>>;
	/** The node's own error, if it failed. */
	error: Error | undefined;
}

/** Runs items → Xiaohongshu with the given parameters. `settings` are node settings (continueOnFail…). */
export async function runNode(
	inputItems: object[],
	parameters: INodeParameters,
	options: RunWorkflowOptions & { nodeSettings?: Record<string, unknown> } = {},
): Promise<XhsRun> {
	const { nodeSettings, ...runOptions } = options;
	const result = await runWorkflow(
		chain(
			node('Items', ITEMS_SOURCE_TYPE, { items: JSON.stringify(inputItems) }),
			node(NODE_NAME, XHS_NODE_TYPE, parameters, nodeSettings ?? {}),
		),
		runOptions,
	);
	const task = result.runData[NODE_NAME]?.[0];
	const items = task?.data?.main?.[0] ?? [];
	return {
		result,
		items,
		json: items.map((i) => i.json as Record<string, unknown>),
		error: (task?.error as Error | undefined) ?? (result.error as Error | undefined),
	};
}

/** Parameters for Note → Get from a link or share text (an expression over the item's `link`). */
export function noteGet(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'note',
		operation: 'get',
		note: { __rl: true, mode: 'url', value: '={{ $json.link }}' },
		...extra,
	};
}

export function noteParseLink(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'note',
		operation: 'parseLink',
		note: { __rl: true, mode: 'url', value: '={{ $json.link }}' },
		...extra,
	};
}

export function userGet(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'user',
		operation: 'get',
		user: { __rl: true, mode: 'url', value: '={{ $json.link }}' },
		...extra,
	};
}

/** The sandbox calls made with one key, in order. */
export function callsWith(sandbox: Sandbox, key: string) {
	return sandbox.stats().calls.filter((c) => c.key === key);
}

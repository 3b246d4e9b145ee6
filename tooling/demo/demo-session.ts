import { rmSync } from 'node:fs';

import { SANDBOX_KEYS, startSandbox, type Sandbox } from '../sandbox';
import { isLoopbackPortFree } from '../n8n/free-port';
import { startN8nWithPackage, type N8nWithPackage } from '../n8n/n8n-with-package';
import type { StoredWorkflow } from '../n8n/rest-client';
import type { N8nProfile } from '../n8n/versions';
import { createNoteStatsTables, createSandboxCredential, importExamples, type CredentialRef, type NoteStatsTables } from './demo-content';
import type { ExampleName, ExampleWorkflow } from './example-workflows';
import { startMessageSink, type MessageSink } from './message-sink';

/** The key the demo credential uses, and the plan that matches its limit (250 requests a minute). */
export const DEMO_API_KEY = SANDBOX_KEYS.developer;
export const DEMO_PLAN = 'developer' as const;

/** n8n's usual editor port: the demo takes it when free so the URL is the one people know. */
export const PREFERRED_EDITOR_PORT = 5678;

export interface DemoOptions {
	profile: N8nProfile;
	/** The packed package to install as a community package. */
	tarball: string;
	/** Editor port; `undefined` takes 5678 when free, a free port otherwise. */
	port?: number;
	sandboxPort?: number;
	sinkPort?: number;
	/** Activate the engagement-alert example (the demo does; tests may change it first). */
	activateAlert?: boolean;
	adjustExample?: (name: ExampleName, workflow: ExampleWorkflow) => ExampleWorkflow;
}

export interface DemoSession {
	sandbox: Sandbox;
	sink: MessageSink;
	n8n: N8nWithPackage;
	credential: CredentialRef;
	/** The data tables the note-stats example reads links from and upserts stats into. */
	tables: NoteStatsTables;
	workflows: Record<ExampleName, StoredWorkflow>;
	/** Stops n8n, the sandbox and the sink, and removes n8n's temporary user folder. */
	stop(options?: { keepUserFolder?: boolean }): Promise<void>;
}

/**
 * n8n reaches the sandbox's proxy for xhslink.com short links and xhscdn.com media, and
 * goes direct to everything on loopback (the sandbox's API, the sink, its own task runner).
 * Both spellings: n8n reads the upper-case ones, some libraries only the lower-case ones.
 */
export function sandboxProxyEnvironment(proxyUrl: string): Record<string, string> {
	const noProxy = '127.0.0.1,localhost';
	return { HTTP_PROXY: proxyUrl, http_proxy: proxyUrl, NO_PROXY: noProxy, no_proxy: noProxy };
}

export async function chooseEditorPort(requested: number | undefined): Promise<number | undefined> {
	if (requested !== undefined) {
		if (!(await isLoopbackPortFree(requested))) throw new Error(`Port ${requested} is in use; choose another with --port`);
		return requested;
	}
	return (await isLoopbackPortFree(PREFERRED_EDITOR_PORT)) ? PREFERRED_EDITOR_PORT : undefined;
}

/**
 * Everything `npm start` sets up, in the order a user would: the sandbox (parse.bot stand-in)
 * and a Slack stand-in, n8n with the package installed, the owner, a credential for the
 * sandbox, the examples imported with it, the alert workflow activated.
 */
export async function startDemo(options: DemoOptions): Promise<DemoSession> {
	const started: Array<() => Promise<void>> = [];
	const stopAll = async (): Promise<void> => {
		for (const stop of started.reverse()) await stop().catch(() => undefined);
		started.length = 0;
	};
	try {
		const sandbox = await startSandbox({ port: options.sandboxPort ?? 0 });
		started.push(() => sandbox.close());
		const sink = await startMessageSink(options.sinkPort ?? 0);
		started.push(() => sink.close());
		const port = await chooseEditorPort(options.port);
		const n8n = await startN8nWithPackage({
			profile: options.profile,
			tarball: options.tarball,
			port,
			env: sandboxProxyEnvironment(sandbox.proxyUrl),
		});
		let keepUserFolder = false;
		started.push(async () => {
			await n8n.instance.stop();
			if (!keepUserFolder) rmSync(n8n.instance.userFolder, { recursive: true, force: true });
		});
		const credential = await createSandboxCredential(n8n.client, sandbox, { apiKey: DEMO_API_KEY, plan: DEMO_PLAN });
		const tables = await createNoteStatsTables(n8n.client);
		const workflows = await importExamples(n8n.client, {
			credential,
			slackWebhookUrl: sink.url,
			tables,
			adjust: options.adjustExample,
			activateAlert: options.activateAlert ?? true,
		});
		return {
			sandbox,
			sink,
			n8n,
			credential,
			tables,
			workflows,
			stop: async (stopOptions) => {
				keepUserFolder = stopOptions?.keepUserFolder ?? false;
				await stopAll();
			},
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

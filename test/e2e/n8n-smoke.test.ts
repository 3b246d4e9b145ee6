import { basename } from 'node:path';

import { startN8nWithPackage, type N8nWithPackage } from '../../tooling/n8n/n8n-with-package';
import { executeWorkflowViaCli, importWorkflowViaCli } from '../../tooling/n8n/n8n-cli';
import { N8nRestClient } from '../../tooling/n8n/rest-client';
import { getProfile } from '../../tooling/n8n/versions';
import { waitForStatus } from '../../tooling/n8n/wait-for-status';
import { stopAndArchive } from './artifacts';
import { describeE2e } from './e2e-guard';
import { problemsAbout } from './n8n-log';
import { packForE2e, readManifest, type PackedPackage } from './package-under-test';

/** What n8n calls a node of an installed package: `<package>.<name>`, name from the file (`XiaohongshuTrigger` -> `xiaohongshuTrigger`). */
function expectedNodeType(packageName: string, nodeEntry: string): string {
	const className = basename(nodeEntry).replace(/\.node\.js$/, '');
	return `${packageName}.${className[0].toLowerCase()}${className.slice(1)}`;
}

/** A note link with its token: Parse Link reads it without calling parse.bot. */
const NOTE_ID = '68f4c1a2000000000703b9de';
const TOKEN = 'CBi5Lt9MgF3PVfTaz2Ogmnp0d9GXouzlEye6AW-wHgKKU=';
const NOTE_LINK = `https://www.xiaohongshu.com/explore/${NOTE_ID}?xsec_token=${encodeURIComponent(TOKEN)}&xsec_source=pc_share`;
/** What the package's node gives for NOTE_LINK: proof that it loaded and ran. */
const PARSED = {
	noteId: NOTE_ID,
	xsecToken: TOKEN,
	readyToFetch: true,
	url: `https://www.xiaohongshu.com/explore/${NOTE_ID}?xsec_token=${encodeURIComponent(TOKEN)}&xsec_source=pc_share`,
};

/** Trigger -> Set (the link, through an expression) -> the package's node, Note -> Parse Link. */
function parseLinkWorkflow(packageName: string, credential: { id: string; name: string }, trigger: Record<string, unknown>) {
	const triggerName = String(trigger.name);
	return {
		name: `smoke: ${triggerName}`,
		nodes: [
			{ ...trigger, position: [0, 0] },
			{
				id: '1b7c6f0e-0000-4000-8000-000000000002',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: { assignments: [{ id: 'a1', name: 'link', value: `={{ ${JSON.stringify(NOTE_LINK)} }}`, type: 'string' }] },
					options: {},
				},
			},
			{
				id: '1b7c6f0e-0000-4000-8000-000000000003',
				name: 'Xiaohongshu',
				type: `${packageName}.xiaohongshu`,
				typeVersion: 1,
				position: [440, 0],
				parameters: { resource: 'note', operation: 'parseLink', note: { __rl: true, mode: 'url', value: '={{ $json.link }}' } },
				credentials: { parseXhsApi: credential },
			},
		],
		connections: {
			[triggerName]: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
			Set: { main: [[{ node: 'Xiaohongshu', type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

const MANUAL_TRIGGER = {
	id: '1b7c6f0e-0000-4000-8000-000000000001',
	name: 'When clicking ‘Execute workflow’',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
};

const WEBHOOK_TRIGGER = {
	id: '1b7c6f0e-0000-4000-8000-000000000011',
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: '6c1f3f52-0000-4000-8000-00000000beef',
	parameters: { path: 'xhs-smoke', httpMethod: 'GET', responseMode: 'lastNode', options: {} },
};

function nodeOutput(data: { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: unknown }> | null> } }>> } }): unknown[] {
	return (data.resultData.runData.Xiaohongshu?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** n8n lines to check, e.g. `v2,v1`; CI sets the list, a developer may pick one. */
const PROFILES = (process.env.XHS_E2E_N8N ?? 'v2,v1').split(',').map((id) => getProfile(id.trim()));

describeE2e.each(PROFILES.map((profile) => [`${profile.id} (n8n ${profile.n8nVersion})`, profile] as const))('%s with the packed package installed', (_label, profile) => {
	let packed: PackedPackage;
	let n8n: N8nWithPackage;
	let credential: { id: string; name: string };

	beforeAll(async () => {
		packed = packForE2e();
		// The first run on a machine installs n8n and Node 24 (several minutes); later runs reuse the cache.
		n8n = await startN8nWithPackage({ profile, tarball: packed.tarball });
		process.stdout.write(`[smoke] n8n ${profile.n8nVersion} answered ${n8n.instance.lastStartMs} ms after launch\n`);
		// Parse Link calls nothing; the base URL is a closed port so that any call would fail loudly.
		credential = await n8n.client.createCredential({
			name: 'parse.bot (smoke)',
			type: 'parseXhsApi',
			data: { apiKey: 'smoke-key', baseUrl: 'http://127.0.0.1:9', scraperId: 'smoke-scraper', plan: 'developer' },
		});
	}, 30 * 60_000);

	afterAll(async () => {
		await stopAndArchive(n8n?.instance, `n8n-smoke-${profile.id}`);
	}, 60_000);

	it('loads the package into the pinned n8n version with no errors about it in the log', async () => {
		expect(await n8n.client.n8nVersion()).toBe(profile.n8nVersion);
		const log = n8n.instance.readLog();
		expect(log).toContain('Editor is now accessible');
		expect(problemsAbout(log, packed.name)).toEqual([]);
	});

	it('lists our credential type', async () => {
		const names = (await n8n.client.credentialTypes()).map((type) => type.name);
		expect(names).toContain('parseXhsApi');
	});

	it("lists every node package.json declares, under the package prefix", async () => {
		const ours = new Set((await n8n.client.nodeTypes()).map((type) => type.name).filter((name) => name.startsWith(`${packed.name}.`)));
		const expected = readManifest().n8n.nodes.map((entry) => expectedNodeType(packed.name, entry));
		// n8n adds a `<name>Tool` twin for each node with `usableAsTool`; what is left must be exactly the declared nodes.
		const declared = [...ours].filter((name) => !(name.endsWith('Tool') && ours.has(name.slice(0, -'Tool'.length))));
		expect(declared.sort()).toEqual(expected.sort());
	});

	it('keeps a parseXhsApi credential created through the REST API', async () => {
		expect(credential).toMatchObject({ name: 'parse.bot (smoke)', type: 'parseXhsApi' });
	});

	it("runs the package's node in a workflow through REST and reads its execution", async () => {
		const workflow = await n8n.client.createWorkflow(parseLinkWorkflow(packed.name, credential, MANUAL_TRIGGER));
		const execution = await n8n.client.runWorkflow(workflow.id, MANUAL_TRIGGER.name);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution.data)).toEqual([expect.objectContaining(PARSED)]);
		const listed = await n8n.client.listExecutions(workflow.id);
		expect(listed.map((entry) => String(entry.id))).toContain(execution.id);
	});

	it("activates a workflow that ends in the package's node (its webhook answers with the node's item) and deactivates it", async () => {
		const workflow = await n8n.client.createWorkflow(parseLinkWorkflow(packed.name, credential, WEBHOOK_TRIGGER));
		const webhookUrl = `${n8n.instance.baseUrl}/webhook/xhs-smoke`;
		expect((await fetch(webhookUrl)).status).toBe(404);
		expect((await n8n.client.activateWorkflow(workflow.id)).active).toBe(true);
		const answer = await waitForStatus(webhookUrl, 200);
		expect(await answer.json()).toEqual(expect.objectContaining(PARSED));
		expect((await n8n.client.deactivateWorkflow(workflow.id)).active).toBe(false);
		await waitForStatus(webhookUrl, 404);
	});

	it("imports and executes a workflow with the package's node through the n8n CLI", async () => {
		const id = 'SmokeCli00000001';
		await importWorkflowViaCli(n8n.instance, { ...parseLinkWorkflow(packed.name, credential, MANUAL_TRIGGER), id, name: 'smoke: cli' });
		const run = await executeWorkflowViaCli(n8n.instance, id);
		expect(nodeOutput(run.data)).toEqual([expect.objectContaining(PARSED)]);
	});

	it('keeps the owner, the credential and the package across a restart', async () => {
		await n8n.instance.restart();
		process.stdout.write(`[smoke] restart answered ${n8n.instance.lastStartMs} ms after launch\n`);
		const client = await N8nRestClient.signedIn(n8n.instance.baseUrl, n8n.owner);
		const credentialTypes = (await client.credentialTypes()).map((type) => type.name);
		expect(credentialTypes).toContain('parseXhsApi');
		const credentials = await client.call<Array<{ name: string; type: string }>>('GET', '/rest/credentials');
		expect(credentials).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'parse.bot (smoke)', type: 'parseXhsApi' })]));
		expect(problemsAbout(n8n.instance.readLog(), packed.name)).toEqual([]);
	});
});

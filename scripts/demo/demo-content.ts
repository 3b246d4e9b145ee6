import type { N8nRestClient, StoredWorkflow } from '../n8n/rest-client';
import { EXAMPLE_FILES, loadExample, withCredential, withNodeParameters, withSlackWebhook, type ExampleName, type ExampleWorkflow } from './example-workflows';

export const DEMO_CREDENTIAL_NAME = 'Xiaohongshu (sandbox)';

export interface SandboxAccess {
	/** The sandbox's API address: the credential's Base URL. */
	url: string;
	scraperId: string;
}

export interface CredentialRef {
	id: string;
	name: string;
}

/** A parseXhsApi credential pointing at the sandbox; the plan must match the key's real limit. */
export async function createSandboxCredential(
	client: N8nRestClient,
	sandbox: SandboxAccess,
	options: { name?: string; apiKey: string; plan: 'free' | 'hobby' | 'developer' },
): Promise<CredentialRef> {
	const created = await client.createCredential({
		name: options.name ?? DEMO_CREDENTIAL_NAME,
		type: 'parseXhsApi',
		data: { apiKey: options.apiKey, plan: options.plan, customEndpoint: true, baseUrl: sandbox.url, scraperId: sandbox.scraperId },
	});
	return { id: created.id, name: created.name };
}

/**
 * Imports every example through the REST API, as the editor's import does, with the
 * credential attached and the alert's Slack URL pointed at `slackWebhookUrl`.
 * `adjust` may change a workflow first (a test's faster poll schedule).
 */
export async function importExamples(
	client: N8nRestClient,
	options: {
		credential: CredentialRef;
		slackWebhookUrl: string;
		adjust?: (name: ExampleName, workflow: ExampleWorkflow) => ExampleWorkflow;
	},
): Promise<Record<ExampleName, StoredWorkflow>> {
	const stored: Partial<Record<ExampleName, StoredWorkflow>> = {};
	for (const name of Object.keys(EXAMPLE_FILES) as ExampleName[]) {
		let workflow = withSlackWebhook(withCredential(loadExample(name), options.credential), options.slackWebhookUrl);
		// The example ships polling every hour (two notes: 1,440 credits a month); against the sandbox a
		// poll costs nothing, so the demo polls every minute and an alert shows within a minute.
		if (name === 'engagementAlert') workflow = withNodeParameters(workflow, 'Watch notes', { pollTimes: { item: [{ mode: 'everyMinute' }] } });
		if (options.adjust) workflow = options.adjust(name, workflow);
		stored[name] = await client.createWorkflow(workflow);
	}
	return stored as Record<ExampleName, StoredWorkflow>;
}

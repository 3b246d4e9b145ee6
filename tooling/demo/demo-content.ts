import { FIXTURES } from '../sandbox';
import type { DataTable, N8nRestClient, StoredWorkflow } from '../n8n/rest-client';
import {
	dataTableColumnsOf,
	EXAMPLE_FILES,
	loadExample,
	withCredential,
	withNodeNote,
	withNodeParameters,
	withDataTables,
	withSlackWebhook,
	type ExampleName,
	type ExampleWorkflow,
} from './example-workflows';

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

export const SANDBOX_PLAN_RATES = { free: 5, hobby: 20, developer: 250 } as const;

/** How the demo's credential reads in its printed summary, as the README words it. */
export function sandboxPlanText(plan: keyof typeof SANDBOX_PLAN_RATES): string {
	return `plan Custom at ${SANDBOX_PLAN_RATES[plan]} requests a minute (the sandbox has no monthly credits)`;
}

/**
 * What the demo changed from the alert example as shipped, on the canvas under the Trigger, so
 * a first-time viewer does not take the every-minute cost for what the example costs.
 */
export const DEMO_ALERT_NOTE =
	'Demo: polls every minute, free against the sandbox. The example ships polling every hour (2 notes: about 1,440 credits a month on parse.bot).';

/** A parseXhsApi credential pointing at the sandbox; the plan must match the key's real limit. */
export async function createSandboxCredential(
	client: N8nRestClient,
	sandbox: SandboxAccess,
	options: { name?: string; apiKey: string; plan: 'free' | 'hobby' | 'developer' },
): Promise<CredentialRef> {
	const created = await client.createCredential({
		name: options.name ?? DEMO_CREDENTIAL_NAME,
		type: 'parseXhsApi',
		// A Custom plan at the key's real rate: the sandbox's keys have a rate but no monthly credits,
		// so the Trigger's "more than your plan's credits" notice would only be noise in the demo.
		data: {
			apiKey: options.apiKey,
			plan: 'custom',
			requestsPerMinute: SANDBOX_PLAN_RATES[options.plan],
			customEndpoint: true,
			baseUrl: sandbox.url,
			scraperId: sandbox.scraperId,
		},
	});
	return { id: created.id, name: created.name };
}

export const NOTE_LINKS_TABLE = 'Xiaohongshu note links';
export const NOTE_STATS_TABLE = 'Xiaohongshu note stats';
/** The spikes example's one table: the links, and the counts it writes back each run. */
export const NOTE_SPIKES_TABLE = 'Xiaohongshu note spikes';

/** The links the demo's links table starts with: a full link, a short link and a whole share text. */
export function demoNoteLinks(): string[] {
	const { singleImage } = FIXTURES.notes;
	return [
		`https://www.xiaohongshu.com/explore/${singleImage.noteId}?xsec_token=${encodeURIComponent(singleImage.xsecToken)}&xsec_source=pc_share`,
		FIXTURES.shortLinks.aPath.url,
		`9张图带你逛完成都 ${FIXTURES.shortLinks.bareCode.url} 复制本条信息，打开【小红书】App查看精彩内容！`,
	];
}

export interface NoteStatsTables {
	links: DataTable;
	stats: DataTable;
	/** Links and last counts, read and written back by the spikes example. */
	spikes: DataTable;
}

/**
 * The two tables the data-table example reads and writes: the links (one `link` column, filled
 * with `demoNoteLinks()`) and the stats, with the columns the example's upsert maps.
 */
export async function createNoteStatsTables(client: N8nRestClient): Promise<NoteStatsTables> {
	const links = await client.createDataTable(NOTE_LINKS_TABLE, [{ name: 'link', type: 'string' }]);
	await client.insertDataTableRows(
		links,
		demoNoteLinks().map((link) => ({ link })),
	);
	const stats = await client.createDataTable(NOTE_STATS_TABLE, dataTableColumnsOf(loadExample('noteStats'), 'Upsert note stats'));
	// The links only, as a team starts: the first run records each note's counts (a baseline, no alert).
	const spikes = await client.createDataTable(NOTE_SPIKES_TABLE, dataTableColumnsOf(loadExample('noteSpikes'), 'Write counts back'));
	await client.insertDataTableRows(
		spikes,
		demoNoteLinks().map((link) => ({ link })),
	);
	return { links, stats, spikes };
}

/**
 * Imports every example through the REST API, as the editor's import does, with the
 * credential attached and the alert's Slack URL pointed at `slackWebhookUrl`.
 * `adjust` may change a workflow first (a test's faster poll schedule).
 *
 * n8n's workflow list shows the last changed first, so the examples are imported last step
 * first, and the alert is activated (which changes it) as soon as it is imported: the list
 * then reads in the order the demo prints its steps.
 */
export async function importExamples(
	client: N8nRestClient,
	options: {
		credential: CredentialRef;
		slackWebhookUrl: string;
		tables: NoteStatsTables;
		adjust?: (name: ExampleName, workflow: ExampleWorkflow) => ExampleWorkflow;
		activateAlert?: boolean;
	},
): Promise<Record<ExampleName, StoredWorkflow>> {
	const stored: Partial<Record<ExampleName, StoredWorkflow>> = {};
	for (const name of (Object.keys(EXAMPLE_FILES) as ExampleName[]).reverse()) {
		let workflow = withSlackWebhook(withCredential(loadExample(name), options.credential), options.slackWebhookUrl);
		// The example ships polling every hour (two notes: 1,440 credits a month); against the sandbox a
		// poll costs nothing, so the demo polls every minute and an alert shows within a minute. The
		// canvas would state that minute's cost (86,400 credits a month): a note under the node says why.
		if (name === 'engagementAlert') {
			workflow = withNodeParameters(workflow, 'Watch notes', { pollTimes: { item: [{ mode: 'everyMinute' }] } });
			workflow = withNodeNote(workflow, 'Watch notes', DEMO_ALERT_NOTE);
		}
		if (name === 'noteStats') workflow = withDataTables(workflow, [options.tables.links, options.tables.stats]);
		if (name === 'noteSpikes') workflow = withDataTables(workflow, [options.tables.spikes]);
		if (options.adjust) workflow = options.adjust(name, workflow);
		stored[name] = await client.createWorkflow(workflow);
		if (name === 'engagementAlert' && options.activateAlert) await client.activateWorkflow(stored[name].id);
	}
	return stored as Record<ExampleName, StoredWorkflow>;
}

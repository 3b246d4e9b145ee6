import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowJson } from '../n8n/rest-client';
import { findRepoRoot } from '../repo-root';

/** The example workflows shipped in `examples/`, by what they show. */
export const EXAMPLE_FILES = {
	noteTable: 'note-links-to-sheet.json',
	creators: 'creator-enrichment.json',
	engagementAlert: 'engagement-alert-to-slack.json',
	noteImages: 'note-images-to-files.json',
	noteStats: 'note-stats-to-data-table.json',
	noteSpikes: 'note-spikes-from-data-table.json',
} as const;

/**
 * The AI Agent example needs an OpenAI credential, so the demo does not import it; the e2e
 * suite runs it against the stand-in model in tooling/model-standin.
 */
export const AGENT_EXAMPLE_FILE = 'ai-agent-note-likes.json';

export type ExampleName = keyof typeof EXAMPLE_FILES;

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface ExampleWorkflow extends WorkflowJson {
	nodes: WorkflowNode[];
}

export function examplesDir(): string {
	return join(findRepoRoot(), 'examples');
}

export function loadExample(name: ExampleName): ExampleWorkflow {
	return loadExampleFile(EXAMPLE_FILES[name]);
}

export function loadExampleFile(file: string): ExampleWorkflow {
	return JSON.parse(readFileSync(join(examplesDir(), file), 'utf8')) as ExampleWorkflow;
}

/** Our nodes as an installed community package names them. */
export function isXiaohongshuNode(node: WorkflowNode): boolean {
	return node.type.startsWith('n8n-nodes-parsebot-xiaohongshu.');
}

/**
 * The examples ship without credentials, so they import into any n8n; this attaches one
 * (what the user does by picking it in each Xiaohongshu node) to every node of ours.
 */
export function withCredential(workflow: ExampleWorkflow, credential: { id: string; name: string }): ExampleWorkflow {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			isXiaohongshuNode(node) ? { ...node, credentials: { parseXhsApi: { id: credential.id, name: credential.name } } } : node,
		),
	};
}

/** The placeholder Slack incoming-webhook URL of the alert example, replaced by a real one (or the demo's sink). */
export const SLACK_PLACEHOLDER_PREFIX = 'https://hooks.slack.com/services/REPLACE/';

export function withSlackWebhook(workflow: ExampleWorkflow, url: string): ExampleWorkflow {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type === 'n8n-nodes-base.httpRequest' && String(node.parameters.url).startsWith(SLACK_PLACEHOLDER_PREFIX)
				? { ...node, parameters: { ...node.parameters, url } }
				: node,
		),
	};
}

/** Replaces a node's parameters (by node name), e.g. a faster poll schedule in a test. */
export function withNodeParameters(workflow: ExampleWorkflow, nodeName: string, parameters: Record<string, unknown>): ExampleWorkflow {
	if (!workflow.nodes.some((node) => node.name === nodeName)) throw new Error(`No node "${nodeName}" in "${workflow.name}"`);
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => (node.name === nodeName ? { ...node, parameters: { ...node.parameters, ...parameters } } : node)),
	};
}

/**
 * Sets a node's Notes, shown on the canvas under the node (n8n's "Display Note in Flow"
 * setting): the demo says there what it changed from the example as shipped.
 */
export function withNodeNote(workflow: ExampleWorkflow, nodeName: string, note: string): ExampleWorkflow {
	if (!workflow.nodes.some((node) => node.name === nodeName)) throw new Error(`No node "${nodeName}" in "${workflow.name}"`);
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => (node.name === nodeName ? { ...node, notes: note, notesInFlow: true } : node)),
	};
}

interface DataTableLocator {
	__rl: true;
	mode: string;
	value: string;
	cachedResultName?: string;
}

/**
 * Data table nodes name their table by id, which n8n assigns when the table is created; the
 * example ships with each table's name only (`cachedResultName`), as the editor shows it before
 * one is picked. This picks the table of that name in every Data table node.
 */
export function withDataTables(workflow: ExampleWorkflow, tables: Array<{ id: string; name: string }>): ExampleWorkflow {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (node.type !== 'n8n-nodes-base.dataTable') return node;
			const locator = node.parameters.dataTableId as DataTableLocator | undefined;
			const table = tables.find((candidate) => candidate.name === locator?.cachedResultName);
			if (!table) throw new Error(`No data table named "${locator?.cachedResultName}" for node "${node.name}"`);
			return { ...node, parameters: { ...node.parameters, dataTableId: { __rl: true, mode: 'list', value: table.id, cachedResultName: table.name } } };
		}),
	};
}

/** The columns a Data table node writes, from its column mapping (what the table must hold). */
export function dataTableColumnsOf(workflow: ExampleWorkflow, nodeName: string): Array<{ name: string; type: 'string' | 'number' | 'boolean' | 'date' }> {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	const schema = (node?.parameters.columns as { schema?: Array<{ id: string; type: 'string' | 'number' | 'boolean' | 'date' }> } | undefined)?.schema;
	if (!schema) throw new Error(`Node "${nodeName}" in "${workflow.name}" maps no data table columns`);
	return schema.map((column) => ({ name: column.id, type: column.type }));
}

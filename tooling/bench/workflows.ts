/**
 * The workflows the pacing benchmark imports into n8n: the same sheet, then either our node
 * or n8n's HTTP Request node calling parse.bot's note endpoint the way a user would set it up.
 */
import type { WorkflowJson } from '../n8n/rest-client';
import type { SheetRow } from './dataset';

export const TRIGGER_NAME = 'When clicking ‘Execute workflow’';
export const SOURCE_NAME = 'Sheet';
export const SUBJECT_NAME = 'Fetch notes';

export interface CredentialRef {
	id: string;
	name: string;
}

/** How the HTTP Request node is told to pace itself (its Options → Batching). */
export interface Batching {
	itemsPerBatch: number;
	intervalMs: number;
}

export type Variant =
	| { kind: 'node'; label: string }
	| { kind: 'http'; label: string; batching: Batching | null };

/** Every variant continues on error so each row's outcome can be counted; see BENCHMARKS.md. */
const CONTINUE_ON_ERROR = 'continueRegularOutput';

function sheetWorkflow(name: string, rows: SheetRow[], subject: Record<string, unknown>): WorkflowJson {
	return {
		name,
		nodes: [
			{ id: 'b0000000-0000-4000-8000-000000000001', name: TRIGGER_NAME, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: SOURCE_NAME,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(rows)}.map((row) => ({ json: row }));` },
			},
			{ id: 'b0000000-0000-4000-8000-000000000003', name: SUBJECT_NAME, position: [440, 0], onError: CONTINUE_ON_ERROR, ...subject },
		],
		connections: {
			[TRIGGER_NAME]: { main: [[{ node: SOURCE_NAME, type: 'main', index: 0 }]] },
			[SOURCE_NAME]: { main: [[{ node: SUBJECT_NAME, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Our node: Note → Get on each row's link, Simplified output. */
export function nodeWorkflow(packageName: string, rows: SheetRow[], credential: CredentialRef): WorkflowJson {
	return sheetWorkflow('bench: Xiaohongshu node', rows, {
		type: `${packageName}.xiaohongshu`,
		typeVersion: 1,
		parameters: {
			resource: 'note',
			operation: 'get',
			note: { __rl: true, mode: 'url', value: '={{ $json.link }}' },
			output: 'simplified',
			options: {},
		},
		credentials: { parseXhsApi: credential },
	});
}

/**
 * HTTP Request → GET get_note_detail with the id and token cut out of the link by
 * expressions, the key in a Header Auth credential. With `batching`, Options → Batching
 * set as n8n's rate-limit advice says; without, the node as it comes.
 */
export function httpWorkflow(
	rows: SheetRow[],
	endpoint: string,
	credential: CredentialRef,
	batching: Batching | null,
): WorkflowJson {
	return sheetWorkflow(`bench: HTTP Request ${batching ? `batching ${batching.itemsPerBatch}/${batching.intervalMs} ms` : 'defaults'}`, rows, {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url: endpoint,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: 'note_id', value: "={{ ($json.link.match(/[0-9a-f]{24}/) || [''])[0] }}" },
					{ name: 'xsec_token', value: "={{ decodeURIComponent(($json.link.match(/xsec_token=([^&\\s]+)/) || ['', ''])[1]) }}" },
				],
			},
			options: batching ? { batching: { batch: { batchSize: batching.itemsPerBatch, batchInterval: batching.intervalMs } } } : {},
		},
		credentials: { httpHeaderAuth: credential },
	});
}

/**
 * One real n8n (the pinned 2.x, with the packed package installed as a community package)
 * and one in-process sandbox, shared by the benchmark sections that run workflows.
 */
import { startN8nWithPackage, type N8nWithPackage } from '../n8n/n8n-with-package';
import type { Execution, WorkflowJson } from '../n8n/rest-client';
import { getProfile } from '../n8n/versions';
import { startSandbox, type PlanSpec, type Sandbox } from '../sandbox';
import type { Catalogue } from '../sandbox';
import type { CredentialRef } from './workflows';
import { SUBJECT_NAME, TRIGGER_NAME } from './workflows';

export interface SessionOptions {
	tarball: string;
	packageName: string;
	catalogue: Catalogue;
	keys: Record<string, PlanSpec>;
	/** Added by the sandbox to every API answer. */
	latencyMs: number;
}

/** What the measured node did in one execution, read from n8n's execution data. */
export interface SubjectRun {
	executionId: string;
	status: string;
	/** n8n's own timing of the node (ITaskData.executionTime). */
	nodeMs: number;
	items: Array<Record<string, unknown>>;
}

export class BenchSession {
	private constructor(
		readonly n8n: N8nWithPackage,
		readonly sandbox: Sandbox,
		readonly n8nVersion: string,
		readonly packageName: string,
	) {}

	static async start(options: SessionOptions): Promise<BenchSession> {
		const sandbox = await startSandbox({ fixtures: options.catalogue, keys: options.keys, latencyMs: options.latencyMs });
		try {
			const n8n = await startN8nWithPackage({ profile: getProfile('v2'), tarball: options.tarball });
			return new BenchSession(n8n, sandbox, await n8n.client.n8nVersion(), options.packageName);
		} catch (error) {
			await sandbox.close();
			throw error;
		}
	}

	get noteEndpoint(): string {
		return `${this.sandbox.url}/scraper/${this.sandbox.scraperId}/get_note_detail`;
	}

	/** A Custom-plan credential; `windowSeconds` is its Rate Limit Window (a minute when left out). */
	async parseBotCredential(apiKey: string, requestsPerMinute: number, windowSeconds?: number): Promise<CredentialRef> {
		const created = await this.n8n.client.createCredential({
			name: `parse.bot ${apiKey}`,
			type: 'parseXhsApi',
			data: {
				apiKey,
				plan: 'custom',
				requestsPerMinute,
				...(windowSeconds !== undefined ? { rateWindowSeconds: windowSeconds } : {}),
				baseUrl: this.sandbox.url,
				scraperId: this.sandbox.scraperId,
			},
		});
		return { id: created.id, name: created.name };
	}

	async headerAuthCredential(apiKey: string): Promise<CredentialRef> {
		const created = await this.n8n.client.createCredential({
			name: `X-API-Key ${apiKey}`,
			type: 'httpHeaderAuth',
			data: { name: 'X-API-Key', value: apiKey },
		});
		return { id: created.id, name: created.name };
	}

	/** Imports the workflow, runs it as the editor's button does, waits, and reads the measured node. */
	async run(workflow: WorkflowJson, timeoutMs: number): Promise<SubjectRun> {
		const stored = await this.n8n.client.createWorkflow(workflow);
		const execution = await this.n8n.client.runWorkflow(stored.id, TRIGGER_NAME, timeoutMs);
		return subjectOf(execution);
	}

	async close(): Promise<void> {
		try {
			await this.n8n.instance.stop();
		} finally {
			await this.sandbox.close();
		}
	}
}

interface TaskData {
	executionTime?: number;
	error?: { message: string };
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

function subjectOf(execution: Execution): SubjectRun {
	const task = (execution.data.resultData.runData[SUBJECT_NAME]?.[0] ?? undefined) as TaskData | undefined;
	if (!task) {
		const error = execution.data.resultData.error?.message ?? 'no error recorded';
		throw new Error(`Execution ${execution.id} (${execution.status}) never ran "${SUBJECT_NAME}": ${error}`);
	}
	if (task.error) throw new Error(`"${SUBJECT_NAME}" failed as a whole in execution ${execution.id}: ${task.error.message}`);
	return {
		executionId: execution.id,
		status: execution.status,
		nodeMs: task.executionTime ?? NaN,
		items: (task.data?.main?.[0] ?? []).map((item) => item.json),
	};
}

/** An item the node reported as failed (Continue On Fail puts the error in the item). */
export function isErrorItem(json: Record<string, unknown>): boolean {
	return json.error !== undefined && json.error !== null;
}

import { request } from 'undici';

import { parse as parseFlatted } from 'flatted';

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The login the demo prints and the tests use; n8n wants 8+ characters, a digit and a capital. */
export const DEFAULT_OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Xiaohongshu-demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

export interface WorkflowJson {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface StoredWorkflow extends WorkflowJson {
	id: string;
	versionId: string;
	active: boolean;
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	workflowId: string;
	/** `IRunExecutionData`, decoded from n8n's flatted storage. */
	data: RunExecutionData;
}

export interface RunExecutionData {
	resultData: {
		error?: { message: string; description?: string; [key: string]: unknown };
		lastNodeExecuted?: string;
		runData: Record<string, Array<{ error?: { message: string }; data?: { main?: Array<Array<{ json: unknown }> | null> } }>>;
	};
}

export type DataTableColumnType = 'string' | 'number' | 'boolean' | 'date';

export interface DataTable {
	id: string;
	name: string;
	projectId: string;
}

/** A data table row as n8n stores it: the columns plus `id`, `createdAt` and `updatedAt`. */
export type DataTableRow = Record<string, unknown> & { id: number; createdAt: string; updatedAt: string };

export class N8nRequestError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
	}
}

/**
 * A small client for n8n's internal REST API (the one its editor uses), logged in with the
 * auth cookie. Works against 1.123.x and 2.40.x; where they differ it asks which it talks to.
 */
export class N8nRestClient {
	private cookie = '';

	private majorVersion: number | null = null;

	/** n8n binds the auth cookie to this header's value; every call repeats it. */
	private readonly browserId = `n8n-tools-${process.pid}-${Date.now()}`;

	constructor(readonly baseUrl: string) {}

	/** Creates the owner on a fresh instance, or logs in when the owner already exists (a restart). */
	static async signedIn(baseUrl: string, owner: OwnerAccount = DEFAULT_OWNER): Promise<N8nRestClient> {
		const client = new N8nRestClient(baseUrl);
		const settings = await client.settings();
		const needsSetup = (settings.userManagement as { showSetupOnFirstLoad?: boolean } | undefined)?.showSetupOnFirstLoad;
		if (needsSetup) await client.setupOwner(owner);
		else await client.login(owner);
		return client;
	}

	async setupOwner(owner: OwnerAccount): Promise<void> {
		await this.call('POST', '/rest/owner/setup', owner);
	}

	async login(owner: Pick<OwnerAccount, 'email' | 'password'>): Promise<void> {
		await this.call('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	async settings(): Promise<Record<string, unknown>> {
		return await this.call<Record<string, unknown>>('GET', '/rest/settings');
	}

	async n8nVersion(): Promise<string> {
		return String((await this.settings()).versionCli);
	}

	async createCredential(credential: { name: string; type: string; data: Record<string, unknown> }): Promise<{ id: string; name: string; type: string }> {
		return await this.call('POST', '/rest/credentials', credential);
	}

	/** Stores a workflow (inactive). An `id` in the JSON is dropped: n8n assigns one. */
	async createWorkflow(workflow: WorkflowJson): Promise<StoredWorkflow> {
		const { id: _ignoredId, active: _ignoredActive, ...body } = workflow;
		// 1.x still has a NOT NULL `active` column that the request must fill; 2.x derives it from publishing.
		const active = (await this.major()) < 2 ? { active: false } : {};
		return await this.call<StoredWorkflow>('POST', '/rest/workflows', { settings: {}, ...body, ...active });
	}

	/** The workflow list as the editor's Overview shows it by default: last updated first. */
	async listWorkflows(): Promise<Array<{ id: string; name: string; updatedAt: string }>> {
		const rows = await this.call<Array<{ id: string; name: string; updatedAt: string }>>('GET', '/rest/workflows');
		return [...rows].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
	}

	async getWorkflow(id: string): Promise<StoredWorkflow> {
		return await this.call<StoredWorkflow>('GET', `/rest/workflows/${id}`);
	}

	/** Publishes the workflow's current version and activates it (1.123.x has the same endpoint as 2.x). */
	async activateWorkflow(id: string): Promise<StoredWorkflow> {
		const { versionId } = await this.getWorkflow(id);
		return await this.call<StoredWorkflow>('POST', `/rest/workflows/${id}/activate`, { versionId });
	}

	async deactivateWorkflow(id: string): Promise<StoredWorkflow> {
		return await this.call<StoredWorkflow>('POST', `/rest/workflows/${id}/deactivate`, {});
	}

	/**
	 * Runs a saved workflow the way the editor's "Execute workflow" button does, starting at the
	 * named trigger node, and returns the execution id (the run goes on in the background).
	 */
	async startManualRun(id: string, triggerNodeName: string): Promise<string> {
		const body =
			(await this.major()) >= 2
				? { triggerToStartFrom: { name: triggerNodeName } }
				: { workflowData: await this.getWorkflow(id), triggerToStartFrom: { name: triggerNodeName } };
		const result = await this.call<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/rest/workflows/${id}/run`, body);
		if (!result.executionId) {
			throw new Error(`n8n did not start workflow ${id}: ${JSON.stringify(result)}`);
		}
		return String(result.executionId);
	}

	/** Starts a manual run and waits for it to finish; returns the decoded execution. */
	async runWorkflow(id: string, triggerNodeName: string, timeoutMs = 60_000): Promise<Execution> {
		const executionId = await this.startManualRun(id, triggerNodeName);
		return await this.waitForExecution(executionId, timeoutMs);
	}

	async waitForExecution(executionId: string, timeoutMs = 60_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.getExecution(executionId).catch((error: unknown) => {
				// The execution row appears a moment after /run answers.
				if (error instanceof N8nRequestError && error.status === 404) return null;
				throw error;
			});
			if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return execution;
			if (Date.now() > deadline) {
				throw new Error(`Execution ${executionId} still ${execution?.status ?? 'missing'} after ${timeoutMs} ms`);
			}
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
	}

	async getExecution(executionId: string): Promise<Execution> {
		const raw = await this.call<Omit<Execution, 'data'> & { data: string }>('GET', `/rest/executions/${executionId}`);
		return { ...raw, id: String(raw.id), data: parseFlatted(raw.data) as RunExecutionData };
	}

	async listExecutions(workflowId?: string): Promise<Array<{ id: string; status: string; mode: string; workflowId: string }>> {
		const query = workflowId ? `?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}` : '';
		const page = await this.call<{ results: Array<{ id: string; status: string; mode: string; workflowId: string }> }>(
			'GET',
			`/rest/executions${query}`,
		);
		return page.results;
	}

	/** Every node type n8n loaded (what the editor's node panel shows). */
	async nodeTypes(): Promise<Array<{ name: string; displayName: string; version: number | number[]; [key: string]: unknown }>> {
		return await this.getJson('/types/nodes.json');
	}

	async credentialTypes(): Promise<Array<{ name: string; displayName: string; [key: string]: unknown }>> {
		return await this.getJson('/types/credentials.json');
	}

	/** What Settings → Community Nodes lists (rows of n8n's installed_packages table). */
	async communityPackages(): Promise<Array<{ packageName: string; installedVersion: string; installedNodes: Array<{ type: string }> }>> {
		return await this.call('GET', '/rest/community-packages');
	}

	/** The signed-in user's personal project, where the editor creates data tables. */
	async personalProjectId(): Promise<string> {
		return (await this.call<{ id: string }>('GET', '/rest/projects/personal')).id;
	}

	/** Creates an n8n Data table (Overview → Data tables) in the personal project. */
	async createDataTable(name: string, columns: Array<{ name: string; type: DataTableColumnType }>): Promise<DataTable> {
		const projectId = await this.personalProjectId();
		const created = await this.call<{ id: string; name: string }>('POST', `/rest/projects/${projectId}/data-tables`, { name, columns });
		return { id: String(created.id), name: created.name, projectId };
	}

	async insertDataTableRows(table: DataTable, rows: Array<Record<string, unknown>>): Promise<void> {
		await this.call('POST', `/rest/projects/${table.projectId}/data-tables/${table.id}/insert`, { data: rows, returnType: 'count' });
	}

	/** Every row, oldest first. */
	async dataTableRows(table: DataTable): Promise<DataTableRow[]> {
		const page = await this.call<{ count: number; data: DataTableRow[] }>(
			'GET',
			`/rest/projects/${table.projectId}/data-tables/${table.id}/rows?take=1000&skip=0&sortBy=${encodeURIComponent('id:asc')}`,
		);
		return page.data;
	}

	/** Calls an internal REST endpoint and unwraps n8n's `{ data }` envelope. */
	async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const parsed = (await this.send(method, path, body)) as { data?: T } | T;
		return parsed !== null && typeof parsed === 'object' && 'data' in parsed ? (parsed.data as T) : (parsed as T);
	}

	private async getJson<T>(path: string): Promise<T> {
		return (await this.send('GET', path)) as T;
	}

	private async send(method: string, path: string, body?: unknown): Promise<unknown> {
		const response = await request(`${this.baseUrl}${path}`, {
			method: method as 'GET',
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		this.rememberCookie(response.headers['set-cookie']);
		const text = await response.body.text();
		if (response.statusCode >= 400) throw new N8nRequestError(method, path, response.statusCode, text);
		return text ? (JSON.parse(text) as unknown) : undefined;
	}

	private rememberCookie(setCookie: string | string[] | undefined): void {
		for (const header of [setCookie ?? []].flat()) {
			const [pair] = header.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
	}

	private async major(): Promise<number> {
		if (this.majorVersion === null) this.majorVersion = Number((await this.n8nVersion()).split('.')[0]);
		return this.majorVersion;
	}
}

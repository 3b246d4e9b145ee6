/**
 * Runs a workflow (nodes + connections, as exported from n8n) through n8n-core's
 * WorkflowExecute, the way n8n's CLI runs one:
 * - `manual` (default): what "Execute workflow" does: `WorkflowExecute.run()` from the
 *   start node; a trigger start node (e.g. `test.items`) is run in manual mode.
 * - `trigger`: what a production trigger does: the trigger's emitted items (`triggerItems`)
 *   become the start node's input and `processRunExecutionData` runs the rest.
 * Cancellation follows `ActiveExecutions.stopExecution`: the PCancelable is cancelled,
 * which aborts the execution's AbortSignal (in-flight requests included). A timeout
 * follows the WorkflowRunner: `executionTimeoutTimestamp` plus a timer that cancels.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IConnections,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IPinData,
	IRun,
	IRunData,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowSettings,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData, deepCopy } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { buildRegistry, selectCredentials, type Registry, type RegistryOptions } from './registry';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	staticData?: IDataObject;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
}

export interface RunWorkflowOptions extends RegistryOptions {
	/** Aborting it cancels the execution as n8n's "Stop" does. */
	signal?: AbortSignal;
	/** Workflow timeout (n8n's `executionTimeout` setting, here in ms). */
	timeoutMs?: number;
	/** `manual` (default) or `trigger` (production run started by a trigger's items). */
	mode?: 'manual' | 'trigger';
	/** Start node name; default: n8n's choice (the first trigger). */
	startNode?: string;
	/** Stop after this node (manual mode only, like "Execute step"). */
	destinationNode?: string;
	/** `trigger` mode: what the start (trigger) node emitted. Default: one empty item. */
	triggerItems?: INodeExecutionData[][];
}

export interface RunWorkflowResult {
	status: ExecutionStatus;
	runData: IRunData;
	/** The workflow-level error, if the execution failed. */
	error?: ExecutionError;
	/** Items a node put on an output, for one of its runs. Throws if the node did not run. */
	outputOf(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** Names of the nodes in the order they finished. */
	executedNodes: string[];
	/**
	 * The static data n8n would save after this execution (`newStaticData` of the
	 * `workflowExecuteAfter` hook; the CLI skips saving it in manual mode), or undefined
	 * when the execution did not change it.
	 */
	changedStaticData?: IDataObject;
	/** The full IRun n8n would store. */
	run: IRun;
	/** Stored credential data after the run (reflects preAuthentication refreshes). */
	storedCredential(type: string): ICredentialDataDecryptedObject | undefined;
}

let executionCounter = 0;

function withNodeIds(nodes: INode[]): INode[] {
	return nodes.map((node, index) => ({
		...node,
		id: node.id ?? `node-${index}`,
		position: node.position ?? [index * 200, 0],
		parameters: node.parameters ?? {},
	}));
}

export function buildWorkflow(
	workflowJson: WorkflowJson,
	registry: Registry,
	credentialTypeNames: string[],
	workflowId: string,
): { workflow: Workflow; workflowData: IWorkflowBase } {
	const nodes = selectCredentials(withNodeIds(workflowJson.nodes), registry, credentialTypeNames);
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...(workflowJson.settings ?? {}) };
	const workflow = new Workflow({
		id: workflowId,
		name: workflowJson.name ?? 'Harness workflow',
		nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes: registry.nodeTypes,
		staticData: deepCopy(workflowJson.staticData ?? {}),
		settings,
		pinData: workflowJson.pinData,
	});
	const now = new Date();
	const workflowData = {
		id: workflowId,
		name: workflow.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		nodes,
		connections: workflowJson.connections,
		settings,
		createdAt: now,
		updatedAt: now,
		activeVersionId: null,
	} as IWorkflowBase;
	return { workflow, workflowData };
}

function outputReader(runData: IRunData) {
	return (nodeName: string, outputIndex = 0, runIndex = 0): INodeExecutionData[] => {
		const runs = runData[nodeName];
		if (!runs) {
			const ran = Object.keys(runData).join(', ') || 'none';
			const errors = Object.entries(runData)
				.flatMap(([name, taskRuns]) => taskRuns.map((t) => (t.error ? `${name}: ${t.error.message}` : '')))
				.filter(Boolean)
				.join('; ');
			throw new Error(`Node "${nodeName}" did not run (ran: ${ran})${errors ? `; errors: ${errors}` : ''}`);
		}
		const task = runs[runIndex];
		if (!task) throw new Error(`Node "${nodeName}" has no run ${runIndex} (it ran ${runs.length} times)`);
		return task.data?.main?.[outputIndex] ?? [];
	};
}

export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunWorkflowOptions = {},
): Promise<RunWorkflowResult> {
	const registry = await buildRegistry(options);
	const executionId = `harness-${++executionCounter}`;
	const mode = options.mode ?? 'manual';
	const { workflow, workflowData } = buildWorkflow(
		workflowJson,
		registry,
		Object.keys(options.credentials ?? {}),
		`harness-workflow-${executionCounter}`,
	);

	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});
	let changedStaticData: IDataObject | undefined;
	let afterHookRun: (run: IRun) => void = () => {};
	const afterHook = new Promise<IRun>((resolve) => (afterHookRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData, newStaticData) => {
		if (newStaticData) changedStaticData = deepCopy(newStaticData);
		afterHookRun(fullRunData);
	});

	const additionalData = buildAdditionalData({
		credentialsHelper: registry.credentialsHelper,
		executionId,
		workflowId: workflow.id,
		hooks,
		executionTimeoutTimestamp:
			options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs,
	});

	let workflowExecute: WorkflowExecute;
	let execution: ReturnType<WorkflowExecute['run']>;
	if (mode === 'manual') {
		workflowExecute = new WorkflowExecute(additionalData, mode);
		execution = workflowExecute.run({
			workflow,
			startNode: options.startNode ? (workflow.getNode(options.startNode) ?? undefined) : undefined,
			destinationNode: options.destinationNode
				? { nodeName: options.destinationNode, mode: 'inclusive' }
				: undefined,
			pinData: workflowJson.pinData,
		});
	} else {
		const startNode = options.startNode
			? workflow.getNode(options.startNode)
			: workflow.getStartNode();
		if (!startNode) throw new Error('The workflow has no start node');
		const runExecutionData: IRunExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: startNode, data: { main: options.triggerItems ?? [[{ json: {} }]] }, source: null },
				],
			},
		});
		workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
		execution = workflowExecute.processRunExecutionData(workflow);
	}

	const cancel = () => execution.cancel();
	if (options.signal?.aborted) cancel();
	options.signal?.addEventListener('abort', cancel, { once: true });
	const timer =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					workflowExecute.timedOut = true;
					cancel();
				}, options.timeoutMs);

	let run: IRun;
	try {
		// A cancelled execution reports through the hook; a finished one resolves.
		run = await Promise.race([execution, afterHook]);
	} finally {
		options.signal?.removeEventListener('abort', cancel);
		if (timer) clearTimeout(timer);
	}

	const runData = run.data.resultData.runData;
	return {
		status: run.status,
		runData,
		error: run.data.resultData.error,
		outputOf: outputReader(runData),
		executedNodes,
		changedStaticData,
		run,
		storedCredential: (type) => registry.credentialsHelper.stored(type),
	};
}

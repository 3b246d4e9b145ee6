/**
 * Runs a polling trigger the way an active n8n workflow runs it, with n8n's rules for
 * what static data survives. Sources (n8n-io/n8n, 2.x):
 * - packages/cli/src/active-workflow-manager.ts `add()`: builds the Workflow from the
 *   stored row (stored static data), registers triggers and pollers, and *after*
 *   activation calls `workflowStaticDataService.saveStaticData(workflow)`; a failed
 *   activation throws before that save and is retried later.
 * - n8n-core execution-engine/active-workflow-triggers.ts `activatePollTrigger()`:
 *   rejects sub-minute poll times, then runs the poll once at once
 *   (`executePollTrigger(true)`: errors propagate, the activation holds the isolate).
 * - n8n-core execution-engine/poll-trigger-executor.ts: each scheduled poll acquires an
 *   expression isolate, runs `poll()`, calls `__emit` when it returned items, and routes
 *   an error to `__emitError` (an error execution; nothing saved).
 * - active-workflow-manager.ts `getExecutePollFunctions()`: `__emit` calls
 *   `saveStaticData(workflow)` and starts the execution.
 * - packages/cli/src/workflows/workflow-static-data.service.ts `saveStaticData()`: writes
 *   `workflow.staticData` only if `staticData.__dataChanged === true` (set by
 *   n8n-workflow's ObservableObject on any write), then clears the flag.
 * So: a scheduled poll's static-data changes are written only when it returns items
 * (and then everything changed in memory since the last save goes with them); a poll
 * returning null keeps them in memory, lost on restart; a poll that throws saves
 * nothing; the activation poll's changes are saved once activation succeeds, even if it
 * returned null. Manual mode ("Fetch Test Event") runs the node in a manual execution
 * built from the stored workflow each time (WorkflowExecute.executePollNode), and the
 * CLI never saves static data for manual executions.
 */
import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IPollFunctions,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowActivateMode,
} from 'n8n-workflow';
import {
	UserError,
	WorkflowActivationError,
	deepCopy,
	isSubMinuteCron,
	toCronExpression,
} from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { buildRegistry, type Registry, type RegistryOptions } from './registry';
import { buildWorkflow, runWorkflow, type WorkflowJson } from './run-workflow';

export interface PollRunnerOptions extends RegistryOptions {
	/** The polling trigger node's name. */
	triggerNodeName: string;
	/** `trigger` (default): an active workflow. `manual`: "Fetch Test Event" in the editor. */
	mode?: 'trigger' | 'manual';
	/**
	 * What `getPollBudgetMs()` answers: a number as n8n 2.x's durable scheduler gives it (its
	 * timeout less its margin), `'absent'` for n8n 1.x, which does not have the method; by
	 * default n8n-core's legacy poller's answer (5 minutes).
	 */
	pollBudgetMs?: number | 'absent';
}

export type PollKind = 'activation' | 'scheduled' | 'manual';

export interface PollRecord {
	kind: PollKind;
	/** What poll() returned (null: nothing new). */
	items: INodeExecutionData[][] | null;
	/** Whether n8n would have written static data to the database after this poll. */
	saved: boolean;
	error?: Error;
}

export interface PollRunner {
	/**
	 * Runs one poll. The first call (and the first after `restart()`) is the activation
	 * poll; later calls are scheduled polls. Resolves with the emitted items or null;
	 * rejects with the poll's error (a failed activation is retried on the next call).
	 */
	poll(): Promise<INodeExecutionData[][] | null>;
	/** The trigger node's static data as stored in the database (a copy). */
	staticData(): IDataObject;
	/** The trigger node's static data as held in memory by the running process (a copy). */
	liveStaticData(): IDataObject;
	/** The whole workflow static data as stored (keys like `node:<name>`). */
	storedWorkflowStaticData(): IDataObject;
	/** Simulates an n8n restart: in-memory state is dropped, the stored copy stays. */
	restart(): void;
	/** Every poll so far, oldest first. */
	readonly history: readonly PollRecord[];
}

interface ActiveState {
	workflow: Workflow;
	node: INode;
	pollFunctions: IPollFunctions;
	executePoll: (testingTrigger?: boolean) => Promise<void>;
	emitted?: INodeExecutionData[][];
	emittedError?: Error;
	savedDuringPoll: boolean;
}

let pollWorkflowCounter = 0;

function nodeKey(nodeName: string) {
	return `node:${nodeName}`;
}

function plain(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

export function createPollRunner(workflowJson: WorkflowJson, options: PollRunnerOptions): PollRunner {
	const mode = options.mode ?? 'trigger';
	const workflowId = `harness-poll-workflow-${++pollWorkflowCounter}`;
	let stored: IDataObject = deepCopy(workflowJson.staticData ?? {});
	let registryPromise: Promise<Registry> | undefined;
	let active: ActiveState | undefined;
	const history: PollRecord[] = [];
	let activationMode: WorkflowActivateMode = 'activate';

	const registry = async () => await (registryPromise ??= buildRegistry(options));
	const credentialTypeNames = Object.keys(options.credentials ?? {});

	/** WorkflowStaticDataService.saveStaticData */
	function saveStaticData(workflow: Workflow): boolean {
		if (workflow.staticData.__dataChanged !== true) return false;
		stored = plain(workflow.staticData);
		workflow.staticData.__dataChanged = false;
		return true;
	}

	async function activate(): Promise<ActiveState> {
		const reg = await registry();
		const { workflow } = buildWorkflow(
			{ ...workflowJson, staticData: deepCopy(stored) },
			reg,
			credentialTypeNames,
			workflowId,
		);
		const node = workflow.getNode(options.triggerNodeName);
		if (!node) throw new Error(`No node named "${options.triggerNodeName}" in the workflow`);
		const additionalData: IWorkflowExecuteAdditionalData = buildAdditionalData({
			credentialsHelper: reg.credentialsHelper,
			executionId: `${workflowId}-poll`,
			workflowId,
		});
		const state = { workflow, node, savedDuringPoll: false } as ActiveState;
		const __emit: IPollFunctions['__emit'] = (data) => {
			state.savedDuringPoll = saveStaticData(workflow) || state.savedDuringPoll;
			state.emitted = data;
		};
		const __emitError: IPollFunctions['__emitError'] = (error) => {
			state.emittedError = error;
		};
		state.pollFunctions = new PollContext(
			workflow,
			node,
			additionalData,
			'trigger',
			activationMode,
			__emit,
			__emitError,
			undefined,
			undefined,
			undefined,
			typeof options.pollBudgetMs === 'number' ? () => options.pollBudgetMs as number : undefined,
		);
		if (options.pollBudgetMs === 'absent') delete (state.pollFunctions as Partial<IPollFunctions>).getPollBudgetMs;
		state.executePoll = Container.get(PollTriggerExecutor).create(
			workflow,
			node,
			state.pollFunctions,
			() => active === state,
		);
		return state;
	}

	async function activationPoll(): Promise<INodeExecutionData[][] | null> {
		let state: ActiveState | undefined;
		try {
			state = await activate();
			active = state;
			const { workflow } = state;
			// The CLI holds one isolate for the whole activation.
			await workflow.expression.acquireIsolate();
			try {
				const pollTimes = state.pollFunctions.getNodeParameter('pollTimes') as {
					item?: Array<Parameters<typeof toCronExpression>[0]>;
				};
				if ((pollTimes.item ?? []).map(toCronExpression).some(isSubMinuteCron)) {
					throw new UserError('The polling interval is too short. It has to be at least a minute.');
				}
				await state.executePoll(true);
			} finally {
				await workflow.expression.releaseIsolate();
			}
		} catch (error) {
			active = undefined;
			const cause = error as Error;
			const wrapped = new WorkflowActivationError(
				`There was a problem activating the workflow: "${cause.message}"`,
				{ cause, node: state?.node },
			);
			history.push({ kind: 'activation', items: null, saved: false, error: wrapped });
			throw wrapped;
		}
		const saved = saveStaticData(state.workflow) || state.savedDuringPoll;
		const items = state.emitted ?? null;
		history.push({ kind: 'activation', items, saved });
		return items;
	}

	async function scheduledPoll(state: ActiveState): Promise<INodeExecutionData[][] | null> {
		state.emitted = undefined;
		state.emittedError = undefined;
		state.savedDuringPoll = false;
		await state.executePoll(false);
		if (state.emittedError) {
			const error = state.emittedError as Error;
			history.push({ kind: 'scheduled', items: null, saved: false, error });
			throw error;
		}
		const items = state.emitted ?? null;
		history.push({ kind: 'scheduled', items, saved: state.savedDuringPoll });
		return items;
	}

	async function manualPoll(): Promise<INodeExecutionData[][] | null> {
		const result = await runWorkflow(
			{ ...workflowJson, staticData: deepCopy(stored) },
			{
				...options,
				mode: 'manual',
				startNode: options.triggerNodeName,
				destinationNode: options.triggerNodeName,
			},
		);
		if (result.error) {
			history.push({ kind: 'manual', items: null, saved: false, error: result.error });
			throw result.error;
		}
		const task = result.runData[options.triggerNodeName]?.[0];
		const items = task?.data?.main && task.data.main.some((output) => (output ?? []).length > 0)
			? (task.data.main as INodeExecutionData[][])
			: null;
		history.push({ kind: 'manual', items, saved: false });
		return items;
	}

	return {
		async poll() {
			if (mode === 'manual') return await manualPoll();
			if (!active) return await activationPoll();
			return await scheduledPoll(active);
		},
		staticData: () => deepCopy((stored[nodeKey(options.triggerNodeName)] as IDataObject) ?? {}),
		liveStaticData: () => {
			const live = active?.workflow.staticData ?? stored;
			return plain((live[nodeKey(options.triggerNodeName)] as IDataObject) ?? {});
		},
		storedWorkflowStaticData: () => deepCopy(stored),
		restart() {
			active = undefined;
			activationMode = 'init';
		},
		history,
	};
}

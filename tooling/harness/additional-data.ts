/**
 * The `IWorkflowExecuteAdditionalData` an execution gets, shaped like the CLI's
 * `WorkflowExecuteAdditionalData.getBase()`: the credentials helper, base URLs, the
 * lifecycle hooks. Sub-workflows, task runners and AI agents are not part of this
 * package, so asking for them fails loudly instead of pretending.
 */
import { Container } from '@n8n/di';
import { ExternalSecretsProxy, type ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

const notInHarness = (what: string) => async () => {
	throw new UnexpectedError(`${what} is not available in the test harness`);
};

export function buildAdditionalData(options: {
	credentialsHelper: ICredentialsHelper;
	executionId: string;
	workflowId: string;
	hooks?: ExecutionLifecycleHooks;
	executionTimeoutTimestamp?: number;
}): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper: options.credentialsHelper,
		executionId: options.executionId,
		workflowId: options.workflowId,
		hooks: options.hooks,
		executionTimeoutTimestamp: options.executionTimeoutTimestamp,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		executeWorkflow: notInHarness('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: notInHarness('A task runner'),
	} as IWorkflowExecuteAdditionalData;
}

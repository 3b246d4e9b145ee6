/**
 * Engine-backed test harness: runs real workflows through n8n-core's WorkflowExecute
 * with this package's nodes and credential registered. See README.md in this folder.
 */
import './env';

export { runWorkflow, type RunWorkflowOptions, type RunWorkflowResult, type WorkflowJson } from './run-workflow';
export {
	createPollRunner,
	type PollRunner,
	type PollRunnerOptions,
	type PollRecord,
	type PollKind,
} from './poll-runner';
export { testCredential } from './credential-test';
export { readBinary } from './binary';
export { node, chain } from './workflow-builder';
export { ensureEngine, stopEngine, activeExpressionEngine } from './engine';
export {
	PACKAGE_NAME,
	XHS_NODE_TYPE,
	XHS_TRIGGER_NODE_TYPE,
	XHS_CREDENTIAL_TYPE,
} from './package-loader';
export { API_CALL_TYPE, FEED_POLL_TYPE, ITEMS_SOURCE_TYPE } from './test-nodes';
export { harnessUserFolder } from './env';

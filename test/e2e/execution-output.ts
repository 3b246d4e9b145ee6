import type { Execution } from '../../tooling/n8n/rest-client';

/** The JSON of the items a node put on its first output in the first run of an execution. */
export function nodeOutput(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const run = execution.data.resultData.runData[nodeName]?.[0];
	if (!run) throw new Error(`Node "${nodeName}" did not run; last node: ${execution.data.resultData.lastNodeExecuted ?? 'none'}`);
	return (run.data?.main?.[0] ?? []).map((item) => item.json as Record<string, unknown>);
}

/** The error n8n recorded for the run (message + description), as the editor shows it. */
export function executionError(execution: Execution): { message: string; description?: string } {
	const error = execution.data.resultData.error;
	if (!error) throw new Error(`Execution ${execution.id} has no error (status ${execution.status})`);
	return { message: error.message, description: error.description };
}

/** Small helpers to write workflow JSON in tests without repeating n8n's boilerplate. */
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from './run-workflow';

export function node(
	name: string,
	type: string,
	parameters: INodeParameters = {},
	extra: Partial<INode> = {},
): INode {
	return { id: name, name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

/** A workflow whose nodes are connected in order, each main output 0 to the next input 0. */
export function chain(...nodes: INode[]): WorkflowJson {
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

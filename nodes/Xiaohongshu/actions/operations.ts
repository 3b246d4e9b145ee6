/**
 * Every resource and operation of the action node, in one map: the node's properties,
 * subtitle and hints and the router's lookup all come from it. A new operation is its folder
 * plus one entry in its resource's index; a new resource is one entry here.
 */
import type { INodeProperties, NodeHint } from 'n8n-workflow';

import { toolDescriptionProperties } from './common/toolMode';
import * as note from './note';
import type { OperationEntry, ResourceOperations } from './registry';
import * as user from './user';

interface ResourceEntry {
	option: { name: string; description: string };
	operations: ResourceOperations;
}

/** The resources, the default first. */
export const RESOURCES = {
	note: {
		option: { name: 'Note', description: 'A post: images or a video, with its text and engagement' },
		operations: note.operations,
	},
	user: { option: { name: 'User', description: "A creator's profile" }, operations: user.operations },
} satisfies Record<string, ResourceEntry>;

export type Resource = keyof typeof RESOURCES;

const resourceNames = Object.keys(RESOURCES) as Resource[];
const defaultResource = resourceNames[0];

/** The registered operation, or undefined for a resource or operation the node does not have. */
export function findOperation(resource: string, operation: string): OperationEntry | undefined {
	if (!Object.hasOwn(RESOURCES, resource)) return undefined;
	const operations: ResourceOperations = RESOURCES[resource as Resource].operations;
	return Object.hasOwn(operations, operation) ? operations[operation] : undefined;
}

/** Every registered operation with its resource, in the order the node lists them. */
export function allOperations(): Array<{ resource: Resource; operation: string; entry: OperationEntry }> {
	return resourceNames.flatMap((resource) =>
		Object.entries(RESOURCES[resource].operations as ResourceOperations).map(([operation, entry]) => ({ resource, operation, entry })),
	);
}

function operationProperty(resource: Resource): INodeProperties {
	const operations: ResourceOperations = RESOURCES[resource].operations;
	const values = Object.keys(operations);
	const defaultOperation = values[0];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: values.map((value) => {
			const { name, action, description } = operations[value].option;
			return { name, value, action, description };
		}),
		default: defaultOperation,
	};
}

/**
 * The node's properties: in tool mode its tool description first (where n8n puts its own),
 * then Resource, then each resource's Operation and its operations' parameters.
 */
export const NODE_PROPERTIES: INodeProperties[] = [
	...toolDescriptionProperties,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resourceNames.map((value) => {
			const { name, description } = RESOURCES[value].option;
			return { name, value, description };
		}),
		default: defaultResource,
	},
	...resourceNames.flatMap((resource) => [
		operationProperty(resource),
		...Object.values(RESOURCES[resource].operations as ResourceOperations).flatMap((entry) => entry.parameters),
	]),
];

/** The cost hints, each shown while its operation is selected. */
export const NODE_HINTS: NodeHint[] = allOperations().flatMap(({ resource, operation, entry }) =>
	entry.costHint === undefined
		? []
		: [
				{
					message: entry.costHint,
					type: 'info',
					location: 'outputPane',
					whenToDisplay: 'beforeExecution',
					displayCondition: `={{ $parameter["resource"] === ${JSON.stringify(resource)} && $parameter["operation"] === ${JSON.stringify(operation)} }}`,
				},
			],
);

/**
 * The subtitle names the selected operation (each entry's `subtitle`). It is written out as
 * n8n has always stored it; test/unit checks it names every registered operation rightly.
 */
export const NODE_SUBTITLE =
	'={{ $parameter["operation"] === "parseLink" ? "Parse Note Link" : $parameter["resource"] === "user" ? "Get User" : "Get Note" }}';

/**
 * The node's outputs: one, as always, unless Detect Changes is on (a parameter only Note → Get
 * and User → Get show; n8n drops a hidden parameter's value), then All and Changed. Written out
 * as an expression n8n evaluates in the editor and at run time, on 1.x as on 2.x.
 */
export const NODE_OUTPUTS =
	'={{ $parameter["detectChanges"] === true ? [{ "type": "main", "displayName": "All" }, { "type": "main", "displayName": "Changed" }] : ["main"] }}';

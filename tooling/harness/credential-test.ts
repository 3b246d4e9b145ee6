/**
 * The editor's "Test" button for a credential whose type declares `test.request`, as
 * n8n's CLI runs it (packages/cli/src/services/credentials-tester.service.ts): defaults
 * applied and expressions resolved, then the request is sent by n8n-core's RoutingNode
 * from a temporary `n8n-nodes-base.noOp`-typed node whose one property routes to the
 * test request; non-2xx answers become `{ status: 'Error' }` (or a matching rule's
 * message), a 2xx answer is OK unless a `responseSuccessBody` rule matches.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeType,
	INodeTypes,
	IRunExecutionData,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { buildRegistry, type RegistryOptions } from './registry';

const NO_OP_TYPE = 'n8n-nodes-base.noOp';

interface RequestError {
	message: string;
	cause?: { response?: { status: number; statusText?: string }; code?: string };
}

function getPath(data: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject)?.[key], data);
}

export async function testCredential(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
	options: Omit<RegistryOptions, 'credentials'> = {},
): Promise<INodeCredentialTestResult> {
	const registry = await buildRegistry({ ...options, credentials: { [credentialType]: data } });
	const type = registry.credentialTypes.getByName(credentialType);
	const testRequest: ICredentialTestRequest | undefined = type.test;
	if (!testRequest) return { status: 'Error', message: 'No testing function found for this credential.' };

	const credentialsDecrypted = {
		id: 'harness-credential-test',
		name: 'Harness credential',
		type: credentialType,
		data: undefined as ICredentialDataDecryptedObject | undefined,
	};
	const additionalData = buildAdditionalData({
		credentialsHelper: registry.credentialsHelper,
		executionId: 'harness-credential-test',
		workflowId: 'harness-credential-test',
	});
	try {
		credentialsDecrypted.data = await registry.credentialsHelper.applyDefaultsAndResolve(
			additionalData,
			data,
			credentialType,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}

	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: NO_OP_TYPE,
			group: ['organization'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: NO_OP_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: {
			[credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const runExecutionData: IRunExecutionData = createRunExecutionData({ resultData: { runData: {} } });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	await workflow.expression.acquireIsolate();
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (caught) {
		const error = caught as RequestError;
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message };
	} finally {
		await workflow.expression.releaseIsolate();
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json ?? {};
		if (getPath(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * `test.apiCall`: calls the `parseXhsApi` credential's base URL through
 * `this.helpers.httpRequestWithAuthentication`, one request per item, the way the
 * package's nodes do. Used to prove the harness applies the credential, resolves
 * expressions, pairs items, honours continueOnFail and stores binary data.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export const API_CALL_TYPE = 'test.apiCall';

export class ApiCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test API Call',
		name: API_CALL_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Calls the parse.bot stand-in with the parseXhsApi credential (test harness only)',
		defaults: { name: 'API Call' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'parseXhsApi', required: true }],
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '/echo',
				description: 'Path under the credential base URL',
			},
			{
				displayName: 'Link',
				name: 'link',
				type: 'string',
				default: '',
				description: 'Sent as the `link` query parameter',
			},
			{
				displayName: 'Response Format',
				name: 'responseFormat',
				type: 'options',
				default: 'json',
				options: [
					{ name: 'JSON', value: 'json' },
					{ name: 'File', value: 'file' },
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials<{ baseUrl: string }>('parseXhsApi');
		const baseUrl = credentials.baseUrl.replace(/\/+$/, '');
		const returnData: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const path = this.getNodeParameter('path', itemIndex) as string;
				const link = this.getNodeParameter('link', itemIndex) as string;
				const responseFormat = this.getNodeParameter('responseFormat', itemIndex) as string;
				const request: IHttpRequestOptions = {
					method: 'GET',
					url: `${baseUrl}${path}`,
					qs: link ? { link } : {},
					json: responseFormat === 'json',
				};
				if (responseFormat === 'file') {
					request.encoding = 'arraybuffer';
					request.returnFullResponse = true;
					const response = (await this.helpers.httpRequestWithAuthentication.call(
						this,
						'parseXhsApi',
						request,
					)) as { body: ArrayBuffer; headers: IDataObject };
					const binary = await this.helpers.prepareBinaryData(
						Buffer.from(response.body),
						'download.bin',
						String(response.headers['content-type'] ?? 'application/octet-stream'),
					);
					returnData.push({ json: {}, binary: { data: binary }, pairedItem: { item: itemIndex } });
				} else {
					const body = (await this.helpers.httpRequestWithAuthentication.call(
						this,
						'parseXhsApi',
						request,
					)) as IDataObject;
					returnData.push({ json: body, pairedItem: { item: itemIndex } });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({
						json: { error: (error as Error).message },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				if (error instanceof NodeApiError || error instanceof NodeOperationError) {
					error.context.itemIndex = itemIndex;
					throw error;
				}
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return [returnData];
	}
}

/**
 * `test.feedPoll`: a polling trigger over the stand-in's `/feed` (a list of `{ id }`
 * objects, ids increasing). It keeps the highest id it has emitted in node static
 * data and counts its polls there too, so a test can see which static-data changes
 * n8n persists: the count changes on every poll, the cursor only when items are new.
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

export const FEED_POLL_TYPE = 'test.feedPoll';

export class FeedPoll implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Feed Poll',
		name: FEED_POLL_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Polls the stand-in feed (test harness only)',
		defaults: { name: 'Feed Poll' },
		polling: true,
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'parseXhsApi', required: true }],
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '/feed',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		state.pollCount = ((state.pollCount as number | undefined) ?? 0) + 1;
		const lastId = (state.lastId as number | undefined) ?? 0;

		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('parseXhsApi');
		const path = this.getNodeParameter('path') as string;
		const feed = (await this.helpers.httpRequestWithAuthentication.call(this, 'parseXhsApi', {
			method: 'GET',
			url: `${baseUrl.replace(/\/+$/, '')}${path}`,
			json: true,
		})) as { items: Array<IDataObject & { id: number }> };

		const fresh = feed.items.filter((item) => item.id > lastId);
		if (fresh.length === 0) return null;
		state.lastId = Math.max(...fresh.map((item) => item.id));
		return [this.helpers.returnJsonArray(fresh)];
	}
}

/**
 * `test.items`: a manual trigger that emits the items given in its `items` parameter
 * (a JSON array, or an array value), standing in for n8n's Manual Trigger + pinned data.
 * Like Manual Trigger it emits from `manualTriggerFunction`, so WorkflowExecute runs it
 * through TriggersAndPollers exactly as it runs a real manual trigger.
 */
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

export const ITEMS_SOURCE_TYPE = 'test.items';

export class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: ITEMS_SOURCE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits the given items (test harness only)',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Items',
				name: 'items',
				type: 'json',
				default: '[{}]',
				description: 'JSON array of objects; each becomes one item',
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const raw = this.getNodeParameter('items', '[{}]') as string | IDataObject[] | IDataObject;
		const parsed = typeof raw === 'string' ? jsonParse<unknown>(raw) : raw;
		const items = Array.isArray(parsed) ? parsed : [parsed];
		if (items.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
			throw new NodeOperationError(this.getNode(), 'Every item must be a JSON object');
		}
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray(items as IDataObject[])]);
		};
		return { manualTriggerFunction };
	}
}

/** Test-only node types the harness always registers (n8n-nodes-base is not installed). */
import type { INodeType } from 'n8n-workflow';

import { API_CALL_TYPE, ApiCall } from './ApiCall.node';
import { FEED_POLL_TYPE, FeedPoll } from './FeedPoll.node';
import { ITEMS_SOURCE_TYPE, ItemsSource } from './ItemsSource.node';

export { API_CALL_TYPE, FEED_POLL_TYPE, ITEMS_SOURCE_TYPE };

/** Fresh instances each call: the engine may mutate descriptions (polling parameters). */
export function testNodeTypes(): Record<string, INodeType> {
	return {
		[ITEMS_SOURCE_TYPE]: new ItemsSource(),
		[API_CALL_TYPE]: new ApiCall(),
		[FEED_POLL_TYPE]: new FeedPoll(),
	};
}

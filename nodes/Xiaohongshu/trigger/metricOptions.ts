/**
 * The Metrics options, generated from the metric lists the engine follows
 * (domain/watch/engagementMetrics.ts): a metric added there must get its label here, or the
 * build fails.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { CREATOR_METRICS, NOTE_METRICS } from '../domain/watch/engagementMetrics';
import type { Metric } from '../domain/watch/engagementMetrics';

const METRIC_OPTIONS: Record<Metric, Omit<INodePropertyOptions, 'value'>> = {
	likes: { name: 'Likes' },
	collects: { name: 'Collects' },
	comments: { name: 'Comments' },
	shares: { name: 'Shares' },
	engagement: {
		name: 'Engagement',
		description: 'Likes + collects + comments + shares, judged by what the four displays prove together',
	},
	followers: { name: 'Followers' },
	following: { name: 'Following' },
	likesAndCollects: { name: 'Likes and Collects' },
};

/** A metric as the editor names it ("Likes and Collects"), for texts and messages. */
export function metricLabel(metric: Metric): string {
	return METRIC_OPTIONS[metric].name;
}

/** n8n lists options alphabetically by name. */
function optionsFor(metrics: readonly Metric[]): INodePropertyOptions[] {
	return metrics
		.map((metric) => {
			const { name, ...rest } = METRIC_OPTIONS[metric];
			return { name, value: metric, ...rest };
		})
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export const NOTE_METRIC_OPTIONS = optionsFor(NOTE_METRICS);
export const CREATOR_METRIC_OPTIONS = optionsFor(CREATOR_METRICS);

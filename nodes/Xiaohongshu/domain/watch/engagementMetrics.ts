/**
 * The counts a watch can follow. Notes and creators expose different counts, and the
 * trigger names them the way a marketer does ("likes", "followers"), not the way the
 * API spells them (`liked_count`, `fans`).
 */

export type WatchKind = 'note' | 'creator';

export type NoteMetric = 'likes' | 'collects' | 'comments' | 'shares' | 'engagement';
export type CreatorMetric = 'followers' | 'following' | 'likesAndCollects';
export type Metric = NoteMetric | CreatorMetric;

export const NOTE_METRICS: readonly NoteMetric[] = ['likes', 'collects', 'comments', 'shares', 'engagement'];
export const CREATOR_METRICS: readonly CreatorMetric[] = ['followers', 'following', 'likesAndCollects'];

/** Lower-case nouns, for summaries ("likes 3.5万 → 4.2万"). */
export const METRIC_NOUNS: Record<Metric, string> = {
	likes: 'likes',
	collects: 'collects',
	comments: 'comments',
	shares: 'shares',
	engagement: 'engagement',
	followers: 'followers',
	following: 'following',
	likesAndCollects: 'likes and collects',
};

export function metricsOf(kind: WatchKind): readonly Metric[] {
	return kind === 'note' ? NOTE_METRICS : CREATOR_METRICS;
}

/** Keeps the metrics that exist for `kind`, in their canonical order, without repeats. */
export function selectMetrics(kind: WatchKind, wanted: readonly string[]): Metric[] {
	const allowed = metricsOf(kind);
	return allowed.filter((metric) => wanted.includes(metric));
}

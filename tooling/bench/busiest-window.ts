/**
 * The most of `times` (epoch ms, any order) within any sliding window of `windowMs`: how close a
 * run of calls came to a rate limit enforced over that window. Linear after the sort.
 */
export function busiestWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	let first = 0;
	for (let last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

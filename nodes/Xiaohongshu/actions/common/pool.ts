/**
 * Bounded concurrency: runs `work` for the indexes 0 … count-1, at most `limit` at a time,
 * starting them in index order. No new index starts once `stopped()` says so or once a call
 * has thrown; the first error thrown is rethrown after the calls in flight have ended.
 */
export async function forEachInPool(
	count: number,
	limit: number,
	work: (index: number) => Promise<void>,
	stopped: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	let failed = false;
	let failure: unknown;
	const worker = async () => {
		while (!failed && !stopped() && next < count) {
			const index = next++;
			try {
				await work(index);
			} catch (error) {
				if (!failed) failure = error;
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(0, Math.min(limit, count)) }, worker));
	if (failed) throw failure;
}

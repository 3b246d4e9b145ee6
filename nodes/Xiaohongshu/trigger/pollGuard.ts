/**
 * One poll of a trigger node at a time in this process. The legacy pollers (n8n 1.x, and 2.x
 * without the durable scheduler) start the next poll on time even while the last still runs
 * (the activation poll and the first scheduled one often meet), and n8n 2.x leaves a poll it
 * abandoned running in the background. A second poll started then would read the state the first
 * has not written yet, fetch the same entries and could alert twice; it returns at once instead.
 */
const running = new Set<string>();

export async function onePollAtATime<T>(key: string, poll: () => Promise<T>, whenBusy: T): Promise<T> {
	if (running.has(key)) return whenBusy;
	running.add(key);
	try {
		return await poll();
	} finally {
		running.delete(key);
	}
}

import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls a URL until it answers with `status`, returning that response. n8n 2.x registers and
 * removes an activated workflow's webhooks a moment after /activate and /deactivate answer.
 */
export async function waitForStatus(url: string, status: number, timeoutMs = 15_000): Promise<Response> {
	const deadline = Date.now() + timeoutMs;
	let last = 0;
	for (;;) {
		const response = await fetch(url);
		if (response.status === status) return response;
		last = response.status;
		await response.arrayBuffer();
		if (Date.now() > deadline) throw new Error(`${url} still answered ${last}, not ${status}, after ${timeoutMs} ms`);
		await delay(250);
	}
}

import { createServer } from 'node:net';

/** Ports handed out by this process: two n8n instances started here never get the same one. */
const handedOut = new Set<number>();

/**
 * A loopback port nobody listens on now, chosen by the kernel. n8n's defaults (5678 for the
 * editor, 5679 for the task broker) are avoided on purpose: another n8n may hold them.
 */
export async function freeLoopbackPort(): Promise<number> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = createServer();
			server.unref();
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				const chosen = typeof address === 'object' && address ? address.port : 0;
				server.close(() => resolve(chosen));
			});
		});
		if (port > 0 && !handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error('No free loopback port found');
}

/** Whether nothing listens on `port` on loopback now (the demo prefers n8n's usual 5678). */
export async function isLoopbackPortFree(port: number): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

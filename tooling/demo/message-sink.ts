import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { renderMessagesPage } from './slack-render';

export interface SinkMessage {
	receivedAt: string;
	path: string;
	body: unknown;
}

export interface MessageSink {
	/** POST here (any path) to record a JSON body; open it in a browser to read the messages as Slack shows them. */
	url: string;
	messages(): SinkMessage[];
	clear(): void;
	close(): Promise<void>;
}

/**
 * Stands in for Slack's incoming webhook in the demo and the tests: records every POSTed
 * JSON body and answers `ok` as Slack does. GET shows the messages laid out as Slack does
 * (HTML, slack-render.ts); with `?format=json` or `Accept: application/json` it lists the
 * bodies as JSON. DELETE clears them.
 */
export async function startMessageSink(port = 0): Promise<MessageSink> {
	const received: SinkMessage[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			if (req.method === 'POST') {
				const text = Buffer.concat(chunks).toString('utf8');
				let body: unknown = text;
				try {
					body = JSON.parse(text);
				} catch {
					// Slack accepts only JSON; a non-JSON body is kept as text so the mistake is visible.
				}
				received.push({ receivedAt: new Date().toISOString(), path: req.url ?? '/', body });
				res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
				return;
			}
			if (req.method === 'DELETE') {
				received.length = 0;
				res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
				return;
			}
			const wantsJson = (req.url ?? '').includes('format=json') || (req.headers.accept ?? '').startsWith('application/json');
			if (wantsJson) {
				res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(received, null, 2));
				return;
			}
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(renderMessagesPage(received));
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack`;
	return {
		url,
		messages: () => [...received],
		clear: () => {
			received.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

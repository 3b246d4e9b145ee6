/**
 * An OpenAI-compatible model on loopback for tests: `POST /v1/chat/completions` (plain and
 * streamed), `POST /v1/responses` (plain and streamed) and `GET /v1/models` (the model list
 * n8n's editor loads). It plays the model in player.ts and records every request, so a test
 * can assert what the model was shown: the tools it was offered and the tool results it read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { readChatCompletionsRequest, readResponsesRequest, type Conversation } from './conversation';
import { nextMove, type Move } from './player';
import { chatCompletion, chatCompletionChunks, responsesAnswer, responsesEvents, type WireIds } from './wire';

export const STANDIN_MODEL = 'standin-tool-caller';
export const STANDIN_API_KEY = 'sk-standin-test-key';

export interface RecordedModelRequest {
	path: string;
	authorization: string | undefined;
	body: Record<string, unknown>;
	conversation: Conversation;
	move: Move;
}

export interface ModelStandin {
	/** The Base URL to put in n8n's OpenAI credential (ends with /v1). */
	baseUrl: string;
	/** Model requests (chat completions and responses) in arrival order. */
	requests(): RecordedModelRequest[];
	/** How often the model list was asked for. */
	modelListCalls(): number;
	reset(): void;
	close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('The request body is not a JSON object');
	return parsed as Record<string, unknown>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

function openAiError(response: ServerResponse, status: number, message: string, code: string): void {
	sendJson(response, status, { error: { message, type: 'invalid_request_error', param: null, code } });
}

function sendEvents(response: ServerResponse, events: Array<[string | null, unknown]>, endWithDone: boolean): void {
	response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	for (const [name, data] of events) {
		if (name) response.write(`event: ${name}\n`);
		response.write(`data: ${JSON.stringify(data)}\n\n`);
	}
	if (endWithDone) response.write('data: [DONE]\n\n');
	response.end();
}

export async function startModelStandin(options: { apiKey?: string } = {}): Promise<ModelStandin> {
	const apiKey = options.apiKey ?? STANDIN_API_KEY;
	let recorded: RecordedModelRequest[] = [];
	let modelLists = 0;
	let serial = 0;

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const path = (request.url ?? '/').split('?')[0];
		if (request.headers.authorization !== `Bearer ${apiKey}`) {
			openAiError(response, 401, 'Incorrect API key provided', 'invalid_api_key');
			return;
		}
		if (request.method === 'GET' && path === '/v1/models') {
			modelLists++;
			sendJson(response, 200, { object: 'list', data: [{ id: STANDIN_MODEL, object: 'model', created: 1_700_000_000, owned_by: 'tests' }] });
			return;
		}
		const reader =
			request.method === 'POST' && path === '/v1/chat/completions'
				? readChatCompletionsRequest
				: request.method === 'POST' && path === '/v1/responses'
					? readResponsesRequest
					: null;
		if (!reader) {
			openAiError(response, 404, `The stand-in does not serve ${request.method} ${path}`, 'unknown_url');
			return;
		}
		const body = await readJson(request);
		const conversation = reader(body);
		const move = nextMove(conversation);
		recorded.push({ path, authorization: request.headers.authorization, body, conversation, move });
		const ids: WireIds = { serial: String(++serial), model: conversation.model || STANDIN_MODEL, createdSeconds: Math.floor(Date.now() / 1000) };
		if (conversation.api === 'chat') {
			if (conversation.stream) sendEvents(response, chatCompletionChunks(move, ids).map((chunk) => [null, chunk]), true);
			else sendJson(response, 200, chatCompletion(move, ids));
		} else if (conversation.stream) {
			sendEvents(response, responsesEvents(move, ids), false);
		} else {
			sendJson(response, 200, responsesAnswer(move, ids));
		}
	}

	const sockets = new Set<Socket>();
	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			if (!response.headersSent) openAiError(response, 400, error instanceof Error ? error.message : String(error), 'bad_request');
			else response.end();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests: () => [...recorded],
		modelListCalls: () => modelLists,
		reset() {
			recorded = [];
			modelLists = 0;
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * The stand-in driven by the same OpenAI client n8n's OpenAI Chat Model node builds
 * (@langchain/openai's ChatOpenAI, the version n8n 2.40 ships, present here through
 * @n8n/node-cli), on both APIs the node can use. ChatOpenAI is not driven to stream Chat
 * Completions: it then counts tokens with tiktoken, whose encodings it downloads from the
 * internet; that stream is read over plain HTTP below instead.
 */
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { DynamicStructuredTool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';

import { answerFromToolResult, splitUserMessage, startModelStandin, STANDIN_API_KEY, STANDIN_MODEL, type ModelStandin } from '../../../tooling/model-standin';

const SHARE_TEXT = '26 小红书 秋天的第一杯奶茶 http://xhslink.com/a/AbCdEf 复制本条信息，打开【小红书】App查看精彩内容！';
const QUESTION = `How many likes does this note have?\n${SHARE_TEXT}`;

let standin: ModelStandin;

beforeAll(async () => {
	standin = await startModelStandin();
});

afterAll(async () => {
	await standin.close();
});

beforeEach(() => standin.reset());

function noteTool(): DynamicStructuredTool {
	return new DynamicStructuredTool({
		name: 'Get_note',
		description: 'Get a Xiaohongshu note from its share link',
		schema: z.object({ noteLink: z.string().describe('The note share link or share text') }),
		func: async () => 'unused: the test plays the agent',
	});
}

function client(options: { responsesApi: boolean; streaming: boolean }) {
	return new ChatOpenAI({
		apiKey: STANDIN_API_KEY,
		model: STANDIN_MODEL,
		streaming: options.streaming,
		useResponsesApi: options.responsesApi,
		maxRetries: 0,
		configuration: { baseURL: standin.baseUrl },
	}).bindTools([noteTool()]);
}

describe.each([
	{ responsesApi: false, streaming: false, path: '/v1/chat/completions' },
	{ responsesApi: true, streaming: false, path: '/v1/responses' },
	{ responsesApi: true, streaming: true, path: '/v1/responses' },
])('through ChatOpenAI (responses API $responsesApi, streaming $streaming)', (options) => {
	async function askThenAnswer(toolResult: string): Promise<{ call: AIMessage; final: AIMessage }> {
		const model = client(options);
		const history: BaseMessage[] = [new HumanMessage(QUESTION)];
		const call = (await model.invoke(history)) as AIMessage;
		const [toolCall] = call.tool_calls ?? [];
		const final = (await model.invoke([...history, call, new ToolMessage({ content: toolResult, tool_call_id: toolCall?.id ?? 'missing' })])) as AIMessage;
		return { call, final };
	}

	it('calls the offered tool with the share text, then answers with the likes from the tool result', async () => {
		const { call, final } = await askThenAnswer(JSON.stringify([{ noteId: '64f1a2b3c4d5e6f7a8b9c0d1', likes: 9876 }]));
		expect(call.tool_calls).toEqual([expect.objectContaining({ name: 'Get_note', args: { noteLink: SHARE_TEXT } })]);
		expect(final.tool_calls ?? []).toEqual([]);
		expect(final.text).toBe('This note has 9876 likes.');

		const requests = standin.requests();
		expect(requests.map((request) => [request.path, request.conversation.stream])).toEqual([
			[options.path, options.streaming],
			[options.path, options.streaming],
		]);
		expect(requests[0].authorization).toBe(`Bearer ${STANDIN_API_KEY}`);
		const [offered] = requests[0].conversation.tools;
		expect(offered).toMatchObject({ name: 'Get_note', description: 'Get a Xiaohongshu note from its share link' });
		expect(offered.parameters).toMatchObject({
			type: 'object',
			required: ['noteLink'],
			properties: { noteLink: { type: 'string', description: 'The note share link or share text' } },
		});
		expect(requests[0].conversation.toolResults).toEqual([]);
		expect(requests[1].conversation.toolResults).toEqual([
			{ callId: call.tool_calls?.[0].id, content: JSON.stringify([{ noteId: '64f1a2b3c4d5e6f7a8b9c0d1', likes: 9876 }]) },
		]);
	});

	it('passes on the problem when the tool answered with an error', async () => {
		const { final } = await askThenAnswer(JSON.stringify({ error: 'No Xiaohongshu link or note id was found in "hello"' }));
		expect(final.text).toBe('The tool could not look the note up: No Xiaohongshu link or note id was found in "hello"');
	});
});

describe('the stand-in over plain HTTP', () => {
	it('lists its model for the editor and refuses a wrong key the way OpenAI does', async () => {
		const list = await fetch(`${standin.baseUrl}/models`, { headers: { authorization: `Bearer ${STANDIN_API_KEY}` } });
		expect(await list.json()).toMatchObject({ object: 'list', data: [{ id: STANDIN_MODEL, object: 'model' }] });
		expect(standin.modelListCalls()).toBe(1);

		const refused = await fetch(`${standin.baseUrl}/chat/completions`, {
			method: 'POST',
			headers: { authorization: 'Bearer sk-wrong', 'content-type': 'application/json' },
			body: JSON.stringify({ model: STANDIN_MODEL, messages: [{ role: 'user', content: QUESTION }] }),
		});
		expect(refused.status).toBe(401);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
		expect(standin.requests()).toEqual([]);
	});

	it('streams a Chat Completions tool call as chunks whose arguments join up, ending with [DONE]', async () => {
		const answer = await fetch(`${standin.baseUrl}/chat/completions`, {
			method: 'POST',
			headers: { authorization: `Bearer ${STANDIN_API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				model: STANDIN_MODEL,
				stream: true,
				messages: [{ role: 'user', content: QUESTION }],
				tools: [{ type: 'function', function: { name: 'Get_note', description: 'x', parameters: { type: 'object', properties: { link: { type: 'string' } } } } }],
			}),
		});
		expect(answer.headers.get('content-type')).toBe('text/event-stream');
		const events = (await answer.text()).split('\n\n').filter((event) => event.startsWith('data: ')).map((event) => event.slice('data: '.length));
		expect(events[events.length - 1]).toBe('[DONE]');
		const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as { choices: Array<{ delta: { tool_calls?: Array<{ function: { name?: string; arguments: string } }> }; finish_reason: string | null }> });
		const calls = chunks.flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? []);
		expect(calls[0].function.name).toBe('Get_note');
		expect(JSON.parse(calls.map((call) => call.function.arguments).join(''))).toEqual({ link: SHARE_TEXT });
		expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('tool_calls');
		expect(standin.requests()[0].conversation.stream).toBe(true);
	});

	it('answers without a tool call when no share text follows the question', async () => {
		const answer = await fetch(`${standin.baseUrl}/chat/completions`, {
			method: 'POST',
			headers: { authorization: `Bearer ${STANDIN_API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ model: STANDIN_MODEL, messages: [{ role: 'user', content: 'How many likes does this note have?' }] }),
		});
		const body = (await answer.json()) as { choices: Array<{ message: { content: string; tool_calls?: unknown }; finish_reason: string }> };
		expect(body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: expect.stringContaining('paste the note link') } });
		expect(body.choices[0].message.tool_calls).toBeUndefined();
	});

	it('rejects a body that is not JSON with an OpenAI-shaped error', async () => {
		const answer = await fetch(`${standin.baseUrl}/responses`, {
			method: 'POST',
			headers: { authorization: `Bearer ${STANDIN_API_KEY}`, 'content-type': 'application/json' },
			body: '{not json',
		});
		expect(answer.status).toBe(400);
		expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
	});
});

describe('the played model', () => {
	it('takes the first line as the request and the rest as the share text', () => {
		expect(splitUserMessage(`Likes?\n${SHARE_TEXT}\nmore`)).toEqual({ request: 'Likes?', shareText: `${SHARE_TEXT}\nmore` });
		expect(splitUserMessage('Likes?')).toEqual({ request: 'Likes?', shareText: '' });
	});

	it('reads likes from the first item n8n hands over, and says when there are none', () => {
		expect(answerFromToolResult('[{"likes":0}]')).toBe('This note has 0 likes.');
		expect(answerFromToolResult('{"likes":12}')).toBe('This note has 12 likes.');
		expect(answerFromToolResult('[{"title":"x"}]')).toBe('The tool answer held no likes count.');
		expect(answerFromToolResult('not json')).toBe('The tool answered something I could not read: not json');
	});
});

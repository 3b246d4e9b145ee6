/**
 * One reading of a model request, whichever OpenAI API it came through: n8n's OpenAI Chat
 * Model node sends Chat Completions (`messages`) when "Use Responses API" is off and the
 * Responses API (`input`) when it is on (the default from node version 1.3).
 */
export type ModelApi = 'chat' | 'responses';

export interface OfferedTool {
	name: string;
	description: string;
	/** The JSON schema of the tool's arguments, as sent. */
	parameters: Record<string, unknown>;
}

export interface ToolResult {
	callId: string;
	/** The text the model was given as the tool's answer. */
	content: string;
}

export interface Turn {
	role: 'system' | 'user' | 'assistant' | 'tool';
	text: string;
}

export interface Conversation {
	api: ModelApi;
	model: string;
	stream: boolean;
	tools: OfferedTool[];
	turns: Turn[];
	toolResults: ToolResult[];
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Message content is a string or a list of parts (`text`, `input_text`, `output_text`). */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
		.filter((text) => text !== '')
		.join('\n');
}

function asRole(role: unknown): Turn['role'] {
	if (role === 'developer') return 'system';
	if (role === 'system' || role === 'user' || role === 'assistant' || role === 'tool') return role;
	throw new Error(`Unknown message role ${JSON.stringify(role)}`);
}

function chatTools(tools: unknown): OfferedTool[] {
	if (!Array.isArray(tools)) return [];
	return tools.filter(isRecord).map((tool) => {
		const fn = isRecord(tool.function) ? tool.function : {};
		return {
			name: String(fn.name ?? ''),
			description: String(fn.description ?? ''),
			parameters: isRecord(fn.parameters) ? fn.parameters : {},
		};
	});
}

function responsesTools(tools: unknown): OfferedTool[] {
	if (!Array.isArray(tools)) return [];
	return tools
		.filter(isRecord)
		.filter((tool) => tool.type === 'function')
		.map((tool) => ({
			name: String(tool.name ?? ''),
			description: String(tool.description ?? ''),
			parameters: isRecord(tool.parameters) ? tool.parameters : {},
		}));
}

export function readChatCompletionsRequest(body: Json): Conversation {
	const messages = Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
	return {
		api: 'chat',
		model: String(body.model ?? ''),
		stream: body.stream === true,
		tools: chatTools(body.tools),
		turns: messages.map((message) => ({ role: asRole(message.role), text: textOf(message.content) })),
		toolResults: messages
			.filter((message) => message.role === 'tool')
			.map((message) => ({ callId: String(message.tool_call_id ?? ''), content: textOf(message.content) })),
	};
}

export function readResponsesRequest(body: Json): Conversation {
	const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : Array.isArray(body.input) ? body.input.filter(isRecord) : [];
	const turns: Turn[] = [];
	const toolResults: ToolResult[] = [];
	if (typeof body.instructions === 'string') turns.push({ role: 'system', text: body.instructions });
	for (const item of input) {
		if (item.type === 'function_call_output') {
			const content = typeof item.output === 'string' ? item.output : textOf(item.output);
			toolResults.push({ callId: String(item.call_id ?? ''), content });
			turns.push({ role: 'tool', text: content });
		} else if (item.type === 'function_call') {
			turns.push({ role: 'assistant', text: '' });
		} else if (item.type === undefined || item.type === 'message') {
			turns.push({ role: asRole(item.role), text: textOf(item.content) });
		}
	}
	return {
		api: 'responses',
		model: String(body.model ?? ''),
		stream: body.stream === true,
		tools: responsesTools(body.tools),
		turns,
		toolResults,
	};
}

/**
 * The model the stand-in plays, decided from the conversation alone: asked a question with a
 * share text under it, it calls the one tool it was offered with that share text; given the
 * tool's answer, it reports the likes count it finds there (or the problem the tool reported).
 * Nothing here knows about Xiaohongshu: the tool's argument name comes from the tool's schema.
 */
import type { Conversation, OfferedTool } from './conversation';

export type Move = { kind: 'toolCall'; toolName: string; args: Record<string, string> } | { kind: 'answer'; text: string };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request is the user message's first line; the share text is everything under it. */
export function splitUserMessage(text: string): { request: string; shareText: string } {
	const newline = text.indexOf('\n');
	if (newline === -1) return { request: text.trim(), shareText: '' };
	return { request: text.slice(0, newline).trim(), shareText: text.slice(newline + 1).trim() };
}

/** A tool the player can call: it takes exactly one argument, a string. */
function singleStringArgument(tool: OfferedTool): string | null {
	const properties = tool.parameters.properties;
	if (!isRecord(properties)) return null;
	const names = Object.keys(properties);
	if (names.length !== 1) return null;
	const schema = properties[names[0]];
	return isRecord(schema) && schema.type === 'string' ? names[0] : null;
}

/** The first item of a tool answer: n8n hands the model a JSON list of the tool node's items. */
function firstItem(parsed: unknown): unknown {
	return Array.isArray(parsed) ? parsed[0] : parsed;
}

export function answerFromToolResult(content: string): string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(content);
	} catch {
		return `The tool answered something I could not read: ${content}`;
	}
	const item = firstItem(parsed);
	if (isRecord(item) && typeof item.likes === 'number') return `This note has ${item.likes} likes.`;
	if (isRecord(item) && typeof item.error === 'string') return `The tool could not look the note up: ${item.error}`;
	return 'The tool answer held no likes count.';
}

export function nextMove(conversation: Conversation): Move {
	const last = conversation.turns[conversation.turns.length - 1];
	if (last?.role === 'tool') {
		const result = conversation.toolResults[conversation.toolResults.length - 1];
		return { kind: 'answer', text: answerFromToolResult(result?.content ?? last.text) };
	}
	const user = [...conversation.turns].reverse().find((turn) => turn.role === 'user');
	const { shareText } = splitUserMessage(user?.text ?? '');
	if (shareText === '') return { kind: 'answer', text: 'Please paste the note link or its share text under your question.' };
	for (const tool of conversation.tools) {
		const argument = singleStringArgument(tool);
		if (argument) return { kind: 'toolCall', toolName: tool.name, args: { [argument]: shareText } };
	}
	return { kind: 'answer', text: 'I have no tool that takes a note link.' };
}

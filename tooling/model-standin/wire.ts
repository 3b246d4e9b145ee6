/**
 * A move written the way OpenAI answers: a Chat Completions object (or its stream of chunks)
 * and a Responses API object. Only the fields OpenAI's clients read are filled.
 */
import type { Move } from './player';

type Json = Record<string, unknown>;

export interface WireIds {
	/** Unique per answer, e.g. "1". */
	serial: string;
	model: string;
	createdSeconds: number;
}

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function toolCallId(ids: WireIds): string {
	return `call_standin_${ids.serial}`;
}

export function chatCompletion(move: Move, ids: WireIds): Json {
	const message =
		move.kind === 'toolCall'
			? {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: toolCallId(ids), type: 'function', function: { name: move.toolName, arguments: JSON.stringify(move.args) } }],
				}
			: { role: 'assistant', content: move.text };
	return {
		id: `chatcmpl-standin-${ids.serial}`,
		object: 'chat.completion',
		created: ids.createdSeconds,
		model: ids.model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: move.kind === 'toolCall' ? 'tool_calls' : 'stop' }],
		usage,
	};
}

/** The same answer as `chat.completion.chunk` objects, one per server-sent event. */
export function chatCompletionChunks(move: Move, ids: WireIds): Json[] {
	const chunk = (delta: Json, finishReason: string | null): Json => ({
		id: `chatcmpl-standin-${ids.serial}`,
		object: 'chat.completion.chunk',
		created: ids.createdSeconds,
		model: ids.model,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
	});
	if (move.kind === 'toolCall') {
		const args = JSON.stringify(move.args);
		const half = Math.floor(args.length / 2);
		return [
			chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: toolCallId(ids), type: 'function', function: { name: move.toolName, arguments: '' } }] }, null),
			chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, half) } }] }, null),
			chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] }, null),
			chunk({}, 'tool_calls'),
		];
	}
	const words = move.text.split(/(?<= )/);
	return [chunk({ role: 'assistant', content: '' }, null), ...words.map((word) => chunk({ content: word }, null)), chunk({}, 'stop')];
}

export function responsesAnswer(move: Move, ids: WireIds): Json {
	const output =
		move.kind === 'toolCall'
			? [
					{
						type: 'function_call',
						id: `fc_standin_${ids.serial}`,
						call_id: toolCallId(ids),
						name: move.toolName,
						arguments: JSON.stringify(move.args),
						status: 'completed',
					},
				]
			: [
					{
						type: 'message',
						id: `msg_standin_${ids.serial}`,
						role: 'assistant',
						status: 'completed',
						content: [{ type: 'output_text', text: move.text, annotations: [] }],
					},
				];
	return {
		id: `resp_standin_${ids.serial}`,
		object: 'response',
		created_at: ids.createdSeconds,
		status: 'completed',
		model: ids.model,
		output,
		error: null,
		incomplete_details: null,
		parallel_tool_calls: true,
		usage: {
			input_tokens: usage.prompt_tokens,
			input_tokens_details: { cached_tokens: 0 },
			output_tokens: usage.completion_tokens,
			output_tokens_details: { reasoning_tokens: 0 },
			total_tokens: usage.total_tokens,
		},
	};
}

/** Responses API server-sent events for the same answer: `[eventName, data]` pairs. */
export function responsesEvents(move: Move, ids: WireIds): Array<[string, Json]> {
	const done = responsesAnswer(move, ids);
	const [item] = done.output as Json[];
	const started = { ...done, status: 'in_progress', output: [], usage: null };
	const events: Array<[string, Json]> = [['response.created', { type: 'response.created', response: started }]];
	let sequence = 1;
	const push = (type: string, data: Json) => events.push([type, { type, sequence_number: sequence++, ...data }]);
	if (move.kind === 'toolCall') {
		push('response.output_item.added', { output_index: 0, item: { ...item, arguments: '', status: 'in_progress' } });
		push('response.function_call_arguments.delta', { output_index: 0, item_id: item.id, delta: item.arguments });
		push('response.function_call_arguments.done', { output_index: 0, item_id: item.id, arguments: item.arguments });
	} else {
		push('response.output_item.added', { output_index: 0, item: { ...item, content: [], status: 'in_progress' } });
		push('response.content_part.added', { output_index: 0, item_id: item.id, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
		for (const word of move.text.split(/(?<= )/)) {
			push('response.output_text.delta', { output_index: 0, item_id: item.id, content_index: 0, delta: word });
		}
		push('response.output_text.done', { output_index: 0, item_id: item.id, content_index: 0, text: move.text });
	}
	push('response.output_item.done', { output_index: 0, item });
	push('response.completed', { response: done });
	return events;
}

/** OpenAI-compatible model stand-in for tests: see server.ts. */
export { startModelStandin, STANDIN_API_KEY, STANDIN_MODEL, type ModelStandin, type RecordedModelRequest } from './server';
export type { Conversation, OfferedTool, ToolResult, ModelApi } from './conversation';
export { answerFromToolResult, nextMove, splitUserMessage, type Move } from './player';

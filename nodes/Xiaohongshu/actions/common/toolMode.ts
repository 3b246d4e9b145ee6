/**
 * The node as an AI Agent's tool. n8n's loader derives "<name>Tool" from a usableAsTool node
 * and adds a Tool Description switch ("Set Automatically": only the action's name, e.g. "Get a
 * note in Xiaohongshu") unless the node declares its own `toolDescription`. This node declares
 * both, shown only in tool mode (`@tool`), with a description that says what the tool does,
 * what it needs and what it costs as the default. In tool mode the note and the creator are
 * filled by the model by default ($fromAI, written the way the editor's ✨ button writes it),
 * and file downloads are not offered: a model cannot use files.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export const IN_TOOL_MODE = { '@tool': [true] };
export const NOT_IN_TOOL_MODE = { '@tool': [false] };

export const TOOL_DESCRIPTION =
	"Reads one public Xiaohongshu (小红书, RedNote) note or creator profile through parse.bot and returns it as JSON: for a note its title, author, likes, collects, comments, shares, publish time, text, topics and link; for a creator the name, followers, following, likes and collects received, and bio. Needs a link: a note's full share link with its ?xsec_token=… part (or the whole share text copied from the app; a note ID alone does not work), or a creator's profile link or 24-character user ID. Each call costs the user one parse.bot credit (Parse Link costs none), so call it once per link, not again for the same one.";

/** The same two parameters n8n would add, shown in tool mode only; Set Manually with the text above by default. */
export const toolDescriptionProperties: INodeProperties[] = [
	{
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto', description: "Only the action's name, e.g. \"Get a note in Xiaohongshu\"" },
			{ name: 'Set Manually', value: 'manual', description: 'The text below: what the tool does, what it needs, what it costs' },
		],
		default: 'manual',
		displayOptions: { show: IN_TOOL_MODE },
	},
	{
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: TOOL_DESCRIPTION,
		required: true,
		typeOptions: { rows: 4 },
		description: 'Explain to the model what this tool does, what it needs and what it costs',
		displayOptions: { show: { ...IN_TOOL_MODE, descriptionType: ['manual'] } },
	},
];

/** A parameter value the model fills, as the editor's "let the model define this parameter" writes it. */
export function fromAi(key: string, description: string): string {
	return `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`${description}\`, 'string') }}`;
}

/** `displayOptions` with tool mode hidden (`@tool: [false]` added to its `show`). */
export function notInToolMode(displayOptions: IDisplayOptions | undefined): IDisplayOptions {
	return { ...displayOptions, show: { ...displayOptions?.show, ...NOT_IN_TOOL_MODE } };
}

/**
 * What the node itself must get right to serve as a tool: it says it is usable as one, its
 * actions read as choices, and when its parameters come from `$fromAI()` and it runs in a
 * SupplyDataContext (n8n-core's createNodeAsTool, reached through getInputConnectionData),
 * it returns the same item as the plain node, spends the same credits, and a bad input comes
 * back as an error text that says what to do.
 *
 * Two parts are stand-ins, written here, and nothing is asserted about them: `asTool` imitates
 * how n8n's loader derives the "<name>Tool" type (n8n's CLI package is not installed for
 * engine tests), and `ToolCaller` is not an agent: it invokes the connected tool with fixed
 * arguments. A real AI Agent with a model, in a real n8n, is test/e2e's concern.
 */
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ITEMS_SOURCE_TYPE, PACKAGE_NAME, node, runWorkflow } from '../../tooling/harness';
import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';
import { TOOL_DESCRIPTION } from '../../nodes/Xiaohongshu/actions/common/toolMode';
import { callsWith, credentialsFor, noteGet, runNode, sandboxForThisFile } from './node-support';

const { notes } = FIXTURES;
const TOOL_TYPE = `${PACKAGE_NAME}.xiaohongshuTool`;
const CALLER_TYPE = 'test.toolCaller';

interface StructuredTool {
	description: string;
	invoke(args: IDataObject): Promise<string>;
}

/**
 * What n8n's loader does to a usableAsTool node type, in our own words (n8n 2.40's
 * tool-generation/ai-tools.js, 1.123's convertNodeToAiTool): it adds its Tool Description
 * parameters only when the node declares no `toolDescription` of its own.
 */
function asTool(source: INodeType): INodeType {
	const description = JSON.parse(JSON.stringify(source.description)) as INodeTypeDescription;
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	if (!description.properties.some((p) => p.name === 'toolDescription')) {
		description.properties.unshift(
			{
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			},
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: description.description,
				displayOptions: { show: { descriptionType: ['manual'] } },
			},
		);
	}
	return { description, execute: source.execute };
}

/** Not an agent: it invokes each connected tool with the arguments it is given. */
class ToolCaller implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tool Caller',
		name: CALLER_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Invokes its tools with fixed arguments (tests only)',
		defaults: { name: 'Caller' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connected = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as StructuredTool | StructuredTool[];
		const tools = Array.isArray(connected) ? connected : [connected];
		const calls = JSON.parse(this.getNodeParameter('calls', 0) as string) as IDataObject[];
		const out: INodeExecutionData[] = [];
		for (const tool of tools) {
			for (const args of calls) {
				let result: string;
				try {
					result = await tool.invoke(args);
				} catch (error) {
					result = `ERROR: ${(error as Error).message}`;
				}
				out.push({
					json: { description: tool.description, result },
				});
			}
		}
		return [out];
	}
}

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

/** `typeVersion`: 1 by default, as the harness builds nodes; 1.1 is the version a user adds today. */
async function invokeTool(toolParameters: INodeParameters, calls: IDataObject[], typeVersion = 1) {
	const result = await runWorkflow(
		{
			nodes: [
				node('Items', ITEMS_SOURCE_TYPE, { items: '[{}]' }),
				node('Caller', CALLER_TYPE, { calls: JSON.stringify(calls) }),
				node('Xiaohongshu Tool', TOOL_TYPE, toolParameters, { typeVersion }),
			],
			connections: {
				Items: { main: [[{ node: 'Caller', type: 'main', index: 0 }]] },
				'Xiaohongshu Tool': { ai_tool: [[{ node: 'Caller', type: 'ai_tool', index: 0 }]] },
			},
		},
		{
			credentials: credentialsFor(sandbox),
			nodeTypes: { [CALLER_TYPE]: new ToolCaller(), [TOOL_TYPE]: asTool(new Xiaohongshu()) },
		},
	);
	expect(result.status).toBe('success');
	return result.outputOf('Caller').map((i) => i.json as Record<string, unknown>);
}

describe('the node as a tool', () => {
	it('is marked usable as a tool, with actions an agent can choose between', () => {
		const { description } = new Xiaohongshu();
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((p) => p.name === 'operation');
		const actions = operations.flatMap((p) => (p.options ?? []).map((o) => ('action' in o ? o.action : undefined)));
		expect(actions).toEqual(['Get a note', 'Parse a note link', 'Get a user']);
	});

	it('returns for a link passed through $fromAI() the same item as the plain node, for one credit', async () => {
		const link = `https://www.xiaohongshu.com/explore/${notes.topics.noteId}?xsec_token=${encodeURIComponent(notes.topics.xsecToken)}`;
		const plain = await runNode([{ link }], noteGet(), { credentials: credentialsFor(sandbox) });
		expect(plain.error).toBeUndefined();
		sandbox.reset();

		const [call] = await invokeTool(
			{
				descriptionType: 'auto',
				resource: 'note',
				operation: 'get',
				note: {
					__rl: true,
					mode: 'url',
					value: "={{ $fromAI('noteLink', 'The Xiaohongshu note link or the whole share text', 'string') }}",
				},
			},
			[{ noteLink: link }],
		);
		// The text n8n offers the model is built from this operation's action.
		expect(call.description).toBe('Get a note in Xiaohongshu');
		const response = JSON.parse(call.result as string) as Array<Record<string, unknown>>;
		expect(response).toHaveLength(1);
		const { fetchedAt, ...asTool } = response[0];
		const { fetchedAt: plainFetchedAt, ...asNode } = plain.json[0];
		expect(typeof fetchedAt).toBe(typeof plainFetchedAt);
		expect(asTool).toEqual(asNode);
		expect(asTool).toMatchObject({ noteId: notes.topics.noteId, title: '秋天的第一杯奶茶', likes: 9_876 });
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(1);
	});

	it('hands the caller an error it can act on, with what to do, for a link without its token, and spends nothing', async () => {
		const [call] = await invokeTool(
			{
				descriptionType: 'auto',
				resource: 'note',
				operation: 'get',
				note: { __rl: true, mode: 'url', value: "={{ $fromAI('noteLink', 'The note link', 'string') }}" },
			},
			[{ noteLink: `https://www.xiaohongshu.com/explore/${notes.topics.noteId}` }],
		);
		expect(call.result).toMatch(/^ERROR: .*has no xsec token/s);
		expect(call.result).toMatch(/Details: .*xsec_token=/s);
		expect(sandbox.stats().totals.calls).toBe(0);
	});

	it('gets a creator from a user id passed through $fromAI(), for one credit', async () => {
		const [call] = await invokeTool(
			{
				descriptionType: 'auto',
				resource: 'user',
				operation: 'get',
				user: { __rl: true, mode: 'url', value: "={{ $fromAI('profile', 'Profile link or user id', 'string') }}" },
			},
			[{ profile: FIXTURES.users.guoJiaFeng.userId }],
		);
		expect(call.description).toBe('Get a user in Xiaohongshu');
		expect(JSON.parse(call.result as string)[0]).toMatchObject({ userId: FIXTURES.users.guoJiaFeng.userId, nickname: '郭嘉峰', gender: 'male' });
		expect(callsWith(sandbox, SANDBOX_KEYS.fast).map((c) => c.endpoint)).toEqual(['get_user_profile']);
	});

	describe('as added to an agent, with nothing changed', () => {
		const noteLink = () => `https://www.xiaohongshu.com/explore/${notes.topics.noteId}?xsec_token=${encodeURIComponent(notes.topics.xsecToken)}`;

		it('describes itself to the model by what it does, what it needs and what it costs, not by its action name', async () => {
			const [call] = await invokeTool({ resource: 'note', operation: 'get' }, [{ Note: noteLink() }], 1.1);
			expect(call.description).toBe(TOOL_DESCRIPTION);
			expect(call.description).toMatch(/returns it as JSON/);
			expect(call.description).toMatch(/xsec_token/);
			expect(call.description).toMatch(/one parse\.bot credit/);
		});

		it('lets the model fill the note: the parameter defaults to $fromAI, so a link the model passes is fetched, for one credit', async () => {
			const [call] = await invokeTool({ resource: 'note', operation: 'get' }, [{ Note: noteLink() }], 1.1);
			expect(JSON.parse(call.result as string)[0]).toMatchObject({ noteId: notes.topics.noteId, likes: 9_876 });
			expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(1);
		});

		it('lets the model fill the creator too', async () => {
			const [call] = await invokeTool({ resource: 'user', operation: 'get' }, [{ User: FIXTURES.users.guoJiaFeng.userId }], 1.1);
			expect(JSON.parse(call.result as string)[0]).toMatchObject({ userId: FIXTURES.users.guoJiaFeng.userId, nickname: '郭嘉峰' });
		});

		it('downloads no media in tool mode, even where a copied node asked for it (a model cannot use files)', async () => {
			const [call] = await invokeTool({ resource: 'note', operation: 'get', downloadMedia: 'all' }, [{ Note: noteLink() }], 1.1);
			const [item] = JSON.parse(call.result as string) as Array<Record<string, unknown>>;
			expect(item.noteId).toBe(notes.topics.noteId);
			expect(item).not.toHaveProperty('mediaFiles');
			expect(sandbox.stats().totals.calls).toBe(1);
		});
	});

	describe("the editor's form", () => {
		const plain = new Xiaohongshu().description;
		const tool = asTool(new Xiaohongshu()).description;
		const typeVersion = 1.1;
		/** The parameters the editor shows for these values, as n8n decides it (defaults filled in first). */
		function shown(description: INodeTypeDescription, values: INodeParameters): string[] {
			const node = { id: 'x', name: 'X', type: description.name, typeVersion, position: [0, 0] as [number, number], parameters: values };
			const resolved = NodeHelpers.getNodeParameters(description.properties, values, true, true, node, description) ?? {};
			return description.properties.filter((p) => NodeHelpers.displayParameter(resolved, p, node, description, resolved)).map((p) => p.name);
		}
		function defaults(description: INodeTypeDescription, values: INodeParameters): INodeParameters {
			const node = { id: 'x', name: 'X', type: description.name, typeVersion, position: [0, 0] as [number, number], parameters: values };
			return NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ?? {};
		}

		it('offers no Download Media in tool mode, and still does on the plain node', () => {
			const getNote = { resource: 'note', operation: 'get' };
			expect(shown(plain, getNote)).toContain('downloadMedia');
			expect(shown(tool, getNote)).not.toContain('downloadMedia');
			expect(shown(tool, { ...getNote, downloadMedia: 'all' })).not.toEqual(expect.arrayContaining(['mediaOwnItems', 'mediaOptions']));
		});

		it('shows the tool description (Set Manually, with the text) only in tool mode', () => {
			expect(shown(plain, { resource: 'note', operation: 'get' })).not.toContain('toolDescription');
			expect(shown(tool, { resource: 'note', operation: 'get' })).toEqual(expect.arrayContaining(['descriptionType', 'toolDescription']));
			expect(defaults(tool, { resource: 'note', operation: 'get' })).toMatchObject({ descriptionType: 'manual', toolDescription: TOOL_DESCRIPTION });
			expect(defaults(plain, { resource: 'note', operation: 'get' })).not.toHaveProperty('toolDescription');
		});

		it("fills the note and the creator by the model only in tool mode, as the editor's ✨ button writes it", () => {
			const toolNote = defaults(tool, { resource: 'note', operation: 'get' }).note as { mode: string; value: string };
			expect(toolNote.mode).toBe('link');
			expect(toolNote.value).toMatch(/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('Note', `[^`]*xsec_token[^`]*`, 'string'\) \}\}$/);
			expect((defaults(tool, { resource: 'user', operation: 'get' }).user as { value: string }).value).toMatch(/\$fromAI\('User', /);
			expect(defaults(plain, { resource: 'note', operation: 'get' }).note).toMatchObject({ mode: 'link', value: '' });
		});
	});
});

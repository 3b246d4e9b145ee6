/**
 * The node as an AI Agent tool, on n8n-core's own tool path: a stand-in agent node asks
 * the engine for its connected tools (getInputConnectionData → createNodeAsTool), n8n builds
 * the tool's name, description and argument schema from our description and the `$fromAI()`
 * placeholders, and invoking the tool runs our node's execute() in a SupplyDataContext.
 *
 * n8n's loader derives the "<name>Tool" node type from any `usableAsTool` node; the test
 * does the same derivation (renamed, no main input, an ai_tool output, the Tool Description
 * parameters) since n8n's CLI package is not installed here.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ITEMS_SOURCE_TYPE, PACKAGE_NAME, node, runWorkflow, stopEngine } from '../harness';
import { FIXTURES, SANDBOX_KEYS, startSandbox, type Sandbox } from '../sandbox';
import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';
import { callsWith, credentialsFor } from './node-support';

const { notes } = FIXTURES;
const TOOL_TYPE = `${PACKAGE_NAME}.xiaohongshuTool`;
const AGENT_TYPE = 'test.agent';

interface StructuredTool {
	name: string;
	description: string;
	schema: { shape: Record<string, unknown>; safeParse(value: unknown): { success: boolean } };
	invoke(args: IDataObject): Promise<string>;
}

/** What n8n's loader does to a usableAsTool node type, in our own words. */
function asTool(source: INodeType): INodeType {
	const description = JSON.parse(JSON.stringify(source.description)) as INodeTypeDescription;
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
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
	return { description, execute: source.execute };
}

/** An agent without a model: it calls each connected tool with the arguments it is given. */
class ScriptedAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Scripted Agent',
		name: AGENT_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Calls its tools with fixed arguments (tests only)',
		defaults: { name: 'Agent' },
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
					json: {
						name: tool.name,
						description: tool.description,
						schemaKeys: Object.keys(tool.schema.shape),
						acceptsEmptyArgs: tool.schema.safeParse({}).success,
						result,
					},
				});
			}
		}
		return [out];
	}
}

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
	await stopEngine();
});

beforeEach(() => sandbox.reset());

async function runAgent(toolParameters: INodeParameters, calls: IDataObject[]) {
	const result = await runWorkflow(
		{
			nodes: [
				node('Items', ITEMS_SOURCE_TYPE, { items: '[{}]' }),
				node('Agent', AGENT_TYPE, { calls: JSON.stringify(calls) }),
				node('Xiaohongshu Tool', TOOL_TYPE, toolParameters),
			],
			connections: {
				Items: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
				'Xiaohongshu Tool': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
			},
		},
		{
			credentials: credentialsFor(sandbox),
			nodeTypes: { [AGENT_TYPE]: new ScriptedAgent(), [TOOL_TYPE]: asTool(new Xiaohongshu()) },
		},
	);
	expect(result.status).toBe('success');
	return result.outputOf('Agent').map((i) => i.json as Record<string, unknown>);
}

describe('as an AI Agent tool', () => {
	it('is marked usable as a tool, with actions an agent can choose between', () => {
		const { description } = new Xiaohongshu();
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((p) => p.name === 'operation');
		const actions = operations.flatMap((p) => (p.options ?? []).map((o) => ('action' in o ? o.action : undefined)));
		expect(actions).toEqual(['Get a note', 'Parse a note link', 'Get a user']);
	});

	it('gets a note from the link the agent passes, as n8n builds and invokes the tool', async () => {
		const link = `https://www.xiaohongshu.com/explore/${notes.topics.noteId}?xsec_token=${encodeURIComponent(notes.topics.xsecToken)}`;
		const [call] = await runAgent(
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
		expect(call.name).toBe('Xiaohongshu_Tool');
		expect(call.description).toBe('Get a note in Xiaohongshu');
		expect(call.schemaKeys).toEqual(['noteLink']);
		expect(call.acceptsEmptyArgs).toBe(false);
		const response = JSON.parse(call.result as string) as Array<Record<string, unknown>>;
		expect(response[0]).toMatchObject({ noteId: notes.topics.noteId, title: '秋天的第一杯奶茶', likes: 9_876, topics: ['奶茶', '秋天的第一杯奶茶', '探店'] });
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(1);
	});

	it('hands the agent an error it can act on, with what to do, for a bad link', async () => {
		const [call] = await runAgent(
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

	it('uses a hand-written tool description when one is set', async () => {
		const [call] = await runAgent(
			{
				descriptionType: 'manual',
				toolDescription: 'Look up a RedNote creator by profile link',
				resource: 'user',
				operation: 'get',
				user: { __rl: true, mode: 'url', value: "={{ $fromAI('profile', 'Profile link or user id', 'string') }}" },
			},
			[{ profile: FIXTURES.users.guoJiaFeng.userId }],
		);
		expect(call.description).toBe('Look up a RedNote creator by profile link');
		expect(JSON.parse(call.result as string)[0]).toMatchObject({ nickname: '郭嘉峰', gender: 'male' });
	});
});

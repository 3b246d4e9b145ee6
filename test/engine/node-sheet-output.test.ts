/**
 * Sheet-ready output through the real node: the published time in the workflow's time zone
 * (n8n's workflow setting, read through getTimezone()) in the form a spreadsheet reads as a
 * date, beside the exact UTC instant; the text without topic markup; the columns in reading order.
 */
import { ITEMS_SOURCE_TYPE, XHS_NODE_TYPE, chain, node, runWorkflow } from '../../tooling/harness';
import { FIXTURES, type Sandbox } from '../../tooling/sandbox';
import { credentialsFor, noteGet, sandboxForThisFile } from './node-support';

const { topics } = FIXTURES.notes;

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

async function noteIn(timezone: string): Promise<Record<string, unknown>> {
	const link = `https://www.xiaohongshu.com/explore/${topics.noteId}?xsec_token=${encodeURIComponent(topics.xsecToken)}`;
	const workflow = chain(node('Items', ITEMS_SOURCE_TYPE, { items: JSON.stringify([{ link }]) }), node('Xiaohongshu', XHS_NODE_TYPE, noteGet()));
	const result = await runWorkflow({ ...workflow, settings: { timezone } }, { credentials: credentialsFor(sandbox) });
	expect(result.status).toBe('success');
	return result.runData.Xiaohongshu[0].data?.main[0]?.[0].json as Record<string, unknown>;
}

describe('Note → Get: a row that pastes into a sheet', () => {
	it("writes the published time in the workflow's time zone as a sheet reads a date, beside the UTC instant", async () => {
		// The fixture was posted at 2025-10-20T14:00:00Z.
		const shanghai = await noteIn('Asia/Shanghai');
		const newYork = await noteIn('America/New_York');
		expect(shanghai).toMatchObject({ publishedLocal: '2025-10-20 22:00:00', publishedAt: '2025-10-20T14:00:00.000Z' });
		expect(newYork).toMatchObject({ publishedLocal: '2025-10-20 10:00:00', publishedAt: '2025-10-20T14:00:00.000Z' });
		expect(shanghai.publishedAtMs).toBe(topics.time);
	});

	it('gives the text without topic markup, the topics in their own column, title and counts first', async () => {
		const note = await noteIn('UTC');
		expect(note.text).toBe('今年的秋天第一杯 #奶茶 #秋天的第一杯奶茶 #探店\n你们喝了吗');
		expect(note.topics).toEqual(['奶茶', '秋天的第一杯奶茶', '探店']);
		expect(Object.keys(note).slice(0, 9)).toEqual([
			'title',
			'authorName',
			'likes',
			'collects',
			'comments',
			'shares',
			'engagement',
			'publishedLocal',
			'url',
		]);
	});
});

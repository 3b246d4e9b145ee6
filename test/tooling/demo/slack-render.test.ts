/**
 * The Slack stand-in shows a message as Slack lays it out, not its JSON: section text with
 * mrkdwn bold and links, two-column fields, the image accessory as a thumbnail, context and
 * buttons; what it cannot render it shows as JSON, never hides.
 */
import { startMessageSink } from '../../../tooling/demo/message-sink';
import { mrkdwnToHtml, renderMessage } from '../../../tooling/demo/slack-render';

const alert = {
	text: '📈 Likes on "周末" rose 86 → 500',
	blocks: [
		{
			type: 'section',
			text: { type: 'mrkdwn', text: '*<https://www.xiaohongshu.com/explore/abc|周末 &lt;咖啡&gt;>*\nby <https://www.xiaohongshu.com/user/profile/u|咖啡小姐>\n📈 *Likes* 86 → 500 (+414) since 14:31' },
			accessory: { type: 'image', image_url: 'https://sns-webpic-qc.xhscdn.com/cover.jpg', alt_text: '周末 <咖啡>' },
		},
		{ type: 'section', fields: [{ type: 'mrkdwn', text: '*Likes*\n*500* (+414)' }, { type: 'mrkdwn', text: '*Collects*\n12' }] },
		{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Checked at 14:31 and 15:01 (Asia/Shanghai)' }] },
		{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open note' }, url: 'https://www.xiaohongshu.com/explore/abc' }] },
	],
};

describe('the Slack stand-in', () => {
	it('renders mrkdwn: bold, links, escapes, line breaks; no raw HTML gets through', () => {
		expect(mrkdwnToHtml('*<https://a.example/x|Title &amp; more>*\nnext')).toBe('<b><a href="https://a.example/x">Title &amp; more</a></b><br>next');
		expect(mrkdwnToHtml('&lt;script&gt;')).toBe('&lt;script&gt;');
		expect(mrkdwnToHtml('<javascript:alert(1)|click>')).toBe('<a href="#">click</a>');
	});

	it('lays out a Block Kit message: thumbnail, title link, fields, context, button', () => {
		const html = renderMessage({ receivedAt: '2026-03-01T07:01:02.000Z', body: alert });
		expect(html).toContain('<img class="accessory" src="https://sns-webpic-qc.xhscdn.com/cover.jpg" alt="周末 &lt;咖啡&gt;"');
		expect(html).toContain('<b><a href="https://www.xiaohongshu.com/explore/abc">周末 &lt;咖啡&gt;</a></b>');
		expect(html).toContain('<div class="fields"><div class="field"><b>Likes</b><br><b>500</b> (+414)</div><div class="field"><b>Collects</b><br>12</div></div>');
		expect(html).toContain('<div class="block context">Checked at 14:31 and 15:01 (Asia/Shanghai)</div>');
		expect(html).toContain('<a class="button" href="https://www.xiaohongshu.com/explore/abc">Open note</a>');
	});

	it('shows a message without blocks by its text, and an unknown block as JSON', () => {
		expect(renderMessage({ receivedAt: '2026-03-01T07:01:02.000Z', body: { text: 'plain *alert*' } })).toContain('plain <b>alert</b>');
		expect(renderMessage({ receivedAt: '2026-03-01T07:01:02.000Z', body: { blocks: [{ type: 'video', title: 'x' }] } })).toContain('<pre class="block unknown">');
	});

	it('serves the page to a browser and the JSON to a program', async () => {
		const sink = await startMessageSink(0);
		try {
			await fetch(sink.url, { method: 'POST', body: JSON.stringify(alert), headers: { 'content-type': 'application/json' } });
			const page = await fetch(sink.url, { headers: { accept: 'text/html' } });
			expect(page.headers.get('content-type')).toContain('text/html');
			expect(await page.text()).toContain('<img class="accessory"');
			const json = (await (await fetch(`${sink.url}?format=json`)).json()) as Array<{ body: unknown }>;
			expect(json[0].body).toEqual(alert);
		} finally {
			await sink.close();
		}
	});
});

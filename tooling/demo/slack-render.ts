/**
 * Renders what the Slack stand-in received the way Slack lays out a message: Block Kit
 * sections (mrkdwn text with bold, italics and links; two-column fields; an image accessory
 * as a thumbnail on the right), context lines, images, dividers and buttons, or the plain
 * `text` when a message has no blocks. Enough of Block Kit for the examples, not all of it:
 * a block it does not know is shown as its JSON, so nothing is hidden.
 */

export interface ReceivedMessage {
	receivedAt: string;
	body: unknown;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Slack escapes &, < and > in mrkdwn; undo that before escaping for HTML. */
const unslack = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : '#');

/** `<url|text>` and `<url>` become links; the rest is text. A linear scan. */
function linksToHtml(mrkdwn: string): string {
	let html = '';
	let at = 0;
	while (at < mrkdwn.length) {
		const open = mrkdwn.indexOf('<', at);
		const close = open < 0 ? -1 : mrkdwn.indexOf('>', open);
		if (open < 0 || close < 0) {
			html += escapeHtml(unslack(mrkdwn.slice(at)));
			break;
		}
		html += escapeHtml(unslack(mrkdwn.slice(at, open)));
		const inner = mrkdwn.slice(open + 1, close);
		const bar = inner.indexOf('|');
		const url = unslack(bar < 0 ? inner : inner.slice(0, bar));
		const label = bar < 0 ? url : unslack(inner.slice(bar + 1));
		html += `<a href="${escapeHtml(safeUrl(url))}">${escapeHtml(label)}</a>`;
		at = close + 1;
	}
	return html;
}

/** Slack's mrkdwn: links, *bold*, _italic_, ~strike~, `code`, line breaks. */
export function mrkdwnToHtml(mrkdwn: string): string {
	return linksToHtml(mrkdwn)
		.replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
		.replace(/(^|[\s>(])_([^_\n]+)_/g, '$1<i>$2</i>')
		.replace(/~([^~\n]+)~/g, '<s>$1</s>')
		.replace(/`([^`\n]+)`/g, '<code>$1</code>')
		.replace(/\n/g, '<br>');
}

function textObject(text: unknown): string {
	if (!isObject(text) || typeof text.text !== 'string') return '';
	return text.type === 'mrkdwn' ? mrkdwnToHtml(text.text) : escapeHtml(text.text).replace(/\n/g, '<br>');
}

function image(element: Json, className: string): string {
	const url = typeof element.image_url === 'string' ? element.image_url : '';
	const alt = typeof element.alt_text === 'string' ? element.alt_text : '';
	return `<img class="${className}" src="${escapeHtml(safeUrl(url))}" alt="${escapeHtml(alt)}" title="${escapeHtml(alt)}">`;
}

function element(el: unknown): string {
	if (!isObject(el)) return '';
	if (el.type === 'image') return image(el, 'context-image');
	if (el.type === 'button') {
		const url = typeof el.url === 'string' ? el.url : '#';
		const style = el.style === 'primary' || el.style === 'danger' ? ` ${el.style}` : '';
		return `<a class="button${style}" href="${escapeHtml(safeUrl(url))}">${textObject(el.text)}</a>`;
	}
	return textObject(el);
}

function block(b: unknown): string {
	if (!isObject(b)) return '';
	switch (b.type) {
		case 'section': {
			const fields = Array.isArray(b.fields) ? `<div class="fields">${b.fields.map((f) => `<div class="field">${textObject(f)}</div>`).join('')}</div>` : '';
			const accessory = isObject(b.accessory) ? (b.accessory.type === 'image' ? image(b.accessory, 'accessory') : `<div class="accessory">${element(b.accessory)}</div>`) : '';
			return `<div class="block section"><div class="section-body">${b.text ? `<div class="text">${textObject(b.text)}</div>` : ''}${fields}</div>${accessory}</div>`;
		}
		case 'header':
			return `<div class="block header">${textObject(b.text)}</div>`;
		case 'context':
			return `<div class="block context">${(Array.isArray(b.elements) ? b.elements : []).map(element).join(' ')}</div>`;
		case 'actions':
			return `<div class="block actions">${(Array.isArray(b.elements) ? b.elements : []).map(element).join('')}</div>`;
		case 'image':
			return `<div class="block">${image(b, 'image')}</div>`;
		case 'divider':
			return '<hr class="block divider">';
		default:
			return `<pre class="block unknown">${escapeHtml(JSON.stringify(b, null, 2))}</pre>`;
	}
}

/** One message as Slack shows it: its blocks, or its `text` when it has none. */
export function renderMessage(message: ReceivedMessage): string {
	const body = message.body;
	let content: string;
	if (isObject(body) && Array.isArray(body.blocks) && body.blocks.length > 0) content = body.blocks.map(block).join('');
	else if (isObject(body) && typeof body.text === 'string') content = `<div class="block section"><div class="text">${mrkdwnToHtml(body.text)}</div></div>`;
	else content = `<pre class="block unknown">${escapeHtml(typeof body === 'string' ? body : JSON.stringify(body, null, 2))}</pre>`;
	const time = escapeHtml(message.receivedAt.slice(11, 16));
	const raw = escapeHtml(JSON.stringify(body, null, 2));
	return `<article class="message"><div class="avatar">n8n</div><div class="main"><div class="meta"><b>n8n</b> <span class="app">APP</span> <time datetime="${escapeHtml(message.receivedAt)}">${time}</time></div>${content}<details><summary>JSON received</summary><pre>${raw}</pre></details></div></article>`;
}

const STYLE = `body{font:15px/1.46 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d1c1d;margin:0;background:#fff}
header.channel{padding:12px 20px;border-bottom:1px solid #ddd;font-weight:900;font-size:18px}
header.channel small{font-weight:400;color:#616061;font-size:13px;margin-left:8px}
.message{display:flex;gap:8px;padding:8px 20px}.message:hover{background:#f8f8f8}
.avatar{width:36px;height:36px;border-radius:4px;background:#ea4b71;color:#fff;font-size:11px;font-weight:700;display:flex;align-items:center;justify-content:center;flex:none}
.main{flex:1;max-width:640px}.meta time{color:#616061;font-size:12px;margin-left:4px}.app{background:#ddd;color:#616061;font-size:10px;padding:1px 3px;border-radius:2px}
.block{margin:4px 0}.section{display:flex;gap:12px;align-items:flex-start}.section-body{flex:1}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:8px}
img.accessory{width:88px;height:88px;object-fit:cover;border-radius:4px;flex:none;background:#eee}
img.image{max-width:360px;border-radius:4px}img.context-image{width:16px;height:16px;vertical-align:middle}
.context{color:#616061;font-size:12px}.header{font-weight:900;font-size:18px}
.actions{display:flex;gap:8px;margin-top:8px}
a{color:#1264a3;text-decoration:none}a:hover{text-decoration:underline}
a.button{border:1px solid #bbb;border-radius:4px;padding:3px 12px;font-weight:700;font-size:13px;color:#1d1c1d}
a.button.primary{background:#007a5a;border-color:#007a5a;color:#fff}a.button.danger{color:#e01e5a}
hr.divider{border:0;border-top:1px solid #ddd}code{background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 3px;color:#e01e5a}
details{margin-top:4px;color:#616061;font-size:12px}pre{white-space:pre-wrap;font-size:12px}
p.empty{color:#616061;padding:20px}`;

/** The page: every message received, oldest first, as a Slack channel shows them. */
export function renderMessagesPage(messages: readonly ReceivedMessage[]): string {
	const list = messages.length === 0 ? '<p class="empty">No message yet. An alert appears here when the trigger fires (reload).</p>' : messages.map(renderMessage).join('');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="15"><title>#xiaohongshu-alerts (Slack stand-in)</title><style>${STYLE}</style></head><body><header class="channel"># xiaohongshu-alerts<small>Slack stand-in: messages as Slack lays them out; the page reloads every 15 s</small></header>${list}</body></html>`;
}

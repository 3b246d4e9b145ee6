import { request as httpRequest } from 'node:http';
import { inflateSync } from 'node:zlib';
import { ProxyAgent, request } from 'undici';
import { FIXTURES, startSandbox, type Sandbox } from '../../../tooling/sandbox/index';

/**
 * The sandbox as a forward proxy. Clients reach it the way n8n does with
 * HTTP_PROXY: the absolute URL in the request line (undici ProxyAgent with
 * proxyTunnel off), or a CONNECT tunnel (undici's default).
 */

const { shortLinks, notes, users } = FIXTURES;

interface Fetched {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

async function viaProxy(sandbox: Sandbox, url: string, tunnel = false, method: 'GET' | 'HEAD' = 'GET'): Promise<Fetched> {
	const dispatcher = new ProxyAgent({ uri: sandbox.proxyUrl, proxyTunnel: tunnel });
	try {
		const res = await request(url, { dispatcher, method, maxRedirections: 0 } as Parameters<typeof request>[1]);
		return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
	} finally {
		await dispatcher.close();
	}
}

/** The raw form n8n's axios proxy support sends: `GET http://host/path HTTP/1.1` to the proxy. */
function rawProxyGet(sandbox: Sandbox, url: string): Promise<{ status: number; location?: string; requestLine: string }> {
	const proxy = new URL(sandbox.proxyUrl);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: proxy.hostname, port: proxy.port, path: url, method: 'GET', headers: { host: new URL(url).host } }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, requestLine: url }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('sandbox forward proxy', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('redirects known short codes on every path form and on xhslink.cn', async () => {
		for (const link of [shortLinks.bareCode, shortLinks.aPath, shortLinks.oPath, shortLinks.mPath, shortLinks.cnHost, shortLinks.userProfile]) {
			const res = await viaProxy(sandbox, link.url);
			expect({ url: link.url, status: res.status, location: res.headers.location }).toEqual({ url: link.url, status: 302, location: link.location });
		}
		expect(shortLinks.bareCode.location).toContain(`/discovery/item/${notes.manyImages.noteId}?`);
		expect(shortLinks.bareCode.location).toContain(`xsec_token=${encodeURIComponent(notes.manyImages.xsecToken)}`);
		expect(shortLinks.cnHost.location).toMatch(/^https:\/\/www\.rednote\.com\//);
		const stats = sandbox.stats();
		expect(stats.proxy.hits.every((h) => h.kind === 'shortLink')).toBe(true);
		expect(stats.proxy.byHost).toEqual({ 'xhslink.com': 5, 'xhslink.cn': 1 });
		expect(stats.calls).toHaveLength(0);
	});

	it('answers the raw absolute-form request line as well', async () => {
		const res = await rawProxyGet(sandbox, shortLinks.aPath.url);
		expect(res.status).toBe(302);
		expect(res.location).toBe(shortLinks.aPath.location);
	});

	it('plays the same hosts through a CONNECT tunnel on port 80', async () => {
		const res = await viaProxy(sandbox, shortLinks.mPath.url, true);
		expect(res.status).toBe(302);
		expect(res.headers.location).toBe(shortLinks.mPath.location);
	});

	it('serves the hostile short links: off-site redirect, loop, unknown code', async () => {
		expect((await viaProxy(sandbox, shortLinks.foreignHost.url)).headers.location).toMatch(/^https:\/\/example\.com\//);
		const a = await viaProxy(sandbox, shortLinks.loopA.url);
		expect(a.headers.location).toBe(shortLinks.loopB.url);
		expect((await viaProxy(sandbox, shortLinks.loopB.url)).headers.location).toBe(shortLinks.loopA.url);
		expect((await viaProxy(sandbox, shortLinks.notFound.url)).status).toBe(404);
		expect((await viaProxy(sandbox, 'http://xhslink.com/a/NeverIssued')).status).toBe(404);
	});

	it('refuses any other host with 502 and records it', async () => {
		const res = await viaProxy(sandbox, 'http://www.xiaohongshu.com/explore/641ae75d0000000013031c27');
		expect(res.status).toBe(502);
		const connect = await viaProxy(sandbox, 'https://example.com/', true).catch((e: Error) => e);
		expect(connect).toBeInstanceOf(Error);
		const refused = sandbox.stats().proxy.refused;
		expect(refused.map((r) => [r.method, r.host])).toEqual([
			['GET', 'www.xiaohongshu.com'],
			['CONNECT', 'example.com'],
		]);
	});

	it('serves fixture images, videos and avatars with their content types and valid bytes', async () => {
		const jpeg = await viaProxy(sandbox, notes.singleImage.images[0].url);
		expect(jpeg.status).toBe(200);
		expect(jpeg.headers['content-type']).toBe('image/jpeg');
		expectJpeg(jpeg.body);

		const webpUrl = notes.manyImages.images.find((i) => i.url.includes('_webp_'))!.url;
		const webp = await viaProxy(sandbox, webpUrl);
		expect(webp.headers['content-type']).toBe('image/webp');
		expectWebp(webp.body);

		const png = await viaProxy(sandbox, users.femaleCreator.avatar);
		expect(png.headers['content-type']).toBe('image/png');
		expectPng(png.body);

		const mp4 = await viaProxy(sandbox, notes.videoSample.video!.url);
		expect(mp4.headers['content-type']).toBe('video/mp4');
		expect(mp4.body.subarray(4, 8).toString('ascii')).toBe('ftyp');
		expect(mp4.body.subarray(8, 12).toString('ascii')).toBe('isom');
		expect(Number(mp4.headers['content-length'])).toBe(mp4.body.length);
		expect(mp4.body.length).toBeLessThan(1024);

		const hits = sandbox.stats().proxy.hits;
		expect(hits.map((h) => h.kind)).toEqual(['media', 'media', 'media', 'media']);
		expect(hits[3].bytes).toBe(mp4.body.length);
	});

	it('serves the same bytes for the same URL and different bytes for different URLs', async () => {
		const a1 = await viaProxy(sandbox, notes.manyImages.images[0].url);
		const a2 = await viaProxy(sandbox, notes.manyImages.images[0].url);
		const b = await viaProxy(sandbox, notes.manyImages.images[1].url);
		expect(a2.body.equals(a1.body)).toBe(true);
		expect(b.body.equals(a1.body)).toBe(false);
	});

	it('answers 403 for expired signatures, 404 for unknown paths, and a large file for size limits', async () => {
		for (const image of notes.mediaExpired.images) expect((await viaProxy(sandbox, image.url)).status).toBe(403);
		expect((await viaProxy(sandbox, 'http://sns-webpic-qc.xhscdn.com/202601011200/nope/spectrum/nope')).status).toBe(404);
		const head = await viaProxy(sandbox, notes.videoLarge.video!.url, false, 'HEAD');
		expect(head.status).toBe(200);
		expect(Number(head.headers['content-length'])).toBe(8 * 1024 * 1024);
		const big = await viaProxy(sandbox, notes.videoLarge.video!.url);
		expect(big.body.length).toBe(8 * 1024 * 1024);
		expect(big.body.subarray(4, 8).toString('ascii')).toBe('ftyp');
		const cover = await viaProxy(sandbox, notes.videoLarge.images[0].url);
		expect(cover.body.length).toBe(3 * 1024 * 1024);
		expectJpeg(cover.body);
	});

	it('mediaLatencyMs slows media answers', async () => {
		const slow = await startSandbox({ mediaLatencyMs: 200 });
		try {
			const started = Date.now();
			await viaProxy(slow, notes.singleImage.images[0].url);
			expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		} finally {
			await slow.close();
		}
	});
});

function expectPng(bytes: Buffer): void {
	expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	let offset = 8;
	const chunks: string[] = [];
	let idat = Buffer.alloc(0);
	let width = 0;
	let height = 0;
	while (offset < bytes.length) {
		const length = bytes.readUInt32BE(offset);
		const type = bytes.subarray(offset + 4, offset + 8).toString('ascii');
		const data = bytes.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
		if (type === 'IDAT') idat = Buffer.concat([idat, data]);
		chunks.push(type);
		offset += 12 + length;
	}
	expect(chunks[0]).toBe('IHDR');
	expect(chunks[chunks.length - 1]).toBe('IEND');
	// Filter byte + 3 bytes per RGB pixel per row.
	expect(inflateSync(idat).length).toBe(height * (1 + width * 3));
}

function expectJpeg(bytes: Buffer): void {
	expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
	expect(bytes.subarray(bytes.length - 2)).toEqual(Buffer.from([0xff, 0xd9]));
	const markers: number[] = [];
	let offset = 2;
	while (offset < bytes.length) {
		expect(bytes[offset]).toBe(0xff);
		const marker = bytes[offset + 1];
		markers.push(marker);
		if (marker === 0xda) break;
		offset += 2 + bytes.readUInt16BE(offset + 2);
	}
	// Baseline frame, both Huffman tables and a quantisation table before the scan.
	expect(markers).toEqual(expect.arrayContaining([0xe0, 0xdb, 0xc0, 0xc4, 0xda]));
	expect(markers[markers.length - 1]).toBe(0xda);
}

function expectWebp(bytes: Buffer): void {
	expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
	expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
	expect(bytes.subarray(8, 16).toString('ascii')).toBe('WEBPVP8L');
	expect(bytes[20]).toBe(0x2f);
	const header = bytes.readUInt32LE(21);
	expect((header & 0x3fff) + 1).toBe(8);
	expect(((header >> 14) & 0x3fff) + 1).toBe(8);
}

/**
 * Note → Get with Download Media, end to end: real workflows through n8n-core's
 * WorkflowExecute (binary data in filesystem mode), parse.bot played by the sandbox and the
 * CDN by its forward proxy. Expected bytes are fetched from the sandbox with undici, apart
 * from the node.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { IBinaryData, INodeParameters } from 'n8n-workflow';

import { FIXTURES, SANDBOX_KEYS, startSandbox, type Sandbox } from '../../tooling/sandbox';
import { FOREIGN_IMAGE, MEDIA_CATALOGUE, MEDIA_NOTES, expectStored, expectedFiles, exploreLink, mixedUrls } from './media-support';
import { callsWith, credentialsFor, noteGet, runNode, sandboxForThisFile, useSandboxProxy } from './node-support';

const { notes } = FIXTURES;

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started), { fixtures: MEDIA_CATALOGUE });

function get(extra: INodeParameters) {
	return noteGet(extra);
}

async function run(links: Array<{ noteId: string; xsecToken: string }>, parameters: INodeParameters) {
	return await runNode(
		links.map((n) => ({ link: exploreLink(n) })),
		get(parameters),
		{ credentials: credentialsFor(sandbox) },
	);
}

/** The sandbox's files for these URLs, then its stats cleared so the node's traffic stands alone. */
function mediaHits() {
	return sandbox.stats().proxy.hits.filter((h) => h.kind === 'media');
}

function noteCalls() {
	return callsWith(sandbox, SANDBOX_KEYS.fast).map((c) => [c.endpoint, c.noteId]);
}

/** Every file in n8n's binary data folder (filesystem mode), temporary ones included. */
function storedFiles(): string[] {
	const root = process.env.N8N_BINARY_DATA_STORAGE_PATH!;
	if (!existsSync(root)) return [];
	return (readdirSync(root, { recursive: true }) as string[]).filter((entry) => statSync(join(root, entry)).isFile()).sort();
}

/** Stored byte for byte, and in filesystem mode: through n8n's binary data service, not into the item JSON. */
async function expectStoredOnDisk(binary: IBinaryData | undefined, expected: Buffer) {
	await expectStored(binary, expected);
	expect(binary!.id).toMatch(/^filesystem(-v2)?:/);
}

describe('Download Media: one item per note', () => {
	it('downloads every image of a nine-image note (JPEG and WebP), byte for byte, with names and MIME types', async () => {
		const n = notes.manyImages;
		const expected = await expectedFiles(sandbox, n.images.map((i) => i.url));
		const result = await run([n], { downloadMedia: 'images' });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ noteId: n.noteId, imageCount: 9, mediaErrors: [] });
		expect(Object.keys(item.binary ?? {})).toEqual(n.images.map((_, i) => `image_${i + 1}`));

		for (const [i, file] of expected.entries()) {
			const isWebp = n.images[i].url.includes('_webp_');
			expect(file.contentType).toBe(isWebp ? 'image/webp' : 'image/jpeg');
			const binary = item.binary![`image_${i + 1}`];
			expect(binary).toMatchObject({
				mimeType: file.contentType,
				fileName: `${n.noteId}_${i + 1}.${isWebp ? 'webp' : 'jpg'}`,
				fileExtension: isWebp ? 'webp' : 'jpg',
				fileType: 'image',
			});
			await expectStoredOnDisk(binary, file.bytes);
		}
		expect((item.json.mediaFiles as Array<Record<string, unknown>>).map((f) => [f.property, f.fileName, f.kind, f.index])).toEqual(
			n.images.map((img, i) => [`image_${i + 1}`, `${n.noteId}_${i + 1}.${img.url.includes('_webp_') ? 'webp' : 'jpg'}`, 'image', i + 1]),
		);

		// One parse.bot call (the note, under the user's key), nine CDN requests, none of which carried the API key.
		expect(sandbox.stats().calls.map((c) => [c.endpoint, c.noteId, c.key])).toEqual([['get_note_detail', n.noteId, SANDBOX_KEYS.fast]]);
		const hits = mediaHits();
		expect(hits.map((h) => h.url.split('?')[0]).sort()).toEqual(n.images.map((i) => i.url.split('?')[0]).sort());
		for (const hit of hits) {
			// The download's own Accept header shows that the proxy saw this request's headers.
			expect(hit.headerNames).toContain('accept');
			expect(hit.headerNames).not.toContain('x-api-key');
			expect(hit.headerNames).not.toContain('authorization');
		}
	});

	it('downloads a video note\'s video and cover with All Media; the video is video/mp4 named <noteId>_video.mp4', async () => {
		const n = notes.videoSample;
		const [video, cover] = await expectedFiles(sandbox, [n.video!.url, n.images[0].url]);
		const result = await run([n], { downloadMedia: 'all' });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(['cover', 'video']);
		expect(item.binary!.video).toMatchObject({ mimeType: 'video/mp4', fileName: `${n.noteId}_video.mp4`, fileType: 'video' });
		expect(item.binary!.cover).toMatchObject({ mimeType: 'image/jpeg', fileName: `${n.noteId}_cover.jpg` });
		await expectStoredOnDisk(item.binary!.video, video.bytes);
		await expectStoredOnDisk(item.binary!.cover, cover.bytes);
		expect(noteCalls()).toHaveLength(1);
	});

	it('adds the files to Raw output too, and leaves the output untouched when Download Media is None', async () => {
		const n = notes.singleImage;
		const [file] = await expectedFiles(sandbox, [n.images[0].url]);
		const raw = await run([n], { output: 'raw', downloadMedia: 'cover' });
		expect(raw.error).toBeUndefined();
		expect(raw.json[0]).toMatchObject({ note_id: n.noteId, mediaErrors: [] });
		expect(raw.items[0].binary!.cover.fileName).toBe(`${n.noteId}_cover.jpg`);
		await expectStoredOnDisk(raw.items[0].binary!.cover, file.bytes);

		sandbox.resetStats();
		const plain = await run([n], {});
		expect(plain.items[0].binary).toBeUndefined();
		expect(plain.json[0]).not.toHaveProperty('mediaFiles');
		expect(plain.json[0]).not.toHaveProperty('mediaErrors');
		expect(mediaHits()).toEqual([]);
	});

	it('Selected Media takes only the kinds chosen', async () => {
		const n = notes.countsHuge;
		const result = await run([n], { downloadMedia: 'selected', mediaKinds: ['cover'] });
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['cover']);
		expect(mediaHits().map((h) => h.url.split('?')[0])).toEqual([n.images[0].url.split('?')[0]]);
	});
});

describe('Download Media: each file in its own item', () => {
	it('gives one item per file, each paired to its input item, with the file in the chosen field', async () => {
		const many = notes.manyImages;
		const video = notes.videoSample;
		const expectedMany = await expectedFiles(sandbox, many.images.map((i) => i.url));
		const [expectedVideo] = await expectedFiles(sandbox, [video.video!.url]);
		const result = await run([many, video], {
			downloadMedia: 'all',
			mediaOwnItems: true,
			mediaOptions: { binaryPropertyName: 'file' },
		});

		expect(result.error).toBeUndefined();
		// Nine images (the cover is image 1, not downloaded twice) + the video and its cover.
		expect(result.items).toHaveLength(9 + 2);
		expect(result.items.map((i) => i.pairedItem)).toEqual([...Array(9).fill({ item: 0 }), { item: 1 }, { item: 1 }]);
		for (const [i, item] of result.items.slice(0, 9).entries()) {
			expect(Object.keys(item.binary ?? {})).toEqual(['file']);
			expect(item.json).toMatchObject({
				noteId: many.noteId,
				title: many.title,
				media: { property: 'file', kind: 'image', index: i + 1, fileName: item.binary!.file.fileName },
				mediaErrors: [],
			});
			await expectStoredOnDisk(item.binary!.file, expectedMany[i].bytes);
		}
		const videoItem = result.items[9];
		expect(videoItem.json).toMatchObject({ noteId: video.noteId, media: { kind: 'video', fileName: `${video.noteId}_video.mp4` } });
		await expectStoredOnDisk(videoItem.binary!.file, expectedVideo.bytes);
		expect(result.items[10].json).toMatchObject({ media: { kind: 'cover', fileName: `${video.noteId}_cover.jpg` } });
		expect(noteCalls()).toHaveLength(2);
	});

	it('keeps a note whose files all failed as one item, without binary, saying why', async () => {
		const n = notes.mediaExpired;
		const result = await run([n], { downloadMedia: 'images', mediaOwnItems: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.json[0]).toMatchObject({ noteId: n.noteId, title: n.title, mediaFiles: [] });
		expect(result.json[0].mediaErrors).toEqual(
			n.images.map((img, i) => expect.objectContaining({ file: `${n.noteId}_${i + 1}`, url: img.url, reason: 'expired', httpStatus: 403 })),
		);
		expect(noteCalls()).toHaveLength(1);
	});
});

describe('Download Media: refusals and failures', () => {
	it('refuses a foreign host without contacting it, follows a redirect within xhscdn, refuses one that leaves it', async () => {
		const n = MEDIA_NOTES.mixed;
		const [good, target] = await expectedFiles(sandbox, [mixedUrls.good, mixedUrls.redirectTarget]);
		const result = await run([n], { downloadMedia: 'images' });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(['image_1', 'image_3']);
		await expectStoredOnDisk(item.binary!.image_1, good.bytes);
		// The redirect target is a WebP: the name and type follow what was actually served.
		expect(item.binary!.image_3).toMatchObject({ mimeType: 'image/webp', fileName: `${n.noteId}_3.webp` });
		await expectStoredOnDisk(item.binary!.image_3, target.bytes);

		const errors = item.json.mediaErrors as Array<Record<string, unknown>>;
		expect(errors.map((e) => [e.file, e.reason])).toEqual([
			[`${n.noteId}_2`, 'foreign_host'],
			[`${n.noteId}_4`, 'redirect_refused'],
		]);
		expect(errors[0].url).toBe(FOREIGN_IMAGE);
		expect(errors[0].message).toContain('img.example.com');
		expect(errors[1].message).toContain('evil.example.net');

		// Neither foreign host was asked for anything, directly or through the proxy.
		const stats = sandbox.stats().proxy;
		expect(stats.refused).toEqual([]);
		expect(Object.keys(stats.byHost).sort()).toEqual(['sns-img-bd.xhscdn.com', 'sns-webpic-qc.xhscdn.com']);
		expect(mediaHits().map((h) => [h.url.split('?')[0], h.status])).toEqual(
			expect.arrayContaining([
				[mixedUrls.redirecting.split('?')[0], 302],
				[mixedUrls.redirectTarget.split('?')[0], 200],
				[mixedUrls.redirectsAway.split('?')[0], 302],
			]),
		);
		expect(noteCalls()).toHaveLength(1);
	});

	it('refuses a file over Max File Size by its Content-Length and keeps the ones under it', async () => {
		const n = notes.videoLarge;
		const [cover] = await expectedFiles(sandbox, [n.images[0].url]);
		const limited = await run([n], { downloadMedia: 'all', mediaOptions: { maxFileSizeMb: 5 } });

		expect(limited.error).toBeUndefined();
		const [item] = limited.items;
		expect(Object.keys(item.binary ?? {})).toEqual(['cover']);
		await expectStoredOnDisk(item.binary!.cover, cover.bytes);
		expect(item.json.mediaErrors).toEqual([
			expect.objectContaining({ file: `${n.noteId}_video`, kind: 'video', reason: 'too_big', url: n.video!.url }),
		]);
		expect((item.json.mediaErrors as Array<{ message: string }>)[0].message).toMatch(/8 MB.*5 MB/);

		// The default limit (50 MB) takes the 8 MB video.
		sandbox.resetStats();
		const unlimited = await run([n], { downloadMedia: 'video' });
		expect(unlimited.json[0].mediaErrors).toEqual([]);
		expect(unlimited.items[0].binary!.video.bytes).toBe(8 * 1024 * 1024);
	});

	it('stops a file sent without Content-Length once it passes the limit', async () => {
		const n = MEDIA_NOTES.unsized;
		const [video] = await expectedFiles(sandbox, [n.video!.url]);
		expect(video.bytes.length).toBe(3 * 1024 * 1024);

		const storedBefore = storedFiles();
		const limited = await run([n], { downloadMedia: 'video', mediaOptions: { maxFileSizeMb: 1 } });
		expect(limited.items[0].binary).toBeUndefined();
		expect(limited.json[0].mediaErrors).toEqual([expect.objectContaining({ reason: 'too_big', kind: 'video' })]);
		// Not even a partial file: n8n's store removes what it wrote once the body fails.
		expect(storedFiles()).toEqual(storedBefore);

		const roomy = await run([n], { downloadMedia: 'video', mediaOptions: { maxFileSizeMb: 4 } });
		await expectStoredOnDisk(roomy.items[0].binary!.video, video.bytes);
	});

	it('keeps the note when every download times out', async () => {
		// The 1 s timeout must cut the downloads well before the CDN answers, with room for a loaded machine.
		const latencyMs = 10_000;
		const slow = await startSandbox({ fixtures: MEDIA_CATALOGUE, mediaLatencyMs: latencyMs });
		const restore = useSandboxProxy(slow);
		let started = Date.now();
		try {
			const n = notes.emptyTitle;
			started = Date.now();
			const result = await runNode([{ link: exploreLink(n) }], noteGet({ downloadMedia: 'images', mediaOptions: { timeoutSeconds: 1 } }), {
				credentials: credentialsFor(slow),
			});
			expect(result.error).toBeUndefined();
			// The node's own time, as n8n measured it: the engine's start-up is not the node's.
			expect(result.result.runData.Xiaohongshu[0].executionTime).toBeLessThan(latencyMs - 3_000);
			expect(result.json[0]).toMatchObject({ noteId: n.noteId, mediaFiles: [] });
			expect(result.json[0].mediaErrors).toEqual(n.images.map(() => expect.objectContaining({ reason: 'timeout' })));
		} finally {
			restore();
			// The sandbox's latency timers outlive the abandoned requests: let them end before closing.
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + latencyMs + 100 - Date.now())));
			await slow.close();
		}
	});

	it('downloads the same note for two items with one parse.bot call', async () => {
		const n = notes.singleImage;
		const result = await run([n, n], { downloadMedia: 'images' });
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items.every((i) => i.binary?.image_1 !== undefined)).toBe(true);
		expect(noteCalls()).toHaveLength(1);
	});
});

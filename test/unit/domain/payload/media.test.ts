import { Readable } from 'node:stream';

import {
	extensionFromUrl,
	mediaFileName,
	mediaKindsFor,
	mediaTypeOf,
	mediaUrlProblem,
	selectMediaFiles,
} from '../../../../nodes/Xiaohongshu/domain/payload/media';
import type { NotePayload } from '../../../../nodes/Xiaohongshu/domain/payload/payloads';
import { MediaDownloadError, limitBodySize } from '../../../../nodes/Xiaohongshu/transport/mediaDownload';

const NOTE_ID = '68e0b9a0f1e2d3c4b5a69788';
const jpg = 'http://sns-webpic-qc.xhscdn.com/202601011200/0a1b2c3d4e5f60718293a4b5c6d7e8f9/spectrum/1040g0k0!nd_dft_wlteh_jpg_3';
const webp = 'http://sns-webpic-qc.xhscdn.com/202601011200/1b2c3d4e5f60718293a4b5c6d7e8f90a/spectrum/1040g0k1!nd_dft_wlteh_webp_3';
const png = 'https://sns-webpic-qc.xhscdn.com/202601011200/2c3d4e5f60718293a4b5c6d7e8f90a1b/spectrum/1040g0k2!nd_prv_wlteh_png_3';
const [jpgOriginal, webpOriginal, pngOriginal] = [
	'http://ci.xiaohongshu.com/spectrum/1040g0k0',
	'http://ci.xiaohongshu.com/spectrum/1040g0k1',
	'https://ci.xiaohongshu.com/spectrum/1040g0k2',
];
const mp4 = 'http://sns-video-zl.xhscdn.com/stream/110/258/01e4abc_258.mp4?sign=ff&t=1';

const imageNote: NotePayload = { note_id: NOTE_ID, type: 'normal', images: [{ url: jpg }, { url: webp }, { url: png }] };
const videoNote: NotePayload = { note_id: NOTE_ID, type: 'video', images: [{ url: jpg }], video: { url: mp4 } };

describe('mediaKindsFor', () => {
	it('maps each Download Media choice to its kinds', () => {
		expect([...mediaKindsFor('none')]).toEqual([]);
		expect([...mediaKindsFor('images')]).toEqual(['image']);
		expect([...mediaKindsFor('video')]).toEqual(['video']);
		expect([...mediaKindsFor('cover')]).toEqual(['cover']);
		expect([...mediaKindsFor('all')]).toEqual(['image', 'video', 'cover']);
		expect([...mediaKindsFor('selected', ['cover', 'video', 'bogus'])]).toEqual(['cover', 'video']);
		expect([...mediaKindsFor('selected', 'image')]).toEqual([]);
		expect([...mediaKindsFor('something else')]).toEqual([]);
	});
});

describe('selectMediaFiles', () => {
	it('numbers an image note\'s images from 1 with their property and base names', () => {
		expect(selectMediaFiles(imageNote, NOTE_ID, mediaKindsFor('images'))).toEqual([
			{ kind: 'image', index: 1, url: jpg, property: 'image_1', baseName: `${NOTE_ID}_1`, originalUrl: jpgOriginal },
			{ kind: 'image', index: 2, url: webp, property: 'image_2', baseName: `${NOTE_ID}_2`, originalUrl: webpOriginal },
			{ kind: 'image', index: 3, url: png, property: 'image_3', baseName: `${NOTE_ID}_3`, originalUrl: pngOriginal },
		]);
	});

	it('does not download an image note\'s cover twice when images are taken too', () => {
		const all = selectMediaFiles(imageNote, NOTE_ID, mediaKindsFor('all'));
		expect(all.map((f) => f.property)).toEqual(['image_1', 'image_2', 'image_3']);
		expect(selectMediaFiles(imageNote, NOTE_ID, mediaKindsFor('cover'))).toEqual([
			{ kind: 'cover', index: null, url: jpg, property: 'cover', baseName: `${NOTE_ID}_cover`, originalUrl: jpgOriginal },
		]);
	});

	it('takes a video note\'s video and cover, and no "images" (its only image is the cover)', () => {
		expect(selectMediaFiles(videoNote, NOTE_ID, mediaKindsFor('all'))).toEqual([
			{ kind: 'video', index: null, url: mp4, property: 'video', baseName: `${NOTE_ID}_video`, originalUrl: null },
			{ kind: 'cover', index: null, url: jpg, property: 'cover', baseName: `${NOTE_ID}_cover`, originalUrl: jpgOriginal },
		]);
		expect(selectMediaFiles(videoNote, NOTE_ID, mediaKindsFor('images'))).toEqual([]);
		expect(selectMediaFiles(imageNote, NOTE_ID, mediaKindsFor('video'))).toEqual([]);
	});

	it('reads string images and url_default / url_pre, and skips empty ones', () => {
		const payload: NotePayload = { type: 'normal', images: ['', jpg, { url: '', url_default: webp }, { url_pre: png }, { url: null }] };
		expect(selectMediaFiles(payload, NOTE_ID, mediaKindsFor('images')).map((f) => f.url)).toEqual([jpg, webp, png]);
	});

	it('treats a note without a type but with a video as a video note', () => {
		const payload: NotePayload = { images: [{ url: jpg }], video: { url: mp4 } };
		expect(selectMediaFiles(payload, NOTE_ID, mediaKindsFor('all')).map((f) => f.kind)).toEqual(['video', 'cover']);
	});
});

describe('extensionFromUrl', () => {
	it('reads xhscdn image variants, format/ parameters and file extensions', () => {
		expect(extensionFromUrl(jpg)).toBe('jpg');
		expect(extensionFromUrl(webp)).toBe('webp');
		expect(extensionFromUrl(png)).toBe('png');
		expect(extensionFromUrl(mp4)).toBe('mp4');
		expect(extensionFromUrl('http://sns-img-qc.xhscdn.com/abc?imageView2/2/w/1080/format/webp')).toBe('webp');
		expect(extensionFromUrl('http://sns-avatar-qc.xhscdn.com/avatar/abc.jpeg')).toBe('jpg');
		expect(extensionFromUrl('http://sns-avatar-qc.xhscdn.com/avatar/abc')).toBeNull();
		expect(extensionFromUrl('http://sns-avatar-qc.xhscdn.com/avatar/abc.exe')).toBeNull();
		expect(extensionFromUrl('not a url')).toBeNull();
	});
});

describe('mediaTypeOf', () => {
	it('trusts a Content-Type that names an image or video format', () => {
		expect(mediaTypeOf('image', jpg, 'image/webp')).toEqual({ mimeType: 'image/webp', extension: 'webp' });
		expect(mediaTypeOf('image', webp, 'image/jpeg; charset=binary')).toEqual({ mimeType: 'image/jpeg', extension: 'jpg' });
		expect(mediaTypeOf('image', jpg, 'image/jpg')).toEqual({ mimeType: 'image/jpeg', extension: 'jpg' });
		expect(mediaTypeOf('video', mp4, 'video/mp4')).toEqual({ mimeType: 'video/mp4', extension: 'mp4' });
		expect(mediaTypeOf('video', mp4, 'video/quicktime')).toEqual({ mimeType: 'video/quicktime', extension: 'mov' });
	});

	it('falls back to the URL, then to what the kind implies, when the Content-Type says nothing', () => {
		expect(mediaTypeOf('image', webp, 'application/octet-stream')).toEqual({ mimeType: 'image/webp', extension: 'webp' });
		expect(mediaTypeOf('cover', png, null)).toEqual({ mimeType: 'image/png', extension: 'png' });
		expect(mediaTypeOf('image', 'http://sns-img-qc.xhscdn.com/abc', '')).toEqual({ mimeType: 'image/jpeg', extension: 'jpg' });
		expect(mediaTypeOf('video', 'http://sns-video-qc.xhscdn.com/abc', undefined)).toEqual({ mimeType: 'video/mp4', extension: 'mp4' });
		// A video URL naming an image format does not make the video an image.
		expect(mediaTypeOf('video', webp, 'application/octet-stream')).toEqual({ mimeType: 'video/mp4', extension: 'mp4' });
	});

	it('refuses what is not media (an HTML error page answered 200)', () => {
		expect(mediaTypeOf('image', jpg, 'text/html; charset=utf-8')).toBeNull();
		expect(mediaTypeOf('video', mp4, 'application/json')).toBeNull();
		expect(mediaTypeOf('video', mp4, 'image/x-unknown')).toBeNull();
	});

	it('keeps an unusual type of the expected family', () => {
		expect(mediaTypeOf('image', 'http://sns-img-qc.xhscdn.com/abc', 'image/x-icon')).toEqual({ mimeType: 'image/x-icon', extension: 'icon' });
	});
});

describe('mediaFileName', () => {
	it('joins the base name and the extension', () => {
		const [video] = selectMediaFiles(videoNote, NOTE_ID, mediaKindsFor('video'));
		expect(mediaFileName(video, { mimeType: 'video/mp4', extension: 'mp4' })).toBe(`${NOTE_ID}_video.mp4`);
	});
});

describe('mediaUrlProblem', () => {
	it('accepts http(s) URLs on Xiaohongshu media hosts only', () => {
		expect(mediaUrlProblem(jpg)).toBeNull();
		expect(mediaUrlProblem(png)).toBeNull();
		expect(mediaUrlProblem('http://ci.xiaohongshu.com/icons/x.png')).toBeNull();
		expect(mediaUrlProblem('http://XHSCDN.COM./a.jpg')).toBeNull();
	});

	it('refuses other hosts, look-alikes, other schemes and garbage, saying which', () => {
		expect(mediaUrlProblem('http://img.example.com/a.jpg')).toMatchObject({ code: 'foreign_host', message: expect.stringContaining('img.example.com') });
		expect(mediaUrlProblem('http://evilxhscdn.com/a.jpg')?.code).toBe('foreign_host');
		expect(mediaUrlProblem('http://xhscdn.com.evil.net/a.jpg')?.code).toBe('foreign_host');
		expect(mediaUrlProblem('http://www.xiaohongshu.com/a.jpg')?.code).toBe('foreign_host');
		expect(mediaUrlProblem('http://127.0.0.1/a.jpg')?.code).toBe('foreign_host');
		expect(mediaUrlProblem('ftp://sns-img-qc.xhscdn.com/a.jpg')?.code).toBe('unsupported_scheme');
		expect(mediaUrlProblem('file:///etc/passwd')?.code).toBe('unsupported_scheme');
		expect(mediaUrlProblem('//sns-img-qc.xhscdn.com/a.jpg')?.code).toBe('invalid_url');
	});
});

describe('limitBodySize', () => {
	const CHUNK = 64 * 1024;

	/** A body of `count` 64 KB chunks that counts how many were pulled from it. */
	function source(count: number) {
		const state = { pulled: 0, destroyed: false };
		const stream = Readable.from(
			(function* () {
				for (let i = 0; i < count; i++) {
					state.pulled += 1;
					yield Buffer.alloc(CHUNK, i % 256);
				}
			})(),
			{ objectMode: false, highWaterMark: CHUNK },
		);
		stream.on('close', () => (state.destroyed = true));
		return { stream, state };
	}

	/** A few turns of the event loop: a reader that comes late, as n8n's file store does after creating its folder. */
	const later = async () => {
		for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
	};

	/** How n8n's filesystem mode reads (fs.writeFile iterates the stream). */
	async function iterate(stream: Readable): Promise<Buffer> {
		const parts: Buffer[] = [];
		for await (const chunk of stream) parts.push(Buffer.from(chunk as Buffer));
		return Buffer.concat(parts);
	}

	/** How n8n 2.x's in-memory mode reads (streamToBuffer listens for 'data'). */
	async function listen(stream: Readable): Promise<Buffer> {
		return await new Promise((resolve, reject) => {
			const parts: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => parts.push(chunk));
			stream.once('end', () => resolve(Buffer.concat(parts)));
			stream.once('error', reject);
		});
	}

	it.each([
		['iterates', iterate],
		['listens for data', listen],
	])('hands a reader that %s every byte of a file under the limit, even when it comes late', async (_how, read) => {
		const { stream } = source(4);
		const limit = limitBodySize(stream, 4 * CHUNK);
		await later();
		const file = await read(stream);
		expect(file.length).toBe(4 * CHUNK);
		expect([file[0], file[CHUNK], file[3 * CHUNK]]).toEqual([0, 1, 3]);
		expect(limit.exceeded()).toBeNull();
		// The item's media.bytes on n8n 1.x, whose binary data carries no byte count.
		expect(limit.bytes()).toBe(4 * CHUNK);
	});

	it.each([
		['iterates', iterate],
		['listens for data', listen],
	])('fails a reader that %s with too_big at the first chunk over the limit, and stops reading the body', async (_how, read) => {
		const { stream, state } = source(1_000);
		const limit = limitBodySize(stream, 10 * CHUNK + 1);
		const failure = await read(stream).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(MediaDownloadError);
		expect((failure as MediaDownloadError).code).toBe('too_big');
		expect(limit.exceeded()).toBe(failure);
		await new Promise((resolve) => setImmediate(resolve));
		expect(state.destroyed).toBe(true);
		// 11 chunks are needed to pass the limit; only stream buffering reads a little further.
		expect(state.pulled).toBeGreaterThanOrEqual(11);
		expect(state.pulled).toBeLessThan(20);
	});

	it('leaves the body alone once stopped', async () => {
		const { stream } = source(3);
		limitBodySize(stream, CHUNK).stop();
		const file = await iterate(stream);
		expect(file.length).toBe(3 * CHUNK);
	});
});

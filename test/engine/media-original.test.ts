/**
 * Image Quality → Original, end to end: real workflows through n8n-core, parse.bot played by
 * the sandbox, the CDN and ci.xiaohongshu.com by its proxy. The sandbox serves originals (as
 * PNG) for the images its catalogue lists and answers 404 for the others, so each file must
 * come from where the item says it came from. Expected bytes are fetched with undici, apart
 * from the node.
 */

import { DEFAULT_CATALOGUE, FIXTURES, IMAGES_WITH_ORIGINALS, SANDBOX_KEYS, type Catalogue, type Sandbox } from '../../tooling/sandbox';
import { fileId, originalUrl } from '../../tooling/sandbox/fixtureBuilders';
import { expectStored, expectedFiles, exploreLink } from './media-support';
import { callsWith, credentialsFor, noteGet, runNode, sandboxForThisFile } from './node-support';

const { manyImages, videoSample, singleImage } = FIXTURES.notes;

/** Images whose URLs carry no key: the original is found by file_id, or not looked for. */
const keyless = {
	withFileId: `http://sns-img-bd.xhscdn.com/notes_pre_post/${fileId('keyless-0')}?imageView2/2/w/1080/format/webp`,
	withoutFileId: `http://sns-img-bd.xhscdn.com/notes_pre_post/${fileId('keyless-1')}?imageView2/2/w/1080/format/jpg`,
	refusedOriginal: `http://sns-webpic-qc.xhscdn.com/202601011200/0a1b2c3d4e5f60718293a4b5c6d7e8f9/spectrum/${fileId('keyless-2')}!nd_dft_wlteh_jpg_3`,
};
const keylessNote = {
	...singleImage,
	noteId: '68f0a0b0c0d0e0f001020304',
	xsecToken: singleImage.xsecToken.replace(/^CB/, 'AB'),
	images: [
		{ url: keyless.withFileId, width: 1080, height: 1440, file_id: fileId('keyless-0') },
		{ url: keyless.withoutFileId, width: 1080, height: 1440, file_id: '' },
		{ url: keyless.refusedOriginal, width: 1080, height: 1440, file_id: '' },
	],
	covers: 'image URLs without time and signature segments; an original that redirects off the allowed hosts',
};
const withoutQuery = (url: string) => url.split('?')[0];
const keylessOriginal = `http://ci.xiaohongshu.com/${fileId('keyless-0')}`;

const CATALOGUE: Catalogue = {
	...DEFAULT_CATALOGUE,
	notes: { ...DEFAULT_CATALOGUE.notes, keyless: keylessNote },
	media: {
		...DEFAULT_CATALOGUE.media,
		[withoutQuery(keyless.withFileId)]: { covers: 'keyless WebP' },
		[withoutQuery(keyless.withoutFileId)]: { covers: 'keyless JPEG' },
		[keylessOriginal]: { format: 'png', covers: 'original found by file_id' },
		[originalUrl('keyless-2')]: { location: 'http://ci.xiaohongshu.com.evil.net/x.png', covers: 'original redirecting to a lookalike' },
	},
};

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started), { fixtures: CATALOGUE });

const ORIGINAL = { mediaOptions: { imageQuality: 'original' } };

function hitsOn(host: string) {
	return sandbox
		.stats()
		.proxy.hits.filter((h) => h.host === host)
		.map((h) => [withoutQuery(h.url), h.status]);
}

type MediaFile = Record<string, unknown>;

describe('Image Quality: Original', () => {
	it('takes the original where ci.xiaohongshu.com has one and the served file where it has not, saying which', async () => {
		const withOriginal = new Set(IMAGES_WITH_ORIGINALS.filter((o) => o.note === 'manyImages').map((o) => o.index));
		expect(withOriginal.size).toBeGreaterThan(0);
		expect(withOriginal.size).toBeLessThan(manyImages.images.length);
		const originals = manyImages.images.map((_, i) => originalUrl(`manyImages-${i}`));
		const expected = await expectedFiles(sandbox, 
			manyImages.images.map((image, i) => (withOriginal.has(i) ? originals[i] : image.url)),
		);

		const result = await runNode([{ link: exploreLink(manyImages) }], noteGet({ downloadMedia: 'images', ...ORIGINAL }), {
			credentials: credentialsFor(sandbox),
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json.mediaErrors).toEqual([]);
		const files = item.json.mediaFiles as MediaFile[];
		expect(files.map((f) => f.quality)).toEqual(manyImages.images.map((_, i) => (withOriginal.has(i) ? 'original' : 'served')));
		for (const [i, file] of files.entries()) {
			const binary = item.binary![`image_${i + 1}`];
			if (withOriginal.has(i)) {
				expect(file).toMatchObject({ sourceUrl: originals[i], url: manyImages.images[i].url, mimeType: 'image/png', fileName: `${manyImages.noteId}_${i + 1}.png` });
			} else {
				expect(file).toMatchObject({ sourceUrl: manyImages.images[i].url, url: manyImages.images[i].url });
				expect(file.mimeType).not.toBe('image/png');
			}
			await expectStored(binary, expected[i].bytes);
		}

		// Every image asked ci.xiaohongshu.com once; only the ones without an original went on to the CDN.
		expect(hitsOn('ci.xiaohongshu.com').sort()).toEqual(originals.map((u, i) => [u, withOriginal.has(i) ? 200 : 404]).sort());
		expect(hitsOn('sns-webpic-qc.xhscdn.com').map(([url]) => url).sort()).toEqual(
			manyImages.images.filter((_, i) => !withOriginal.has(i)).map((image) => withoutQuery(image.url)).sort(),
		);
		// No credit: the one parse.bot call is the note itself.
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(1);
	});

	it('As Served (the default) never asks ci.xiaohongshu.com, and says every file is served', async () => {
		const result = await runNode([{ link: exploreLink(singleImage) }], noteGet({ downloadMedia: 'images' }), {
			credentials: credentialsFor(sandbox),
		});
		expect(result.error).toBeUndefined();
		expect((result.json[0].mediaFiles as MediaFile[]).map((f) => [f.quality, f.sourceUrl])).toEqual([['served', singleImage.images[0].url]]);
		expect(hitsOn('ci.xiaohongshu.com')).toEqual([]);
	});

	it('finds the original by file_id when the URL gives no key; falls back to the served file when the original redirects off the allowed hosts', async () => {
		const [original, noKey, refusedServed] = await expectedFiles(sandbox, [keylessOriginal, keyless.withoutFileId, keyless.refusedOriginal]);
		const result = await runNode([{ link: exploreLink(keylessNote) }], noteGet({ downloadMedia: 'images', ...ORIGINAL }), {
			credentials: credentialsFor(sandbox),
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json.mediaErrors).toEqual([]);
		expect((item.json.mediaFiles as MediaFile[]).map((f) => [f.quality, f.sourceUrl])).toEqual([
			['original', keylessOriginal],
			['served', keyless.withoutFileId],
			['served', keyless.refusedOriginal],
		]);
		await expectStored(item.binary!.image_1, original.bytes);
		await expectStored(item.binary!.image_2, noKey.bytes);
		await expectStored(item.binary!.image_3, refusedServed.bytes);
		// No key and no file_id: nothing was asked of ci.xiaohongshu.com for image 2; the lookalike was never contacted.
		expect(hitsOn('ci.xiaohongshu.com').sort()).toEqual([[keylessOriginal, 200], [originalUrl('keyless-2'), 302]].sort());
		expect(sandbox.stats().proxy.refused).toEqual([]);
	});

	it('leaves videos as served and takes an original cover when there is one', async () => {
		const result = await runNode(
			[{ link: exploreLink(videoSample) }, { link: exploreLink(singleImage) }],
			noteGet({ downloadMedia: 'selected', mediaKinds: ['video', 'cover'], ...ORIGINAL }),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(result.error).toBeUndefined();
		const [video, image] = result.json.map((json) => (json.mediaFiles as MediaFile[]).map((f) => [f.kind, f.quality]));
		// The video note's cover has no original in the sandbox: served.
		expect(video).toEqual([
			['video', 'served'],
			['cover', 'served'],
		]);
		expect(image).toEqual([['cover', 'original']]);
		expect(result.items[1].binary!.cover).toMatchObject({ mimeType: 'image/png', fileName: `${singleImage.noteId}_cover.png` });
	});
});

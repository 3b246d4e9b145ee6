/**
 * RedNote accounts: notes behind www.rednote.com links whose images and video sit on RedNote's
 * own CDN (rednotecdn.com). Real workflows through n8n-core, the CDN played by the sandbox's
 * proxy, expected bytes fetched with undici apart from the node. Redirect hops to lookalikes
 * of the CDN are refused without being contacted.
 */

import { DEFAULT_CATALOGUE, FIXTURES, SANDBOX_KEYS, type Catalogue, type Sandbox } from '../../tooling/sandbox';
import { rednoteImageUrl } from '../../tooling/sandbox/fixtureBuilders';
import { expectStored, expectedFiles } from './media-support';
import { callsWith, credentialsFor, noteGet, runNode, sandboxForThisFile } from './node-support';

const { rednoteImages, rednoteVideo } = FIXTURES.notes;

const hop = {
	withinCdn: rednoteImageUrl('rednoteHop-0', 'sns-i11'),
	target: rednoteImageUrl('rednoteHop-0-target', 'sns-web-i10', 'jpg'),
	toSuffixLookalike: rednoteImageUrl('rednoteHop-1', 'sns-i11'),
	toPrefixLookalike: rednoteImageUrl('rednoteHop-2', 'i10'),
};
const LOOKALIKE_SUFFIX = 'http://rednotecdn.com.evil.net/spectrum/stolen.jpg';
const LOOKALIKE_PREFIX = 'http://evilrednotecdn.com/spectrum/stolen.jpg';
const withoutQuery = (url: string) => url.split('?')[0];

/** A RedNote note whose images redirect: once within rednotecdn.com, twice to lookalikes. */
const redirecting = {
	...rednoteImages,
	noteId: '6805c9a3000000002300ed1e',
	xsecToken: rednoteImages.xsecToken.replace(/^CB/, 'AB'),
	images: [hop.withinCdn, hop.toSuffixLookalike, hop.toPrefixLookalike].map((url) => ({ url, width: 1080, height: 1440, file_id: '' })),
	covers: 'RedNote images redirecting within rednotecdn.com and to rednotecdn lookalikes',
};

const CATALOGUE: Catalogue = {
	...DEFAULT_CATALOGUE,
	notes: { ...DEFAULT_CATALOGUE.notes, rednoteRedirects: redirecting },
	media: {
		...DEFAULT_CATALOGUE.media,
		[withoutQuery(hop.withinCdn)]: { location: hop.target, covers: 'redirect within rednotecdn.com' },
		[withoutQuery(hop.target)]: { covers: 'redirect target' },
		[withoutQuery(hop.toSuffixLookalike)]: { location: LOOKALIKE_SUFFIX, covers: 'redirect to rednotecdn.com.evil.net' },
		[withoutQuery(hop.toPrefixLookalike)]: { location: LOOKALIKE_PREFIX, covers: 'redirect to evilrednotecdn.com' },
	},
};

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started), { fixtures: CATALOGUE });

const rednoteLink = (n: { noteId: string; xsecToken: string }) =>
	`https://www.rednote.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}&xsec_source=pc_feed`;

function mediaHosts(): string[] {
	return sandbox
		.stats()
		.proxy.hits.filter((h) => h.kind === 'media')
		.map((h) => h.host)
		.sort();
}

describe('RedNote notes: media on rednotecdn.com', () => {
	it('downloads every image of a rednote.com note from i10, sns-i11 and sns-web-i10.rednotecdn.com, byte for byte', async () => {
		const expected = await expectedFiles(sandbox, rednoteImages.images.map((i) => i.url));
		const result = await runNode([{ link: rednoteLink(rednoteImages) }], noteGet({ downloadMedia: 'images' }), {
			credentials: credentialsFor(sandbox),
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ noteId: rednoteImages.noteId, mediaErrors: [] });
		expect(Object.keys(item.binary ?? {})).toEqual(['image_1', 'image_2', 'image_3']);
		expect(item.binary!.image_1).toMatchObject({ mimeType: 'image/jpeg', fileName: `${rednoteImages.noteId}_1.jpg` });
		expect(item.binary!.image_2).toMatchObject({ mimeType: 'image/webp', fileName: `${rednoteImages.noteId}_2.webp` });
		for (const [i, file] of expected.entries()) await expectStored(item.binary![`image_${i + 1}`], file.bytes);
		expect(mediaHosts()).toEqual(['i10.rednotecdn.com', 'sns-i11.rednotecdn.com', 'sns-web-i10.rednotecdn.com']);
		expect(sandbox.stats().proxy.refused).toEqual([]);
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(1);
	});

	it('downloads a RedNote video from sns-v11.rednotecdn.com and its cover', async () => {
		const [video, cover] = await expectedFiles(sandbox, [rednoteVideo.video!.url, rednoteVideo.images[0].url]);
		const result = await runNode([{ link: rednoteLink(rednoteVideo) }], noteGet({ downloadMedia: 'all' }), {
			credentials: credentialsFor(sandbox),
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json.mediaErrors).toEqual([]);
		expect(item.binary!.video).toMatchObject({ mimeType: 'video/mp4', fileName: `${rednoteVideo.noteId}_video.mp4` });
		await expectStored(item.binary!.video, video.bytes);
		await expectStored(item.binary!.cover, cover.bytes);
		expect(mediaHosts()).toEqual(['sns-i11.rednotecdn.com', 'sns-v11.rednotecdn.com']);
	});

	it('downloads the images of a RedNote share link (xhslink.com -> www.rednote.com)', async () => {
		const result = await runNode([{ link: FIXTURES.shortLinks.rednoteShare.url }], noteGet({ downloadMedia: 'images' }), {
			credentials: credentialsFor(sandbox),
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ noteId: rednoteImages.noteId, mediaErrors: [] });
		expect(Object.keys(result.items[0].binary ?? {})).toHaveLength(3);
	});

	it('follows a redirect within rednotecdn.com and refuses hops to rednotecdn.com.evil.net and evilrednotecdn.com without contacting them', async () => {
		const [target] = await expectedFiles(sandbox, [hop.target]);
		const result = await runNode([{ link: rednoteLink(redirecting) }], noteGet({ downloadMedia: 'images' }), {
			credentials: credentialsFor(sandbox),
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.binary ?? {})).toEqual(['image_1']);
		expect(item.binary!.image_1).toMatchObject({ mimeType: 'image/jpeg', fileName: `${redirecting.noteId}_1.jpg` });
		await expectStored(item.binary!.image_1, target.bytes);

		const errors = item.json.mediaErrors as Array<Record<string, string>>;
		expect(errors.map((e) => [e.file, e.reason])).toEqual([
			[`${redirecting.noteId}_2`, 'redirect_refused'],
			[`${redirecting.noteId}_3`, 'redirect_refused'],
		]);
		expect(errors[0].message).toContain('rednotecdn.com.evil.net');
		expect(errors[1].message).toContain('evilrednotecdn.com');
		const stats = sandbox.stats().proxy;
		expect(stats.refused).toEqual([]);
		expect(Object.keys(stats.byHost).sort()).toEqual(['i10.rednotecdn.com', 'sns-i11.rednotecdn.com', 'sns-web-i10.rednotecdn.com']);
	});
});

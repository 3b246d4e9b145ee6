/**
 * Media engine tests' setup: a catalogue with the media quirks the default one lacks (a foreign
 * host in a payload, redirects inside and outside the CDN, a file sent without Content-Length),
 * and the sandbox's bytes for a URL, fetched independently of the node with undici.
 */
import type { IBinaryData } from 'n8n-workflow';
import { ProxyAgent, fetch } from 'undici';

import { readBinary } from '../../tooling/harness';

import { DEFAULT_CATALOGUE, FIXTURES, type Catalogue, type NoteFixture, type Sandbox } from '../../tooling/sandbox';
import { idTimeMs, imageUrl, objectId, videoUrl, xsecToken } from '../../tooling/sandbox/fixtureBuilders';

export const FOREIGN_IMAGE = 'http://img.example.com/spectrum/photo.jpg';
export const FOREIGN_REDIRECT_TARGET = 'http://evil.example.net/steal.jpg';

const image = (url: string) => ({ url, width: 1080, height: 1440, file_id: '' });
const withoutQuery = (url: string) => url.split('?')[0];

function mediaNote(label: string, createdIso: string, fields: Pick<NoteFixture, 'type' | 'images' | 'video' | 'covers'>): NoteFixture {
	const noteId = objectId(createdIso, label);
	const time = idTimeMs(noteId);
	return {
		noteId,
		xsecToken: xsecToken('CB', label),
		time,
		lastUpdateTime: time + 60_000,
		title: label,
		description: '',
		ipLocation: '上海',
		userId: FIXTURES.users.femaleCreator.userId,
		tags: [],
		counts: { liked: 1, collected: 1, comment: 1, share: 1 },
		...fields,
	};
}

/** A JPEG, a foreign host, a redirect within xhscdn (to a WebP), a redirect off xhscdn. */
export const mixedUrls = {
	good: imageUrl('mediaMixed-0'),
	foreign: FOREIGN_IMAGE,
	redirecting: imageUrl('mediaMixed-2'),
	redirectTarget: imageUrl('mediaMixed-2-target', 'webp').replace('sns-webpic-qc', 'sns-img-bd'),
	redirectsAway: imageUrl('mediaMixed-3'),
};

const unsizedVideo = videoUrl('mediaUnsized');
const UNSIZED_BYTES = 3 * 1024 * 1024;

export const MEDIA_NOTES = {
	mixed: mediaNote('mediaMixed', '2025-09-01T09:00:00Z', {
		type: 'normal',
		images: [mixedUrls.good, mixedUrls.foreign, mixedUrls.redirecting, mixedUrls.redirectsAway].map(image),
		covers: 'foreign host in the payload; redirects inside and outside the CDN',
	}),
	unsized: mediaNote('mediaUnsized', '2025-09-02T09:00:00Z', {
		type: 'video',
		images: [image(imageUrl('mediaUnsized-cover'))],
		video: { url: unsizedVideo, duration: 30, format: 'h264', width: 720, height: 1280 },
		covers: 'a 3 MB video sent chunked, without Content-Length',
	}),
};

export const MEDIA_CATALOGUE: Catalogue = {
	...DEFAULT_CATALOGUE,
	notes: { ...DEFAULT_CATALOGUE.notes, ...MEDIA_NOTES },
	media: {
		...DEFAULT_CATALOGUE.media,
		[withoutQuery(mixedUrls.redirecting)]: { location: mixedUrls.redirectTarget, covers: 'redirect within xhscdn' },
		[withoutQuery(mixedUrls.redirectTarget)]: { covers: 'redirect target' },
		[withoutQuery(mixedUrls.redirectsAway)]: { location: FOREIGN_REDIRECT_TARGET, covers: 'redirect off xhscdn' },
		[withoutQuery(unsizedVideo)]: { sizeBytes: UNSIZED_BYTES, omitContentLength: true, covers: 'chunked 3 MB video' },
	},
};

export interface SandboxFile {
	bytes: Buffer;
	contentType: string | null;
}

/** What the sandbox serves at `url`, fetched through its proxy with undici (not through the node). */
export async function sandboxFile(sandbox: Sandbox, url: string): Promise<SandboxFile> {
	const dispatcher = new ProxyAgent(sandbox.proxyUrl);
	try {
		const res = await fetch(url, { dispatcher, redirect: 'manual' });
		if (res.status !== 200) throw new Error(`sandbox answered ${res.status} for ${url}`);
		return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') };
	} finally {
		await dispatcher.close();
	}
}

export function exploreLink(n: { noteId: string; xsecToken: string }): string {
	return `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}&xsec_source=pc_feed`;
}

/** What the sandbox serves at each of `urls`; these fetches are then wiped from its stats. */
export async function expectedFiles(sandbox: Sandbox, urls: string[]): Promise<SandboxFile[]> {
	const files = await Promise.all(urls.map((u) => sandboxFile(sandbox, u)));
	sandbox.resetStats();
	return files;
}

/** The binary data n8n stored holds exactly `expected`, byte for byte. */
export async function expectStored(binary: IBinaryData | undefined, expected: Buffer): Promise<void> {
	expect(binary).toBeDefined();
	const stored = await readBinary(binary!);
	expect(stored.length).toBe(expected.length);
	expect(stored.equals(expected)).toBe(true);
}

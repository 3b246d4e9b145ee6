/**
 * Where the original of a note image is: what Xiaohongshu serves at a note's image URLs is a
 * resized, re-encoded, signed copy; `ci.xiaohongshu.com` serves the uploaded file under the
 * image's key. Pure: no n8n, no network.
 *
 * The key is the served URL's path after its time and signature segments, without the `!…`
 * style suffix: `/202604192126/afa8…/notes_pre_post/1040g3k8…!nd_dft_wlteh_webp_3` has the key
 * `notes_pre_post/1040g3k8…` (the scheme XHS-Downloader uses in source/application/image.py).
 * A URL without those segments gives no key; the payload's `file_id` stands in then.
 */

export const ORIGINAL_IMAGE_HOST = 'ci.xiaohongshu.com';

/** `yyyyMMddHHmm`, the time the URL was signed at. */
const SIGNING_TIME = /^\d{12}$/;
/** The signature segment: a hex digest. */
const SIGNATURE = /^[0-9a-f]{8,64}$/i;
/** What a key segment may hold; anything else (`..`, escapes, spaces) is not a key. */
const KEY_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
const MAX_SEGMENTS = 8;

function keyFrom(segments: string[]): string | null {
	if (segments.length === 0 || segments.length > MAX_SEGMENTS) return null;
	return segments.every((s) => KEY_SEGMENT.test(s)) ? segments.join('/') : null;
}

/** The image key the served URL carries after its time and signature segments, or null. */
export function imageKeyFromUrl(url: string): string | null {
	let path: string;
	try {
		path = new URL(url).pathname;
	} catch {
		return null;
	}
	const segments = path.split('/').filter((s) => s !== '');
	if (segments.length < 3 || !SIGNING_TIME.test(segments[0]) || !SIGNATURE.test(segments[1])) return null;
	const rest = segments.slice(2);
	const last = rest.length - 1;
	const bang = rest[last].indexOf('!');
	if (bang >= 0) rest[last] = rest[last].slice(0, bang);
	return keyFrom(rest);
}

function keyFromFileId(fileId: unknown): string | null {
	if (typeof fileId !== 'string') return null;
	const trimmed = fileId.trim();
	if (trimmed === '') return null;
	return keyFrom(trimmed.split('/').filter((s) => s !== ''));
}

/**
 * The original's URL, on the served URL's scheme (the key is public, the scheme is the one the
 * payload chose), or null when neither the URL nor `fileId` gives a key.
 */
export function originalImageUrl(servedUrl: string, fileId?: unknown): string | null {
	let scheme: string;
	try {
		scheme = new URL(servedUrl).protocol;
	} catch {
		return null;
	}
	if (scheme !== 'http:' && scheme !== 'https:') return null;
	const key = imageKeyFromUrl(servedUrl) ?? keyFromFileId(fileId);
	return key === null ? null : `${scheme}//${ORIGINAL_IMAGE_HOST}/${key}`;
}

import { createHash } from 'node:crypto';

/**
 * Deterministic generators for ids, tokens and media URLs that look like the real
 * thing. Everything is derived from a label by hashing, so the catalogue is the
 * same on every machine and a fixture can be rebuilt from its name.
 */

function hashHex(label: string): string {
	return createHash('sha256').update(label).digest('hex');
}

/** A 24-hex ObjectId whose first 8 digits are `isoTime` in unix seconds, as on the site. */
export function objectId(isoTime: string, label: string): string {
	const seconds = Math.floor(Date.parse(isoTime) / 1000);
	return seconds.toString(16).padStart(8, '0') + hashHex(`id:${label}`).slice(0, 16);
}

/** A 46-character xsec_token: 2-letter prefix, 43 URL-safe base64 characters, trailing '='. */
export function xsecToken(prefix: 'AB' | 'CB' | 'YB', label: string): string {
	const body = createHash('sha256').update(`token:${label}`).digest('base64url').slice(0, 43);
	return `${prefix}${body}=`;
}

/** Publish time in ms, read back from an ObjectId as the site does. */
export function idTimeMs(id: string): number {
	return parseInt(id.slice(0, 8), 16) * 1000;
}

export function fileId(label: string): string {
	return `1040g${hashHex(`file:${label}`).slice(0, 35)}`;
}

/** `http://sns-webpic-qc.xhscdn.com/<yyyyMMddHHmm>/<hash>/spectrum/<fileId>!nd_dft_wlteh_<fmt>_3` */
export function imageUrl(label: string, format: 'jpg' | 'webp' | 'png' = 'jpg'): string {
	return `http://sns-webpic-qc.xhscdn.com/202601011200/${hashHex(`img:${label}`).slice(0, 32)}/spectrum/${fileId(label)}!nd_dft_wlteh_${format}_3`;
}

/**
 * A RedNote account's image: the same signed path on RedNote's own CDN, e.g.
 * `http://sns-i11.rednotecdn.com/<yyyyMMddHHmm>/<hash>/spectrum/<fileId>!nd_dft_wlteh_webp_3`.
 */
export function rednoteImageUrl(label: string, host = 'sns-i11', format: 'jpg' | 'webp' = 'webp'): string {
	return `http://${host}.rednotecdn.com/202601011200/${hashHex(`img:${label}`).slice(0, 32)}/spectrum/${fileId(label)}!nd_dft_wlteh_${format}_3`;
}

/** A RedNote video stream: `http://sns-v11.rednotecdn.com/stream/1/110/258/<hash>_258.mp4` (served unsigned). */
export function rednoteVideoUrl(label: string): string {
	return `http://sns-v11.rednotecdn.com/stream/1/110/258/01e9${hashHex(`video:${label}`).slice(0, 34)}_258.mp4`;
}

/**
 * Where ci.xiaohongshu.com keeps the original of the image `imageUrl(label)` / `rednoteImageUrl(label)`
 * serves: under its key, the path after the time and signature segments without the `!…` style.
 */
export function originalUrl(label: string): string {
	return `http://ci.xiaohongshu.com/spectrum/${fileId(label)}`;
}

export function videoUrl(label: string): string {
	const h = hashHex(`video:${label}`);
	return `http://sns-video-zl.xhscdn.com/stream/110/258/01e4${h.slice(0, 34)}_258.mp4?sign=${h.slice(32, 64)}&t=${h.slice(0, 8)}`;
}

export function avatarUrl(label: string, extension: 'jpg' | 'png' = 'jpg'): string {
	return `http://sns-avatar-qc.xhscdn.com/avatar/${hashHex(`avatar:${label}`).slice(0, 24)}.${extension}`;
}

export function tagId(name: string): string {
	return hashHex(`tag:${name}`).slice(0, 24);
}

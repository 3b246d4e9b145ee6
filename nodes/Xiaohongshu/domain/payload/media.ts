/**
 * Which media files to take from a note, what to call them and what they are. Pure: no n8n,
 * no network. The transport (transport/mediaDownload.ts) fetches what this module selects.
 *
 * Names are chosen for the step after this node ("save each file"): `<noteId>_<n>.<ext>` for
 * images (n counts from 1, as the app shows "1/9"), `<noteId>_video.mp4`, `<noteId>_cover.<ext>`.
 * The binary property of a file is `image_<n>`, `video` or `cover`.
 */
import { isMediaHost } from '../links/hosts';
import { nonEmptyString } from '../guards';
import { imageUrl, isVideoNote } from './noteKind';
import { originalImageUrl } from './originalImage';
import type { NotePayload } from './payloads';

export type MediaKind = 'image' | 'video' | 'cover';

/** The "Download Media" choice. `selected` takes the kinds listed separately. */
export type MediaSelection = 'none' | 'images' | 'video' | 'cover' | 'all' | 'selected';

export interface MediaFileSpec {
	kind: MediaKind;
	/** 1-based position among the note's images; null for the video and the cover. */
	index: number | null;
	url: string;
	/** Binary property name in one-item mode: `image_<n>`, `video`, `cover`. */
	property: string;
	/** File name without extension: `<noteId>_<n>`, `<noteId>_video`, `<noteId>_cover`. */
	baseName: string;
	/** For images and covers: where the original-quality file is (see originalImage.ts); else null. */
	originalUrl: string | null;
}

export interface MediaType {
	mimeType: string;
	extension: string;
}

const KINDS_BY_SELECTION: Record<Exclude<MediaSelection, 'selected'>, MediaKind[]> = {
	none: [],
	images: ['image'],
	video: ['video'],
	cover: ['cover'],
	all: ['image', 'video', 'cover'],
};

/** The kinds a selection asks for; `chosen` is the multi-select used with `selected`. */
export function mediaKindsFor(selection: string, chosen: unknown = []): Set<MediaKind> {
	if (selection === 'selected') {
		const list = Array.isArray(chosen) ? chosen : [];
		return new Set(list.filter((k): k is MediaKind => k === 'image' || k === 'video' || k === 'cover'));
	}
	return new Set(KINDS_BY_SELECTION[selection as keyof typeof KINDS_BY_SELECTION] ?? []);
}

/**
 * The files to download, in a stable order: images, then video, then cover.
 *
 * A video note's `images` holds only its cover, so it has no "images". An image note's cover is
 * its first image: when both are asked for, the cover is not downloaded a second time.
 */
export function selectMediaFiles(payload: NotePayload, noteId: string, kinds: Set<MediaKind>): MediaFileSpec[] {
	const images = (payload.images ?? [])
		.map((image) => {
			const url = imageUrl(image);
			const fileId = typeof image === 'string' ? null : image?.file_id;
			return url === null ? null : { url, originalUrl: originalImageUrl(url, fileId) };
		})
		.filter((image): image is { url: string; originalUrl: string | null } => image !== null);
	const video = isVideoNote(payload);
	const files: MediaFileSpec[] = [];
	if (kinds.has('image') && !video) {
		images.forEach(({ url, originalUrl }, i) =>
			files.push({ kind: 'image', index: i + 1, url, property: `image_${i + 1}`, baseName: `${noteId}_${i + 1}`, originalUrl }),
		);
	}
	const videoUrl = nonEmptyString(payload.video?.url);
	if (kinds.has('video') && videoUrl !== null) {
		files.push({ kind: 'video', index: null, url: videoUrl, property: 'video', baseName: `${noteId}_video`, originalUrl: null });
	}
	const cover = images[0];
	if (kinds.has('cover') && cover !== undefined && !files.some((f) => f.url === cover.url)) {
		files.push({ kind: 'cover', index: null, url: cover.url, property: 'cover', baseName: `${noteId}_cover`, originalUrl: cover.originalUrl });
	}
	return files;
}

const TYPES_BY_MIME: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/pjpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'image/heic': 'heic',
	'image/heif': 'heif',
	'image/avif': 'avif',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'video/webm': 'webm',
};

const MIME_BY_EXTENSION: Record<string, string> = {
	jpg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	gif: 'image/gif',
	heic: 'image/heic',
	avif: 'image/avif',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
};

/** Content types that say nothing about the bytes: the URL decides then. */
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-download']);

/**
 * The format an xhscdn URL names: `…!nd_dft_wlteh_webp_3` / `…_jpg_3` image variants,
 * `imageView2/…/format/webp`, or a plain file extension (`….mp4`, `….png`).
 */
export function extensionFromUrl(url: string): string | null {
	let path: string;
	let query: string;
	try {
		const parsed = new URL(url);
		path = decodeURIComponent(parsed.pathname).toLowerCase();
		query = parsed.search.toLowerCase();
	} catch {
		return null;
	}
	const variant = /!nd_[a-z0-9]+_[a-z0-9]+_(jpg|jpeg|png|webp|heic|avif|gif)_\d+$/.exec(path);
	if (variant) return variant[1] === 'jpeg' ? 'jpg' : variant[1];
	const format = /format\/(jpg|jpeg|png|webp|heic|avif|gif)/.exec(path + query);
	if (format) return format[1] === 'jpeg' ? 'jpg' : format[1];
	const extension = /\.([a-z0-9]{2,5})$/.exec(path);
	if (extension) {
		const ext = extension[1] === 'jpeg' ? 'jpg' : extension[1];
		if (MIME_BY_EXTENSION[ext]) return ext;
	}
	return null;
}

/**
 * MIME type and extension of a downloaded file: the server's Content-Type when it names an
 * image or video format, else the URL's naming, else what the kind implies (JPEG, MP4).
 * Returns null when the server says it sent something that is not media (an HTML error page).
 */
export function mediaTypeOf(kind: MediaKind, url: string, contentType: string | null | undefined): MediaType | null {
	const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
	const known = TYPES_BY_MIME[mime];
	if (known) return { mimeType: mime === 'image/jpg' || mime === 'image/pjpeg' ? 'image/jpeg' : mime, extension: known };
	const expected = kind === 'video' ? 'video/' : 'image/';
	if (!UNINFORMATIVE.has(mime) && !mime.startsWith(expected)) return null;
	const fromUrl = extensionFromUrl(url);
	if (fromUrl && MIME_BY_EXTENSION[fromUrl].startsWith(expected)) {
		return { mimeType: MIME_BY_EXTENSION[fromUrl], extension: fromUrl };
	}
	if (mime.startsWith(expected)) {
		const subtype = mime.slice(expected.length).replace(/^x-/, '').replace(/[^a-z0-9]/g, '');
		return { mimeType: mime, extension: subtype || 'bin' };
	}
	return kind === 'video' ? { mimeType: 'video/mp4', extension: 'mp4' } : { mimeType: 'image/jpeg', extension: 'jpg' };
}

export function mediaFileName(spec: MediaFileSpec, type: MediaType): string {
	return `${spec.baseName}.${type.extension}`;
}

export type MediaUrlProblem = { code: 'invalid_url' | 'unsupported_scheme' | 'foreign_host'; message: string };

/** Why a URL must not be requested, or null when it is an http(s) URL on a Xiaohongshu media host. */
export function mediaUrlProblem(url: string): MediaUrlProblem | null {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { code: 'invalid_url', message: `Not a valid URL: ${url.slice(0, 200)}` };
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return { code: 'unsupported_scheme', message: `Only http and https media URLs are downloaded, not ${parsed.protocol}` };
	}
	if (!isMediaHost(parsed.hostname)) {
		return {
			code: 'foreign_host',
			message: `Refused to download from ${parsed.hostname}: not a Xiaohongshu media host (*.xhscdn.com, *.rednotecdn.com, ci.xiaohongshu.com)`,
		};
	}
	return null;
}

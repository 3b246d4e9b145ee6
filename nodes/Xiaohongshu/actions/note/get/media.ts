/**
 * Note → Get with Download Media: the note's files into binary data, from the payload already
 * fetched (never a second parse.bot call). A file that fails does not lose the note: the item
 * keeps its JSON and lists the failure in `mediaErrors`.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mediaKindsFor, selectMediaFiles } from '../../../domain/payload/media';
import type { MediaFileSpec, MediaKind } from '../../../domain/payload/media';
import type { NotePayload } from '../../../domain/payload/payloads';
import {
	DEFAULT_MAX_FILE_MB,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_MEDIA_REDIRECTS,
	MediaDownloadError,
	downloadMediaFile,
} from '../../../transport/mediaDownload';
import type { MediaDownloadLimits } from '../../../transport/mediaDownload';
import { forEachInPool } from '../../common/pool';
import { OperationItems } from '../../types';

/** Files of one note downloaded at once; items already run a few at a time in the router. */
const FILES_IN_FLIGHT = 3;

/** Image Quality: the file at the payload's URL, or the original from ci.xiaohongshu.com. */
export type ImageQuality = 'served' | 'original';

export interface MediaSettings {
	kinds: Set<MediaKind>;
	imageQuality: ImageQuality;
	ownItems: boolean;
	binaryPropertyName: string;
	limits: MediaDownloadLimits;
}

interface MediaOptionValues {
	binaryPropertyName?: string;
	imageQuality?: string;
	maxFileSizeMb?: number;
	timeoutSeconds?: number;
}

/** The item's Download Media settings, or null when it downloads nothing. */
export function mediaSettingsOf(ctx: IExecuteFunctions, itemIndex: number): MediaSettings | null {
	const selection = ctx.getNodeParameter('downloadMedia', itemIndex, 'none') as string;
	const chosen = selection === 'selected' ? ctx.getNodeParameter('mediaKinds', itemIndex, []) : [];
	const kinds = mediaKindsFor(selection, chosen);
	if (kinds.size === 0) return null;
	const options = ctx.getNodeParameter('mediaOptions', itemIndex, {}) as MediaOptionValues;
	const maxMb = Number(options.maxFileSizeMb);
	const timeoutSeconds = Number(options.timeoutSeconds);
	return {
		kinds,
		imageQuality: options.imageQuality === 'original' ? 'original' : 'served',
		ownItems: ctx.getNodeParameter('mediaOwnItems', itemIndex, false) as boolean,
		binaryPropertyName: (String(ctx.getNodeParameter('fileField', itemIndex, '')) || options.binaryPropertyName || '').trim() || 'data',
		limits: {
			maxBytes: Math.floor((Number.isFinite(maxMb) && maxMb > 0 ? maxMb : DEFAULT_MAX_FILE_MB) * 1024 * 1024),
			timeoutMs: (Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
			maxRedirects: MAX_MEDIA_REDIRECTS,
		},
	};
}

interface Downloaded {
	spec: MediaFileSpec;
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	bytes: number;
	quality: ImageQuality;
	/** Where the bytes were fetched from: the original's URL or the payload's. */
	sourceUrl: string;
}

/** What the item says about a file that could not be downloaded. */
function mediaError(spec: MediaFileSpec, error: MediaDownloadError): IDataObject {
	return {
		file: spec.baseName,
		kind: spec.kind,
		index: spec.index,
		url: spec.url,
		reason: error.code,
		message: error.message,
		...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
	};
}

function fileInfo(file: Downloaded, property: string): IDataObject {
	return {
		property,
		fileName: file.fileName,
		mimeType: file.mimeType,
		kind: file.spec.kind,
		index: file.spec.index,
		bytes: file.bytes,
		url: file.spec.url,
		quality: file.quality,
		sourceUrl: file.sourceUrl,
	};
}

/**
 * The original when asked for and there is one, else the served file. The original's path has
 * changed before, so any failure to get it (missing, refused, too big) falls back to the
 * served file rather than lose the image; a cancelled run is not a failure and stops here.
 */
async function downloadOne(
	ctx: IExecuteFunctions,
	spec: MediaFileSpec,
	limits: MediaDownloadLimits,
	quality: ImageQuality,
): Promise<Downloaded> {
	if (quality === 'original' && spec.originalUrl !== null) {
		const originalUrl = spec.originalUrl;
		let stop: unknown;
		try {
			const original = await downloadMediaFile(ctx, { ...spec, url: originalUrl }, limits);
			return { spec, ...original, quality: 'original', sourceUrl: originalUrl };
		} catch (error) {
			if (!(error instanceof MediaDownloadError)) stop = error;
		}
		if (stop !== undefined) throw stop;
	}
	const served = await downloadMediaFile(ctx, spec, limits);
	return { spec, ...served, quality: 'served', sourceUrl: spec.url };
}

async function downloadAll(
	ctx: IExecuteFunctions,
	specs: MediaFileSpec[],
	settings: MediaSettings,
): Promise<{ files: Downloaded[]; errors: IDataObject[] }> {
	const results: Array<Downloaded | IDataObject> = new Array(specs.length);
	// Anything but a MediaDownloadError (the run was cancelled) stops the item.
	await forEachInPool(specs.length, FILES_IN_FLIGHT, async (i) => {
		const spec = specs[i];
		let failure: unknown;
		try {
			results[i] = await downloadOne(ctx, spec, settings.limits, settings.imageQuality);
			return;
		} catch (error) {
			failure = error;
		}
		if (!(failure instanceof MediaDownloadError)) throw failure;
		results[i] = mediaError(spec, failure);
	});
	const files = results.filter((r): r is Downloaded => 'binary' in r && 'spec' in r);
	const errors = results.filter((r) => !('binary' in r && 'spec' in r)) as IDataObject[];
	return { files, errors };
}

/**
 * `json` (the note as the output mode shapes it) with the note's media: one item with every
 * file as `image_<n>` / `video` / `cover`, or one item per file in `binaryPropertyName`.
 * In own-item mode a note with no file downloaded still gives one item, so it is never lost.
 */
export async function withMedia(
	ctx: IExecuteFunctions,
	itemIndex: number,
	noteId: string,
	payload: NotePayload,
	json: IDataObject,
): Promise<IDataObject | OperationItems> {
	const settings = mediaSettingsOf(ctx, itemIndex);
	if (!settings) return json;
	const specs = selectMediaFiles(payload, noteId, settings.kinds);
	const { files, errors } = await downloadAll(ctx, specs, settings);

	if (settings.ownItems && files.length > 0) {
		const property = settings.binaryPropertyName;
		return new OperationItems(
			files.map((file) => ({
				json: { ...json, media: fileInfo(file, property), mediaErrors: errors },
				binary: { [property]: file.binary },
			})),
		);
	}
	const binary: Record<string, IBinaryData> = {};
	for (const file of files) binary[file.spec.property] = file.binary;
	return new OperationItems([
		{
			json: { ...json, mediaFiles: files.map((f) => fileInfo(f, f.spec.property)), mediaErrors: errors },
			...(files.length > 0 ? { binary } : {}),
		},
	]);
}

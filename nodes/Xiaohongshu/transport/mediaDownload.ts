/**
 * Downloads one media file (image, video, cover) from Xiaohongshu's CDN into n8n binary data.
 *
 * - Only Xiaohongshu media hosts are ever contacted: every URL, and every redirect hop, is
 *   checked before it is requested; redirects are followed by hand for that reason.
 * - No credential: plain `helpers.httpRequest`, so the parse.bot key never reaches the CDN,
 *   and no parse.bot credit is spent.
 * - Memory stays bounded: the body is handed to `helpers.prepareBinaryData` as it is, so
 *   n8n's filesystem / S3 binary modes store it without holding the file; a size limit refuses
 *   a file whose Content-Length is too big before reading it, and destroys the body as soon as
 *   the bytes read pass the limit when the server did not say.
 * - Every failure is a MediaDownloadError with a code, so the caller can keep the note and
 *   report which file failed and why.
 */
import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { mediaFileName, mediaTypeOf, mediaUrlProblem } from '../domain/payload/media';
import type { MediaFileSpec } from '../domain/payload/media';
import { headerValue } from './headers';

export type MediaFailureCode =
	| 'invalid_url'
	| 'unsupported_scheme'
	| 'foreign_host'
	| 'redirect_refused'
	| 'too_many_redirects'
	| 'expired'
	| 'http_error'
	| 'not_media'
	| 'too_big'
	| 'timeout'
	| 'network';

export class MediaDownloadError extends Error {
	constructor(
		readonly code: MediaFailureCode,
		message: string,
		readonly httpStatus?: number,
	) {
		super(message);
		this.name = 'MediaDownloadError';
	}
}

export interface MediaDownloadLimits {
	/** Largest file accepted, in bytes. */
	maxBytes: number;
	/** Whole download (redirects, headers and body) must finish within this. */
	timeoutMs: number;
	maxRedirects: number;
}

export const DEFAULT_MAX_FILE_MB = 50;
export const DEFAULT_TIMEOUT_SECONDS = 120;
export const MAX_MEDIA_REDIRECTS = 5;

export interface DownloadedMedia {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	/** The file's size, counted as it streamed (n8n 1.x's binary data carries no byte count). */
	bytes: number;
	/** The URL the bytes came from, after redirects. */
	finalUrl: string;
}

/** The parts of the response body (a Node IncomingMessage) used here: its own events and controls. */
interface BodyStream {
	on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	on(event: 'newListener', listener: (event: string | symbol) => void): unknown;
	off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	off(event: 'newListener', listener: (event: string | symbol) => void): unknown;
	pause(): unknown;
	resume(): unknown;
	destroy(error?: Error): unknown;
}

interface StreamResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: BodyStream;
}

function discard(body: BodyStream | undefined): void {
	if (body && typeof body.destroy === 'function') body.destroy();
}

function megabytes(bytes: number): string {
	return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export interface SizeLimit {
	/** The too_big error once the body passed the limit, else null. */
	exceeded(): MediaDownloadError | null;
	/** Stops watching (the body was read to the end or given up). */
	stop(): void;
	/** The bytes counted so far. */
	bytes(): number;
}

/**
 * Counts the bytes of `body` on its own 'data' events, which fire for every chunk its reader
 * takes, whether the reader listens for 'data', pipes it or iterates it; at the first chunk
 * past `maxBytes` the body is destroyed with a too_big error, so the reader fails and stores
 * nothing. The body waits paused until its reader comes, so no chunk flows past before it: a
 * reader that listens for 'data' (and so expects the flow to start) resumes it.
 */
export function limitBodySize(body: BodyStream, maxBytes: number): SizeLimit {
	let total = 0;
	let tooBig: MediaDownloadError | null = null;
	const count = (chunk: Buffer | string): void => {
		total += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
		if (total > maxBytes && tooBig === null) {
			tooBig = new MediaDownloadError('too_big', `The file is larger than the ${megabytes(maxBytes)} limit`);
			body.destroy(tooBig);
		}
	};
	const resumeForDataReader = (event: string | symbol): void => {
		if (event === 'data') body.resume();
	};
	body.pause();
	body.on('data', count);
	body.on('newListener', resumeForDataReader);
	return {
		exceeded: () => tooBig,
		bytes: () => total,
		stop: () => {
			body.off('newListener', resumeForDataReader);
			body.off('data', count);
		},
	};
}

function resolveLocation(location: string, base: string): string | null {
	try {
		return new URL(location, base).toString();
	} catch {
		return null;
	}
}

function failureFromStatus(status: number, url: string): MediaDownloadError {
	const host = new URL(url).hostname;
	if (status === 403 || status === 410) {
		return new MediaDownloadError(
			'expired',
			`${host} answered HTTP ${status}: the signed media URL has probably expired. Run the node again to get fresh URLs.`,
			status,
		);
	}
	return new MediaDownloadError('http_error', `${host} answered HTTP ${status}`, status);
}

/**
 * Fetches `spec.url` into binary data named `<baseName>.<ext>`. Throws MediaDownloadError for
 * anything wrong with the file, and the execution's own error when the run is cancelled.
 */
export async function downloadMediaFile(
	ctx: IExecuteFunctions,
	spec: MediaFileSpec,
	limits: MediaDownloadLimits,
): Promise<DownloadedMedia> {
	const cancel = ctx.getExecutionCancelSignal();
	const deadline = AbortSignal.timeout(limits.timeoutMs);
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	const timedOut = () =>
		new MediaDownloadError('timeout', `The download did not finish within ${Math.round(limits.timeoutMs / 1000)} s`);

	// Classifies a thrown error; the run's own cancellation is passed through untouched.
	const failure = (error: unknown): unknown => {
		if (cancel?.aborted) return error;
		if (error instanceof MediaDownloadError) return error;
		if (deadline.aborted) return timedOut();
		const code = (error as { code?: unknown }).code;
		const detail = typeof code === 'string' ? code : (error as Error)?.message ?? String(error);
		return new MediaDownloadError('network', `The download failed (${detail})`);
	};

	let url = spec.url;
	for (let hops = 0; ; hops++) {
		const problem = mediaUrlProblem(url);
		if (problem) {
			if (hops > 0) {
				throw new MediaDownloadError(
					'redirect_refused',
					`${spec.url.slice(0, 120)} redirected to ${url.slice(0, 200)}, which was not followed: ${problem.message}`,
				);
			}
			throw new MediaDownloadError(problem.code, problem.message);
		}

		const request: IHttpRequestOptions = {
			method: 'GET',
			url,
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			abortSignal: signal,
			headers: { Accept: 'image/*,video/*;q=0.9,*/*;q=0.5' },
		};
		let response: StreamResponse;
		try {
			response = (await ctx.helpers.httpRequest(request)) as StreamResponse;
		} catch (error) {
			throw failure(error);
		}
		const { statusCode: status, headers, body } = response;

		if (status >= 300 && status < 400) {
			discard(body);
			const location = headerValue(headers, 'location');
			if (!location) throw new MediaDownloadError('http_error', `HTTP ${status} without a Location header`, status);
			if (hops >= limits.maxRedirects) {
				throw new MediaDownloadError('too_many_redirects', `More than ${limits.maxRedirects} redirects`, status);
			}
			const target = resolveLocation(location, url);
			if (target === null) {
				throw new MediaDownloadError('redirect_refused', `Redirected to an unreadable address: ${location.slice(0, 200)}`);
			}
			url = target;
			continue;
		}
		if (status < 200 || status >= 300) {
			discard(body);
			throw failureFromStatus(status, url);
		}

		const declared = Number(headerValue(headers, 'content-length'));
		if (Number.isFinite(declared) && declared > limits.maxBytes) {
			discard(body);
			throw new MediaDownloadError(
				'too_big',
				`The file is ${megabytes(declared)}, over the ${megabytes(limits.maxBytes)} limit (raise Max File Size to download it)`,
			);
		}
		const contentType = headerValue(headers, 'content-type') ?? null;
		const type = mediaTypeOf(spec.kind, url, contentType);
		if (type === null) {
			discard(body);
			throw new MediaDownloadError('not_media', `The server sent ${contentType} instead of ${spec.kind === 'video' ? 'a video' : 'an image'}`);
		}

		const fileName = mediaFileName(spec, type);
		const stopOnAbort = () => discard(body);
		signal.addEventListener('abort', stopOnAbort, { once: true });
		const sizeLimit = limitBodySize(body, limits.maxBytes);
		try {
			const binary = await ctx.helpers.prepareBinaryData(
				body as unknown as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
				fileName,
				type.mimeType,
			);
			return { binary, fileName, mimeType: type.mimeType, bytes: binary.bytes ?? sizeLimit.bytes(), finalUrl: url };
		} catch (error) {
			discard(body);
			throw sizeLimit.exceeded() ?? failure(error);
		} finally {
			sizeLimit.stop();
			signal.removeEventListener('abort', stopOnAbort);
		}
	}
}

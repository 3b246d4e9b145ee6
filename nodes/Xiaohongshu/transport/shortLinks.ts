/**
 * Resolves xhslink.com / xhslink.cn short links by reading their redirects one at a time.
 *
 * Redirects are followed by hand, not by the HTTP library, so that every hop can be checked
 * before it is requested: only Xiaohongshu hosts are ever contacted, at most MAX_HOPS of
 * them, each with a short timeout. The destination page itself is never fetched: its URL
 * is all we need. No credential is sent and no parse.bot credit is spent.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { isShortLinkHost, isXiaohongshuHost } from '../domain/links/hosts';
import { cancelSignalOf } from './cancelSignal';
import type { ParseBotContext } from './config';
import { cancelledError } from './errors';
import { headerValue } from './headers';

export interface ShortLinkResolution {
	/** The short link as given. */
	shortUrl: string;
	/** Where it leads: the first non-short-link Xiaohongshu URL in the redirect chain. */
	targetUrl: string;
	/** Redirects followed. */
	hops: number;
}

export const MAX_SHORT_LINK_HOPS = 5;
const HOP_TIMEOUT_MS = 8_000;

/** Some short-link pages answer 200 with a script redirect instead of a 302. */
const SCRIPTED_TARGET =
	/https?:\/\/(?:www\.)?(?:xiaohongshu|rednote)\.com\/(?:discovery\/item|explore|user\/profile)\/[^\s"'<>\\]+/i;

function hostOf(url: string): string | null {
	try {
		return new URL(url).hostname;
	} catch {
		return null;
	}
}

export async function resolveShortLink(
	ctx: ParseBotContext,
	shortUrl: string,
	itemIndex?: number,
): Promise<ShortLinkResolution> {
	const node = ctx.getNode();
	const fail = (message: string, description: string) =>
		new NodeOperationError(node, message, { description, itemIndex });
	const signal = cancelSignalOf(ctx);

	let current = shortUrl;
	for (let hops = 0; hops <= MAX_SHORT_LINK_HOPS; hops++) {
		const host = hostOf(current);
		if (host === null || !isXiaohongshuHost(host)) {
			throw fail(
				`The short link ${shortUrl} leads outside Xiaohongshu (${host ?? current})`,
				'The node only follows redirects to Xiaohongshu hosts. Open the note in the app and copy its share link again.',
			);
		}
		if (!isShortLinkHost(host)) return { shortUrl, targetUrl: current, hops };
		if (hops === MAX_SHORT_LINK_HOPS) break;

		const request: IHttpRequestOptions = {
			method: 'GET',
			url: current,
			disableFollowRedirect: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: HOP_TIMEOUT_MS,
			encoding: 'text',
			json: false,
			abortSignal: signal,
		};
		let response: { statusCode: number; headers: unknown; body: unknown };
		try {
			response = await ctx.helpers.httpRequest(request);
		} catch (error) {
			if (signal?.aborted) throw cancelledError(node, itemIndex);
			const code = (error as { code?: unknown }).code;
			throw fail(
				`Could not resolve the short link ${shortUrl}${typeof code === 'string' ? ` (${code})` : ''}`,
				'xhslink.com did not answer in time. Try again, or paste the long link (xiaohongshu.com/explore/…) instead.',
			);
		}

		const location = headerValue(response.headers, 'location');
		if (response.statusCode >= 300 && response.statusCode < 400 && location) {
			try {
				current = new URL(location, current).toString();
			} catch {
				throw fail(`The short link ${shortUrl} redirects to an unreadable address`, 'Paste the long link instead.');
			}
			continue;
		}
		if (response.statusCode === 200 && typeof response.body === 'string') {
			const scripted = SCRIPTED_TARGET.exec(response.body.replace(/\\u002F/gi, '/').replace(/\\\//g, '/'));
			if (scripted) {
				current = scripted[0].replace(/&amp;/g, '&');
				continue;
			}
		}
		if (response.statusCode === 404 || response.statusCode === 410) {
			throw fail(
				`The short link ${shortUrl} is unknown or has expired`,
				'Short links stop working after a while. Open the note in the app and copy a fresh share link.',
			);
		}
		throw fail(
			`The short link ${shortUrl} did not redirect to a note (HTTP ${response.statusCode})`,
			'Open the link in a browser to check it, or paste the long link (xiaohongshu.com/explore/…) instead.',
		);
	}
	throw fail(
		`The short link ${shortUrl} redirects more than ${MAX_SHORT_LINK_HOPS} times`,
		'Paste the long link (xiaohongshu.com/explore/…) instead.',
	);
}

/**
 * Which hosts belong to Xiaohongshu / RedNote: its pages, its short links and its media CDNs.
 * Links, media and transport all judge hosts, so the allowlists live here once.
 */

export const SITE_DOMAINS = ['xiaohongshu.com', 'rednote.com'];
export const SHORT_LINK_DOMAINS = ['xhslink.com', 'xhslink.cn'];
const MEDIA_DOMAINS = ['xhscdn.com'];
const MEDIA_HOSTS = ['ci.xiaohongshu.com'];

/**
 * The host a browser would connect to for this text, lowercased and without a trailing dot;
 * null when the text names no host. Callers pass hostnames, but the helpers below must not
 * be fooled by anything else: `evil.com/.xhscdn.com`, `xhscdn.com@evil.com` and
 * `evil.com\.xhscdn.com` all lead to evil.com, and the WHATWG URL parser (a browser's) says so.
 */
function hostOf(raw: string): string | null {
	let url: URL;
	try {
		url = new URL(`https://${raw.trim()}`);
	} catch {
		return null;
	}
	const host = url.hostname.toLowerCase();
	return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** The domain itself or a subdomain of it; "evilxiaohongshu.com" is neither. */
function isUnder(host: string, domain: string): boolean {
	return host === domain || host.endsWith(`.${domain}`);
}

/** xhslink.com, xhslink.cn and their subdomains: hosts whose links need one redirect lookup. */
export function isShortLinkHost(host: string): boolean {
	const h = hostOf(host);
	return h !== null && SHORT_LINK_DOMAINS.some((d) => isUnder(h, d));
}

/** Hosts that belong to Xiaohongshu / RedNote pages and short links (not media CDNs). */
export function isXiaohongshuHost(host: string): boolean {
	const h = hostOf(host);
	return h !== null && (SITE_DOMAINS.some((d) => isUnder(h, d)) || SHORT_LINK_DOMAINS.some((d) => isUnder(h, d)));
}

/** Hosts that serve Xiaohongshu images, videos and avatars. */
export function isMediaHost(host: string): boolean {
	const h = hostOf(host);
	return h !== null && (MEDIA_DOMAINS.some((d) => isUnder(h, d)) || MEDIA_HOSTS.includes(h));
}

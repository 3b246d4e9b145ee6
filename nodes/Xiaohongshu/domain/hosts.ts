/**
 * Which hosts belong to Xiaohongshu / RedNote: its pages, its short links and its media CDNs.
 * Links, media and transport all judge hosts, so the allowlists live here once.
 */

export const SITE_DOMAINS = ['xiaohongshu.com', 'rednote.com'];
export const SHORT_LINK_DOMAINS = ['xhslink.com', 'xhslink.cn'];
const MEDIA_DOMAINS = ['xhscdn.com'];
const MEDIA_HOSTS = ['ci.xiaohongshu.com'];

function normalizeHost(host: string): string {
	return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** The domain itself or a subdomain of it; "evilxiaohongshu.com" is neither. */
function isUnder(host: string, domain: string): boolean {
	return host === domain || host.endsWith(`.${domain}`);
}

/** xhslink.com, xhslink.cn and their subdomains: hosts whose links need one redirect lookup. */
export function isShortLinkHost(host: string): boolean {
	const h = normalizeHost(host);
	return SHORT_LINK_DOMAINS.some((d) => isUnder(h, d));
}

/** Hosts that belong to Xiaohongshu / RedNote pages and short links (not media CDNs). */
export function isXiaohongshuHost(host: string): boolean {
	const h = normalizeHost(host);
	return SITE_DOMAINS.some((d) => isUnder(h, d)) || isShortLinkHost(h);
}

/** Hosts that serve Xiaohongshu images, videos and avatars. */
export function isMediaHost(host: string): boolean {
	const h = normalizeHost(host);
	return MEDIA_DOMAINS.some((d) => isUnder(h, d)) || MEDIA_HOSTS.includes(h);
}

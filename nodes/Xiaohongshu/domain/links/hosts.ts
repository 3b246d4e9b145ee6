/**
 * Which hosts belong to Xiaohongshu / RedNote: its pages, its short links and its media CDNs.
 * Links, media and transport all judge hosts, so the allowlists live here once.
 */

export const SITE_DOMAINS = ['xiaohongshu.com', 'rednote.com'];
export const SHORT_LINK_DOMAINS = ['xhslink.com', 'xhslink.cn'];
/**
 * Where note payloads point for images, videos and avatars, with where each family was seen:
 * - xhscdn.com: sns-webpic-*, sns-img-*, sns-video-*, sns-bak-v*, sns-avatar-* (the upstream
 *   samples in the project's reference; JoeanAmier/XHS-Downloader source/application/image.py
 *   and video.py build sns-img-bd / sns-video-bd links).
 * - rednotecdn.com: RedNote accounts' images (i10, sns-i11, sns-web-i10) and videos (sns-v8,
 *   sns-v10, sns-v11, sns-v14-ae) in public scrapers' captured payloads; named as Xiaohongshu's
 *   new CDN in v2fly/domain-list-community pull request 3204 and SukkaW/Surge pull request 108.
 * - ci.xiaohongshu.com (MEDIA_HOSTS): originals and icons by image key (XHS-Downloader image.py).
 * Whole families, because the numbered and regional subdomains change from payload to payload.
 */
const MEDIA_DOMAINS = ['xhscdn.com', 'rednotecdn.com'];
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

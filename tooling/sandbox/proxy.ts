import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep } from './api';
import type { SandboxCore } from './core';
import type { MediaOverride } from './fixtures';
import { CONTENT_TYPE, generateMedia, mediaKindFor } from './media';
import type { ProxyRecord } from './stats';

/**
 * The sandbox as an HTTP forward proxy: it plays xhslink.com / xhslink.cn
 * (short-link redirects) and the media hosts (*.xhscdn.com, RedNote's *.rednotecdn.com, and
 * ci.xiaohongshu.com with the originals the catalogue lists),
 * and refuses every other host with 502, recording it, so a test can prove nothing left
 * the machine.
 */

const SHORT_LINK_HOSTS = new Set(['xhslink.com', 'www.xhslink.com', 'xhslink.cn', 'www.xhslink.cn']);
const MEDIA_HOST = /^(?:sns-(?:webpic|video|avatar|img|bak)[a-z0-9-]*\.xhscdn\.com|(?:i\d+|sns-[a-z0-9-]+)\.rednotecdn\.com|ci\.xiaohongshu\.com)$/;

export function isPlayedHost(host: string): boolean {
	return SHORT_LINK_HOSTS.has(host) || MEDIA_HOST.test(host);
}

export async function handleProxy(core: SandboxCore, req: IncomingMessage, res: ServerResponse, target: URL): Promise<void> {
	const hit: ProxyRecord = {
		method: req.method ?? 'GET',
		url: target.href,
		host: target.hostname,
		status: 0,
		kind: 'refused',
		bytes: 0,
		at: Date.now(),
		headerNames: Object.keys(req.headers),
	};
	req.resume();
	const host = target.hostname.toLowerCase();
	if (SHORT_LINK_HOSTS.has(host)) {
		hit.kind = 'shortLink';
		serveShortLink(core, res, target, hit);
	} else if (MEDIA_HOST.test(host)) {
		hit.kind = 'media';
		if (core.options.mediaLatencyMs > 0) await sleep(core.options.mediaLatencyMs);
		serveMedia(core, req, res, target, hit);
	} else {
		hit.status = 502;
		res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
		res.end(`sandbox proxy: refusing to contact ${target.host} (only xhslink, xhscdn, rednotecdn and ci.xiaohongshu.com are played)\n`);
	}
	core.stats.recordProxy(hit);
}

function serveShortLink(core: SandboxCore, res: ServerResponse, target: URL, hit: ProxyRecord): void {
	const wanted = normalise(target);
	const link = Object.values(core.options.catalogue.shortLinks).find((l) => normalise(new URL(l.url)) === wanted);
	if (!link || link.status === 404 || !link.location) {
		hit.status = 404;
		res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
		res.end('<html><body><h1>404</h1><p>页面不存在</p></body></html>');
		return;
	}
	hit.status = link.status;
	res.writeHead(link.status, { Location: link.location, 'Content-Type': 'text/html; charset=utf-8' });
	res.end(`<a href="${link.location}">Found</a>.`);
}

/** Short codes are matched by host and path; a trailing slash or query does not matter. */
function normalise(url: URL): string {
	return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}`;
}

/** Every media URL the catalogue hands out, keyed without its query (signatures vary). */
function knownMedia(core: SandboxCore): Set<string> {
	const urls = new Set<string>();
	const add = (u: string) => u && urls.add(u.split('?')[0]);
	for (const n of Object.values(core.options.catalogue.notes)) {
		n.images.forEach((i) => add(i.url));
		if (n.video) add(n.video.url);
	}
	for (const u of Object.values(core.options.catalogue.users)) add(u.avatar);
	return urls;
}

const mediaCache = new Map<string, Buffer>();

function serveMedia(core: SandboxCore, req: IncomingMessage, res: ServerResponse, target: URL, hit: ProxyRecord): void {
	const key = `http://${target.host}${target.pathname}`;
	const override: MediaOverride | undefined = core.options.catalogue.media[key];
	if (!knownMedia(core).has(key) && !override) {
		hit.status = 404;
		res.writeHead(404, { 'Content-Type': 'application/xml' });
		res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
		return;
	}
	if (override?.location) {
		hit.status = override.status ?? 302;
		res.writeHead(hit.status, { Location: override.location, 'Content-Type': 'text/html; charset=utf-8' });
		res.end(`<a href="${override.location}">Found</a>.`);
		return;
	}
	if (override?.status && override.status >= 400) {
		hit.status = override.status;
		res.writeHead(override.status, { 'Content-Type': 'application/xml' });
		res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
		return;
	}
	const kind = override?.format ?? mediaKindFor(target.hostname, target.pathname);
	const cacheKey = `${kind}|${key}|${override?.sizeBytes ?? 0}`;
	let bytes = mediaCache.get(cacheKey);
	if (!bytes) {
		bytes = generateMedia(kind, key, override?.sizeBytes);
		mediaCache.set(cacheKey, bytes);
	}
	hit.status = 200;
	hit.bytes = req.method === 'HEAD' ? 0 : bytes.length;
	const length: Record<string, string> = override?.omitContentLength ? {} : { 'Content-Length': String(bytes.length) };
	res.writeHead(200, { 'Content-Type': CONTENT_TYPE[kind], ...length, 'Cache-Control': 'max-age=2592000' });
	res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * The media allowlist, one case per host seen in real payloads and one per lookalike that must
 * stay refused. `mediaUrlProblem` is what the downloader asks for every URL and redirect hop.
 */
import { isMediaHost } from '../../../../nodes/Xiaohongshu/domain/links/hosts';
import { mediaUrlProblem } from '../../../../nodes/Xiaohongshu/domain/payload/media';

const SERVED = [
	// xhscdn.com: images, videos, backups, avatars.
	'sns-webpic-qc.xhscdn.com',
	'sns-img-bd.xhscdn.com',
	'sns-img-hw.xhscdn.com',
	'sns-video-bd.xhscdn.com',
	'sns-video-ak.xhscdn.com',
	'sns-video-zl.xhscdn.com',
	'sns-bak-v1.xhscdn.com',
	'sns-bak-v6.xhscdn.com',
	'sns-avatar-qc.xhscdn.com',
	// rednotecdn.com: RedNote accounts' images and videos.
	'i10.rednotecdn.com',
	'sns-i11.rednotecdn.com',
	'sns-web-i10.rednotecdn.com',
	'sns-v8.rednotecdn.com',
	'sns-v11.rednotecdn.com',
	'sns-v14-ae.rednotecdn.com',
	// Originals and icons by key.
	'ci.xiaohongshu.com',
];

const LOOKALIKES = [
	'rednotecdn.com.evil.net',
	'evilrednotecdn.com',
	'i10.rednotecdn.com.evil.net',
	'rednotecdn.net',
	'rednote-cdn.com',
	'rednotecdn.co',
	'xhscdn.com.evil.net',
	'evilxhscdn.com',
	'xhscdn.net',
	'ci.xiaohongshu.com.evil.net',
	'evilci.xiaohongshu.com.cn',
	'www.xiaohongshu.com',
	'www.rednote.com',
	'ci.rednote.com',
];

describe('media hosts Xiaohongshu and RedNote serve from', () => {
	test.each(SERVED)('%s is a media host, over http and https', (host) => {
		expect(isMediaHost(host)).toBe(true);
		expect(mediaUrlProblem(`http://${host}/202604192126/afa8/spectrum/1040g3k8!nd_dft_wlteh_webp_3`)).toBeNull();
		expect(mediaUrlProblem(`https://${host.toUpperCase()}/stream/110/258/a_258.mp4?sign=x&t=1`)).toBeNull();
	});

	test.each(LOOKALIKES)('%s is refused', (host) => {
		expect(isMediaHost(host)).toBe(false);
		expect(mediaUrlProblem(`https://${host}/spectrum/1040g3k8!nd_dft_wlteh_webp_3`)).toMatchObject({
			code: 'foreign_host',
			message: expect.stringContaining(host),
		});
	});

	it('names both CDN families when it refuses a host', () => {
		expect(mediaUrlProblem('https://img.example.com/a.jpg')?.message).toContain('*.rednotecdn.com');
	});

	it('refuses a media host hidden behind userinfo', () => {
		expect(mediaUrlProblem('https://i10.rednotecdn.com@evil.net/a.jpg')?.code).toBe('foreign_host');
	});
});

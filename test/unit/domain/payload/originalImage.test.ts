import { imageKeyFromUrl, originalImageUrl } from '../../../../nodes/Xiaohongshu/domain/payload/originalImage';

const KEY = '1040g3k831uteh3q1hm6g48ke0f0sorvmq99ueoo';

describe('originalImageUrl', () => {
	it('takes the path after the time and signature segments, without the !style suffix', () => {
		const served = `https://sns-webpic-qc.xhscdn.com/202604192126/afa8f0c1d2e3b4a5968778695a4b3c2d/notes_pre_post/${KEY}!nd_dft_wlteh_webp_3`;
		expect(imageKeyFromUrl(served)).toBe(`notes_pre_post/${KEY}`);
		expect(originalImageUrl(served)).toBe(`https://ci.xiaohongshu.com/notes_pre_post/${KEY}`);
	});

	it('reads RedNote CDN URLs the same way, and ignores the query', () => {
		const served = `https://sns-web-i10.rednotecdn.com/202607131515/a1ebfca0ee9790d0465436c9ab3620ed/spectrum/${KEY}!nd_dft_wlteh_webp_3?src=A`;
		expect(originalImageUrl(served)).toBe(`https://ci.xiaohongshu.com/spectrum/${KEY}`);
	});

	it('keeps a key without a style suffix, and the served scheme', () => {
		expect(originalImageUrl(`http://sns-webpic-qc.xhscdn.com/202601011200/5af3c0d1e2f3a4b5c6d7e8f9a0b1c2d3/${KEY}`)).toBe(`http://ci.xiaohongshu.com/${KEY}`);
	});

	it('uses file_id when the URL gives no key', () => {
		const noSegments = `http://sns-img-bd.xhscdn.com/notes_pre_post/${KEY}?imageView2/2/w/1080/format/webp`;
		expect(imageKeyFromUrl(noSegments)).toBeNull();
		expect(originalImageUrl(noSegments, `spectrum/${KEY}`)).toBe(`http://ci.xiaohongshu.com/spectrum/${KEY}`);
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/1.jpg', ` ${KEY} `)).toBe(`http://ci.xiaohongshu.com/${KEY}`);
	});

	it('prefers the key in the URL over file_id', () => {
		const served = `http://sns-webpic-qc.xhscdn.com/202601011200/5af3c0d1e2f3a4b5c6d7e8f9a0b1c2d3/spectrum/${KEY}!nd_dft_wlteh_jpg_3`;
		expect(originalImageUrl(served, 'something-else')).toBe(`http://ci.xiaohongshu.com/spectrum/${KEY}`);
	});

	it('gives null when there is no usable key', () => {
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/1.jpg')).toBeNull();
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/1.jpg', '')).toBeNull();
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/1.jpg', 42)).toBeNull();
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/202601011200/5af3c0d1e2f3a4b5c6d7e8f9a0b1c2d3/!nd_dft_wlteh_jpg_3')).toBeNull();
		expect(originalImageUrl('not a url', KEY)).toBeNull();
		expect(originalImageUrl(`ftp://sns-webpic-qc.xhscdn.com/202601011200/5af3c0d1e2f3a4b5c6d7e8f9a0b1c2d3/${KEY}`)).toBeNull();
	});

	it('never builds a path that leaves the key: dot segments, escapes and odd characters are no key', () => {
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/1.jpg', '../admin')).toBeNull();
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/1.jpg', 'a/%2e%2e/b')).toBeNull();
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/1.jpg', 'a?b=c')).toBeNull();
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/202601011200/5af3c0d1e2f3a4b5c6d7e8f9a0b1c2d3/a%20b!x')).toBeNull();
		expect(originalImageUrl('http://sns-webpic-qc.xhscdn.com/1.jpg', 'x'.repeat(300))).toBeNull();
	});

	it('stays linear on long hostile input', () => {
		const long = `http://sns-webpic-qc.xhscdn.com/202601011200/5af3c0d1e2f3a4b5c6d7e8f9a0b1c2d3/${'a/'.repeat(50_000)}b`;
		expect(originalImageUrl(long, '/'.repeat(100_000))).toBeNull();
	});
});

import { TITLE_URL_MAX, shortenLongUrls } from '../../../../nodes/Xiaohongshu/domain/links/longUrls';

describe('shortenLongUrls', () => {
	const long = `https://www.xiaohongshu.com/discovery/item/641ae75d0000000013031c27?${'a=1&'.repeat(60)}xsec_token=CB`;

	it('shortens a long link and reports it whole', () => {
		const { text, shortened } = shortenLongUrls(`The link ${long} has no xsec token`);
		// Host and note id: which link it was, short enough for one line of the error panel.
		expect(text).toBe('The link xiaohongshu.com/…/641ae75d0000000013031c27?… has no xsec token');
		expect(text.split(' ').every((word) => word.length <= TITLE_URL_MAX)).toBe(true);
		expect(shortened).toEqual([long]);
	});

	it('leaves short links and plain text alone', () => {
		const message = 'The short link http://xhslink.com/a/Bc7XyZ1qWe leads to another short link';
		expect(shortenLongUrls(message)).toEqual({ text: message, shortened: [] });
	});

	it('handles several links, each on its own', () => {
		const { text, shortened } = shortenLongUrls(`${long} and ${long}`);
		expect(shortened).toHaveLength(2);
		expect(text).toBe('xiaohongshu.com/…/641ae75d0000000013031c27?… and xiaohongshu.com/…/641ae75d0000000013031c27?…');
	});

	it('cuts a link whose last part is itself too long', () => {
		const odd = `https://example.com/${'x'.repeat(200)}`;
		const { text } = shortenLongUrls(odd);
		expect(text).toBe(`${odd.slice(0, TITLE_URL_MAX - 1)}…`);
	});
});

import { estimatedEntries } from '../../../../nodes/Xiaohongshu/domain/watch/entryEstimate';

const ID_A = '641ae75d0000000013031c27';
const ID_B = '68c3bb90451c9fd552f144be';

describe("the editor's entry count", () => {
	it('counts every share text, short link and full link once', () => {
		const list = [
			`秋天的第一杯奶茶 http://xhslink.com/a/AbCdEf，复制本条信息，打开【小红书】App查看精彩内容！`,
			`9张图带你逛完成都 http://xhslink.com/GQ0MHB 复制本条信息`,
			`https://www.xiaohongshu.com/explore/${ID_A}?xsec_token=CB123`,
			`${ID_B} CBtoken`,
			`http://xhslink.com/a/AbCdEf`,
			`https://www.xiaohongshu.com/discovery/item/${ID_A}?xsec_token=CB456`,
		].join('\n');
		expect(estimatedEntries(list)).toBe(4);
	});

	it('does not count the lines of a share text that name nothing (a title line, the app tail)', () => {
		const list = ['秋天的第一杯奶茶', 'http://xhslink.com/a/AbCdEf', '复制本条信息，打开【小红书】App查看精彩内容！', '', '   '].join('\n');
		expect(estimatedEntries(list)).toBe(1);
	});

	it('reads nothing from what is not text', () => {
		expect(estimatedEntries(undefined)).toBe(0);
		expect(estimatedEntries(42)).toBe(0);
	});
});

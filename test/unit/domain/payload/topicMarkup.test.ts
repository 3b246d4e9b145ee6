import { withoutTopicMarkup } from '../../../../nodes/Xiaohongshu/domain/payload/topicMarkup';

describe('withoutTopicMarkup', () => {
	it('leaves out the closing run of topics (they have their own column)', () => {
		expect(withoutTopicMarkup('9张图带你逛完成都！\n#成都旅行[话题]# #成都美食[话题]#  ')).toBe('9张图带你逛完成都！');
		expect(withoutTopicMarkup('#成都旅行[话题]#')).toBe('');
	});

	it('shows a topic inside a sentence as the app does, "#name", so the sentence keeps its word', () => {
		expect(withoutTopicMarkup('去了#成都[话题]#三天，好玩 #旅行[话题]#')).toBe('去了#成都三天，好玩');
		expect(withoutTopicMarkup('#探店[话题]# 第一杯奶茶')).toBe('#探店 第一杯奶茶');
	});

	it('keeps text without topic markup exactly as it was, white space included', () => {
		expect(withoutTopicMarkup('no topics #here# [话题] \n')).toBe('no topics #here# [话题] \n');
	});

	it('reads a long text of markup in linear time (no quadratic rescans)', () => {
		const text = `${'a'.repeat(10)}${'#x[话题]# '.repeat(50_000)}`;
		expect(withoutTopicMarkup(text)).toBe('a'.repeat(10));
		expect(withoutTopicMarkup(`${'#x[话题]#b'.repeat(50_000)}`)).toBe('#xb'.repeat(50_000));
	});
});

import { notALink } from '../../../../nodes/Xiaohongshu/domain/links/inputProblems';

describe('notALink', () => {
	it('does not suggest that a note id alone opens a note: it needs the token from its link', () => {
		const { hint } = notALink('just some words', 'note');
		expect(hint).not.toMatch(/id alone is/);
		expect(hint).toMatch(/note id \(24 hex characters\) opens a note only together with the xsec_token/);
	});
});

/**
 * A token belongs to the link it came with: whatever else a pasted text holds (another note's
 * link carried percent-encoded in a parameter, or glued on by punctuation), a note is read
 * with its own link's token or none, never another's.
 */
import fc from 'fast-check';

import { findLinks } from '../../../../nodes/Xiaohongshu/domain/links/linkReader';
import { parseNoteInput } from '../../../../nodes/Xiaohongshu/domain/links/noteInput';
import { fuzz, holds } from '../../support/fuzz';

const objectId = fc.stringMatching(/^[0-9a-f]{24}$/);
const token = fc.stringMatching(/^[ACY]B[A-Za-z0-9_-]{40,44}=$/);
const host = fc.constantFrom('https://www.xiaohongshu.com', 'http://xiaohongshu.com', 'https://www.rednote.com', 'www.xiaohongshu.com');
const path = fc.constantFrom(
	(id: string) => `/explore/${id}`,
	(id: string) => `/discovery/item/${id}`,
	(id: string) => `/user/profile/5ff0a1b2c3d4e5f601234567/${id}`,
);
const otherParams = fc.array(fc.constantFrom('xsec_source=pc_feed', 'type=normal', 'app_platform=ios', 'share_id=abc', 'apptime=1700000000'), { maxLength: 3 });

interface Link {
	id: string;
	token: string | null;
	text: string;
}

const link: fc.Arbitrary<Link> = fc
	.record({ id: objectId, token: fc.option(token), host, path, params: otherParams, encodeEquals: fc.boolean() })
	.map(({ id, token: tok, host: h, path: p, params, encodeEquals }) => {
		const tokenParam = tok === null ? [] : [`xsec_token=${encodeEquals ? tok.replace(/=$/, '%3D') : tok}`];
		const query = [...params, ...tokenParam];
		return { id, token: tok, text: `${h}${p(id)}${query.length > 0 ? `?${query.join('&')}` : ''}` };
	});

/** The note the reader chose must carry its own link's token, or none. */
function checkOwnToken(text: string, links: Link[]): void {
	const result = parseNoteInput(text);
	if (result.type !== 'note' || result.ref.xsecToken === null) return;
	const own = links.filter((l) => l.id === result.ref.noteId).map((l) => l.token);
	holds(own.includes(result.ref.xsecToken), `${text}: note ${result.ref.noteId} read with token ${result.ref.xsecToken}`);
}

describe('a token belongs to the link it came with', () => {
	it('is never taken from another link carried percent-encoded in a parameter (class 2)', () => {
		fc.assert(
			fc.property(
				link,
				link,
				fc.constantFrom('redirect', 'redirectPath', 'from', 'url', 'target', 'source_url', 'x'),
				fc.integer({ min: 1, max: 3 }),
				fc.boolean(),
				(outer, inner, name, rounds, first) => {
					let carried = inner.text;
					for (let i = 0; i < rounds; i++) carried = encodeURIComponent(carried);
					const param = `${name}=${carried}`;
					const [base, query = ''] = outer.text.split('?');
					const parts = query === '' ? [param] : first ? [param, query] : [query, param];
					const text = `${base}?${parts.join('&')}`;
					checkOwnToken(text, [outer]);
				},
			),
			fuzz(2701, 1_000),
		);
	});

	it('is never lent by a link glued on with punctuation, and each glued link is found (class 2)', () => {
		fc.assert(
			fc.property(
				fc.array(link, { minLength: 2, maxLength: 3 }),
				fc.constantFrom(',', ')', ';', '!', '*', "'", '('),
				fc.constantFrom('', ' 看看 ', '复制本条信息'),
				(links, glue, around) => {
					const text = `${around}${links.map((l) => l.text).join(glue)}${around}`;
					checkOwnToken(text, links);
					holds(findLinks(text).length === links.length, `${text}: ${JSON.stringify(findLinks(text))}`);
				},
			),
			fuzz(2702, 1_000),
		);
	});

	it('reads the glued link with its own token, not the one glued before it with the other token (class 2)', () => {
		const a = '64a1b2c3d4e5f60718293a4b';
		const b = '64a1b2c3d4e5f60718293a4c';
		const tok = 'CBcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ=';
		for (const glue of [',', ')', ';', '!', '*', "'"]) {
			const text = `https://www.xiaohongshu.com/explore/${a}?type=normal${glue}https://www.xiaohongshu.com/explore/${b}?xsec_source=pc_feed&xsec_token=${tok}`;
			expect(parseNoteInput(text)).toMatchObject({ type: 'note', ref: { noteId: b, xsecToken: tok } });
		}
	});

	it('still reads a query percent-encoded as a whole as the link own parameters', () => {
		fc.assert(
			fc.property(objectId, token, fc.integer({ min: 1, max: 2 }), (id, tok, rounds) => {
				let query = `xsec_token=${tok}&xsec_source=app_share`;
				for (let i = 0; i < rounds; i++) query = encodeURIComponent(query);
				const result = parseNoteInput(`https://www.xiaohongshu.com/explore/${id}?${query}`);
				holds(result.type === 'note' && result.ref.xsecToken === tok && result.ref.xsecSource === 'app_share', JSON.stringify(result));
			}),
			fuzz(2703, 300),
		);
	});
});

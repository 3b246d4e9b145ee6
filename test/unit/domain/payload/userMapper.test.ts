import type { UserProfilePayload } from '../../../../nodes/Xiaohongshu/domain/payload/payloads';
import { authorProfileFields, genderOf, simplifyUser } from '../../../../nodes/Xiaohongshu/domain/payload/userMapper';

const USER_ID = '5bb08087e617cb0001a9b4a6';
const NOW = Date.UTC(2026, 0, 2);

describe('simplifyUser', () => {
	it('reads fields nested under `profile`, with extras beside it', () => {
		const payload: UserProfilePayload = {
			user_id: USER_ID,
			interaction: '4.6万',
			profile: {
				nickname: '郭嘉峰',
				description: '记录生活',
				avatar: 'http://sns-avatar-qc.xhscdn.com/a.jpg',
				gender: 0,
				red_id: 117208536,
				follows: '88',
				fans: '1.2万',
				ip_location: '北京',
				tags: [{ type: 'info', name: '北京', icon: 'http://ci.xiaohongshu.com/i.png' }, { type: 'info', icon: 'x' }],
			},
		};
		expect(simplifyUser(payload, { userId: USER_ID, nowMs: NOW })).toEqual({
			userId: USER_ID,
			redId: '117208536',
			nickname: '郭嘉峰',
			bio: '记录生活',
			avatar: 'http://sns-avatar-qc.xhscdn.com/a.jpg',
			gender: 'male',
			region: '北京',
			followers: 12_000,
			followersText: '1.2万',
			followersExact: false,
			following: 88,
			followingText: '88',
			followingExact: true,
			likesAndCollects: 46_000,
			likesAndCollectsText: '4.6万',
			likesAndCollectsExact: false,
			tags: ['北京'],
			profileUrl: `https://www.xiaohongshu.com/user/profile/${USER_ID}`,
			fetchedAt: '2026-01-02T00:00:00.000Z',
		});
	});

	it("reads the site's own shape too: basic_info and an interactions list", () => {
		const payload: UserProfilePayload = {
			basic_info: { nickname: '红薯蜀', red_id: '633500655', gender: 1, ip_location: '上海', desc: '你好', imageb: 'http://a/b.jpg' },
			interactions: [
				{ type: 'follows', name: '关注', count: '2' },
				{ type: 'fans', name: '粉丝', count: '10万+' },
				{ type: 'interaction', name: '获赞与收藏', count: '2' },
			],
		};
		expect(simplifyUser(payload, { userId: USER_ID })).toMatchObject({
			userId: USER_ID,
			nickname: '红薯蜀',
			redId: '633500655',
			gender: 'female',
			bio: '你好',
			avatar: 'http://a/b.jpg',
			following: 2,
			followers: 100_000,
			followersExact: false,
			likesAndCollects: 2,
		});
	});

	it('hidden counts are null, not 0; missing gender is unknown', () => {
		expect(simplifyUser({ nickname: 'x', fans: '', follows: null }, { userId: USER_ID })).toMatchObject({
			followers: null,
			followersText: null,
			following: null,
			likesAndCollects: null,
			gender: 'unknown',
			tags: [],
			bio: null,
		});
	});
});

describe('genderOf', () => {
	it.each([
		[0, 'male'],
		['0', 'male'],
		['男', 'male'],
		[1, 'female'],
		['Female', 'female'],
		[2, 'unknown'],
		[undefined, 'unknown'],
		['?', 'unknown'],
	])('%p -> %s', (raw, gender) => expect(genderOf(raw)).toBe(gender));
});

describe('authorProfileFields', () => {
	it('prefixes every profile field for a note item', () => {
		const fields = authorProfileFields(simplifyUser({ nickname: 'n', red_id: 'r', fans: '5' }, { userId: USER_ID }));
		expect(fields).toMatchObject({ authorRedId: 'r', authorFollowers: 5, authorFollowersExact: true, authorGender: 'unknown' });
		expect(Object.keys(fields).every((k) => k.startsWith('author'))).toBe(true);
	});
});

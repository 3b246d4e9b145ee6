/**
 * What an alert item carries for a message worth reading (issue 25): the note's cover, title
 * and author, every current count with the one that moved marked, and the window the two
 * observations that proved the change span.
 */
import { parseCount } from '../../../nodes/Xiaohongshu/domain/payload/counts';
import { simplifyNote } from '../../../nodes/Xiaohongshu/domain/payload/noteMapper';
import type { NotePayload } from '../../../nodes/Xiaohongshu/domain/payload/payloads';
import { simplifyUser } from '../../../nodes/Xiaohongshu/domain/payload/userMapper';
import type { UserProfilePayload } from '../../../nodes/Xiaohongshu/domain/payload/payloads';
import { evaluateObservation } from '../../../nodes/Xiaohongshu/domain/watch/engagement';
import type { EngagementEvent, EngineConfig, EntryState } from '../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import { eventItem, identityOfCreator, identityOfNote } from '../../../nodes/Xiaohongshu/trigger/eventItems';

const NOTE = '68c3bb90451c9fd552f144be';
const AUTHOR = '5bb08087e617cb0001a9b4a6';
const T0 = Date.parse('2026-03-01T06:00:00Z');
const MINUTE = 60_000;
const COVER = 'https://sns-webpic-qc.xhscdn.com/202603010600/abc/cover!nd_dft_wlteh_jpg_3';

function notePayload(likes: string): NotePayload {
	return {
		note_id: NOTE,
		type: 'normal',
		title: '周末去哪儿｜上海小众咖啡店',
		description: '藏在弄堂里的咖啡店',
		user: { user_id: AUTHOR, nickname: '咖啡小姐', avatar: 'https://sns-avatar-qc.xhscdn.com/avatar/a.jpg' },
		images: [{ url: COVER, width: 1080, height: 1440 }],
		interact_info: { liked_count: likes, collected_count: '12', comment_count: '5', share_count: '3' },
	} as unknown as NotePayload;
}

const config: EngineConfig = { metrics: ['likes', 'collects'], rules: [{ kind: 'increase', atLeast: 100 }], emitBaseline: false };

/** Polls a minute apart: the likes shown at each, and the events of the last. */
function watch(likes: string[]): { events: EngagementEvent[]; payload: NotePayload } {
	let state: EntryState | undefined;
	let events: EngagementEvent[] = [];
	likes.forEach((shown, i) => {
		const counts = { likes: parseCount(shown), collects: parseCount('12') };
		const result = evaluateObservation(state, { at: T0 + i * 30 * MINUTE, counts }, config);
		state = result.state;
		events = result.events;
	});
	return { events, payload: notePayload(likes[likes.length - 1]) };
}

describe('an alert item', () => {
	it('carries the cover, title, author, every count (the moved one marked) and the two observation times', () => {
		// Watched from 06:00, still 86 at 06:30, 500 at 07:00: the jump happened within the last half hour.
		const { events, payload } = watch(['86', '86', '500']);
		const snapshot = simplifyNote(payload, { noteId: NOTE, xsecToken: 'CBtoken' });
		const json = eventItem(identityOfNote(snapshot), events[0], snapshot).json;
		expect(json).toMatchObject({
			event: 'increase',
			title: '周末去哪儿｜上海小众咖啡店',
			author: '咖啡小姐',
			authorLink: `https://www.xiaohongshu.com/user/profile/${AUTHOR}`,
			coverUrl: expect.stringContaining('xhscdn.com'),
			previousValue: 86,
			currentValue: 500,
			from: '2026-03-01T06:30:00.000Z',
			to: '2026-03-01T07:00:00.000Z',
			windowHours: 0.5,
		});
		expect(json.counts).toEqual([
			{ metric: 'likes', label: 'Likes', value: 500, text: '500', moved: true },
			{ metric: 'collects', label: 'Collects', value: 12, text: '12', moved: false },
			{ metric: 'comments', label: 'Comments', value: 5, text: '5', moved: false },
			{ metric: 'shares', label: 'Shares', value: 3, text: '3', moved: false },
		]);
		expect(json.summary).toContain('in 30 min');
	});

	it('for a creator: the avatar, the nickname as author, and the three counts', () => {
		const profile = { basic_info: { nickname: '小红', images: 'https://sns-avatar-qc.xhscdn.com/avatar/b.jpg' }, interactions: [{ type: 'fans', count: '1200' }] } as unknown as UserProfilePayload;
		const creator = simplifyUser(profile, { userId: AUTHOR });
		const event: EngagementEvent = {
			kind: 'change',
			metric: 'followers',
			previous: { value: 1100, display: '1100', at: T0 },
			current: { value: 1200, display: '1200', at: T0 + 60 * MINUTE },
			change: { absolute: 100, provenAtLeast: 100, percent: 9.09 },
			growthPerHour: 100,
			from: T0,
			to: T0 + 60 * MINUTE,
		};
		const json = eventItem(identityOfCreator(creator), event, creator).json;
		expect(json).toMatchObject({ author: creator.nickname, coverUrl: creator.avatar, authorLink: creator.profileUrl });
		expect((json.counts as Array<{ metric: string; moved: boolean }>).map((c) => [c.metric, c.moved])).toEqual([
			['followers', true],
			['following', false],
			['likesAndCollects', false],
		]);
	});
});

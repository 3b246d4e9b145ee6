import type { Engagement } from './engagement';
import type { NoteFixture, UserFixture } from './fixtures';

/** The flattened snake_case payloads parse.bot's scraper returns, built from fixtures and live counts. */

export function notePayload(n: NoteFixture, author: UserFixture | undefined, engagement: Engagement): Record<string, unknown> {
	const payload: Record<string, unknown> = {
		note_id: n.noteId,
		type: n.type,
		title: n.title,
		description: n.description,
		time: n.time,
		last_update_time: n.lastUpdateTime,
	};
	if (n.ipLocation !== undefined) payload.ip_location = n.ipLocation;
	payload.user = {
		user_id: n.userId,
		nickname: author?.nickname ?? '',
		avatar: author?.avatar ?? '',
	};
	payload.tags = n.tags.map((t) => ({ ...t }));
	payload.images = n.images.map((i) => ({ ...i }));
	if (n.video) payload.video = { ...n.video };
	payload.interact_info = engagement.interactInfo(n.noteId);
	return payload;
}

export function userPayload(u: UserFixture, engagement: Engagement): Record<string, unknown> {
	const profile: Record<string, unknown> = {
		nickname: u.nickname,
		description: u.description,
		avatar: u.avatar,
	};
	if (u.gender !== undefined) profile.gender = u.gender;
	profile.red_id = u.redId;
	const counts = engagement.userCounts(u.userId);
	if ('follows' in counts) profile.follows = counts.follows;
	if ('fans' in counts) profile.fans = counts.fans;
	if (u.ipLocation !== undefined) profile.ip_location = u.ipLocation;
	profile.tags = u.tags.map((t) => ({ ...t }));
	const extras: Record<string, unknown> = { user_id: u.userId };
	if ('interaction' in counts) extras.interaction = counts.interaction;
	return u.nesting === 'profile' ? { ...extras, profile } : { ...extras, ...profile };
}

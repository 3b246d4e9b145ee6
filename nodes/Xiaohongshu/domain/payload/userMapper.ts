/**
 * A creator's profile payload as flat fields ("Simplified" output). Pure: no n8n.
 *
 * parse.bot does not publish where the profile fields sit, so they are looked for at the top
 * of the payload, under `profile`, and under the site's own `basic_info`; counts also come
 * from an `interactions` list (`{type: 'fans', count}`) when that is the form given.
 */
import { countFields, shownCount } from './countFields';
import type { DisplayedCount } from './counts';
import { isObjectId } from '../links/ids';
import { isRecord } from '../guards';
import { canonicalUserUrl } from '../links/canonicalLinks';
import type { ProfileFields, ProfileTagPayload, UserProfilePayload } from './payloads';
import { displayText } from './text';

export type Gender = 'male' | 'female' | 'unknown';

/** In the order a person reads a row: who, how many follow, the link; then the details. */
export interface SimplifiedUser {
	nickname: string | null;
	followers: number | null;
	following: number | null;
	/** 获赞与收藏: likes and collects received over all the creator's notes. */
	likesAndCollects: number | null;
	profileUrl: string;
	/** 小红书号: the handle shown on the profile (not the id). */
	redId: string | null;
	bio: string | null;
	region: string | null;
	gender: Gender;
	/** Profile tags as shown (profession, location, zodiac…), by name. */
	tags: string[];
	avatar: string | null;
	followersText: string | null;
	followersExact: boolean;
	followingText: string | null;
	followingExact: boolean;
	likesAndCollectsText: string | null;
	likesAndCollectsExact: boolean;
	userId: string;
	fetchedAt: string;
}

/** All the places a profile field may sit, most specific first. */
export function profileLayers(payload: UserProfilePayload): ProfileFields[] {
	const layers: ProfileFields[] = [];
	if (!isRecord(payload)) return layers;
	if (isRecord(payload.profile)) layers.push(payload.profile);
	if (isRecord(payload.basic_info)) layers.push(payload.basic_info as ProfileFields);
	layers.push(payload);
	return layers;
}

function first(layers: ProfileFields[], ...keys: string[]): unknown {
	for (const layer of layers) {
		for (const key of keys) {
			const value = layer[key];
			if (value !== undefined && value !== null) return value;
		}
	}
	return undefined;
}

function interactionCount(layers: ProfileFields[], type: string): unknown {
	for (const layer of layers) {
		const list = layer.interactions;
		if (!Array.isArray(list)) continue;
		const entry = list.find((i) => isRecord(i) && i.type === type);
		if (entry) return entry.count;
	}
	return undefined;
}

/** 0 male, 1 female (the site's convention); words in English or Chinese too; anything else unknown. */
export function genderOf(raw: unknown): Gender {
	const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
	if (value === 0 || value === '0' || value === 'male' || value === 'm' || value === '男') return 'male';
	if (value === 1 || value === '1' || value === 'female' || value === 'f' || value === '女') return 'female';
	return 'unknown';
}

function tagNames(raw: unknown): string[] {
	if (!Array.isArray(raw)) return [];
	const names = new Set<string>();
	for (const tag of raw as Array<ProfileTagPayload | string>) {
		const name = typeof tag === 'string' ? displayText(tag) : isRecord(tag) ? displayText(tag.name) : null;
		if (name !== null) names.add(name);
	}
	return [...names];
}

export interface UserContext {
	/** The id asked for, used if the payload does not say. */
	userId: string;
	nowMs?: number;
}

/** A creator's counts as ranges, one for each count a watch can follow. */
export interface UserCounts {
	followers: DisplayedCount;
	following: DisplayedCount;
	likesAndCollects: DisplayedCount;
}

export function userCounts(payload: UserProfilePayload): UserCounts {
	return countsOf(profileLayers(payload));
}

function countsOf(layers: ProfileFields[]): UserCounts {
	return {
		followers: shownCount(first(layers, 'fans') ?? interactionCount(layers, 'fans')),
		following: shownCount(first(layers, 'follows') ?? interactionCount(layers, 'follows')),
		likesAndCollects: shownCount(
			first(layers, 'interaction', 'liked_and_collected', 'likes_and_collects') ?? interactionCount(layers, 'interaction'),
		),
	};
}

/** Never throws, whatever the payload holds; the profile link is built from a validated id. */
export function simplifyUser(payload: UserProfilePayload, context: UserContext): SimplifiedUser {
	const layers = profileLayers(payload);
	const idInPayload = first(layers, 'user_id', 'userId', 'id');
	const userId = isObjectId(idInPayload) ? idInPayload : context.userId;
	const counts = countsOf(layers);
	const followers = countFields(counts.followers);
	const following = countFields(counts.following);
	const likesAndCollects = countFields(counts.likesAndCollects);
	return {
		nickname: displayText(first(layers, 'nickname')),
		followers: followers.value,
		following: following.value,
		likesAndCollects: likesAndCollects.value,
		profileUrl: canonicalUserUrl(userId),
		redId: displayText(first(layers, 'red_id', 'redId')),
		bio: displayText(first(layers, 'description', 'desc')),
		region: displayText(first(layers, 'ip_location', 'ipLocation')),
		gender: genderOf(first(layers, 'gender')),
		tags: tagNames(first(layers, 'tags')),
		avatar: displayText(first(layers, 'avatar', 'imageb', 'images')),
		followersText: followers.text,
		followersExact: followers.exact,
		followingText: following.text,
		followingExact: following.exact,
		likesAndCollectsText: likesAndCollects.text,
		likesAndCollectsExact: likesAndCollects.exact,
		userId,
		fetchedAt: new Date(context.nowMs ?? Date.now()).toISOString(),
	};
}

/** The author fields a note gains with "Include Author Profile", prefixed so they sit beside authorId. */
export interface AuthorProfileFields {
	authorRedId: string | null;
	authorBio: string | null;
	authorGender: Gender;
	authorRegion: string | null;
	authorFollowers: number | null;
	authorFollowersText: string | null;
	authorFollowersExact: boolean;
	authorFollowing: number | null;
	authorFollowingText: string | null;
	authorFollowingExact: boolean;
	authorLikesAndCollects: number | null;
	authorLikesAndCollectsText: string | null;
	authorLikesAndCollectsExact: boolean;
	authorTags: string[];
}

export function authorProfileFields(user: SimplifiedUser): AuthorProfileFields {
	return {
		authorRedId: user.redId,
		authorBio: user.bio,
		authorGender: user.gender,
		authorRegion: user.region,
		authorFollowers: user.followers,
		authorFollowersText: user.followersText,
		authorFollowersExact: user.followersExact,
		authorFollowing: user.following,
		authorFollowingText: user.followingText,
		authorFollowingExact: user.followingExact,
		authorLikesAndCollects: user.likesAndCollects,
		authorLikesAndCollectsText: user.likesAndCollectsText,
		authorLikesAndCollectsExact: user.likesAndCollectsExact,
		authorTags: user.tags,
	};
}

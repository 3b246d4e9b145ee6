import {
	avatarUrl,
	fileId,
	idTimeMs,
	imageUrl,
	objectId,
	originalUrl,
	rednoteImageUrl,
	rednoteVideoUrl,
	tagId,
	videoUrl,
	xsecToken,
} from './fixtureBuilders';
import { renderCount } from './displayCount';
import type { EngagementCurve } from './curves';

/**
 * The sandbox's catalogue: every note, creator, short link and media quirk the
 * tests rely on, each under a short name (`FIXTURES.notes.videoSample`). Tests
 * import ids, tokens and expected values from here instead of repeating them.
 */

export type NoteMetric = 'liked' | 'collected' | 'comment' | 'share';
export type UserMetric = 'fans' | 'follows' | 'interaction';

/**
 * A count as a fixture holds it: a number drifts with the virtual clock and is
 * rendered the way the site renders it; a string is served verbatim and stays put
 * (the display-form fixtures); null leaves the key out of the payload.
 */
export type CountSeed = number | string | null;

export interface ImageFixture {
	url: string;
	width: number;
	height: number;
	file_id: string;
}

export interface VideoFixture {
	url: string;
	duration: number;
	format: string;
	width: number;
	height: number;
}

export interface NoteFixture {
	noteId: string;
	/** The token that works now (a `CB` share-link token unless noted). */
	xsecToken: string;
	/** A token once issued for this note that upstream now rejects as expired. */
	expiredXsecToken?: string;
	type: 'normal' | 'video';
	title: string;
	description: string;
	time: number;
	lastUpdateTime: number;
	/** undefined: the key is missing from the payload. */
	ipLocation?: string;
	userId: string;
	tags: Array<{ id: string; name: string; type: string }>;
	images: ImageFixture[];
	video?: VideoFixture;
	counts: Record<NoteMetric, CountSeed>;
	/** Likes over time (the other counts follow at fixed shares); replaces `counts` when set. */
	curve?: EngagementCurve;
	/** false: answered as the bare payload with no `{data, status}` envelope. */
	envelope?: boolean;
	state?: 'public' | 'deleted' | 'private';
	/** What this fixture is in the catalogue to exercise. */
	covers: string;
}

export interface UserFixture {
	userId: string;
	nickname: string;
	description: string;
	avatar: string;
	/** 0 male, 1 female, 2 unknown; undefined leaves the key out. */
	gender?: number;
	redId: string;
	ipLocation?: string;
	tags: Array<{ type: string; name: string; icon?: string }>;
	counts: Record<UserMetric, CountSeed>;
	/** Followers over time (likes-and-collects follow at a fixed share); replaces those counts when set. */
	curve?: EngagementCurve;
	/** 'profile': the profile fields sit under a `profile` key; 'top': at the top of the payload. */
	nesting: 'top' | 'profile';
	envelope?: boolean;
	covers: string;
}

export interface ShortLinkFixture {
	/** `http://xhslink.com/a/<code>` as a user would paste it. */
	url: string;
	status: 302 | 404;
	location?: string;
	covers: string;
}

export interface MediaOverride {
	/** e.g. 403 for an expired signature. */
	status?: number;
	/** Pad the generated file to this many bytes (size-limit tests). */
	sizeBytes?: number;
	/** Answer with a redirect here (status `status`, default 302) instead of the file. */
	location?: string;
	/** Send the file chunked, without Content-Length (a stream whose size is only known by reading it). */
	omitContentLength?: boolean;
	/** Serve this format instead of the one the URL names (originals on ci.xiaohongshu.com are PNG here). */
	format?: 'png' | 'jpeg' | 'webp' | 'mp4';
	covers: string;
}

export interface Catalogue {
	notes: Record<string, NoteFixture>;
	users: Record<string, UserFixture>;
	shortLinks: Record<string, ShortLinkFixture>;
	/** Keyed by media URL without its query string. */
	media: Record<string, MediaOverride>;
}

const AT = (iso: string) => iso;

function note(
	name: string,
	createdIso: string,
	fields: Omit<NoteFixture, 'noteId' | 'xsecToken' | 'time' | 'lastUpdateTime'> &
		Partial<Pick<NoteFixture, 'noteId' | 'xsecToken' | 'lastUpdateTime'>>,
): NoteFixture {
	const noteId = fields.noteId ?? objectId(createdIso, name);
	const time = idTimeMs(noteId);
	return {
		...fields,
		noteId,
		xsecToken: fields.xsecToken ?? xsecToken('CB', name),
		time,
		lastUpdateTime: fields.lastUpdateTime ?? time + 1000 * 60 * 7,
	};
}

function images(label: string, count: number, format: 'jpg' | 'webp' = 'jpg'): ImageFixture[] {
	return Array.from({ length: count }, (_, i) => ({
		url: imageUrl(`${label}-${i}`, i % 3 === 2 ? 'webp' : format),
		width: 1080,
		height: i % 2 === 0 ? 1440 : 1080,
		file_id: fileId(`${label}-${i}`),
	}));
}

function topic(name: string) {
	return { id: tagId(name), name, type: 'topic' };
}

const USERS = {
	guoJiaFeng: {
		userId: '5bb08087e617cb0001a9b4a6',
		nickname: '郭嘉峰',
		description: '记录生活里的好玩瞬间',
		avatar: avatarUrl('guoJiaFeng'),
		gender: 0,
		redId: '117208536',
		ipLocation: '北京',
		tags: [{ type: 'info', name: '北京', icon: 'http://ci.xiaohongshu.com/icons/user/gender-male-v1.png' }],
		counts: { follows: 88, fans: 12_345, interaction: 45_678 },
		nesting: 'profile',
		covers: "the listing's sample creator; the credential test fetches this profile; male (gender 0); fields under `profile`",
	},
	femaleCreator: {
		userId: objectId(AT('2019-03-14T08:00:00Z'), 'femaleCreator'),
		nickname: '小鹿爱探店',
		description: '上海探店 | 咖啡 | 甜品\n合作请私信',
		avatar: avatarUrl('femaleCreator', 'png'),
		gender: 1,
		redId: 'xiaolu_tandian',
		ipLocation: '上海',
		tags: [
			{ type: 'profession', name: '美食博主', icon: 'http://ci.xiaohongshu.com/icons/user/profession-v1.png' },
			{ type: 'location', name: '上海·静安' },
		],
		counts: { follows: 321, fans: 86_400, interaction: 1_234_567 },
		nesting: 'top',
		covers: 'female (gender 1); fields at the top; two profile tags; PNG avatar',
	},
	unknownGender: {
		userId: objectId(AT('2020-07-01T10:00:00Z'), 'unknownGender'),
		nickname: 'Travel Notes 旅行手记',
		description: '',
		avatar: avatarUrl('unknownGender'),
		gender: 2,
		redId: '95558899',
		ipLocation: '广东',
		tags: [],
		counts: { follows: 12, fans: 9_999, interaction: 10_000 },
		nesting: 'top',
		covers: 'gender 2 (unknown); empty bio; no tags; counts either side of 1万',
	},
	noGender: {
		userId: objectId(AT('2021-01-20T02:00:00Z'), 'noGender'),
		nickname: '匿名小红薯',
		description: '隐私设置：不展示粉丝数',
		avatar: avatarUrl('noGender'),
		redId: '4020011234',
		tags: [{ type: 'info', name: '双子座' }],
		counts: { follows: '', fans: '', interaction: null },
		nesting: 'profile',
		covers: 'gender key missing; ip_location missing; hidden counts (empty strings, missing interaction)',
	},
	hugeCreator: {
		userId: objectId(AT('2017-05-05T05:00:00Z'), 'hugeCreator'),
		nickname: '超级明星工作室',
		description: '官方账号',
		avatar: avatarUrl('hugeCreator'),
		gender: 1,
		redId: 'star_official',
		ipLocation: '浙江',
		tags: [{ type: 'profession', name: '官方认证' }],
		counts: { follows: 3, fans: 123_456_789, interaction: 345_678_901 },
		nesting: 'top',
		covers: 'huge counts rendered in 亿',
	},
	floorCountsCreator: {
		userId: objectId(AT('2022-09-09T09:00:00Z'), 'floorCountsCreator'),
		nickname: '数码测评君',
		description: '只说真话',
		avatar: avatarUrl('floorCountsCreator'),
		gender: 0,
		redId: 'shuma2022',
		ipLocation: '四川',
		tags: [],
		counts: { follows: '1,234', fans: '10万+', interaction: '2.3w' },
		nesting: 'profile',
		envelope: false,
		covers: 'answered as the bare payload (no envelope); literal display counts `1,234`, `10万+`, `2.3w`',
	},
} satisfies Record<string, UserFixture>;

const NOTES = {
	videoSample: note('videoSample', '2023-03-22T11:32:45Z', {
		noteId: '641ae75d0000000013031c27',
		lastUpdateTime: 1679484766000,
		type: 'video',
		title: '各地游客打卡be like',
		description: '',
		ipLocation: '',
		userId: USERS.guoJiaFeng.userId,
		tags: [],
		images: [{ url: imageUrl('videoSample-cover'), width: 1080, height: 1440, file_id: '' }],
		video: { url: videoUrl('videoSample'), width: 720, height: 1280, format: 'h264', duration: 86 },
		counts: { liked: 35_123, collected: 2227, comment: 529, share: 1108 },
		covers: "the listing's sample video note: empty description and ip_location, cover in images, `3.5万`",
	}),
	singleImage: note('singleImage', '2025-09-12T06:20:00Z', {
		type: 'normal',
		title: '周末去哪儿｜上海小众咖啡店',
		description: '藏在弄堂里的咖啡店，拿铁很好喝☕️',
		ipLocation: '上海',
		userId: USERS.femaleCreator.userId,
		tags: [],
		images: images('singleImage', 1),
		counts: { liked: 86, collected: 12, comment: 5, share: 3 },
		covers: 'image note with exactly one image; small exact counts',
	}),
	manyImages: note('manyImages', '2025-10-03T12:00:00Z', {
		type: 'normal',
		title: '9张图带你逛完成都',
		description: '收藏起来慢慢看 #成都旅行[话题]#',
		ipLocation: '四川',
		userId: USERS.unknownGender.userId,
		tags: [topic('成都旅行')],
		images: images('manyImages', 9),
		counts: { liked: 2227, collected: 1500, comment: 88, share: 41 },
		covers: 'image note with nine images (JPEG and WebP mixed)',
	}),
	emptyTitle: note('emptyTitle', '2025-08-01T00:30:00Z', {
		type: 'normal',
		title: '',
		description: '今天的晚霞',
		ipLocation: '广东',
		userId: USERS.unknownGender.userId,
		tags: [],
		images: images('emptyTitle', 2),
		counts: { liked: 529, collected: 40, comment: 7, share: 2 },
		covers: 'empty title',
	}),
	topics: note('topics', '2025-10-20T14:00:00Z', {
		type: 'normal',
		title: '秋天的第一杯奶茶',
		description: '今年的秋天第一杯 #奶茶[话题]# #秋天的第一杯奶茶[话题]# #探店[话题]#\n你们喝了吗',
		ipLocation: '江苏',
		userId: USERS.femaleCreator.userId,
		tags: [topic('奶茶'), topic('秋天的第一杯奶茶'), topic('探店')],
		images: images('topics', 3),
		counts: { liked: 9_876, collected: 3_210, comment: 456, share: 78 },
		covers: 'topics inline as `#name[话题]#` and in tags',
	}),
	noIpLocation: note('noIpLocation', '2024-12-24T16:00:00Z', {
		type: 'normal',
		title: '圣诞快乐',
		description: 'Merry Christmas 🎄',
		userId: USERS.noGender.userId,
		tags: [],
		images: images('noIpLocation', 1),
		counts: { liked: 10, collected: 1, comment: 0, share: 0 },
		covers: 'ip_location key missing; zero counts',
	}),
	countsWan: note('countsWan', '2025-06-18T03:00:00Z', {
		type: 'normal',
		title: '618好物清单',
		description: '',
		ipLocation: '浙江',
		userId: USERS.hugeCreator.userId,
		tags: [],
		images: images('countsWan', 4),
		counts: { liked: '2.3w', collected: '1.2W', comment: '1.5千', share: '3k' },
		covers: 'literal display forms `2.3w`, `1.2W`, `1.5千`, `3k`',
	}),
	countsFloor: note('countsFloor', '2025-05-05T05:05:05Z', {
		type: 'video',
		title: '新手机开箱',
		description: '真的香 #数码[话题]#',
		ipLocation: '四川',
		userId: USERS.floorCountsCreator.userId,
		tags: [topic('数码')],
		images: [{ url: imageUrl('countsFloor-cover'), width: 720, height: 1280, file_id: '' }],
		video: { url: videoUrl('countsFloor'), width: 1080, height: 1920, format: 'h265', duration: 312 },
		counts: { liked: '10万+', collected: '1w+', comment: '10+', share: '1,234' },
		covers: 'lower-bound and comma forms `10万+`, `1w+`, `10+`, `1,234`; h265 video',
	}),
	countsHuge: note('countsHuge', '2024-02-10T00:00:00Z', {
		type: 'video',
		title: '新年快乐！',
		description: '给大家拜年啦',
		ipLocation: '浙江',
		userId: USERS.hugeCreator.userId,
		tags: [],
		images: [{ url: imageUrl('countsHuge-cover'), width: 1080, height: 1920, file_id: '' }],
		video: { url: videoUrl('countsHuge'), width: 1080, height: 1920, format: 'h264', duration: 15 },
		counts: { liked: 123_456_789, collected: 5_600_000, comment: 98_765, share: 10_000 },
		covers: 'huge drifting counts `1.2亿`, `560万`, `9.9万`, `1万`',
	}),
	countsLiteralHuge: note('countsLiteralHuge', '2024-03-03T03:03:03Z', {
		type: 'normal',
		title: '年度盘点',
		description: '',
		ipLocation: '北京',
		userId: USERS.hugeCreator.userId,
		tags: [],
		images: images('countsLiteralHuge', 1),
		counts: { liked: '1.2亿', collected: '3.5万', comment: '529', share: '2227' },
		covers: 'literal `1.2亿`, `3.5万`, `529`, `2227` that never drift',
	}),
	countsHidden: note('countsHidden', '2025-01-15T15:15:15Z', {
		type: 'normal',
		title: '不想让人看到点赞数',
		description: '',
		ipLocation: '湖南',
		userId: USERS.noGender.userId,
		tags: [],
		images: images('countsHidden', 1),
		counts: { liked: '', collected: null, comment: '', share: null },
		covers: 'hidden counts: empty strings and missing keys',
	}),
	videoLarge: note('videoLarge', '2025-11-01T08:00:00Z', {
		type: 'video',
		title: '4K 航拍 | 西湖',
		description: '完整版',
		ipLocation: '浙江',
		userId: USERS.unknownGender.userId,
		tags: [],
		images: [{ url: imageUrl('videoLarge-cover'), width: 1920, height: 1080, file_id: '' }],
		video: { url: videoUrl('videoLarge'), width: 3840, height: 2160, format: 'h264', duration: 600 },
		counts: { liked: 1_500, collected: 900, comment: 60, share: 30 },
		covers: 'video whose file is 8 MB (size-limit tests); its cover is a 3 MB image',
	}),
	mediaExpired: note('mediaExpired', '2025-07-07T07:07:07Z', {
		type: 'normal',
		title: '链接过期的图片',
		description: '',
		ipLocation: '福建',
		userId: USERS.femaleCreator.userId,
		tags: [],
		images: images('mediaExpired', 2),
		counts: { liked: 42, collected: 4, comment: 1, share: 0 },
		covers: 'both image URLs answer 403 (expired signature)',
	}),
	bareEnvelope: note('bareEnvelope', '2025-04-04T04:04:04Z', {
		type: 'normal',
		title: '没有外壳的返回',
		description: '',
		ipLocation: '上海',
		userId: USERS.femaleCreator.userId,
		tags: [],
		images: images('bareEnvelope', 1),
		counts: { liked: 300, collected: 20, comment: 3, share: 1 },
		envelope: false,
		covers: 'answered as the bare payload with no `{data, status}` envelope',
	}),
	expiredToken: note('expiredToken', '2024-08-08T08:08:08Z', {
		type: 'normal',
		title: '老链接',
		description: '几个月前分享的链接',
		ipLocation: '上海',
		userId: USERS.guoJiaFeng.userId,
		tags: [],
		images: images('expiredToken', 1),
		counts: { liked: 77, collected: 7, comment: 0, share: 0 },
		expiredXsecToken: xsecToken('CB', 'expiredToken-old'),
		covers: '`expiredXsecToken` answers 422 stale_input (expired); `xsecToken` works',
	}),
	feedToken: note('feedToken', '2025-10-30T10:30:00Z', {
		type: 'normal',
		title: '从首页刷到的',
		description: '',
		ipLocation: '重庆',
		userId: USERS.unknownGender.userId,
		tags: [],
		images: images('feedToken', 1),
		counts: { liked: 1_024, collected: 64, comment: 8, share: 2 },
		xsecToken: xsecToken('AB', 'feedToken'),
		covers: 'a web-feed `AB` token instead of a share `CB` token',
	}),
	deleted: note('deleted', '2024-11-11T11:11:11Z', {
		type: 'normal',
		title: '已删除',
		description: '',
		ipLocation: '上海',
		userId: USERS.femaleCreator.userId,
		tags: [],
		images: images('deleted', 1),
		counts: { liked: 5, collected: 0, comment: 0, share: 0 },
		state: 'deleted',
		covers: 'deleted upstream: 422 stale_input 笔记不存在',
	}),
	private: note('private', '2025-02-02T02:02:02Z', {
		type: 'normal',
		title: '仅自己可见',
		description: '',
		ipLocation: '上海',
		userId: USERS.femaleCreator.userId,
		tags: [],
		images: images('private', 1),
		counts: { liked: 5, collected: 0, comment: 0, share: 0 },
		state: 'private',
		covers: 'private upstream: 422 stale_input 当前笔记暂时无法浏览',
	}),
	rednoteImages: note('rednoteImages', '2025-11-20T12:00:00Z', {
		type: 'normal',
		title: 'Weekend in Chengdu 成都周末',
		description: 'Three spots I loved #chengdu[话题]#',
		ipLocation: '四川',
		userId: USERS.unknownGender.userId,
		tags: [topic('chengdu')],
		images: [
			{ url: rednoteImageUrl('rednoteImages-0', 'i10', 'jpg'), width: 1080, height: 1440, file_id: fileId('rednoteImages-0') },
			{ url: rednoteImageUrl('rednoteImages-1', 'sns-i11'), width: 1080, height: 1080, file_id: fileId('rednoteImages-1') },
			{ url: rednoteImageUrl('rednoteImages-2', 'sns-web-i10'), width: 1080, height: 1440, file_id: fileId('rednoteImages-2') },
		],
		counts: { liked: 1_860, collected: 402, comment: 37, share: 15 },
		covers: 'a RedNote account\'s image note: rednote.com links, images on i10 / sns-i11 / sns-web-i10.rednotecdn.com',
	}),
	rednoteVideo: note('rednoteVideo', '2025-11-21T09:00:00Z', {
		type: 'video',
		title: 'Night market walk',
		description: '',
		ipLocation: '台湾',
		userId: USERS.unknownGender.userId,
		tags: [],
		images: [{ url: rednoteImageUrl('rednoteVideo-cover', 'sns-i11', 'jpg'), width: 720, height: 1280, file_id: '' }],
		video: { url: rednoteVideoUrl('rednoteVideo'), width: 720, height: 1280, format: 'h264', duration: 42 },
		counts: { liked: 640, collected: 88, comment: 12, share: 6 },
		covers: 'a RedNote account\'s video note: the stream on sns-v11.rednotecdn.com, the cover on sns-i11',
	}),
} satisfies Record<string, NoteFixture>;

function longNoteUrl(n: NoteFixture, host = 'www.xiaohongshu.com'): string {
	const token = encodeURIComponent(n.xsecToken);
	return (
		`https://${host}/discovery/item/${n.noteId}?app_platform=ios&app_version=8.86&share_from_user_hidden=true` +
		`&xsec_source=app_share&type=${n.type === 'video' ? 'video' : 'normal'}&xsec_token=${token}` +
		`&author_share=1&xhsshare=CopyLink&shareRedId=ODlGNUk2Pj42NzUyOTgwNjc5OTg3PEhO&apptime=1762000000&share_id=${n.noteId.slice(8)}`
	);
}

const SHORT_LINKS = {
	bareCode: {
		url: 'http://xhslink.com/GQ0MHB',
		status: 302,
		location: longNoteUrl(NOTES.manyImages),
		covers: 'xhslink.com/<code> -> /discovery/item/ share link with many parameters',
	},
	aPath: {
		url: 'http://xhslink.com/a/Bc7XyZ1qWe',
		status: 302,
		location: `https://www.xiaohongshu.com/explore/${NOTES.videoSample.noteId}?xsec_token=${encodeURIComponent(NOTES.videoSample.xsecToken)}&xsec_source=pc_share`,
		covers: 'xhslink.com/a/<code> -> /explore/ link',
	},
	oPath: {
		url: 'http://xhslink.com/o/8kP2qLmN3v',
		status: 302,
		location: longNoteUrl(NOTES.topics),
		covers: 'xhslink.com/o/<code>',
	},
	mPath: {
		url: 'http://xhslink.com/m/Zx9Q4rT7aa',
		status: 302,
		location: `https://www.xiaohongshu.com/user/profile/${NOTES.singleImage.userId}/${NOTES.singleImage.noteId}?xsec_token=${encodeURIComponent(NOTES.singleImage.xsecToken)}&xsec_source=pc_user`,
		covers: 'xhslink.com/m/<code> -> /user/profile/<user>/<note> link',
	},
	cnHost: {
		url: 'http://xhslink.cn/a/Qw3Er5TyUi',
		status: 302,
		location: longNoteUrl(NOTES.emptyTitle, 'www.rednote.com'),
		covers: 'xhslink.cn host -> www.rednote.com',
	},
	userProfile: {
		url: 'http://xhslink.com/a/Us3rPr0f1l',
		status: 302,
		location: `https://www.xiaohongshu.com/user/profile/${USERS.femaleCreator.userId}?xsec_token=${encodeURIComponent(xsecToken('YB', 'femaleCreator'))}&xsec_source=app_share`,
		covers: 'short link to a creator profile',
	},
	deletedNote: {
		url: 'http://xhslink.com/a/D3l3t3dN0t',
		status: 302,
		location: longNoteUrl(NOTES.deleted),
		covers: 'short link whose note was deleted',
	},
	foreignHost: {
		url: 'http://xhslink.com/a/Ev1lH0st99',
		status: 302,
		location: 'https://example.com/phishing?next=xiaohongshu',
		covers: 'redirects off Xiaohongshu: the node must refuse to follow or parse it',
	},
	loopA: {
		url: 'http://xhslink.com/a/L00pAAAAAA',
		status: 302,
		location: 'http://xhslink.com/a/L00pBBBBBB',
		covers: 'redirect loop (with loopB)',
	},
	loopB: {
		url: 'http://xhslink.com/a/L00pBBBBBB',
		status: 302,
		location: 'http://xhslink.com/a/L00pAAAAAA',
		covers: 'redirect loop (with loopA)',
	},
	rednoteShare: {
		url: 'http://xhslink.com/o/R3dN0t3Img',
		status: 302,
		location: longNoteUrl(NOTES.rednoteImages, 'www.rednote.com'),
		covers: 'a RedNote share link -> www.rednote.com/discovery/item/ (images on rednotecdn.com)',
	},
	notFound: {
		url: 'http://xhslink.com/a/N0tF0und00',
		status: 404,
		covers: 'unknown short code: 404',
	},
} satisfies Record<string, ShortLinkFixture>;

function withoutQuery(url: string): string {
	return url.split('?')[0];
}

/**
 * Images whose original ci.xiaohongshu.com serves (as PNG, so an original is told from the
 * served file by its type). Every other key answers 404 there, as a moved or missing original does.
 */
export const IMAGES_WITH_ORIGINALS: Array<{ note: NoteName; index: number }> = [
	{ note: 'singleImage', index: 0 },
	{ note: 'manyImages', index: 0 },
	{ note: 'manyImages', index: 2 },
	{ note: 'manyImages', index: 5 },
	{ note: 'rednoteImages', index: 0 },
	{ note: 'rednoteImages', index: 1 },
];

const ORIGINALS: Record<string, MediaOverride> = Object.fromEntries(
	IMAGES_WITH_ORIGINALS.map(({ note: name, index }) => [
		originalUrl(`${name}-${index}`),
		{ format: 'png', covers: `original of ${name} image ${index + 1}` },
	]),
);

const MEDIA: Record<string, MediaOverride> = {
	[withoutQuery(NOTES.mediaExpired.images[0].url)]: { status: 403, covers: 'expired signature' },
	[withoutQuery(NOTES.mediaExpired.images[1].url)]: { status: 403, covers: 'expired signature' },
	[withoutQuery(NOTES.videoLarge.video!.url)]: { sizeBytes: 8 * 1024 * 1024, covers: '8 MB video' },
	[withoutQuery(NOTES.videoLarge.images[0].url)]: { sizeBytes: 3 * 1024 * 1024, covers: '3 MB image' },
	...ORIGINALS,
};

export const FIXTURES = {
	notes: NOTES,
	users: USERS,
	shortLinks: SHORT_LINKS,
	media: MEDIA,
	/** Well-formed ids the catalogue does not hold: upstream answers 422 stale_input. */
	unknown: {
		noteId: objectId('2025-03-03T03:03:03Z', 'unknownNote'),
		userId: objectId('2020-03-03T03:03:03Z', 'unknownUser'),
		xsecToken: xsecToken('CB', 'neverIssued'),
	},
};

/** The default catalogue as the server consumes it. */
export const DEFAULT_CATALOGUE: Catalogue = FIXTURES;

export type NoteName = keyof typeof NOTES;
export type UserName = keyof typeof USERS;

/** What `interact_info` shows for a note at virtual time zero (before any drift or override). */
export function initialInteractInfo(n: NoteFixture): Record<string, string> {
	const out: Record<string, string> = {};
	for (const metric of ['liked', 'collected', 'comment', 'share'] as const) {
		const seed = n.counts[metric];
		if (seed === null) continue;
		out[`${metric}_count`] = typeof seed === 'number' ? renderCount(seed) : seed;
	}
	return out;
}

/** What the profile shows for follows/fans/interaction before any override. */
export function initialUserCounts(u: UserFixture): Record<string, string> {
	const out: Record<string, string> = {};
	for (const metric of ['follows', 'fans', 'interaction'] as const) {
		const seed = u.counts[metric];
		if (seed === null) continue;
		out[metric] = typeof seed === 'number' ? renderCount(seed) : seed;
	}
	return out;
}

/**
 * The items the trigger emits: flat fields that map straight onto a Slack message or a
 * sheet row (title, author, cover, every current count, the two observation times that
 * proved the change), a ready-made one-line `summary`, and the entry's latest snapshot.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { EngagementEvent } from '../domain/watch/engagementTypes';
import { summarizeEvent } from '../domain/watch/engagementSummary';
import { CREATOR_METRICS } from '../domain/watch/engagementMetrics';
import type { Metric, WatchKind } from '../domain/watch/engagementMetrics';
import type { SimplifiedNote } from '../domain/payload/noteMapper';
import type { SimplifiedUser } from '../domain/payload/userMapper';
import type { InvalidLine } from '../domain/watch/watchList';
import { HOUR_MS } from '../domain/units';
import { metricLabel } from './metricOptions';

export interface EntryIdentity {
	kind: WatchKind;
	id: string;
	link: string;
	/** Note title or creator nickname; null when the entry has none. */
	title: string | null;
}

export function identityOfNote(note: SimplifiedNote): EntryIdentity {
	const title = note.title ?? (note.text ? note.text.slice(0, 40) : null);
	return { kind: 'note', id: note.noteId, link: note.url, title };
}

export function identityOfCreator(user: SimplifiedUser): EntryIdentity {
	return { kind: 'creator', id: user.userId, link: user.profileUrl, title: user.nickname };
}

/** How an entry is named in a summary: its title in quotes, or its kind and id. */
export function labelOf(entry: { kind: WatchKind; id: string; title: string | null }): string {
	if (entry.title) return `"${entry.title}"`;
	return entry.kind === 'note' ? `note ${entry.id}` : `creator ${entry.id}`;
}

function iso(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}

/** One count as the entry shows it now, for a message's fields. */
export interface CountShown {
	metric: Metric;
	label: string;
	value: number | null;
	text: string | null;
	/** Whether this event is about this count. */
	moved: boolean;
}

const NOTE_COUNTS = ['likes', 'collects', 'comments', 'shares'] as const;

/** Every count the entry shows now (a note's four, a creator's three), the event's own marked. */
export function countsShown(snapshot: SimplifiedNote | SimplifiedUser, moved: Metric): CountShown[] {
	const shown = (metric: Metric, value: number | null, text: string | null): CountShown => ({
		metric,
		label: metricLabel(metric),
		value,
		text,
		moved: metric === moved,
	});
	if ('noteId' in snapshot) {
		const counts = NOTE_COUNTS.map((m) => shown(m, snapshot[m], snapshot[`${m}Text`]));
		// Engagement is the four added up: listed only when it is what moved.
		if (moved === 'engagement') counts.unshift(shown('engagement', snapshot.engagement, snapshot.engagementText));
		return counts;
	}
	return CREATOR_METRICS.map((m) => shown(m, snapshot[m], snapshot[`${m}Text`]));
}

/** The note's cover and author, or the creator's avatar (a creator is their own author). */
function pictureAndAuthor(snapshot: SimplifiedNote | SimplifiedUser): IDataObject {
	if ('noteId' in snapshot) return { coverUrl: snapshot.coverUrl, author: snapshot.authorName, authorLink: snapshot.authorUrl };
	return { coverUrl: snapshot.avatar, author: snapshot.nickname, authorLink: snapshot.profileUrl };
}

export function eventItem(
	entry: EntryIdentity,
	event: EngagementEvent,
	snapshot: SimplifiedNote | SimplifiedUser,
): INodeExecutionData {
	const json: IDataObject = {
		event: event.kind,
		summary: summarizeEvent(labelOf(entry), event),
		entryKind: entry.kind,
		entryId: entry.id,
		link: entry.link,
		title: entry.title,
		metric: event.metric,
		previousValue: event.previous?.value ?? null,
		previousText: event.previous?.display ?? null,
		currentValue: event.current.value,
		currentText: event.current.display,
		change: event.change.absolute,
		changeProvenAtLeast: event.change.provenAtLeast,
		changePercent: event.change.percent,
		growthPerHour: event.growthPerHour,
		// The observation that last showed the previous count, and the one that proved the change.
		from: iso(event.from),
		to: iso(event.to),
		windowHours: event.from === null ? null : Math.round(((event.to - event.from) / HOUR_MS) * 100) / 100,
		...pictureAndAuthor(snapshot),
		counts: countsShown(snapshot, event.metric).map((count) => ({ ...count })),
	};
	if (event.milestone !== undefined) json.milestone = event.milestone;
	if (event.provenPercent !== undefined) json.provenPercent = event.provenPercent;
	if (event.spike !== undefined) json.spike = { ...event.spike };
	json.snapshot = { ...snapshot } as IDataObject;
	return { json };
}

export interface EntryFailure {
	kind: WatchKind;
	id: string | null;
	link: string | null;
	line: string;
	lineNumber: number;
	message: string;
	description: string;
	httpCode: string | null;
}

export function failureItem(failure: EntryFailure, at: number): INodeExecutionData {
	const who = failure.id ? `${failure.kind} ${failure.id}` : `line ${failure.lineNumber}`;
	return {
		json: {
			event: 'entryFailed',
			summary: `⚠️ Cannot watch ${who}: ${failure.message}. ${failure.description}`,
			entryKind: failure.kind,
			entryId: failure.id,
			link: failure.link,
			line: failure.line,
			lineNumber: failure.lineNumber,
			error: { message: failure.message, description: failure.description, httpCode: failure.httpCode },
			to: iso(at),
		},
	};
}

export function invalidLineItem(kind: WatchKind, invalid: InvalidLine, at: number): INodeExecutionData {
	return {
		json: {
			event: 'invalidEntry',
			summary: `⚠️ Line ${invalid.lineNumber} of the watch list is skipped: ${invalid.message}. ${invalid.hint}`,
			entryKind: kind,
			entryId: null,
			line: invalid.line,
			lineNumber: invalid.lineNumber,
			error: { message: invalid.message, description: invalid.hint, httpCode: null },
			to: iso(at),
		},
	};
}

export function noticeItem(event: string, summary: string, details: IDataObject, at: number): INodeExecutionData {
	return { json: { event, summary, ...details, to: iso(at) } };
}

/**
 * The items the trigger emits: flat fields that map straight onto a Slack message or a
 * sheet row, a ready-made one-line `summary`, and the entry's latest snapshot.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { EngagementEvent } from '../domain/watch/engagementTypes';
import { summarizeEvent } from '../domain/watch/engagementSummary';
import type { WatchKind } from '../domain/watch/engagementMetrics';
import type { SimplifiedNote } from '../domain/payload/noteMapper';
import type { SimplifiedUser } from '../domain/payload/userMapper';
import type { InvalidLine } from '../domain/watch/watchList';
import { HOUR_MS } from '../domain/units';

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
		from: iso(event.from),
		to: iso(event.to),
		windowHours: event.from === null ? null : Math.round(((event.to - event.from) / HOUR_MS) * 100) / 100,
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

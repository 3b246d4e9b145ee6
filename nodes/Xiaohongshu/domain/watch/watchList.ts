/**
 * Reads the watch list (one entry per line) into unique, callable targets, before any call
 * is made: invalid lines and duplicates cost nothing. Each line is parsed once
 * (`parseWatchList`); short links need one lookup (no credit), so the parsed list names them,
 * and `readWatchList` reads their targets from what the caller resolved.
 */
import { createHash } from 'node:crypto';

import type { WatchKind } from './engagementMetrics';
import { noteFromShortLinkTarget, parseNoteInput, requireXsecToken } from '../links/noteInput';
import type { NoteWithToken, NoteWithTokenResult } from '../links/noteInput';
import { parseUserInput, userFromShortLinkTarget } from '../links/userInput';
import type { UserInputResult, UserReference } from '../links/userInput';

export type WatchTarget =
	| { kind: 'note'; key: string; id: string; ref: NoteWithToken; line: string; lineNumber: number }
	| { kind: 'creator'; key: string; id: string; ref: UserReference; line: string; lineNumber: number };

export interface InvalidLine {
	/** Stable for the same text, so each bad line is reported once. */
	fingerprint: string;
	line: string;
	lineNumber: number;
	message: string;
	hint: string;
}

export interface ShortLinkLine {
	url: string;
	line: string;
	lineNumber: number;
}

type Parsed = NoteWithTokenResult | UserInputResult;

export interface ParsedWatchList {
	kind: WatchKind;
	lines: Array<{ line: string; lineNumber: number; parsed: Parsed }>;
	/** Each short link the list uses, once, with the first line that has it. */
	shortLinks: ShortLinkLine[];
}

export interface WatchList {
	targets: WatchTarget[];
	invalid: InvalidLine[];
	/** Short links not resolved, with the lines they came from. */
	pendingShortLinks: ShortLinkLine[];
	/** Short links the list uses (resolved or not), to keep their cached targets. */
	shortLinks: string[];
	/** Lines that named an entry already in the list. */
	duplicates: number;
}

/** A short, stable fingerprint of a line or a failure, kept in state; not for secrecy. */
export function fingerprintOf(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

export function entryKey(kind: WatchKind, id: string): string {
	return `${kind}:${id}`;
}

/** Splits the parameter into trimmed, non-empty lines, keeping their 1-based numbers. */
export function watchLines(text: unknown): Array<{ line: string; lineNumber: number }> {
	if (typeof text !== 'string') return [];
	return text
		.split(/\r?\n/)
		.map((line, i) => ({ line: line.trim(), lineNumber: i + 1 }))
		.filter((l) => l.line !== '');
}

export function parseWatchList(kind: WatchKind, text: unknown): ParsedWatchList {
	const shortLinks = new Map<string, ShortLinkLine>();
	const lines = watchLines(text).map(({ line, lineNumber }) => {
		const parsed = kind === 'note' ? requireXsecToken(parseNoteInput(line)) : parseUserInput(line);
		if (parsed.type === 'shortLink' && !shortLinks.has(parsed.url)) {
			shortLinks.set(parsed.url, { url: parsed.url, line, lineNumber });
		}
		return { line, lineNumber, parsed };
	});
	return { kind, lines, shortLinks: [...shortLinks.values()] };
}

function afterShortLink(kind: WatchKind, parsed: Parsed, shortLinkTargets: Record<string, string>): Parsed {
	if (parsed.type !== 'shortLink') return parsed;
	const target = shortLinkTargets[parsed.url];
	if (target === undefined) return parsed;
	return kind === 'note'
		? requireXsecToken(noteFromShortLinkTarget(parsed.url, target))
		: userFromShortLinkTarget(parsed.url, target);
}

/** The targets of a parsed list, its short links read from `shortLinkTargets` (short link -> long link). */
export function readWatchList(parsedList: ParsedWatchList, shortLinkTargets: Record<string, string> = {}): WatchList {
	const { kind } = parsedList;
	const list: WatchList = {
		targets: [],
		invalid: [],
		pendingShortLinks: parsedList.shortLinks.filter((s) => shortLinkTargets[s.url] === undefined),
		shortLinks: parsedList.shortLinks.map((s) => s.url),
		duplicates: 0,
	};
	const seen = new Set<string>();

	for (const { line, lineNumber, parsed: first } of parsedList.lines) {
		const parsed = afterShortLink(kind, first, shortLinkTargets);
		if (parsed.type === 'shortLink') continue;
		if (parsed.type === 'invalid') {
			list.invalid.push({
				fingerprint: fingerprintOf(`${kind}\n${line}`),
				line,
				lineNumber,
				message: parsed.message,
				hint: parsed.hint,
			});
			continue;
		}
		const id = parsed.type === 'note' ? parsed.ref.noteId : parsed.ref.userId;
		const key = entryKey(kind, id);
		if (seen.has(key)) {
			list.duplicates++;
			continue;
		}
		seen.add(key);
		if (parsed.type === 'note') list.targets.push({ kind: 'note', key, id, ref: parsed.ref, line, lineNumber });
		else list.targets.push({ kind: 'creator', key, id, ref: parsed.ref, line, lineNumber });
	}
	return list;
}

/**
 * Reads the watch list (one entry per line) into unique, callable targets, before any call
 * is made: invalid lines and duplicates cost nothing. Short links need one lookup (no
 * credit); their targets come from `shortLinkTargets`, and the ones still unknown are
 * returned as `pendingShortLinks` so the caller can resolve them and read the list again.
 */
import { noteFromShortLinkTarget, parseNoteInput, requireXsecToken } from '../domain/noteInput';
import type { NoteInputResult, NoteReference } from '../domain/noteInput';
import { parseUserInput, userFromShortLinkTarget } from '../domain/userInput';
import type { UserInputResult, UserReference } from '../domain/userInput';
import type { WatchKind } from '../domain/engagementMetrics';

export type WatchTarget =
	| { kind: 'note'; key: string; id: string; ref: NoteReference; line: string; lineNumber: number }
	| { kind: 'creator'; key: string; id: string; ref: UserReference; line: string; lineNumber: number };

export interface InvalidLine {
	/** Stable for the same text, so each bad line is reported once. */
	fingerprint: string;
	line: string;
	lineNumber: number;
	message: string;
	hint: string;
}

export interface WatchList {
	targets: WatchTarget[];
	invalid: InvalidLine[];
	/** Short links not yet resolved, with the lines they came from. */
	pendingShortLinks: Array<{ url: string; line: string; lineNumber: number }>;
	/** Short links the list uses (resolved or not), to keep their cached targets. */
	shortLinks: string[];
	/** Lines that named an entry already in the list. */
	duplicates: number;
}

/** FNV-1a: a short, stable fingerprint; not for secrecy. */
export function fingerprintOf(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
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

type Parsed = NoteInputResult | UserInputResult;

function parseLine(kind: WatchKind, line: string, shortLinkTargets: Record<string, string>): Parsed {
	const first = kind === 'note' ? requireXsecToken(parseNoteInput(line)) : parseUserInput(line);
	if (first.type !== 'shortLink') return first;
	const target = shortLinkTargets[first.url];
	if (target === undefined) return first;
	return kind === 'note'
		? requireXsecToken(noteFromShortLinkTarget(first.url, target))
		: userFromShortLinkTarget(first.url, target);
}

export function readWatchList(kind: WatchKind, text: unknown, shortLinkTargets: Record<string, string> = {}): WatchList {
	const list: WatchList = { targets: [], invalid: [], pendingShortLinks: [], shortLinks: [], duplicates: 0 };
	const seen = new Set<string>();
	const pending = new Set<string>();

	for (const { line, lineNumber } of watchLines(text)) {
		const first = kind === 'note' ? parseNoteInput(line) : parseUserInput(line);
		if (first.type === 'shortLink') list.shortLinks.push(first.url);
		const parsed = parseLine(kind, line, shortLinkTargets);
		if (parsed.type === 'shortLink') {
			if (!pending.has(parsed.url)) list.pendingShortLinks.push({ url: parsed.url, line, lineNumber });
			pending.add(parsed.url);
			continue;
		}
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

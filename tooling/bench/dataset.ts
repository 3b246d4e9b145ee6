/**
 * The benchmark's input: a "sheet" of note links as a marketer pastes it (the same note
 * more than once, in different link forms, and a few cells that are not note links at
 * all), and a sandbox catalogue that holds every note the sheet names.
 *
 * Everything is derived from a seed, so two runs with the same size read the same sheet.
 */
import { objectId, xsecToken } from '../sandbox/fixtureBuilders';
import { FIXTURES, type Catalogue, type NoteFixture } from '../sandbox';

export interface SheetRow {
	link: string;
}

export type RowKind = 'unique' | 'duplicate' | 'invalid';

export interface Sheet {
	rows: SheetRow[];
	/** What each row is, index-aligned with `rows` (the benchmark's answer key). */
	kinds: RowKind[];
	uniqueValid: number;
	duplicates: number;
	invalid: number;
	/** The notes the sheet names, added to the sandbox catalogue. */
	notes: NoteFixture[];
}

/** Share of rows that repeat a note already in the sheet, and that are not note links. */
export const DUPLICATE_SHARE = 0.1;
export const INVALID_SHARE = 0.05;

/** A small deterministic PRNG (mulberry32): the sheet must be the same on every run. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A public image note with drifting counts, cloned under a new id and token. */
export function benchNote(index: number): NoteFixture {
	const template = FIXTURES.notes.topics;
	const label = `bench-note-${index}`;
	const day = new Date(Date.UTC(2025, 0, 1) + index * 3_600_000).toISOString();
	const noteId = objectId(day, label);
	return {
		...template,
		noteId,
		xsecToken: xsecToken('CB', label),
		time: parseInt(noteId.slice(0, 8), 16) * 1000,
		lastUpdateTime: parseInt(noteId.slice(0, 8), 16) * 1000 + 420_000,
		title: `${template.title} #${index}`,
		counts: { liked: 500 + index * 37, collected: 40 + index, comment: 5 + (index % 13), share: index % 7 },
		covers: 'benchmark sheet note',
	};
}

/** The link forms users paste: desktop address bar, app share link, the app's whole share text. */
export function linkFor(note: NoteFixture, form: number): string {
	const token = note.xsecToken;
	switch (form % 3) {
		case 0:
			return `https://www.xiaohongshu.com/explore/${note.noteId}?xsec_token=${token}&xsec_source=pc_feed`;
		case 1:
			return `https://www.xiaohongshu.com/discovery/item/${note.noteId}?source=webshare&xhsshare=pc_web&xsec_token=${token}&xsec_source=pc_share`;
		default:
			return `${note.title} https://www.xiaohongshu.com/discovery/item/${note.noteId}?xsec_token=${token}&xsec_source=app_share 复制后打开【小红书】查看笔记！`;
	}
}

/** Cells a real sheet has that name no note parse.bot can open. */
function invalidCell(i: number, sample: NoteFixture): string {
	switch (i % 5) {
		case 0:
			return '';
		case 1:
			// A note link whose token was cut off when it was copied.
			return `https://www.xiaohongshu.com/explore/${sample.noteId}`;
		case 2:
			// A creator's profile in the note column.
			return `https://www.xiaohongshu.com/user/profile/${FIXTURES.users.femaleCreator.userId}`;
		case 3:
			return 'see the brief from the client';
		default:
			// An id that lost a character.
			return `https://www.xiaohongshu.com/explore/${sample.noteId.slice(0, 23)}?xsec_token=${sample.xsecToken}`;
	}
}

export function buildSheet(size: number, seed = 7): Sheet {
	const random = prng(seed);
	const invalid = Math.max(1, Math.round(size * INVALID_SHARE));
	const duplicates = Math.max(1, Math.round(size * DUPLICATE_SHARE));
	const uniqueValid = size - invalid - duplicates;
	if (uniqueValid < 1) throw new Error(`A sheet of ${size} rows is too small`);
	const notes = Array.from({ length: uniqueValid }, (_, i) => benchNote(i));

	const entries: Array<{ row: SheetRow; kind: RowKind }> = notes.map((note, i) => ({
		row: { link: linkFor(note, i) },
		kind: 'unique',
	}));
	for (let i = 0; i < duplicates; i++) {
		const note = notes[Math.floor(random() * notes.length)];
		// A repeat is often pasted in another form than the first time.
		entries.push({ row: { link: linkFor(note, i + 1) }, kind: 'duplicate' });
	}
	for (let i = 0; i < invalid; i++) {
		entries.push({ row: { link: invalidCell(i, notes[i % notes.length]) }, kind: 'invalid' });
	}
	// Fisher–Yates: duplicates and bad cells are scattered through the sheet, as in real ones.
	for (let i = entries.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[entries[i], entries[j]] = [entries[j], entries[i]];
	}
	// After shuffling, "unique" means the first row naming a note; later ones are its duplicates.
	const seen = new Set<string>();
	const kinds = entries.map(({ row, kind }) => {
		if (kind === 'invalid') return kind;
		const id = /[0-9a-f]{24}/.exec(row.link)![0];
		if (seen.has(id)) return 'duplicate' as const;
		seen.add(id);
		return 'unique' as const;
	});
	return { rows: entries.map((e) => e.row), kinds, uniqueValid, duplicates, invalid, notes };
}

/** The default catalogue plus the sheet's notes. */
export function catalogueWith(notes: NoteFixture[]): Catalogue {
	const extra = Object.fromEntries(notes.map((note, i) => [`bench${i}`, note]));
	return { ...FIXTURES, notes: { ...FIXTURES.notes, ...extra } };
}

import { xsecToken } from './fixtureBuilders';
import type { Catalogue } from './fixtures';

/**
 * Which xsec_token belongs to which note, and which have expired. Expiring a
 * note's token issues it a fresh one (as a new share link would).
 */
export type TokenCheck = 'ok' | 'expired' | 'otherNote' | 'unknown';

export class TokenRegistry {
	private tokens = new Map<string, { noteId: string; expired: boolean }>();
	private current = new Map<string, string>();
	private rotations = 0;

	constructor(private readonly catalogue: Catalogue) {
		this.reset();
	}

	reset(): void {
		this.tokens.clear();
		this.current.clear();
		this.rotations = 0;
		for (const n of Object.values(this.catalogue.notes)) {
			this.tokens.set(n.xsecToken, { noteId: n.noteId, expired: false });
			this.current.set(n.noteId, n.xsecToken);
			if (n.expiredXsecToken) this.tokens.set(n.expiredXsecToken, { noteId: n.noteId, expired: true });
		}
	}

	check(noteId: string, token: string): TokenCheck {
		const entry = this.tokens.get(token);
		if (!entry) return 'unknown';
		if (entry.noteId !== noteId) return 'otherNote';
		return entry.expired ? 'expired' : 'ok';
	}

	/** The token that works for a note now. */
	currentToken(noteId: string): string {
		const token = this.current.get(noteId);
		if (!token) throw new Error(`sandbox has no note ${noteId}`);
		return token;
	}

	/** Expires the note's working token and returns the fresh one that replaces it. */
	expire(noteId: string): string {
		const old = this.currentToken(noteId);
		this.tokens.set(old, { noteId, expired: true });
		this.rotations += 1;
		const fresh = xsecToken('CB', `${noteId}:rotation:${this.rotations}`);
		this.tokens.set(fresh, { noteId, expired: false });
		this.current.set(noteId, fresh);
		return fresh;
	}
}

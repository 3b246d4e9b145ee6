/**
 * One-line, human summaries of engagement events, written to be pasted as-is into Slack,
 * a sheet cell or an email subject.
 */
import type { EngagementEvent } from './engagementTypes';
import { METRIC_NOUNS } from './engagementMetrics';
import { HOUR_MS, MINUTE_MS } from '../units';


/** 12345.6 -> "12,346"; keeps one decimal below 10 ("2.5"). */
export function formatNumber(n: number): string {
	const abs = Math.abs(n);
	const rounded = abs < 10 && !Number.isInteger(abs) ? Math.round(abs * 10) / 10 : Math.round(abs);
	const [intPart, frac] = String(rounded).split('.');
	const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

function signed(n: number): string {
	return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '±0';
}

/** "45 min", "2 h", "3.5 h", "2 days". */
export function formatDuration(ms: number): string {
	if (ms < HOUR_MS) return `${Math.max(1, Math.round(ms / MINUTE_MS))} min`;
	const hours = ms / HOUR_MS;
	if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
	return `${Math.round((hours / 24) * 10) / 10} days`;
}

function shown(count: { value: number | null; display: string | null }): string {
	return count.display ?? (count.value === null ? '?' : formatNumber(count.value));
}

function signedPercent(p: number): string {
	const tenths = Math.round(Math.abs(p) * 10) / 10;
	return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${tenths}%`;
}

function capitalized(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function changeDetail(event: EngagementEvent): string {
	const parts: string[] = [];
	if (event.change.absolute !== null) parts.push(signed(event.change.absolute));
	if (event.change.percent !== null) parts.push(signedPercent(event.change.percent));
	return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** `label` names the entry: a note title or a creator's nickname, already quoted if wanted. */
export function summarizeEvent(label: string, event: EngagementEvent): string {
	const noun = METRIC_NOUNS[event.metric];
	const now = shown(event.current);
	const window = event.from !== null ? ` in ${formatDuration(event.to - event.from)}` : '';
	const before = event.previous ? shown(event.previous) : '';

	switch (event.kind) {
		case 'baseline':
			return `👀 Now watching ${label}: ${noun} ${now}`;
		case 'milestone':
			return `🏁 ${label} passed ${formatNumber(event.milestone ?? 0)} ${noun} (${before} → ${now}${window})`;
		case 'spike': {
			const s = event.spike;
			const usual = s && s.averagePerHour > 0 ? `, usual ${formatNumber(s.averagePerHour)}/h` : ', usually flat';
			const rate = s ? `at least ${formatNumber(s.provenPerHour)}/h${usual}` : '';
			return `🚀 ${capitalized(noun)} on ${label} are spiking: ${before} → ${now}${window} (${rate})`;
		}
		default: {
			const up = event.change.provenAtLeast >= 0;
			return `${up ? '📈' : '📉'} ${capitalized(noun)} on ${label} ${up ? 'rose' : 'fell'} ${before} → ${now}${changeDetail(event)}${window}`;
		}
	}
}

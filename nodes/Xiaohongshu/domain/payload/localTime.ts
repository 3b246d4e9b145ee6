/**
 * A time as a spreadsheet reads a date: "2026-01-31 18:04:05", in a given IANA time zone
 * (the workflow's, n8n's setting). Google Sheets and Excel turn this form into a date; they
 * keep an ISO text with its T and Z as text. Pure: Intl only.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>();
/** Time zones are few; the bound keeps a workflow that feeds in garbage from growing the map. */
const MAX_FORMATTERS = 64;

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
	const cached = formatters.get(timeZone);
	if (cached !== undefined) return cached;
	let formatter: Intl.DateTimeFormat | null;
	try {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
	} catch {
		formatter = null;
	}
	if (formatters.size >= MAX_FORMATTERS) formatters.clear();
	formatters.set(timeZone, formatter);
	return formatter;
}

/**
 * "YYYY-MM-DD HH:mm:ss" of `ms` in `timeZone`; an unknown time zone reads as UTC. Null for a
 * missing time. Years outside 0..9999 are not dates a sheet reads: null too.
 */
export function sheetDateTime(ms: number | null, timeZone: string | undefined): string | null {
	if (ms === null || !Number.isFinite(ms)) return null;
	const formatter = formatterFor(timeZone ?? 'UTC') ?? formatterFor('UTC');
	if (formatter === null) return null;
	const parts: Record<string, string> = {};
	for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
	if (!/^\d{4}$/.test(parts.year ?? '')) return null;
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

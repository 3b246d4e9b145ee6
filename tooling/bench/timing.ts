/** Small statistics for timings: repeated samples are summarised by their median. */
export function median(values: number[]): number {
	return quantile(values, 0.5);
}

export function quantile(values: number[], q: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * q;
	const low = Math.floor(position);
	const high = Math.ceil(position);
	return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function nowMs(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

export async function pause(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

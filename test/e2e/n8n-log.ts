/** Log lines where n8n reports a problem with our package (load failures, unknown credentials…). */
export function problemsAbout(log: string, packageName: string): string[] {
	const lines = log.split('\n');
	return lines.filter(
		(line, index) =>
			/error|failed|cannot|unknown/i.test(line) &&
			(line.includes(packageName) || (lines[index + 1] ?? '').includes(`node_modules/${packageName}/`)),
	);
}

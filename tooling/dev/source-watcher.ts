import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Watches folders of the package for changes (inotify through `fs.watch`, recursive; nothing
 * leaves the machine) and reports them in batches: an editor's save is several events, and a
 * branch switch hundreds, so events within `quietMs` of each other make one call.
 */
export function watchSources(
	root: string,
	folders: string[],
	onChange: (paths: string[]) => void,
	quietMs = 250,
): { close(): void } {
	const pending = new Set<string>();
	let timer: NodeJS.Timeout | undefined;
	const watchers: FSWatcher[] = folders
		.filter((folder) => existsSync(join(root, folder)))
		.map((folder) =>
			watch(join(root, folder), { recursive: true }, (_event, file) => {
				pending.add(file ? relative(root, join(root, folder, file.toString())) : folder);
				clearTimeout(timer);
				timer = setTimeout(() => {
					const paths = [...pending].sort();
					pending.clear();
					onChange(paths);
				}, quietMs);
			}),
		);
	return {
		close: () => {
			clearTimeout(timer);
			for (const watcher of watchers) watcher.close();
		},
	};
}

/**
 * The trigger observes on a one-second grid, because that is what the stored state keeps
 * exactly (see watchStateFormat): what is decoded is then what the engine had.
 */
export function observationTime(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

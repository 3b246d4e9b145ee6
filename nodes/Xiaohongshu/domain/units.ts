/** Durations in milliseconds, defined once for every module that converts between them. */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** The 30-day month the credit figures are quoted in (parse.bot's plans are monthly). */
export const MONTH_MS = 30 * DAY_MS;

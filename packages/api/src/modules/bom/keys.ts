/** Redis keys of the bom module (the deps' Redis adds its prefix) and their lifetimes. */

/** A run's progress events (a Redis Stream), read by `bom.runs.progress` subscribers on any server process. */
export const runEventsKey = (runId: string) => `bom:run:${runId}:events`;
/** Events kept per run; a subscriber that falls further behind resumes from the run's stored state. */
export const RUN_EVENTS_MAX_LENGTH = 500;
/** How long the events of a finished run stay readable. */
export const FINISHED_RUN_EVENTS_TTL_SECONDS = 24 * 60 * 60;
/** Safety net for runs that never finish (a lost process): their events go away eventually. */
export const RUN_EVENTS_TTL_SECONDS = 7 * 24 * 60 * 60;

/** A download ticket: which file or result a short-lived link gives. */
export const downloadTicketKey = (ticket: string) => `bom:download:${ticket}`;

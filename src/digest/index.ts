// The daily "This week in attribution" post, platform-neutral. Platforms implement
// DigestPoster and call SubscriptionService from their slash commands; docs/digest.md.
export { systemClock, type SchedulerClock } from './clock.ts';
export { asPostError, PostError, posterFor, type DigestPoster, type PostErrorKind, type PostOptions, type PostTarget } from './poster.ts';
export { consoleDigestLog, type DigestLog } from './log.ts';
export { DigestScheduler, type DigestSchedulerOptions, type DueSlot } from './scheduler.ts';
export { DEFAULT_DIGEST_TIME, digestKey } from './slots.ts';
export { parseTime, parseZone } from './subscription-input.ts';
export { SubscriptionService, type DigestRequest, type SubscribeOptions, type SubscriptionServiceOptions } from './subscriptions.ts';
export { digestReply, type CommandNamer } from './texts.ts';

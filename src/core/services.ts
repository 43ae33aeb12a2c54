// The services commands may call, beyond search and the knowledge base. Each is optional: the
// console and the CLI run without a state store, and a command whose service is missing says
// so instead of failing.
import type { SubscriptionService } from '../digest/subscriptions.ts';
import type { FollowService } from '../follow/follows.ts';
import type { ReviewService } from '../review/service.ts';

export interface Services {
  subscriptions?: SubscriptionService;
  /** /follow, /unfollow, /following; its alerts are posted by the digest's AlertDispatcher. */
  follows?: FollowService;
  review?: ReviewService;
}

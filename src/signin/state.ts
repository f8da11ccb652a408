import * as z from 'zod/mini';
import { RETRYING_FAILURES, SIGN_IN_FAILURES } from '../failures';

export const SignInMode = z.enum(['tab', 'code']);
export type SignInMode = z.infer<typeof SignInMode>;

/** Why the last poll did not get an answer; the flow goes on, the popup says it quietly. */
const PollProblem = z.enum(RETRYING_FAILURES);

/** Why a sign-in stopped with an error that only a retry can mend. */
const FailureReason = z.enum(SIGN_IN_FAILURES);

export const PendingState = z.object({
  status: z.literal('pending'),
  mode: SignInMode,
  pin: z.object({
    id: z.number(),
    code: z.string(),
    /** Local clock, from Plex's `expiresIn` at the last answer, so a wrong clock does not matter. */
    expiresAt: z.number(),
  }),
  startedAt: z.number(),
  /** The tab the extension opened for approval (auth page or /link), closed on success. */
  authTabId: z.optional(z.number()),
  /** When the last person stopped watching; polling stays fast for a while after. */
  unwatchedAt: z.optional(z.number()),
  /** Consecutive failed polls, for back-off. */
  failures: z.number(),
  problem: z.optional(PollProblem),
  /** Earliest time of the next poll (Retry-After or back-off). */
  notBefore: z.optional(z.number()),
});
export type PendingState = z.infer<typeof PendingState>;

/** Stored for the popup to render, so no secret: the token lives in its own item that only the background reads. */
export const FlowState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle'), notice: z.optional(z.enum(['session-ended'])) }),
  PendingState,
  z.object({ status: z.literal('expired'), mode: SignInMode }),
  z.object({ status: z.literal('error'), mode: SignInMode, reason: FailureReason }),
]);
export type FlowState = z.infer<typeof FlowState>;

/** The signed-in account as the popup shows it: text only, no token. */
export const AccountView = z.object({
  name: z.string(),
  username: z.string(),
  email: z.optional(z.string()),
  avatarUrl: z.optional(z.string()),
  plan: z.optional(z.string()),
});
export type AccountView = z.infer<typeof AccountView>;

export const Session = z.object({
  signedInAt: z.number(),
  /** Missing while the account could not be fetched yet (e.g. offline right after approval). */
  account: z.optional(AccountView),
});
export type Session = z.infer<typeof Session>;

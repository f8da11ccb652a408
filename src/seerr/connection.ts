import * as z from 'zod/mini';
import { SEERR_FAILURES } from '../failures';
import type { SeerrConnection as Connection } from './types';

/** How the last sign-in to Seerr went, as stored for the options page (`user` only when connected). */
export const SeerrConnection = z.object({
  state: z.enum(['connected', ...SEERR_FAILURES]),
  user: z.optional(z.string()),
}) as z.ZodMiniType<Connection>;

import * as z from 'zod/mini';
import { SEERR_FAILURES } from '../failures';
import type { SeerrConnection as Connection } from './types';

/** Stored so the options page can say how the last sign-in went (`user` only when connected). */
export const SeerrConnection = z.object({
  state: z.enum(['connected', ...SEERR_FAILURES]),
  user: z.optional(z.string()),
}) as z.ZodMiniType<Connection>;

import * as z from 'zod/mini';

// Only the fields read here, so fields an instance adds never fail an answer (seerr-team/seerr; Overseerr, Jellyseerr alike).

const text = z.nullish(z.string());

/** `POST /api/v1/auth/plex` and `GET /api/v1/auth/me`: the signed-in user (`User.filter()`). */
export const SeerrUser = z.object({ id: z.number(), displayName: text, plexUsername: text, username: text, email: text });
export type SeerrUser = z.infer<typeof SeerrUser>;

const SeasonStatus = z.object({ seasonNumber: z.number(), status: z.number() });

/** A `MediaRequest` of `mediaInfo.requests`: its seasons carry the request's status (1 pending … 5 completed), not the title's. */
const MediaRequest = z.object({ status: z.number(), is4k: z.nullish(z.boolean()), seasons: z.nullish(z.array(SeasonStatus)) });

/** `Media` as `mediaInfo` of a movie or show: absent until someone requested it or a server scan found it. */
const MediaInfo = z.object({
  status: z.number(),
  seasons: z.nullish(z.array(SeasonStatus)),
  requests: z.nullish(z.array(MediaRequest)),
});

/** `GET /api/v1/movie/{tmdbId}` (`mapMovieDetails`) and `/api/v1/tv/{tmdbId}` (`mapTvDetails`, with its TMDb seasons). */
export const SeerrDetails = z.object({
  id: z.number(),
  mediaInfo: z.nullish(MediaInfo),
  seasons: z.nullish(z.array(z.object({ seasonNumber: z.number() }))),
});
export type SeerrDetails = z.infer<typeof SeerrDetails>;

/** `POST /api/v1/request` answers 201 with the `MediaRequest` it made, or 202 `{ message }` when no season was left. */
export const SeerrRequestMade = z.object({ id: z.optional(z.number()), status: z.optional(z.number()) });

/** Errors: `{ message }` from the error handler (server/index.ts), `{ error }` from the auth middleware. */
export const SeerrErrorBody = z.object({ message: text, error: text });

/** Titles and requests of the fake Seerr, as seerr-team/seerr keeps and answers them. */

/** server/constants/media.ts MediaStatus */
export const MEDIA_STATUS = { unknown: 1, pending: 2, processing: 3, partial: 4, available: 5, blocklisted: 6, deleted: 7 } as const;

/** server/constants/media.ts MediaRequestStatus: a request's own state, not the title's. */
export const REQUEST_STATUS = { pending: 1, approved: 2, declined: 3, failed: 4, completed: 5 } as const;

export type Kind = 'movie' | 'tv';

interface Request {
  id: number;
  status: number;
  is4k: boolean;
  /** `SeasonRequest`s: a season number with the request's status, not a MediaStatus. */
  seasons: { id: number; seasonNumber: number; status: number }[];
}

interface Media {
  id: number;
  status: number;
  /** `Season` rows, written by the Plex scan and Sonarr sync, never by a request. */
  seasons: { seasonNumber: number; status: number }[];
  requests: Request[];
}

/** Who asks: what server/lib/permissions.ts would let them do. */
export interface Asker {
  canRequest: boolean;
  /** ADMIN, MANAGE_REQUESTS or AUTO_APPROVE: the request is approved at once. */
  autoApprove: boolean;
}

/** An error Seerr's handler formats as `{ message }` with this status (server/index.ts). */
export class SeerrError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** TMDb's seasons of the fake's shows (`mapTvDetails` passes them on); any other show has one season. */
const TV_SEASONS: Record<number, number[]> = { 1396: [0, 1, 2, 3, 4, 5] };
const tmdbSeasons = (tmdbId: number) => TV_SEASONS[tmdbId] ?? [1];

export class SeerrMedia {
  private media = new Map<string, Media>();
  private nextId = 1;
  quota = new Set<Kind>();

  set(kind: Kind, tmdbId: number, status: number, seasons: Media['seasons'] = []): void {
    const before = this.media.get(`${kind}:${tmdbId}`);
    this.media.set(`${kind}:${tmdbId}`, { id: before?.id ?? this.nextId++, status, seasons, requests: before?.requests ?? [] });
  }

  /** `GET /api/v1/movie/{id}`, `/api/v1/tv/{id}`: TMDb's details with `mediaInfo` (`Media.getMedia`, requests and seasons loaded). */
  details(kind: Kind, tmdbId: number): Record<string, unknown> {
    const info = this.media.get(`${kind}:${tmdbId}`);
    // Fields a real answer has that the extension does not read stay in, so the parser meets them.
    const mediaInfo = info && {
      id: info.id,
      tmdbId,
      mediaType: kind,
      status: info.status,
      status4k: MEDIA_STATUS.unknown,
      requests: info.requests.map((r) => ({ ...r, type: kind, createdAt: '2026-01-02T03:04:05.000Z', modifiedBy: null })),
      seasons: info.seasons.map((s, index) => ({ id: 500 + index, ...s, status4k: MEDIA_STATUS.unknown })),
      issues: [],
    };
    if (kind === 'movie') return { id: tmdbId, title: `Movie ${tmdbId}`, adult: false, genres: [], ...(mediaInfo && { mediaInfo }) };
    const seasons = tmdbSeasons(tmdbId).map((n) => ({ id: 100 + n, seasonNumber: n, episodeCount: 8, name: `Season ${n}` }));
    return { id: tmdbId, name: `Show ${tmdbId}`, numberOfSeasons: seasons.length, seasons, ...(mediaInfo && { mediaInfo }) };
  }

  /** `MediaRequest.request` (server/entity/MediaRequest.ts), its errors thrown as the route maps them. */
  request(kind: Kind, tmdbId: number, body: { seasons?: number[] | 'all'; is4k?: boolean }, asker: Asker): Record<string, unknown> {
    const noun = kind === 'movie' ? 'movie' : 'series';
    if (!asker.canRequest) throw new SeerrError(403, `You do not have permission to make ${noun} requests.`);
    if (this.quota.has(kind)) throw new SeerrError(403, kind === 'movie' ? 'Movie Quota exceeded.' : 'Series Quota exceeded.');
    const key = `${kind}:${tmdbId}`;
    const media = this.media.get(key) ?? { id: this.nextId++, status: MEDIA_STATUS.unknown, seasons: [], requests: [] };
    if (media.status === MEDIA_STATUS.blocklisted) throw new SeerrError(403, 'This media is blocklisted.');
    // The query's `request.is4k = :is4k` binds a missing is4k as NULL, which matches no request.
    const active = media.requests.filter(
      (r) => r.is4k === body.is4k && r.status !== REQUEST_STATUS.declined && r.status !== REQUEST_STATUS.completed,
    );
    if (kind === 'movie' && active.length > 0) throw new SeerrError(409, 'Request for this media already exists.');
    let seasons: Request['seasons'] = [];
    const status = asker.autoApprove ? REQUEST_STATUS.approved : REQUEST_STATUS.pending;
    if (kind === 'tv') {
      const asked = body.seasons === 'all' || body.seasons === undefined ? tmdbSeasons(tmdbId).filter((n) => n > 0) : body.seasons;
      const taken = [
        ...active.flatMap((r) => r.seasons.map((s) => s.seasonNumber)),
        ...media.seasons.filter((s) => s.status !== MEDIA_STATUS.unknown && s.status !== MEDIA_STATUS.deleted).map((s) => s.seasonNumber),
      ];
      const left = asked.filter((n) => n > 0 && !taken.includes(n));
      if (left.length === 0) throw new SeerrError(202, 'No seasons available to request');
      seasons = left.map((seasonNumber) => ({ id: this.nextId++, seasonNumber, status }));
    }
    if (media.status === MEDIA_STATUS.unknown) media.status = MEDIA_STATUS.pending;
    // MediaRequestSubscriber.updateParentStatus: an approved request marks the title processing.
    if (status === REQUEST_STATUS.approved && media.status === MEDIA_STATUS.pending) media.status = MEDIA_STATUS.processing;
    const made: Request = { id: this.nextId++, status, is4k: body.is4k ?? false, seasons };
    media.requests.push(made);
    this.media.set(key, media);
    return {
      ...made,
      type: kind,
      isAutoRequest: false,
      media: { id: media.id, tmdbId, mediaType: kind, status: media.status, status4k: MEDIA_STATUS.unknown },
      seasonCount: seasons.length,
    };
  }
}

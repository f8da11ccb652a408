import { randomUUID } from 'node:crypto';
import { FakeError, isRecord } from './errors';
import { parseLibrary, type LibraryItem, type LibrarySection, type ServerSpec } from './server-spec';

/** A section keeps its uuid and marks until a scan finds a change in it, as a real server's do; one without items is gone. */
export function sectionsOf(library: LibraryItem[], now: number, previous: LibrarySection[], changed = new Set<number>()): LibrarySection[] {
  // `contentChangedAt` counts changes, not time: @lukehagar/plexjs notes values like 8457612157633039800.
  const sections = new Map<number, LibrarySection>();
  for (const item of library) {
    if (sections.has(item.sectionId)) continue;
    const before = previous.find((s) => s.id === item.sectionId);
    if (before && !changed.has(before.id)) sections.set(item.sectionId, before);
    else if (before) sections.set(item.sectionId, { ...before, updatedAt: now, contentChangedAt: before.contentChangedAt + 1 });
    else {
      sections.set(item.sectionId, {
        id: item.sectionId,
        title: item.section,
        type: item.type,
        uuid: randomUUID(),
        createdAt: now,
        updatedAt: now,
        contentChangedAt: 1000 + item.sectionId,
      });
    }
  }
  return [...sections.values()].sort((a, b) => a.id - b.id);
}

const content = (value: { guid: string; title: string; guids: string[] }, extra: unknown[] = []) =>
  JSON.stringify([value.guid, value.title, value.guids, ...extra]);

/** As a server keeps keys across scans: a movie or show by its guid, a season or episode by its numbers. */
function keepKeys(input: unknown[], old: LibraryItem[]): unknown[] {
  return input.map((item) => {
    if (!isRecord(item) || item.ratingKey !== undefined) return item;
    const before = old.find((o) => o.guid === item.guid);
    if (!before) return item;
    const seasons = Array.isArray(item.seasons)
      ? item.seasons.map((season: unknown) => {
          if (!isRecord(season)) return season;
          const was = before.seasons.find((s) => s.index === season.index);
          const episodes = Array.isArray(season.episodes)
            ? season.episodes.map((episode: unknown) => {
                if (!isRecord(episode) || episode.ratingKey !== undefined) return episode;
                const key = was?.episodes.find((e) => e.index === episode.index)?.ratingKey;
                return key ? { ...episode, ratingKey: key } : episode;
              })
            : season.episodes;
          return { ...season, ...(season.ratingKey === undefined && was && { ratingKey: was.ratingKey }), episodes };
        })
      : item.seasons;
    return { ...item, ratingKey: before.ratingKey, seasons };
  });
}

/** As a scan would: unchanged items keep their dates, changed ones get a new `updatedAt`, new ones ratingKeys the server never used. */
export function replaceLibrary(spec: ServerSpec, input: unknown): void {
  if (!Array.isArray(input)) throw new FakeError('library must be an array');
  const now = Math.floor(Date.now() / 1000);
  const old = spec.library;
  const keys = old.flatMap((item) => [
    item.ratingKey,
    ...item.seasons.flatMap((s) => [s.ratingKey, ...s.episodes.map((e) => e.ratingKey)]),
  ]);
  const firstKey = Math.max(1000, ...keys.map(Number)) + 1;
  const known = new Map(spec.sections.map((section) => [section.title, section.id]));
  const next = parseLibrary(keepKeys(input, old), now, known, firstKey);
  const changed = new Set<number>();
  const oldByKey = new Map(old.map((item) => [item.ratingKey, item]));
  for (const [index, item] of next.entries()) {
    const given = isRecord(input[index]) && input[index].updatedAt !== undefined;
    const before = oldByKey.get(item.ratingKey);
    oldByKey.delete(item.ratingKey);
    if (!before) {
      changed.add(item.sectionId);
      continue;
    }
    if (!given) {
      const same = content(item, [item.year, item.section]) === content(before, [before.year, before.section]);
      item.addedAt = before.addedAt;
      item.updatedAt = same ? before.updatedAt : now;
      if (!same) changed.add(item.sectionId);
    }
    const oldEpisodes = new Map(before.seasons.flatMap((s) => s.episodes.map((e) => [e.ratingKey, e] as const)));
    for (const episode of item.seasons.flatMap((s) => s.episodes)) {
      const was = oldEpisodes.get(episode.ratingKey);
      oldEpisodes.delete(episode.ratingKey);
      if (!was) changed.add(item.sectionId);
      else if (!given) {
        const same = content(episode, [episode.index]) === content(was, [was.index]);
        episode.addedAt = was.addedAt;
        episode.updatedAt = same ? was.updatedAt : now;
        if (!same) changed.add(item.sectionId);
      }
    }
    if (oldEpisodes.size > 0) changed.add(item.sectionId);
  }
  for (const removed of oldByKey.values()) changed.add(removed.sectionId);
  spec.library = next;
  spec.sections = sectionsOf(next, now, spec.sections, changed);
}

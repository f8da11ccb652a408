/** Build variables the code reads (docs/DEVELOPING.md, "Build variables"); unset ones are undefined. */
interface ImportMetaEnv {
  readonly WXT_PLEX_TV_URL?: string;
  readonly WXT_PLEX_APP_URL?: string;
  readonly WXT_PLEX_METADATA_URL?: string;
  readonly WXT_PLEX_DISCOVER_URL?: string;
  readonly WXT_BADGE_SHADOW?: string;
}

/**
 * The badge's own style, inside its shadow root. `!important` on :host wins over the page's own
 * `!important` rules for the host element, so no page can restyle or hide the badge by accident.
 */
export const BADGE_CSS = `
:host { all: initial !important; display: block !important; margin: 8px 0 !important; }
:host([data-floating]) { position: fixed !important; right: 16px !important; bottom: 16px !important; z-index: 2147483646 !important; margin: 0 !important; }
.badge {
  --accent: #e5a00d; --bg: #ffffff; --fg: #1f1f1f; --muted: #5c5c5c; --border: rgba(0,0,0,.18); --focus: #1a73e8;
  box-sizing: border-box; display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px 10px;
  max-width: 100%; padding: 6px 10px; border: 1px solid var(--border); border-radius: 8px;
  background: var(--bg); color: var(--fg); font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  text-align: left; letter-spacing: normal; text-transform: none;
}
.badge[data-theme='dark'] { --bg: #1f2326; --fg: #f1f1f1; --muted: #c4c4c4; --border: rgba(255,255,255,.22); --focus: #8ab4f8; }
.mark { width: 0; height: 0; border-style: solid; border-width: 6px 0 6px 9px; border-color: transparent transparent transparent var(--accent); flex: none; }
.status { display: inline-block; font-weight: 600; }
.status::first-letter { text-transform: uppercase; }
.detail { color: var(--muted); }
.badge[aria-busy='true'] .mark { animation: pulse 1s ease-in-out infinite alternate; }
@keyframes pulse { from { opacity: 1; } to { opacity: .3; } }
@media (prefers-reduced-motion: reduce) { .badge[aria-busy='true'] .mark { animation: none; } }
a, button { font: inherit; font-weight: 600; border-radius: 6px; padding: 3px 10px; cursor: pointer; text-decoration: none; }
a, button.primary { background: var(--accent); color: #1f1f1f; border: 1px solid var(--accent); }
button.secondary { background: transparent; color: var(--fg); border: 1px solid var(--border); }
button[aria-pressed='true'] { border-color: var(--accent); }
button:disabled { opacity: .6; cursor: progress; }
a.also { background: none; border: none; padding: 0; color: inherit; text-decoration: underline; font-weight: 400; }
a:focus-visible, button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.alert { flex-basis: 100%; color: var(--fg); }
`;

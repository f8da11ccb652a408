type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;

/** Strings become text nodes, never HTML, so whatever Plex sends is shown as written and cannot become markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Names a control across re-renders, so keyboard focus can stay on it (tests use `data-testid`, never this). */
export const FOCUS_KEY = 'data-focus-key';

/** Focus inside `within` moves to the new control with the same `FOCUS_KEY`, so a re-render does not drop the keyboard. */
export function rerenderKeepingFocus(scope: DocumentOrShadowRoot, within: Node, swap: () => ParentNode): 'outside' | 'kept' | 'lost' {
  const active = scope.activeElement;
  const inside = active !== null && within.contains(active);
  const key = inside ? active.getAttribute(FOCUS_KEY) : null;
  const next = swap();
  if (!inside) return 'outside';
  const same = key ? next.querySelector<HTMLElement>(`[${FOCUS_KEY}="${key}"]`) : null;
  same?.focus();
  return same ? 'kept' : 'lost';
}

import type { PageHandle } from './browser';

/** Where keyboard focus is, and whether it shows. */
export interface FocusInfo {
  /** data-testid of the focused element (inside open shadow roots too), or `<tag>` when it has none; null when nothing is focused. */
  id: string | null;
  /** Whether it is in a shadow root (the badge) rather than in the document itself. */
  inShadow: boolean;
  focusVisible: boolean;
  /** A focus indicator is drawn: a non-transparent outline at least 1 px wide, or a box-shadow. */
  ring: boolean;
  /** The computed outline and box-shadow, for the failure message. */
  style: string;
}

/** Runs in the page; self-contained. */
function focusInfo(): FocusInfo {
  let element: Element | null = document.activeElement;
  let inShadow = false;
  while (element?.shadowRoot?.activeElement) {
    element = element.shadowRoot.activeElement;
    inShadow = true;
  }
  if (!element || element === document.body || element === document.documentElement) {
    return { id: null, inShadow: false, focusVisible: false, ring: false, style: '' };
  }
  const style = getComputedStyle(element);
  const transparent = (color: string) => color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && !transparent(style.outlineColor);
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  const id = (element as HTMLElement).dataset?.testid ?? `<${element.localName}>`;
  return {
    id,
    inShadow,
    focusVisible: element.matches(':focus-visible'),
    ring: outline || shadow,
    style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}`,
  };
}

export const focused = (page: PageHandle): Promise<FocusInfo> => page.evaluate(focusInfo);

/** Presses Tab `count` times and says where focus went each time. */
export async function tabThrough(page: PageHandle, count: number): Promise<FocusInfo[]> {
  const stops: FocusInfo[] = [];
  for (let i = 0; i < count; i++) {
    await page.press('Tab');
    stops.push(await focused(page));
  }
  return stops;
}

/** The stops that have no visible focus indicator after a keyboard Tab: should be none. */
export const withoutRing = (stops: FocusInfo[]) =>
  stops.filter((stop) => !stop.focusVisible || !stop.ring).map((stop) => `${stop.id} (focus-visible: ${stop.focusVisible}; ${stop.style})`);

/** Runs in the page, so it is self-contained. */
function tabbableControls(): string[] {
  const candidates = document.querySelectorAll<HTMLElement>(
    'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]',
  );
  return [...candidates]
    .filter((element) => {
      const box = element.getBoundingClientRect();
      const disabled = (element as HTMLButtonElement).disabled === true;
      return !disabled && element.tabIndex >= 0 && box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    })
    .map((element) => element.dataset.testid ?? `<${element.localName}>`);
}

export const controlsOf = (page: PageHandle): Promise<string[]> => page.evaluate(tabbableControls);

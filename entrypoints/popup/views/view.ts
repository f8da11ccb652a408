import type { PopupRequest } from '@/src/messages';
import { FOCUS_KEY, h } from '@/src/ui/dom';
import type { ServerList } from '@/src/servers/state';

/** What a view may do: ask the background something. Busy state and errors are handled for it. */
export interface ViewActions {
  request(request: PopupRequest, button?: HTMLButtonElement): void;
}

export interface View {
  element: HTMLElement;
  /** Said by the live region when this view appears. */
  announce: string;
  /** Stops timers the view started. */
  dispose?(): void;
  /** Shows a new server list in place, without rebuilding the view (and the button under the pointer). */
  updateServers?(servers: ServerList | null): void;
}

/** A button, named for tests (`data-testid`) and for keeping focus across re-renders (its focus key). */
export function button(
  name: string,
  label: string,
  onClick: (self: HTMLButtonElement) => void,
  kind: 'primary' | 'secondary' | 'link' = 'primary',
): HTMLButtonElement {
  const element = h(
    'button',
    { type: 'button', class: `button ${kind}`, 'data-testid': name, [FOCUS_KEY]: name, onclick: () => onClick(element) },
    label,
  );
  return element;
}

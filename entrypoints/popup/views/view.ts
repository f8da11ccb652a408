import type { PopupRequest } from '@/src/messages';
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

export function button(
  testId: string,
  label: string,
  onClick: (self: HTMLButtonElement) => void,
  kind: 'primary' | 'secondary' | 'link' = 'primary',
): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = `button ${kind}`;
  element.dataset.testid = testId;
  element.textContent = label;
  element.addEventListener('click', () => onClick(element));
  return element;
}

/** Coming back online ends the reason for any back-off; service workers and event pages both get `online` on their global scope. */
export function resumeWhenOnline(scope: Pick<EventTarget, 'addEventListener'>, resume: () => Promise<void>): void {
  scope.addEventListener('online', () => void resume());
}

import type { Page } from 'playwright-core';
import { until } from './browser';

/**
 * Runs `expression` in the world where the extension's content scripts run in a Chromium page
 * (their isolated world, found over CDP by the extension's origin), and returns its value. Chromium
 * only: Firefox's drivers reach no content-script sandbox.
 */
export async function evaluateInContentScriptWorld<T>(page: Page, extensionOrigin: string, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    const world = await until(async () => worlds.find((w) => w.auxData?.type === 'isolated' && w.origin === extensionOrigin), {
      message: 'the content script’s world',
    });
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails)
      throw new Error(`in the content script’s world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

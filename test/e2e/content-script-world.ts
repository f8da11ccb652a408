import type { Page } from 'playwright-core';
import { until } from './browser';

/** Chromium only, found over CDP by the extension's origin: Firefox's drivers reach no content-script sandbox. */
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

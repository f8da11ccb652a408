import { until } from './until';

/** The WebDriver BiDi connection of a puppeteer Browser (firefox.ts reaches it the same way). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
type Evaluated = { type: 'success'; result: { value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };

/** Per browser: a background tab on about:config, whose scripts run with the system principal. */
const privilegedTabs = new WeakMap<object, Promise<string>>();

function connectionOf(browser: object): BidiConnection {
  const connection = (browser as { connection?: BidiConnection }).connection;
  if (!connection) throw new Error('not a puppeteer WebDriver BiDi browser');
  return connection;
}

async function evaluateIn(connection: BidiConnection, context: string, expression: string): Promise<Evaluated> {
  return (await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true })).result as Evaluated;
}

/**
 * As firefox.ts's privileged scope: Firefox 140's BiDi has no chrome scope, but it does script a
 * tab showing about:config, which runs in the parent process with the system principal.
 */
async function openPrivilegedTab(connection: BidiConnection): Promise<string> {
  const { context } = (await connection.send('browsingContext.create', { type: 'tab', background: true })).result as { context: string };
  await connection.send('browsingContext.navigate', { context, url: 'about:config', wait: 'none' });
  await until(
    async () => {
      const outcome = await evaluateIn(connection, context, 'typeof Services');
      return outcome.type === 'success' && outcome.result.value === 'object';
    },
    { message: 'a privileged about:config tab' },
  );
  return context;
}

/** Sets an integer preference of the running Firefox behind a puppeteer Browser; it applies at once. */
export async function setFirefoxIntPref(browser: object, name: string, value: number): Promise<void> {
  const connection = connectionOf(browser);
  let tab = privilegedTabs.get(browser);
  if (!tab) {
    tab = openPrivilegedTab(connection);
    tab.catch(() => privilegedTabs.delete(browser));
    privilegedTabs.set(browser, tab);
  }
  const outcome = await evaluateIn(connection, await tab, `Services.prefs.setIntPref(${JSON.stringify(name)}, ${Number(value)}); 1`);
  if (outcome.type === 'exception') throw new Error(`setting ${name} in Firefox: ${outcome.exceptionDetails.text}`);
}

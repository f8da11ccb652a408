import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { startSites, type Sites } from './sites/server';

describe.each<BrowserName>(['chromium', 'firefox'])('fixture sites in %s', (name) => {
  const { extensionDir } = inject('e2e')[name];
  let sites: Sites;
  let browser: ExtensionBrowser;
  /** A stand-in for the extension's own server on 127.0.0.1, which must not go through the sites' routing. */
  let local: Server;
  let localUrl: string;
  let localHits = 0;
  const pages: PageHandle[] = [];
  const open = async (url: string) => {
    const page = await browser.openUrl(url);
    pages.push(page);
    return page;
  };
  const requested = (host: string, path: string) => sites.requests().some((r) => r.host === host && r.path === path);

  beforeAll(async () => {
    sites = await startSites();
    local = createServer((_req, res) => {
      localHits += 1;
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('local ok');
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/probe`;
    const started = Date.now();
    browser = await launchExtensionBrowser(name, extensionDir, { sites });
    console.info(`${name}: launched with the fixture sites in ${Date.now() - started} ms`);
  });
  afterAll(async () => {
    await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
    await browser?.close();
    console.info(`${name}: the proxy refused ${JSON.stringify(sites?.refused() ?? [])}`);
    await sites?.close();
    local?.closeAllConnections();
    await new Promise((resolve) => local?.close(resolve));
  });

  it('serves IMDb title pages at www.imdb.com and m.imdb.com over HTTPS', async () => {
    const page = await open(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
    expect(await page.waitForSelector('h1[data-testid="hero__pageTitle"] .hero__primary-text')).toBe('Inception');
    expect(
      await page.evaluate(() => ({
        href: location.href,
        ogType: document.querySelector('meta[property="og:type"]')?.getAttribute('content'),
        canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
        linkedData: (JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}') as { '@type'?: string })[
          '@type'
        ],
        header: getComputedStyle(document.querySelector('h1')!.closest('.ipc-page-background')!).backgroundColor,
        hashedClasses: document.querySelector('h1')!.className,
      })),
    ).toEqual({
      href: 'https://www.imdb.com/title/tt1375666/',
      ogType: 'video.movie',
      canonical: 'https://www.imdb.com/title/tt1375666/',
      linkedData: 'Movie',
      header: 'rgb(31, 31, 31)',
      hashedClasses: expect.stringMatching(/^sc-[0-9a-f]{8}-\d+ \w+$/),
    });

    const mobile = await open(sites.urlFor('m.imdb.com', '/de/title/tt0903747/?ref_=fixture'));
    expect(await mobile.waitForSelector('h1[data-testid="hero__pageTitle"]')).toBe('Breaking Bad');
    expect(await mobile.evaluate(() => document.querySelector('meta[property="og:type"]')?.getAttribute('content'))).toBe('video.tv_show');
    expect(requested('www.imdb.com', '/title/tt1375666/')).toBe(true);
    expect(requested('m.imdb.com', '/de/title/tt0903747/?ref_=fixture')).toBe(true);
  });

  it('serves TMDb movie pages at www.themoviedb.org', async () => {
    const page = await open(sites.urlFor('www.themoviedb.org', '/movie/603-the-matrix'));
    expect(await page.waitForSelector('#original_header .title h2 a')).toBe('The Matrix');
    expect(await page.waitForSelector('#original_header .title h2 .release_date')).toBe('(1999)');
    expect(
      await page.evaluate(() => {
        const h2 = document.querySelector('#original_header section.header.poster .title h2')!;
        const header = h2.closest('.header.large')!;
        return {
          backdrop: getComputedStyle(header).backgroundImage.slice(0, 4),
          background: getComputedStyle(header).backgroundColor,
          text: getComputedStyle(h2).color,
        };
      }),
    ).toEqual({ backdrop: 'url(', background: 'rgba(0, 0, 0, 0)', text: 'rgb(255, 255, 255)' });
    expect(requested('www.themoviedb.org', '/movie/603-the-matrix')).toBe(true);
  });

  it('serves episodes, sub-pages, the media viewer and TMDb season pages as pages of their own', async () => {
    const episode = await open(sites.urlFor('www.imdb.com', '/title/tt0959621/'));
    expect(await episode.waitForSelector('h1[data-testid="hero__pageTitle"]')).toBe('Pilot');
    expect(await episode.waitForSelector('[data-testid="hero-subnav-bar-season-episode-numbers-section"]')).toBe('S1.E1');
    expect(
      await episode.evaluate(() => ({
        ogType: document.querySelector('meta[property="og:type"]')?.getAttribute('content'),
        series: (JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent) as { partOfSeries: { url: string } })
          .partOfSeries.url,
      })),
    ).toEqual({ ogType: 'video.episode', series: 'https://www.imdb.com/title/tt0903747/' });

    const pageKind = (page: PageHandle) => page.evaluate(() => document.querySelector('main')?.dataset.fixturePage);
    for (const [path, kind] of [
      ['/title/tt1375666/fullcredits/', 'fullcredits'],
      ['/title/tt1375666/reviews/?ref_=tt_ov_ururv', 'reviews'],
      ['/title/tt0903747/episodes/?season=1', 'episodes'],
      ['/title/tt1375666/reference/', 'reference'],
      ['/title/tt1375666/mediaviewer/rm3426651392/?ref_=tt_ov_i', 'mediaviewer'],
    ]) {
      const page = await open(sites.urlFor('www.imdb.com', path!));
      await page.waitForSelector('#site-nav a');
      expect(await pageKind(page), path).toBe(kind);
      expect(await page.evaluate(() => document.querySelector('h1[data-testid="hero__pageTitle"]')), path).toBeNull();
    }

    const season = await open(sites.urlFor('www.themoviedb.org', '/tv/1396-breaking-bad/season/1'));
    expect(await season.waitForSelector('.title h2 a')).toBe('Season 1');
    const tmdbEpisode = await open(sites.urlFor('www.themoviedb.org', '/tv/1396-breaking-bad/season/1/episode/1'));
    expect(await tmdbEpisode.waitForSelector('.title h2 a')).toBe('Pilot');
    expect(await tmdbEpisode.evaluate(() => document.querySelector('#original_header'))).toBeNull();
  });

  it('navigates in-site without a page load, and across pages with one', async () => {
    const page = await open(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
    await page.waitForSelector('h1[data-testid="hero__pageTitle"]', { text: 'Inception' });
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.clickLink('a[data-fixture="spa-link"]');
    expect(await page.waitForUrl((url) => url.endsWith('/title/tt0133093/'))).toBe('https://www.imdb.com/title/tt0133093/');
    expect(await page.waitForSelector('h1[data-testid="hero__pageTitle"]', { text: 'The Matrix' })).toBe('The Matrix');
    expect(
      await page.evaluate(() => ({
        sameDocument: 'sameDocument' in window,
        ogType: document.querySelector('meta[property="og:type"]')?.getAttribute('content'),
      })),
    ).toEqual({ sameDocument: true, ogType: 'video.movie' });
    // The new page's data was fetched, as the site's app fetches it, not loaded as a page.
    expect(requested('www.imdb.com', '/title/tt0133093/')).toBe(false);
    expect(requested('www.imdb.com', '/title/tt0133093/?fixture-spa=1')).toBe(true);

    await page.clickLink('a[data-fixture="page-link"]');
    await page.waitForUrl((url) => url.endsWith('/title/tt0903747/'));
    expect(await page.waitForSelector('h1[data-testid="hero__pageTitle"]', { text: 'Breaking Bad' })).toBe('Breaking Bad');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(false);
    expect(requested('www.imdb.com', '/title/tt0903747/')).toBe(true);
  });

  it('finds and really clicks elements in an open shadow root', async () => {
    const page = await open(sites.urlFor('www.themoviedb.org', '/tv/1396-breaking-bad'));
    // Shaped like a content script's mount, under test ids of its own so as not to be confused with the extension's badge.
    await page.evaluate(() => {
      const host = document.createElement('div');
      document.querySelector('#original_header .title')!.append(host);
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = `<div data-testid="probe-badge" data-state="ready"><span data-testid="probe-status">Ready</span>
        <button data-testid="probe-open" style="padding: 4px 12px">Open</button><button data-testid="probe-hidden" hidden>Hidden</button></div>`;
      root.querySelector('button')!.addEventListener('click', (event) => {
        root.querySelector('[data-testid="probe-status"]')!.textContent = event.isTrusted ? 'Clicked' : 'Untrusted click';
      });
    });
    expect(await page.waitForShadowTestId('probe-status')).toBe('Ready');
    expect(await page.shadowAttribute('probe-badge', 'data-state')).toBe('ready');
    expect(await page.shadowAttribute('probe-badge', 'data-missing')).toBeNull();
    expect(await page.shadowCount('probe-badge')).toBe(1);
    expect(await page.shadowCount('probe-absent')).toBe(0);
    expect(await page.isShadowVisible('probe-hidden')).toBe(false);
    expect(await page.isVisible('probe-badge')).toBe(false); // not in the document itself

    await page.clickShadow('probe-open');
    expect(await page.waitForShadowTestId('probe-status', { text: /Click/ })).toBe('Clicked');
  });

  it("reaches nothing but the fixtures, while the extension's own requests to 127.0.0.1 go straight there", async () => {
    const popup = await browser.openPage('popup.html');
    pages.push(popup);
    expect(await popup.evaluate(async (url) => (await fetch(url)).text(), localUrl)).toBe('local ok');
    expect(localHits).toBe(1);
    expect(sites.requests().length).toBeGreaterThan(0);
    expect(sites.requests().filter((r) => !sites.hosts.includes(r.host))).toEqual([]);
    expect(sites.refused().filter((target) => target.includes('127.0.0.1'))).toEqual([]);
  });

  it('stops the background, which comes back when the popup opens', async () => {
    // The earlier stories' title pages go first: a badge still asking would wake the background.
    await Promise.all(pages.splice(0).map((page) => page.close().catch(() => undefined)));
    expect(await browser.backgroundRunning()).toBe(true);
    const started = Date.now();
    await browser.stopBackground();
    console.info(`${name}: background stopped in ${Date.now() - started} ms`);
    expect(await browser.backgroundRunning()).toBe(false);
    const popup = await browser.openPage('popup.html');
    pages.push(popup);
    await popup.waitForTestId('sign-in');
    await until(() => browser.backgroundRunning(), { message: 'the background to run again' });
  });
});

import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { createMark, isMark } from '@/src/page-marks/mark';

const original = globalThis.document;
afterEach(() => Object.assign(globalThis, { document: original }));

describe('the mark on a list item', () => {
  it('keeps its servers from the page’s scripts in the build people install (closed shadow root)', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { document });
    const mark = createMark(['Home Server', 'Cabin'], true);
    document.body.append(mark);
    expect(isMark(mark)).toBe(true);
    expect(mark.localName).toBe('sidekick-plex-mark');
    expect(mark.hasAttribute('data-overlay')).toBe(true);
    // Built without WXT_BADGE_SHADOW=open: nothing of it shows through the host.
    expect(mark.shadowRoot).toBeNull();
    expect(document.body.textContent).not.toContain('Home Server');
  });
});

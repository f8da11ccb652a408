import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from '@/src/ui/qr';

/** Draws the path's modules (each `M{x} {y}h1v1h-1z`) as a black-on-white image, as a camera would see it. */
function scan(extent: number, path: string): string | undefined {
  const scale = 4;
  const width = extent * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        pixels.fill(0, at, at + 3);
      }
    }
  }
  return jsQR(pixels, width, width)?.data;
}

describe('the QR code of the link page', () => {
  it.each([
    'https://plex.tv/link/?pin=7RQZ',
    'http://127.0.0.1:41234/link/?pin=AB12',
    `https://plex.example.org/${'long-path/'.repeat(20)}link/?pin=ZZZZ`,
  ])('scans back to %s', (link) => {
    const { extent, path } = qrPath(link);
    expect(scan(extent, path)).toBe(link);
  });

  it('keeps a quiet zone of light modules around the code', () => {
    const { extent, path } = qrPath('https://plex.tv/link/?pin=7RQZ');
    const cells = [...path.matchAll(/M(\d+) (\d+)/g)].flatMap(([, x, y]) => [Number(x), Number(y)]);
    expect(Math.min(...cells)).toBe(2);
    expect(Math.max(...cells)).toBe(extent - 3);
  });
});

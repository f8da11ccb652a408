// The encoder alone: the package's renderers (canvas, data URLs) are not needed here.
import { create } from 'qrcode/lib/core/qrcode';

const SVG = 'http://www.w3.org/2000/svg';
/** Light modules around the code, so a camera finds its edges on any background. */
const QUIET = 2;

/** The QR code of `text` as one SVG path of its dark modules, in module units, quiet zone included. */
export function qrPath(text: string): { extent: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) path += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
    }
  }
  return { extent: modules.size + QUIET * 2, path };
}

/** A QR code drawn here as SVG, from the link alone: no image is fetched from anyone. */
export function qrSvg(text: string, label: string): SVGSVGElement {
  const { extent, path } = qrPath(text);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${extent} ${extent}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(extent));
  background.setAttribute('height', String(extent));
  background.setAttribute('fill', '#fff');
  const dark = document.createElementNS(SVG, 'path');
  dark.setAttribute('d', path);
  dark.setAttribute('fill', '#000');
  svg.append(background, dark);
  return svg;
}

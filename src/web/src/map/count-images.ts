import type { Map as MlMap } from 'maplibre-gl';

/**
 * Cluster counts without a glyph server: MapLibre asks the resolver for a missing image `count-<n>` and we draw it with the
 * system font on a canvas. Works offline; each distinct label is drawn once.
 */
export const COUNT_PREFIX = 'count-';

export function installCountImages(map: MlMap): void {
  map.setMissingStyleImageResolver((id) => {
    if (!id.startsWith(COUNT_PREFIX) || map.hasImage(id)) return;
    const text = id.slice(COUNT_PREFIX.length);
    const ratio = 2;
    const fontPx = 12 * ratio;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
    const w = Math.ceil(ctx.measureText(text).width) + 4 * ratio;
    const h = fontPx + 4 * ratio;
    canvas.width = w;
    canvas.height = h;
    ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
    ctx.fillStyle = '#FFFFFF';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, w / 2, h / 2 + ratio / 2);
    map.addImage(id, ctx.getImageData(0, 0, w, h), { pixelRatio: ratio });
  });
}

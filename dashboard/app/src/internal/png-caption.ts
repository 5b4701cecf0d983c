// A downloaded chart PNG says what it is without the page around it: a header with the chart's
// title, range and hashtags drawn above the chart, and the same words as PNG text chunks (iTXt,
// UTF-8) so tools and archives can read them. Pure but for the canvas it draws on.

/** What a chart image says about itself. */
export interface ChartCaption {
  /** E.g. "Reach over time". */
  title: string;
  /** E.g. "Oct 29 – Nov 4, 2026 (America/New_York)". */
  range: string;
  /** Tracked hashtags with '#', e.g. ["#jobquality"]. */
  hashtags: string[];
  /** Anything else the image needs to be read right, e.g. "Nov 4 so far". */
  notes?: string[];
}

/** The header lines drawn above the chart, first the title. */
export function captionLines(caption: ChartCaption): string[] {
  return [caption.title, `${caption.range} · ${caption.hashtags.join(' ') || 'no hashtags'}`, ...(caption.notes ?? [])];
}

const LINE_HEIGHT = 22;
const PADDING = 12;

/** A new canvas: the caption lines, then the chart canvas below them, on white. */
export function captionedCanvas(chart: HTMLCanvasElement, caption: ChartCaption): HTMLCanvasElement {
  const lines = captionLines(caption);
  const scale = window.devicePixelRatio || 1;
  const header = Math.ceil((PADDING * 2 + lines.length * LINE_HEIGHT) * scale);
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + header;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1d232b';
  ctx.textBaseline = 'top';
  lines.forEach((line, index) => {
    ctx.font = `${index === 0 ? 'bold 17px' : '14px'} system-ui, sans-serif`;
    ctx.save();
    ctx.scale(scale, scale);
    ctx.fillText(line, PADDING, PADDING + index * LINE_HEIGHT, canvas.width / scale - 2 * PADDING);
    ctx.restore();
  });
  ctx.drawImage(chart, 0, header);
  return canvas;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One iTXt chunk (uncompressed UTF-8 text under a Latin-1 keyword). */
function itxtChunk(keyword: string, text: string): Uint8Array {
  const encoder = new TextEncoder();
  const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(encoder.encode('iTXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** `png` with Title and Description text chunks after its header chunk (IHDR ends at byte 33). */
export function withTextChunks(png: Uint8Array, caption: ChartCaption): Uint8Array {
  const [, ...rest] = captionLines(caption);
  const chunks = [itxtChunk('Title', caption.title), itxtChunk('Description', rest.join('\n'))];
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(png.length + size);
  out.set(png.subarray(0, 33), 0);
  let offset = 33;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  out.set(png.subarray(33), offset);
  return out;
}

/** A `data:` URL of `bytes` as a PNG (the page's CSP allows data: images and downloads). */
export function pngDataUrl(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}

/** The PNG bytes of a data URL written by canvas.toDataURL. */
export function dataUrlBytes(url: string): Uint8Array {
  const binary = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

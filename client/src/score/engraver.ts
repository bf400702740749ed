/**
 * verovio in the browser, loaded on demand: its WASM is inlined in an 8 MB module (2.4 MB compressed), so it
 * is fetched only when a score is first shown, never on the first paint. One toolkit per page.
 */
import type { VerovioToolkit } from 'verovio/esm';

let toolkit: Promise<VerovioToolkit> | undefined;

export function loadEngraver(): Promise<VerovioToolkit> {
  toolkit ??= (async () => {
    const [{ default: createModule }, { VerovioToolkit: Toolkit, enableLog, LOG_OFF }] = await Promise.all([import('verovio/wasm'), import('verovio/esm')]);
    const module = await createModule();
    enableLog(LOG_OFF, module);
    return new Toolkit(module);
  })();
  // A failed load (offline) may be retried on the next score.
  toolkit.catch(() => (toolkit = undefined));
  return toolkit;
}

export interface Engraving {
  readonly svg: string;
}

/** Engraves a MusicXML excerpt for a box `widthPx` wide; `staves` sets the scale (a full score is drawn smaller). */
export async function engrave(musicXml: string, widthPx: number, staves: number): Promise<Engraving> {
  const tk = await loadEngraver();
  const scale = staves <= 2 ? 40 : staves <= 6 ? 30 : 22;
  tk.setOptions({
    // verovio's units are tenths of a mm at scale 100: the page is as wide as the box at this scale.
    pageWidth: Math.max(400, Math.round((widthPx * 100) / scale)),
    pageHeight: 60000,
    adjustPageHeight: true,
    scale,
    breaks: 'auto',
    header: 'none',
    footer: 'none',
    pageMarginLeft: 20,
    pageMarginRight: 20,
    pageMarginTop: 20,
    pageMarginBottom: 20,
    svgViewBox: true,
    svgAdditionalAttribute: ['measure@n'],
  });
  if (!tk.loadData(musicXml)) throw new Error('verovio could not read the excerpt');
  return { svg: tk.renderToSVG(1) };
}

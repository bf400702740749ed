/** Minimal types for verovio 6.3 in the browser (it ships none): the parts the phone's engraver uses. */
declare module 'verovio/wasm' {
  const createVerovioModule: () => Promise<unknown>;
  export default createVerovioModule;
}

declare module 'verovio/esm' {
  export class VerovioToolkit {
    constructor(module: unknown);
    setOptions(options: Record<string, unknown>): void;
    loadData(data: string): boolean;
    renderToSVG(page?: number): string;
    getPageCount(): number;
  }
  export const LOG_OFF: number;
  export function enableLog(level: number, module: unknown): void;
}

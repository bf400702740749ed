/** Minimal types for verovio 6.3 (it ships none): the parts of the toolkit Tutti uses. */
declare module 'verovio/wasm' {
  const createVerovioModule: () => Promise<unknown>;
  export default createVerovioModule;
}

declare module 'verovio/esm' {
  export class VerovioToolkit {
    constructor(module: unknown);
    setOptions(options: Record<string, unknown>): void;
    loadData(data: string): boolean;
    getMEI(options?: Record<string, unknown>): string;
    renderToTimemap(options?: Record<string, unknown>): unknown[];
    getLog(): string;
    getMIDIValuesForElement(xmlId: string): { pitch: number; time: number; duration: number };
  }
  export const LOG_OFF: number;
  export const LOG_ERROR: number;
  export function enableLogToBuffer(value: boolean, module: unknown): void;
  export function enableLog(level: number, module: unknown): void;
}

/**
 * What `tutti serve --input mic` needs: the browser microphone as the follower's input. Returns the
 * input (give it to startTuttiServer as `micInput`, so /conductor sockets feed it) and the follower
 * (give it as `positionSource`). The score, follower and ONNX model load lazily, here, so importing
 * this module stays light.
 */
import { watchInput } from '../live/inputWatch.js';
import { asUserError } from '../cli/userErrors.js';
import { BrowserMicInput } from '../live/browserMicInput.js';
import type { LiveFollowerSource } from '../live/liveFollowerSource.js';

export interface BrowserMicSourceOptions {
  /** The score to follow; default the bundled demo score. */
  readonly scorePath?: string;
  readonly log?: (line: string) => void;
  readonly onError?: (err: Error) => void;
}

export interface BrowserMicSource {
  readonly micInput: BrowserMicInput;
  readonly positionSource: LiveFollowerSource;
}

/** Loads the score and the pitch model now, so a bad score stops `serve` before the concert (as UserError). */
export async function createBrowserMicLiveSource(options: BrowserMicSourceOptions = {}): Promise<BrowserMicSource> {
  const log = options.log ?? (() => {});
  const [{ loadScore }, { LiveFollowerSource }, { DEMO_SCORE_PATH }] = await Promise.all([
    import('../score/load.js'),
    import('../live/liveFollowerSource.js'),
    import('../live/demo.js'),
  ]);
  const micInput = new BrowserMicInput({ log: (line) => log(`live: ${line}`) });
  try {
    const score = await loadScore(options.scorePath ?? DEMO_SCORE_PATH);
    const positionSource = new LiveFollowerSource({ score, input: watchInput(micInput), log: (line) => log(`live: ${line}`), onError: options.onError });
    await positionSource.prepare();
    return { micInput, positionSource };
  } catch (err) {
    throw asUserError(err);
  }
}

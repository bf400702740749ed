/**
 * The AudioWorklet that taps the microphone: it gathers the render quanta (128 frames) into chunks
 * of `chunkFrames`, interleaves up to two channels, and transfers each chunk to the main thread.
 * Kept as source text and loaded from a Blob URL, so it needs no separate build entry.
 */
export const CAPTURE_PROCESSOR = 'tutti-mic-capture';

export const CAPTURE_WORKLET_SOURCE = `
class TuttiMicCapture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const { channels, chunkFrames } = options.processorOptions;
    this.channels = channels;
    this.chunkFrames = chunkFrames;
    this.buffer = new Float32Array(chunkFrames * channels);
    this.filled = 0;
    this.stopped = false;
    this.port.onmessage = (event) => { if (event.data === 'stop') this.stopped = true; };
  }
  process(inputs) {
    if (this.stopped) return false;
    const input = inputs[0] || [];
    // No input channels (source inactive): keep the clock with silence.
    const frames = input[0] ? input[0].length : 128;
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < this.channels; c++) {
        const channel = input[c] || input[0];
        this.buffer[this.filled++] = channel ? channel[i] : 0;
      }
      if (this.filled === this.buffer.length) {
        this.port.postMessage(this.buffer, [this.buffer.buffer]);
        this.buffer = new Float32Array(this.chunkFrames * this.channels);
        this.filled = 0;
      }
    }
    return true;
  }
}
registerProcessor('${CAPTURE_PROCESSOR}', TuttiMicCapture);
`;

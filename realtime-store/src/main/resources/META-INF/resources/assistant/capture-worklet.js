// Microphone capture on the audio rendering thread.
//
// Turns whatever the AudioContext delivers (mono, at the context's rate) into what the Realtime API wants:
// PCM16 mono at 24 kHz, in chunks of ~40 ms. Each finished chunk is posted to the main thread as a transferred
// ArrayBuffer (no copy), with its RMS level for the level meter. The main thread posts buffers back
// ("recycle") once it has encoded them, so in steady state this thread allocates nothing.
//
// Rules for this file: it runs under real-time deadlines, so process() must never allocate per sample, never
// block, and never throw. It is loaded with audioWorklet.addModule and is self-contained (no imports).

const TARGET_RATE = 24000;
const DEFAULT_CHUNK = 960; // 40 ms at 24 kHz: small enough for low latency, large enough to keep JSON overhead low
const MAX_SPARE_BUFFERS = 8;

class CaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = (options && options.processorOptions) || {};
    this.chunkSamples = opts.chunkSamples > 0 ? opts.chunkSamples | 0 : DEFAULT_CHUNK;
    // Input samples per output sample: 1 when the context runs at 24 kHz (preferred), 2 at 48 kHz,
    // 1.8375 at 44.1 kHz (Firefox, which refuses to feed a 24 kHz context from the microphone).
    this.ratio = sampleRate / TARGET_RATE;

    this.spare = [];
    this.out = this.takeBuffer();
    this.fill = 0;
    this.sumSquares = 0;

    // Downsampling state: each output sample is the average of the input signal over its own time span
    // (a box filter weighted by overlap). That is the "simple anti-alias averaging": it removes most of the
    // energy that would otherwise fold back from above 12 kHz, and 48 → 24 kHz gets a true null at 12 kHz.
    this.accumulated = 0;
    this.remaining = this.ratio; // input time still needed to complete the current output sample

    // Upsampling state (a device slower than 24 kHz, rare): linear interpolation.
    this.previous = 0;
    this.phase = 0;

    this.port.onmessage = (event) => {
      const message = event.data;
      if (message && message.type === 'recycle' && message.buffer instanceof ArrayBuffer
          && message.buffer.byteLength === this.chunkSamples * 2 && this.spare.length < MAX_SPARE_BUFFERS) {
        this.spare.push(message.buffer);
      }
    };
  }

  takeBuffer() {
    const buffer = this.spare.length > 0 ? this.spare.pop() : new ArrayBuffer(this.chunkSamples * 2);
    return new Int16Array(buffer);
  }

  // One output sample at 24 kHz: clamp, convert, and post the chunk when full.
  emit(value) {
    // Clamp before converting: a hot microphone or the resampler can overshoot ±1, and an unclamped value would
    // wrap around in the Int16Array (a loud click instead of a clipped peak).
    const s = value > 1 ? 1 : value < -1 ? -1 : value;
    this.sumSquares += s * s;
    // Asymmetric scale so that -1 → -32768 and +1 → +32767 exactly.
    this.out[this.fill++] = s < 0 ? Math.round(s * 32768) : Math.round(s * 32767);
    if (this.fill === this.chunkSamples) {
      this.postChunk();
    }
  }

  postChunk() {
    const rms = Math.sqrt(this.sumSquares / this.fill);
    const buffer = this.out.buffer;
    this.port.postMessage({ type: 'chunk', buffer, samples: this.fill, rms }, [buffer]);
    this.out = this.takeBuffer();
    this.fill = 0;
    this.sumSquares = 0;
  }

  process(inputs) {
    const input = inputs[0];
    // No channel: the source is not connected yet, or the track is muted/ended. Keep the node alive.
    const channel = input && input.length > 0 ? input[0] : null;
    if (channel === null) {
      return true;
    }
    const n = channel.length;
    const ratio = this.ratio;
    if (ratio === 1) {
      for (let i = 0; i < n; i++) {
        this.emit(channel[i]);
      }
    } else if (ratio > 1) {
      for (let i = 0; i < n; i++) {
        const x = channel[i];
        let weight = 1; // this input sample covers one unit of input time; share it between output samples
        while (weight > 0) {
          const take = weight < this.remaining ? weight : this.remaining;
          this.accumulated += x * take;
          this.remaining -= take;
          weight -= take;
          if (this.remaining <= 1e-9) {
            this.emit(this.accumulated / ratio);
            this.accumulated = 0;
            this.remaining += ratio;
          }
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const x = channel[i];
        while (this.phase < 1) {
          this.emit(this.previous + (x - this.previous) * this.phase);
          this.phase += ratio;
        }
        this.phase -= 1;
        this.previous = x;
      }
    }
    return true;
  }
}

registerProcessor('realtime-store-capture', CaptureProcessor);

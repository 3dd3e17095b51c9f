// The microphone: getUserMedia → capture worklet → 24 kHz PCM16 chunks for input_audio_buffer.append.
// On a WebRTC call (capture: false) the track itself goes into the call: no worklet is loaded, and the level
// meter reads an AnalyserNode (level-meter.js). startCapture() switches such a microphone to chunks when the panel
// falls back to the WebSocket.
//
// The AudioContext is created (and resumed) synchronously in prepare(), which the panel calls inside the
// Connect click: iOS Safari only lets a context start from a user gesture. The microphone itself is opened
// afterwards (start(), asynchronous).

import { WIRE_RATE } from './pcm.js';
import { AudioContextOwner, disconnectQuietly } from './audio-context.js';
import { LevelMeter } from './level-meter.js';

const WORKLET_URL = new URL('./capture-worklet.js', import.meta.url).href;
const PROCESSOR = 'realtime-store-capture';
const CHUNK_SAMPLES = 960; // 40 ms at 24 kHz

const CONSTRAINTS = {
  audio: {
    channelCount: 1,
    sampleRate: WIRE_RATE,
    echoCancellation: true, // the assistant's voice comes out of the speakers; it must not barge in on itself
    noiseSuppression: true,
    autoGainControl: true,
  },
};

/** Why the microphone could not be used; kind decides the wording of the text-only notice. */
export class MicrophoneError extends Error {
  /** @param {'denied'|'missing'|'insecure'|'unsupported'|'busy'|'other'} kind */
  constructor(kind, message) {
    super(message);
    this.name = 'MicrophoneError';
    this.kind = kind;
  }
}

function classify(error) {
  if (error instanceof MicrophoneError) {
    return error;
  }
  const name = error && error.name;
  const message = (error && error.message) || String(error);
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError') {
    return new MicrophoneError('denied', message);
  }
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') {
    return new MicrophoneError('missing', message);
  }
  if (name === 'NotReadableError' || name === 'TrackStartError') {
    return new MicrophoneError('busy', message);
  }
  return new MicrophoneError('other', message);
}

export class Microphone extends AudioContextOwner {
  /**
   * @param {object} handlers
   * @param {(samples: Int16Array) => void} handlers.onChunk  24 kHz PCM16, ~40 ms; call recycle(samples) when done
   * @param {(rms: number) => void} handlers.onLevel
   * @param {() => void} handlers.onEnded  the device went away (unplugged, revoked)
   * @param {() => void} handlers.onContextState
   * @param {boolean} [handlers.capture]  false: no chunks, only the track and the level (WebRTC)
   */
  constructor({ onChunk, onLevel, onEnded, onContextState, capture = true }) {
    super(onContextState);
    this.capture = capture;
    this.meter = null;
    this.onChunk = onChunk;
    this.onLevel = onLevel;
    this.onEnded = onEnded;
    this.stream = null;
    this.source = null;
    this.node = null;
    this.sink = null;
    this.closed = false;
    this.captureRate = 0;
  }

  static available() {
    return Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  }

  /** The microphone's audio track (for a WebRTC call), or null before start() succeeded. */
  get track() {
    return this.stream ? this.stream.getAudioTracks()[0] || null : null;
  }

  /**
   * Opens the microphone and starts the worklet (without capture: the level meter). Rejects with a MicrophoneError.
   */
  async start() {
    try {
      if (!window.isSecureContext || !Microphone.available()) {
        throw new MicrophoneError(window.isSecureContext ? 'unsupported' : 'insecure',
          'navigator.mediaDevices is not available');
      }
      if (this.capture && typeof AudioWorkletNode === 'undefined') {
        throw new MicrophoneError('unsupported', 'this browser has no AudioWorklet');
      }
      if (!this.context) {
        this.prepare(false);
      }
      const stream = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
      if (this.closed) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      this.stream = stream;
      const [track] = stream.getAudioTracks();
      if (!track) {
        throw new MicrophoneError('missing', 'the stream has no audio track');
      }
      track.addEventListener('ended', () => {
        if (!this.closed) {
          this.onEnded();
        }
      });

      try {
        await this.attach(this.context);
      } catch (mismatch) {
        if (this.closed) {
          return;
        }
        // Firefox refuses to connect a microphone to a context whose rate differs from the device's
        // ("Connecting AudioNodes from AudioContexts with different sample-rate is currently not supported").
        // Retry once at the device rate; the worklet then resamples to 24 kHz itself.
        if (this.context.sampleRate === WIRE_RATE) {
          this.detach();
          await this.context.close().catch(() => {});
          if (this.closed) {
            return; // stopped while the first context was closing: open nothing new
          }
          this.openContext(false, false);
          await this.attach(this.context);
        } else {
          throw mismatch;
        }
      }
      this.captureRate = this.context.sampleRate;
    } catch (error) {
      this.stop();
      throw classify(error);
    }
  }

  /**
   * Switches a WebRTC microphone (meter only) to streaming chunks, keeping the stream the shopper allowed.
   * Rejects with a MicrophoneError; start() still in progress attaches the worklet itself.
   */
  async startCapture() {
    if (this.capture) {
      return;
    }
    this.capture = true;
    if (!this.stream || this.closed) {
      return;
    }
    try {
      if (typeof AudioWorkletNode === 'undefined' || !this.context) {
        throw new MicrophoneError('unsupported', 'this browser has no AudioWorklet');
      }
      this.detach();
      await this.attach(this.context); // the context already accepted this stream: no rate mismatch now
    } catch (error) {
      this.stop();
      throw classify(error);
    }
  }

  async attach(context) {
    if (!this.capture) {
      if (context) {
        this.attachMeter(context); // without Web Audio the call still works, only the meter stays still
      }
      return;
    }
    await context.audioWorklet.addModule(WORKLET_URL);
    if (this.closed) {
      return;
    }
    const source = context.createMediaStreamSource(this.stream); // throws here on a rate mismatch (Firefox)
    const node = new AudioWorkletNode(context, PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      // Let the graph down-mix to mono before the worklet sees it.
      channelCount: 1,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
      processorOptions: { chunkSamples: CHUNK_SAMPLES },
    });
    node.port.onmessage = (event) => this.onMessage(event.data);
    // A worklet only runs while something pulls on it. Route it to the speakers through a gain of zero: the
    // graph keeps pulling, and the shopper never hears their own microphone.
    const sink = context.createGain();
    sink.gain.value = 0;
    source.connect(node);
    node.connect(sink);
    sink.connect(context.destination);
    this.source = source;
    this.node = node;
    this.sink = sink;
  }

  attachMeter(context) {
    const source = context.createMediaStreamSource(this.stream); // throws here on a rate mismatch (Firefox)
    this.source = source;
    this.meter = new LevelMeter(context, source, (rms) => {
      if (!this.closed) {
        this.onLevel(rms);
      }
    });
  }

  onMessage(message) {
    if (!message || message.type !== 'chunk' || this.closed) {
      return;
    }
    const samples = new Int16Array(message.buffer, 0, message.samples);
    this.onLevel(message.rms);
    this.onChunk(samples);
  }

  /** Hands a chunk's buffer back to the worklet, so it need not allocate a new one. */
  recycle(samples) {
    if (this.node && !this.closed && samples.byteLength === CHUNK_SAMPLES * 2) {
      this.node.port.postMessage({ type: 'recycle', buffer: samples.buffer }, [samples.buffer]);
    }
  }

  detach() {
    if (this.meter) {
      this.meter.stop();
      this.meter = null;
    }
    for (const node of [this.source, this.node, this.sink]) {
      disconnectQuietly(node);
    }
    if (this.node) {
      this.node.port.onmessage = null;
    }
    this.source = null;
    this.node = null;
    this.sink = null;
  }

  /** Releases the microphone (the browser's recording indicator goes off) and the context. */
  stop() {
    this.closed = true;
    this.detach();
    if (this.stream) {
      this.stream.getTracks().forEach((track) => track.stop());
      this.stream = null;
    }
    this.closeContext();
  }
}

// The microphone level when nothing captures its samples: on a WebRTC call the track itself carries the audio, so
// the capture worklet is not loaded and the meter reads an AnalyserNode instead, about as often as the worklet
// would report (~20 times a second).

import { disconnectQuietly } from './audio-context.js';

const INTERVAL_MS = 50;
const WINDOW = 1024; // samples per reading: ~21 ms at 48 kHz, ~43 ms at 24 kHz

export class LevelMeter {
  /**
   * @param {AudioContext} context
   * @param {AudioNode} source  the microphone's MediaStreamAudioSourceNode
   * @param {(rms: number) => void} onLevel
   */
  constructor(context, source, onLevel) {
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = WINDOW;
    // Some engines only process nodes that lead to the destination: route it there through a gain of zero, so the
    // shopper never hears their own microphone.
    this.sink = context.createGain();
    this.sink.gain.value = 0;
    source.connect(this.analyser);
    this.analyser.connect(this.sink);
    this.sink.connect(context.destination);
    this.samples = new Float32Array(WINDOW);
    this.onLevel = onLevel;
    this.timer = setInterval(() => this.read(), INTERVAL_MS);
  }

  read() {
    const samples = this.samples;
    this.analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (let i = 0; i < samples.length; i++) {
      sum += samples[i] * samples[i];
    }
    this.onLevel(Math.sqrt(sum / samples.length));
  }

  stop() {
    clearInterval(this.timer);
    this.timer = 0;
    disconnectQuietly(this.analyser);
    disconnectQuietly(this.sink);
  }
}

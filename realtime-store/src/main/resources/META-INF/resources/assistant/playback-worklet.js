// Assistant speech playback on the audio rendering thread.
//
// The main thread posts Float32 chunks of 24 kHz mono audio ("push", transferred, no copy). This processor plays
// them back to back and counts the source samples it has actually handed to the output. That count is what makes
// barge-in exact: the main thread knows where each assistant item starts in the stream, so "played" tells it how
// many milliseconds of that item the shopper heard, which is what conversation.item.truncate must say.
//
// Messages out: {type:'progress', played, playing} every ~50 ms while playing and once when the queue runs dry;
// {type:'flushed', id, played} in answer to {type:'flush', id}, which drops everything queued at once.
//
// When the context cannot run at 24 kHz, samples are resampled here with linear interpolation (upsampling
// from 24 kHz needs no anti-alias filter). Rules: no allocation per sample, no blocking, no imports.

const SOURCE_RATE = 24000;
const REPORT_SECONDS = 0.05;

class PlaybackProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = SOURCE_RATE / sampleRate; // source samples per output frame (1 at 24 kHz, 0.5 at 48 kHz)
    this.queue = [];
    this.head = null; // the chunk being played
    this.headIndex = 0;
    this.played = 0; // source samples handed to the output since this node was created

    // Interpolation state (only used when step !== 1): output moves from sample a towards sample b.
    this.a = 0;
    this.b = 0;
    this.t = 0;
    this.primed = false;

    this.reportFrames = Math.max(128, Math.round(sampleRate * REPORT_SECONDS));
    this.framesSinceReport = 0;
    this.wasPlaying = false;

    this.port.onmessage = (event) => this.onMessage(event.data);
  }

  onMessage(message) {
    if (!message) {
      return;
    }
    if (message.type === 'push') {
      if (message.samples instanceof Float32Array && message.samples.length > 0) {
        this.queue.push(message.samples);
      }
    } else if (message.type === 'flush') {
      // Barge-in: silence now. Everything not yet played is dropped in one go; the reply carries the exact count
      // of samples that reached the output, so the truncate point matches what was heard.
      this.queue.length = 0;
      this.head = null;
      this.headIndex = 0;
      this.primed = false;
      this.a = 0;
      this.b = 0;
      this.t = 0;
      this.wasPlaying = false;
      this.framesSinceReport = 0;
      this.port.postMessage({ type: 'flushed', id: message.id, played: this.played });
    }
  }

  // Moves the next queued source sample into b. False when nothing is queued (underrun or end of speech).
  pull() {
    while (this.head === null || this.headIndex >= this.head.length) {
      if (this.queue.length === 0) {
        this.head = null;
        return false;
      }
      this.head = this.queue.shift(); // the finished chunk is released here: played audio is not kept
      this.headIndex = 0;
    }
    this.b = this.head[this.headIndex++];
    this.played++;
    return true;
  }

  hasAudio() {
    return (this.head !== null && this.headIndex < this.head.length) || this.queue.length > 0;
  }

  process(inputs, outputs) {
    const output = outputs[0];
    const out = output && output.length > 0 ? output[0] : null;
    if (out === null) {
      return true;
    }
    const n = out.length;

    if (this.step === 1) {
      // Direct copy, chunk by chunk.
      let i = 0;
      while (i < n) {
        if (this.head === null || this.headIndex >= this.head.length) {
          if (this.queue.length === 0) {
            this.head = null;
            break;
          }
          this.head = this.queue.shift();
          this.headIndex = 0;
        }
        const head = this.head;
        let j = this.headIndex;
        const take = Math.min(n - i, head.length - j);
        for (let k = 0; k < take; k++) {
          out[i++] = head[j++];
        }
        this.headIndex = j;
        this.played += take;
      }
      for (; i < n; i++) {
        out[i] = 0; // underrun or idle: silence
      }
    } else {
      const step = this.step;
      for (let i = 0; i < n; i++) {
        if (!this.primed) {
          if (!this.pull()) {
            out[i] = 0;
            continue;
          }
          // Start from silence towards the first sample: no click at the start of an answer.
          this.primed = true;
          this.a = 0;
          this.t = 0;
        }
        out[i] = this.a + (this.b - this.a) * this.t;
        this.t += step;
        while (this.t >= 1) {
          this.t -= 1;
          this.a = this.b;
          if (!this.pull()) {
            this.primed = false;
            break;
          }
        }
      }
    }

    // Other output channels (if the graph asked for more than one) get the same signal.
    for (let c = 1; c < output.length; c++) {
      output[c].set(out);
    }

    const playing = this.step === 1 ? this.hasAudio() : (this.primed || this.hasAudio());
    this.framesSinceReport += n;
    if (playing && this.framesSinceReport >= this.reportFrames) {
      this.framesSinceReport = 0;
      this.port.postMessage({ type: 'progress', played: this.played, playing: true });
    } else if (!playing && this.wasPlaying) {
      // Ran dry: tell the main thread at once so "speaking" ends and the rest of the caption shows.
      this.framesSinceReport = 0;
      this.port.postMessage({ type: 'progress', played: this.played, playing: false });
    }
    this.wasPlaying = playing;
    return true;
  }
}

registerProcessor('realtime-store-playback', PlaybackProcessor);

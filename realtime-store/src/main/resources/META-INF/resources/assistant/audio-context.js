// What the microphone and the player share about their AudioContexts: creating one, asking it to run (inside a
// user gesture when there is one: iOS Safari only lets a context start from a gesture), its state for the
// "Resume audio" button, and closing it.

import { WIRE_RATE } from './pcm.js';

/** A context at the wire rate when the browser allows it (no resampling at all), else at the device rate. */
function createContext(preferWireRate) {
  if (preferWireRate) {
    try {
      return new AudioContext({ sampleRate: WIRE_RATE, latencyHint: 'interactive' });
    } catch (ignored) {
      // Old Safari rejects the sampleRate option; fall through to the device rate (the capture worklet then
      // resamples to 24 kHz, the playback worklet upsamples from 24 kHz).
    }
  }
  return new AudioContext({ latencyHint: 'interactive' });
}

/** Disconnects an audio node, which may already be disconnected. */
export function disconnectQuietly(node) {
  try {
    if (node) {
      node.disconnect();
    }
  } catch (ignored) {
    // already disconnected
  }
}

/** The part of Microphone and Player that owns their AudioContext. */
export class AudioContextOwner {
  /** @param {() => void} [onContextState]  the context's state changed (running, suspended, closed...) */
  constructor(onContextState) {
    this.onContextState = onContextState || (() => {});
    this.context = null;
    this.resumedInGesture = false;
  }

  /** Synchronous part, for the user gesture: create the context and ask it to run. */
  prepare(inGesture) {
    if (this.context || typeof AudioContext === 'undefined') {
      return;
    }
    this.openContext(true, inGesture);
  }

  openContext(preferWireRate, inGesture) {
    this.context = createContext(preferWireRate);
    this.context.onstatechange = () => this.onContextState();
    this.resume(inGesture);
  }

  resume(inGesture) {
    if (!this.context || this.context.state === 'closed') {
      return Promise.resolve();
    }
    if (inGesture) {
      this.resumedInGesture = true;
    }
    return this.context.resume().catch(() => {});
  }

  get state() {
    return this.context ? this.context.state : 'closed';
  }

  /** Closes the context quietly: no state change is reported any more. */
  closeContext() {
    if (this.context && this.context.state !== 'closed') {
      this.context.onstatechange = null;
      this.context.close().catch(() => {});
    }
    this.context = null;
  }
}

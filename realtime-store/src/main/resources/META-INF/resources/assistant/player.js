// Assistant speech output: a 24 kHz AudioContext with the playback worklet, plus the timeline that maps the
// played-sample count back to conversation items.
//
// Positions are "stream samples": sample n is the n-th 24 kHz sample ever pushed to this player. For each
// assistant item the timeline keeps where its audio starts and how much has arrived, so that
//   - barge-in can say exactly how many ms of the item were heard (conversation.item.truncate), and
//   - captions can be revealed when playback reaches the position their text arrived at.

import { samplesToMs } from './pcm.js';
import { AudioContextOwner, disconnectQuietly } from './audio-context.js';

const WORKLET_URL = new URL('./playback-worklet.js', import.meta.url).href;
const PROCESSOR = 'realtime-store-playback';
const MAX_TIMELINE_ITEMS = 32; // a few answers' worth; older items can no longer be interrupted
const FLUSH_TIMEOUT_MS = 250; // a suspended context may never answer; then the last reported count is used

export class Player extends AudioContextOwner {
  /**
   * @param {object} handlers
   * @param {(played: number) => void} handlers.onProgress  every ~50 ms while playing, and when playback stops
   * @param {() => void} handlers.onContextState
   */
  constructor({ onProgress, onContextState }) {
    super(onContextState);
    this.onProgress = onProgress;
    this.node = null;
    this.starting = null;
    this.failed = false;
    this.closed = false;
    this.pending = []; // chunks pushed before the worklet was ready
    this.cursor = 0; // stream samples received (end of the queue)
    this.played = 0; // stream samples the worklet reports as played
    this.items = new Map(); // itemId → {first, count, done}
    this.flushes = new Map(); // flush id → resolve
    this.flushSeq = 0;
    this.held = []; // [itemId, samples] pushed while a flush is in flight, replayed once it is answered
  }

  /**
   * Whether audio pushed now would be heard soon. A context started outside a user gesture (after a page
   * navigation) stays suspended until the shopper presses "Resume audio"; audio is dropped meanwhile rather
   * than piling up and playing late.
   */
  get audible() {
    if (!this.context || this.failed || this.closed) {
      return false;
    }
    return this.context.state === 'running' || (this.context.state === 'suspended' && this.resumedInGesture);
  }

  start() {
    if (!this.starting) {
      this.starting = this.load().catch((error) => {
        this.failed = true;
        throw error;
      });
    }
    return this.starting;
  }

  async load() {
    if (!this.context) {
      this.prepare(false);
    }
    if (!this.context || typeof AudioWorkletNode === 'undefined') {
      throw new Error('this browser cannot play the assistant\'s voice (no AudioWorklet)');
    }
    await this.context.audioWorklet.addModule(WORKLET_URL);
    if (this.closed) {
      return;
    }
    const node = new AudioWorkletNode(this.context, PROCESSOR, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
    });
    node.port.onmessage = (event) => this.onMessage(event.data);
    node.connect(this.context.destination);
    this.node = node;
    for (const samples of this.pending) {
      node.port.postMessage({ type: 'push', samples }, [samples.buffer]);
    }
    this.pending = [];
  }

  onMessage(message) {
    if (!message) {
      return;
    }
    if (message.type === 'progress') {
      this.played = message.played;
      this.onProgress(this.played);
    } else if (message.type === 'flushed') {
      const resolve = this.flushes.get(message.id);
      if (resolve) {
        this.flushes.delete(message.id);
        this.flushed(message.played);
        resolve(message.played);
      }
      this.onProgress(this.played);
    }
  }

  // The worklet's queue is empty and `played` samples reached the output: every item's received audio is cut
  // there, and the stream continues from that position.
  flushed(played) {
    this.played = played;
    for (const item of this.items.values()) {
      if (item.first + item.count > played) {
        item.count = Math.max(0, played - item.first);
        item.first = Math.min(item.first, played);
      }
    }
    this.cursor = played;
    if (this.flushes.size === 0) {
      const held = this.held;
      this.held = [];
      for (const [itemId, samples] of held) {
        this.push(itemId, samples);
      }
    }
  }

  /** Queues one audio delta of an assistant item. */
  push(itemId, samples) {
    if (samples.length === 0 || this.closed) {
      return;
    }
    if (this.flushes.size > 0) {
      // Positions are only known again once the worklet says where the flush cut the stream.
      this.held.push([itemId, samples]);
      return;
    }
    let item = this.items.get(itemId);
    if (!item) {
      item = { first: this.cursor, count: 0, done: false };
      this.items.set(itemId, item);
      this.prune();
    }
    item.count += samples.length;
    this.cursor += samples.length;
    if (this.node) {
      this.node.port.postMessage({ type: 'push', samples }, [samples.buffer]);
    } else {
      this.pending.push(samples);
    }
  }

  /** The item's audio is complete (response.output_audio.done). */
  markDone(itemId) {
    const item = this.items.get(itemId);
    if (item) {
      item.done = true;
    }
  }

  /** Stream position where the item's received audio ends, or null when it has none. */
  itemEnd(itemId) {
    const item = this.items.get(itemId);
    return item ? item.first + item.count : null;
  }

  /** Milliseconds of the item actually played, never more than was received. */
  playedMs(itemId) {
    const item = this.items.get(itemId);
    if (!item) {
      return 0;
    }
    const heard = Math.min(Math.max(this.played - item.first, 0), item.count);
    return samplesToMs(heard);
  }

  /** Whether some received audio has not been played yet. */
  get hasQueued() {
    return this.cursor > this.played;
  }

  /** The item being played now, or the next one waiting; null when nothing is queued. */
  currentItem() {
    let waiting = null;
    for (const [itemId, item] of this.items) {
      const end = item.first + item.count;
      if (this.played >= item.first && this.played < end) {
        return itemId;
      }
      if (waiting === null && item.first >= this.played && item.count > 0) {
        waiting = itemId;
      }
    }
    return waiting;
  }

  /**
   * Drops everything queued, at once. Resolves with the exact number of stream samples played when the
   * worklet dropped the queue.
   */
  flush() {
    if (!this.node) {
      // Nothing reached the worklet yet: nothing was heard.
      this.pending = [];
      this.flushed(this.played);
      return Promise.resolve(this.played);
    }
    const id = ++this.flushSeq;
    return new Promise((resolve) => {
      this.flushes.set(id, resolve);
      this.node.port.postMessage({ type: 'flush', id });
      setTimeout(() => {
        if (this.flushes.delete(id)) {
          this.flushed(this.played);
          resolve(this.played);
        }
      }, FLUSH_TIMEOUT_MS);
    });
  }

  prune() {
    while (this.items.size > MAX_TIMELINE_ITEMS) {
      const oldest = this.items.keys().next().value;
      this.items.delete(oldest);
    }
  }

  close() {
    this.closed = true;
    for (const resolve of this.flushes.values()) {
      resolve(this.played);
    }
    this.flushes.clear();
    this.pending = [];
    if (this.node) {
      this.node.port.onmessage = null;
      disconnectQuietly(this.node);
      this.node = null;
    }
    this.closeContext();
  }
}

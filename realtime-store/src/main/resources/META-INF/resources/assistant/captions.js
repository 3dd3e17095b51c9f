// Keeping the assistant's captions in step with its voice: a caption delta is stamped with where the audio
// received so far ends, and revealed once the player has played up to there. When audio cannot be heard
// (suspended context, no AudioWorklet) captions show at once instead. Also: waiting for playback to drain, so
// that a goodbye (or the last answer) is heard to the end before the audio is torn down.

const DRAIN_LIMIT_MS = 20000; // longest wait for the goodbye audio to finish

/** Reveals the captions whose audio has played; all of them when nothing can be heard. */
export function advanceCaptions(transcript, player) {
  transcript.advance(player && player.audible ? player.played : Infinity);
}

/** Where a caption delta arriving now belongs on the playback timeline. */
export function captionPosition(player) {
  return player && player.audible ? player.cursor : -Infinity;
}

/**
 * The items will get no more audio: each caption completes where the item's received audio ends, and
 * `noAudio(itemId)` decides what happens to an item that got none.
 */
export function settleCaptions(transcript, player, itemIds, noAudio) {
  for (const itemId of itemIds) {
    const end = player ? player.itemEnd(itemId) : null;
    if (end === null) {
      noAudio(itemId);
    } else {
      transcript.assistantAudioComplete(itemId, end);
    }
  }
}

export class PlaybackDrain {
  constructor() {
    this.waiters = [];
  }

  /** Resolves once the queued audio has played (at most DRAIN_LIMIT_MS); at once when nothing audible is queued. */
  wait(player) {
    if (!player || !player.hasQueued || !player.audible) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      setTimeout(resolve, DRAIN_LIMIT_MS);
    });
  }

  /** Playback drained (or stopped for good): every waiter goes on. */
  release() {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }
}

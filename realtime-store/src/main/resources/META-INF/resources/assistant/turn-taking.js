// Turn-taking: when the shopper takes the turn (speaking over the assistant, pressing Talk, typing a
// question), the assistant is silenced at once and the conversation is told how much of its answer was heard.

/** Whether the assistant has the turn: audio still queued to play, or a response in progress. */
export function assistantBusy({ player, responses }) {
  return Boolean((player && player.hasQueued) || responses.active);
}

/**
 * Silences the assistant now: flush the player, cancel the response (unless the gateway does it, as on
 * VAD barge-in), then truncate the item being played at what was actually heard.
 * @param {object} a  the controller
 * @param {{cancel: boolean}} options  cancel: send response.cancel for the response in progress
 */
export async function stopAssistant(a, { cancel }) {
  const responseId = a.responses.dropActive();
  const player = a.player;
  const playing = player && player.hasQueued ? player.currentItem() : null;
  let flushing = null;
  if (player && player.hasQueued) {
    flushing = player.flush(); // posted before anything else: the sound stops within one render quantum
    a.counters.flushes++;
  }
  if (cancel && responseId) {
    a.send({ type: 'response.cancel' });
  }
  if (flushing) {
    await flushing;
    if (playing && player === a.player) {
      const ms = player.playedMs(playing);
      a.send({ type: 'conversation.item.truncate', item_id: playing, content_index: 0, audio_end_ms: ms });
      a.counters.lastTruncate = { item_id: playing, audio_end_ms: ms };
    }
  }
  // Captions keep what was heard; everything after it is cut.
  a.transcript.cutAt(player ? player.played : -Infinity);
  for (const itemId of responseId ? a.responses.itemsOf(responseId) : []) {
    if (a.transcript.isEmpty(itemId) || a.transcript.isStreamingText(itemId)) {
      a.transcript.interrupt(itemId); // cancelled before a word was shown, or a text answer cut off mid-way
    }
  }
  a.render();
}

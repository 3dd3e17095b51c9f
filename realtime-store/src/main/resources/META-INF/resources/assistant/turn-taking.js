// Turn-taking: when the shopper takes the turn (speaking over the assistant, pressing Talk, typing a
// question), the assistant is silenced at once and the conversation is told how much of its answer was heard.
// On a WebRTC call the service plays the audio, so it is the one that knows what was heard (see stopCall).

import { rememberBounded } from './responses.js';

/** Whether the assistant has the turn: audio still queued (or, on a call, playing), or a response in progress. */
export function assistantBusy({ player, responses, remoteSpeaking }) {
  return Boolean((player && player.hasQueued) || remoteSpeaking || responses.active);
}

/**
 * Silences the assistant now: flush the player, cancel the response (unless the gateway does it, as on
 * VAD barge-in), then truncate the item being played at what was actually heard.
 * @param {object} a  the controller
 * @param {{cancel: boolean}} options  cancel: send response.cancel for the response in progress
 */
export async function stopAssistant(a, { cancel }) {
  if (a.transport === 'webrtc') {
    stopCall(a, { cancel });
    return;
  }
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

/**
 * The same on a WebRTC call. The service plays the answer and truncates the item at what was played itself; the
 * panel asks it to stop: clear its output audio, then cancel the response. (On VAD barge-in, cancel false, the
 * service does both on its own.) The captions are marked interrupted when the service confirms, with
 * output_audio_buffer.cleared or a cancelled response.done (webrtc-events.js); meanwhile the dropped response's late
 * text is ignored.
 */
function stopCall(a, { cancel }) {
  const responseId = a.responses.dropActive();
  if (cancel) {
    if (a.remoteSpeaking || responseId) {
      // Sent as well when audio may be about to start; if there was nothing to clear, its error is not shown.
      const clear = { type: 'output_audio_buffer.clear' };
      if (a.send(clear)) {
        rememberBounded(a.call.quietEvents, clear.event_id, 8);
      }
    }
    if (responseId) {
      a.send({ type: 'response.cancel' });
    }
  }
  a.render();
}

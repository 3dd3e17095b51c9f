// What the status line says: [state, text] worked out from the conversation's state. The state goes to
// #assistant-status's data-state (see STATES in status.js) and to stats().state; the text is what is shown.
// Earlier checks win: the phase of the link first, then the assistant speaking, then the shopper's side.

/** @param {object} state  the controller; only the fields named here are read */
export function computeStatus({
  phase, idleText, retryAt, ending, sessionReady, awaiting, userSpeaking, player, mic, micState, ptt, talking, textOnly,
  transport, remoteSpeaking, remoteAudio, chatReason,
}) {
  switch (phase) {
    case 'idle':
      return ['idle', idleText];
    case 'error':
      return ['error', 'Not connected — see the message below'];
    case 'connecting':
      return ['connecting', 'Connecting…'];
    case 'chat':
      return awaiting ? ['thinking', 'Thinking…'] : ['text', `Text chat: ${chatReason ? chatReason.words : 'voice unavailable'}`];
    case 'reconnecting': {
      if (retryAt) {
        const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
        return ['reconnecting', `Reconnecting in ${seconds} s…`];
      }
      return ['reconnecting', 'Reconnecting…'];
    }
    default:
      break;
  }
  // On a WebRTC call the service says when its audio plays (output_audio_buffer.started … stopped).
  const speaking = (player && player.hasQueued && player.audible) || remoteSpeaking;
  if (speaking) {
    return ['speaking', ending ? 'Saying goodbye…' : 'Speaking…'];
  }
  if (phase === 'ending' || ending) {
    return ['idle', 'Ending the conversation…'];
  }
  if (!sessionReady) {
    return ['connecting', 'Connecting…'];
  }
  if (awaiting && !userSpeaking) {
    return ['thinking', 'Thinking…'];
  }
  if (micState === 'on') {
    if (transport === 'webrtc') {
      // The call carries the microphone whatever its meter's context does; what can be held up is the playback.
      if (remoteAudio.state === 'suspended') {
        return ['idle', 'Audio paused — press “Resume audio” to hear the assistant'];
      }
    } else if (mic && mic.state !== 'running' && !mic.resumedInGesture) {
      return ['idle', 'Audio paused — press “Resume audio” to talk'];
    }
    if (ptt && !talking) {
      return ['listening', 'Ready — hold Talk to speak'];
    }
    return ['listening', 'Listening…'];
  }
  if (micState === 'starting') {
    return ['connecting', 'Starting the microphone…'];
  }
  return ['text', `Text only: ${textOnly ? textOnly[0] : 'no microphone'}`];
}

// The counters behind window.realtimeStoreAssistant.stats(), the read-only view the Selenium tests use.

export function newCounters() {
  return {
    capturedSamples: 0, // microphone samples captured, streamed or not
    sentAppends: 0, // input_audio_buffer.append events sent
    receivedAudioSamples: 0, // assistant audio samples received, played or not
    playedBase: 0, // samples played by the players of earlier connections
    flushes: 0, // player flushes (the assistant silenced)
    lastTruncate: null, // {item_id, audio_end_ms} of the last conversation.item.truncate sent
    serverEvents: 0,
    clientEvents: 0,
    reconnects: 0,
    eventSeq: 0, // the sequence behind client event ids
    chatMessages: 0, // messages sent to the text chat
    chatAnswers: 0, // chat turns that ended with the gateway's done
    chatErrors: 0, // chat error events, the gateway's and the panel's own (refused, unreachable, timed out)
    voiceProbes: 0, // background attempts to get voice back during a text chat
  };
}

/** A snapshot (never a live object) of the counters and of `state`, the status line's current state. */
export function statsSnapshot({ counters: c, connection, textOnly, player, transport, remoteAudio, phase, chatLink }, state) {
  return {
    state,
    mode: phase === 'chat' ? 'text' : 'voice', // text: the conversation goes through the gateway's text chat
    chatSession: chatLink.session, // the text chat's session id, kept for the next chat turn (or fallback)
    connected: connection.isOpen, // on a WebRTC call: its data channel is open
    transport, // 'websocket' | 'webrtc'
    callId: connection.callId || null, // the WebRTC call's id (rtc_…) while there is one
    remoteAudioPlaying: transport === 'webrtc' && remoteAudio.playing, // the call's audio element plays, time advancing
    dataChannelState: connection.dataChannelState || null, // the call's data channel readyState; null without a call
    textOnly: textOnly !== null || phase === 'chat', // no microphone in use: typed questions only
    capturedSamples: c.capturedSamples,
    sentAppends: c.sentAppends,
    receivedAudioSamples: c.receivedAudioSamples,
    playedSamples: c.playedBase + (player ? player.played : 0),
    flushes: c.flushes,
    lastTruncate: c.lastTruncate ? { item_id: c.lastTruncate.item_id, audio_end_ms: c.lastTruncate.audio_end_ms } : null,
    serverEvents: c.serverEvents,
    clientEvents: c.clientEvents,
    reconnects: c.reconnects,
    chatMessages: c.chatMessages,
    chatAnswers: c.chatAnswers,
    chatErrors: c.chatErrors,
    voiceProbes: c.voiceProbes,
  };
}

// How the panel reaches the voice service — the "Connection" select (#assistant-transport):
//   websocket  through the store's audio gateway (connection.js): PCM16 audio inside JSON events; the default;
//   webrtc     directly, a WebRTC call with the voice service (webrtc-connection.js): media tracks and a data
//              channel, the SDP exchanged through the store.
// Changing it while connected reconnects with the new one and carries the conversation over as context. When the
// store refuses a call (its assistant runs on the built-in voice engine, say), the panel says why, switches the
// select back to the WebSocket and connects that way, so the shopper can keep talking.

import { Connection } from './connection.js';
import { linkHandlers } from './connection-events.js';
import { handleServerEvent } from './server-events.js';
import { microphoneTrack, streamMicrophone } from './voice-input.js';
import { WebRtcConnection } from './webrtc-connection.js';
import { DATA_CHANNEL_HANDLERS } from './webrtc-events.js';

export const TRANSPORTS = ['websocket', 'webrtc'];

/** A select value (or a stored one) → a transport this panel knows; anything else is the WebSocket. */
export function transportOf(value) {
  return TRANSPORTS.includes(value) ? value : 'websocket';
}

function webSocketHandlers(a) {
  return { onEvent: (event) => handleServerEvent(a, event), ...linkHandlers(a) };
}

/** A new link of the given kind, wired to the controller. */
export function makeConnection(a, kind) {
  if (kind !== 'webrtc') {
    return new Connection(webSocketHandlers(a));
  }
  return new WebRtcConnection({
    onEvent: (event) => handleServerEvent(a, event, DATA_CHANNEL_HANDLERS),
    ...linkHandlers(a),
    localTrack: () => microphoneTrack(a),
    onRemoteStream: (stream) => a.remoteAudio.attach(stream),
    onRefused: (info) => fallBackToWebSocket(a, info),
  });
}

/** A WebSocket link opened elsewhere (voice-probe.js) becomes the controller's: its callbacks now come here. */
export function adoptConnection(a, link) {
  link.handlers = webSocketHandlers(a);
  return link;
}

/** The shopper changed the select (a user gesture: the new session's audio may start from it). */
export function chooseTransport(a, value) {
  const kind = transportOf(value);
  if (kind === a.transport) {
    return;
  }
  const live = a.isActive() && !a.ending && a.phase !== 'ending';
  if (a.isActive()) {
    a.connection.close();
    a.teardown();
    a.phase = 'idle';
  }
  a.useTransport(kind);
  if (live) {
    a.connect({ voice: a.wantVoice, resume: false });
    a.contextOnOpen = true; // a new session: it is told what was said so far
    a.contextReason = 'switched';
  } else {
    a.render();
  }
  a.saver.schedule();
}

/**
 * The store refused the WebRTC call (or this browser cannot make one): show why and go on over the WebSocket.
 * The microphone stays open (it starts streaming chunks) and the player is started now, outside the gesture.
 */
function fallBackToWebSocket(a, { message, retry }) {
  const earlier = a.status.noticeText; // e.g. why the microphone is not used
  a.useTransport('websocket');
  a.status.showNotice(earlier && earlier !== message ? `${message} ${earlier}` : message);
  a.remoteAudio.detach();
  a.startPlayer(false);
  streamMicrophone(a);
  a.connection.connect({ retry });
  a.render();
  a.saver.schedule();
}

// How the conversation follows the link to the gateway (the Connection's callbacks, all but onEvent): attempts
// and retries with their countdown, the socket opening, an established connection dropping, the session
// closing for good, and a failure that ends it. A WebRTC call (webrtc-connection.js) reports the same way.

import { MAX_ATTEMPTS } from './retrying-link.js';
import { advanceCaptions, settleCaptions } from './captions.js';
import { buildContext } from './session-setup.js';
import { enterTextChat, voiceDownReason } from './text-chat.js';

/** The handlers for new Connection({...}), bound to the controller. */
export function linkHandlers(a) {
  return {
    onOpen: (info) => opened(a, info),
    onAttempt: (info) => attempting(a, info),
    onRetry: (info) => retrying(a, info),
    onDrop: () => dropped(a),
    onClosed: (info) => closed(a, info),
    onFailed: (info) => failed(a, info),
  };
}

function attempting(a, { attempt }) {
  if (attempt > 0) {
    a.counters.reconnects++;
    a.phase = 'reconnecting';
  } else {
    a.phase = 'connecting';
  }
  a.retryAt = 0;
  stopCountdown(a);
  a.render();
}

function retrying(a, { delayMs }) {
  a.phase = 'reconnecting';
  a.sessionReady = false;
  a.retryAt = Date.now() + delayMs;
  stopCountdown(a);
  a.timers.countdown = setInterval(() => a.render(), 250);
  a.render();
}

function stopCountdown(a) {
  clearInterval(a.timers.countdown);
  a.timers.countdown = 0;
}

function opened(a, { reconnect }) {
  a.phase = 'open';
  cancelSetupFallback(a);
  a.sessionReady = false;
  a.responses.active = null;
  a.awaiting = false;
  a.userSpeaking = false;
  a.currentVoice = '';
  a.remoteSpeaking = false;
  a.call.speakingResponse = null;
  a.retryAt = 0;
  stopCountdown(a);
  if (reconnect || a.contextOnOpen) {
    // contextOnOpen: a new session that continues the conversation (the shopper switched the connection)
    a.pendingContext = buildContext(a.transcript, a.contextReason);
  }
  a.contextOnOpen = false;
  a.contextReason = 'dropped';
  a.render();
  a.saver.schedule();
}

/** An established connection dropped; a reconnect follows. Audio already received keeps playing. */
function dropped(a) {
  cancelSetupFallback(a);
  a.sessionReady = false;
  a.talking = false;
  a.remoteSpeaking = false;
  a.talkTail = false; // the released turn's commit has no session to go to
  clearTimeout(a.timers.talkTail);
  a.responses.active = null;
  a.awaiting = false;
  a.userSpeaking = false;
  // The rest of an answer in flight will never arrive: its caption ends with the audio that did.
  settleCaptions(a.transcript, a.player, a.transcript.revealingItems(), (itemId) => a.transcript.interrupt(itemId));
  advanceCaptions(a.transcript, a.player);
}

function closed(a, { code, reason }) {
  a.sessionReady = false;
  stopCountdown(a);
  const message = a.ending ? 'Conversation ended'
    : (a.closeText || (code === 1000 ? 'Session closed' : `Session closed (${reason || code})`));
  a.closeText = '';
  a.phase = 'ending';
  a.render();
  a.saver.schedule();
  // Let the goodbye (or the last answer) finish playing before the audio is torn down.
  a.drain.wait(a.player).then(() => {
    if (a.phase !== 'ending') {
      return; // the shopper pressed Connect or Disconnect meanwhile
    }
    a.teardown();
    a.phase = 'idle';
    a.idleText = message;
    a.render();
    a.saver.schedule();
  });
}

function failed(a, { message, gaveUp, reason }) {
  if (reason === 'unreachable') {
    enterTextChat(a, voiceDownReason(reason)); // the gateway's WebSocket is out of reach: its text chat may not be
    return;
  }
  a.teardown();
  a.phase = 'error';
  a.status.showNotice(gaveUp
    ? `Lost the connection to the assistant and could not reconnect after ${MAX_ATTEMPTS} attempts (${message}). Press Connect to try again.`
    : message);
  a.render();
  a.saver.schedule();
}

/** The set-up fallback timer started by one connection's session.created must not set up the next connection. */
function cancelSetupFallback(a) {
  clearTimeout(a.timers.setup);
  a.timers.setup = 0;
}

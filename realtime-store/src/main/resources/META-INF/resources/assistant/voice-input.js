// The shopper's microphone as the conversation sees it: opening it (its context inside the Connect gesture),
// the level meter, and going on as a text chat (text-chat.js) when it cannot be used or goes away. On a WebRTC call
// the microphone's track goes into the call (microphoneTrack) instead of the capture worklet's chunks.

import { Microphone } from './microphone.js';
import { onMicChunk } from './talk.js';
import { enterTextChat } from './text-chat.js';

// Text-only reasons: a short form for the status line, a full sentence for the note. `typed` is the conversation
// the shopper started by typing (no microphone asked for), over the WebSocket with spoken answers.
export const TEXT_ONLY = {
  denied: ['microphone access denied',
    'Microphone access was denied — type your question below; to talk, allow the microphone for this site and reconnect.'],
  missing: ['no microphone found',
    'No microphone was found — type your question below; to talk, connect a microphone and reconnect.'],
  insecure: ['this page is not secure',
    'The microphone needs a secure page (https:// or localhost) — type your question below.'],
  unsupported: ['this browser cannot record',
    'This browser cannot record audio here — type your question below.'],
  busy: ['microphone busy',
    'The microphone could not be started; another application may be using it — type your question below, or close that application and reconnect.'],
  ended: ['microphone disconnected',
    'The microphone was disconnected — type your question below, or reconnect to talk.'],
  typed: ['typed conversation', ''],
};

// -60 dBFS (room noise) … 0 dBFS (full scale) onto the meter's 0…1: RMS itself would barely move for speech.
function levelFromRms(rms) {
  if (!(rms > 0)) {
    return 0;
  }
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}

/** Creates the microphone and asks its context to run (synchronously: part of the gesture), then opens it. */
export function openMicrophone(a, inGesture) {
  a.mic = new Microphone({
    onChunk: (samples) => onMicChunk(a, samples),
    onLevel: (rms) => a.showLevel(levelFromRms(rms)),
    onEnded: () => microphoneLost(a),
    onContextState: () => a.scheduleResumeCheck(),
    capture: a.transport !== 'webrtc',
  });
  a.mic.prepare(inGesture);
  a.micReady = startMicrophone(a, a.mic);
}

/**
 * The microphone's track for a WebRTC offer, once the microphone is settled (the shopper may still be answering
 * the permission prompt); null without one, and the call is made to listen only.
 */
export async function microphoneTrack(a) {
  await a.micReady;
  return a.mic && a.micState === 'on' ? a.mic.track : null;
}

/** The WebRTC call was refused and the WebSocket takes over: the open microphone starts streaming chunks. */
export function streamMicrophone(a) {
  const mic = a.mic;
  if (!mic) {
    return;
  }
  mic.startCapture().catch((error) => {
    if (mic !== a.mic) {
      return;
    }
    a.mic = null;
    enterTextOnly(a, error.kind || 'other', error.message);
  });
}

async function startMicrophone(a, mic) {
  a.micState = 'starting';
  a.render();
  try {
    await mic.start();
    if (mic !== a.mic) {
      return;
    }
    a.micState = 'on';
  } catch (error) {
    if (mic !== a.mic) {
      return;
    }
    a.mic = null;
    enterTextOnly(a, error.kind || 'other', error.message);
  }
  a.render();
}

/** The microphone cannot be used: the conversation goes on by text chat, saying why (no voice to wait for). */
function enterTextOnly(a, kind, detail) {
  const [words, note] = TEXT_ONLY[kind] || ['microphone unavailable',
    `The microphone could not be started (${detail}) — type your question below.`];
  enterTextChat(a, { code: kind, words, note, probe: false });
}

function microphoneLost(a) {
  if (a.mic) {
    a.mic.stop();
    a.mic = null;
  }
  enterTextOnly(a, 'ended');
}

// What a WebRTC call's data channel changes in the handling of server events. server-events.js handles the rest
// the same way for both links; these handlers take precedence on a call (handleServerEvent's overrides):
//   - the session is set up at session.created: no store.session follows, so there is nothing to wait for; the
//     voice picker offers the voices the store listed last (remembered), else the gateway's defaults;
//   - the assistant speaks between output_audio_buffer.started and .stopped: its voice is a media track, with no
//     played position, so captions show as their text arrives;
//   - the service truncates what was not heard itself: captions are marked interrupted when it reports a response
//     cancelled or its output audio cleared;
//   - product cards come from the tool outputs (function_call_output items, see tool-cards.js);
//   - after the assistant calls end_conversation and its goodbye has been heard, the panel hangs up (on the
//     WebSocket the gateway closes the session itself; on a call it only runs the tool).

import { MAX_TRACKED_RESPONSES, rememberBounded } from './responses.js';
import { sharedHandler } from './server-events.js';
import { fillVoices, setup } from './session-setup.js';
import { productsFromToolOutput } from './tool-cards.js';

// The gateway's default session.allowed-voices: on a direct call no store.session lists them.
const DEFAULT_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];
const END_TOOL = 'end_conversation';
const GOODBYE_LIMIT_MS = 20000; // longest wait for the goodbye to be said and heard
const GOODBYE_START_MS = 600; // the goodbye's response is done but its audio has not started yet: wait that long

/** Per-call bookkeeping of the handlers below (the controller's `call`, renewed by teardown). */
export function newCallState() {
  return {
    speakingResponse: null, // the response whose audio the service is playing
    spokenItems: new Map(), // response id → assistant items, kept after response.done while audio may still play
    shownOutputs: new Set(), // function_call_output items already turned into cards (added, then done)
    quietEvents: new Set(), // our output_audio_buffer.clear event ids: an error about one means nothing to clear
    turnDetection: null, // the service's own VAD settings, restored when push-to-talk is turned off
    goodbye: null, // null | 'asked' (end_conversation called) | 'said' (the goodbye's response is done)
  };
}

function noteSession(a, session) {
  sharedHandler('session.updated')(a, { session });
  const detection = session && session.audio && session.audio.input && session.audio.input.turn_detection;
  if (detection && typeof detection === 'object') {
    a.call.turnDetection = detection;
  }
}

function showToolCards(a, item) {
  if (!item || item.type !== 'function_call_output' || typeof item.id !== 'string' || a.call.shownOutputs.has(item.id)) {
    return;
  }
  const products = productsFromToolOutput(item);
  if (products.length > 0) {
    rememberBounded(a.call.shownOutputs, item.id, 2 * MAX_TRACKED_RESPONSES);
    a.cards.show(products);
  }
}

/** Marks the captions of a response interrupted: what the shopper did not hear was cut off by the service. */
function interruptResponse(a, responseId) {
  const items = new Set([...a.responses.itemsOf(responseId), ...(a.call.spokenItems.get(responseId) || [])]);
  for (const itemId of items) {
    a.transcript.interrupt(itemId);
  }
}

function rememberSpoken(a, responseId, items) {
  if (!responseId || items.length === 0) {
    return;
  }
  const spoken = a.call.spokenItems;
  spoken.set(responseId, items);
  if (spoken.size > MAX_TRACKED_RESPONSES) {
    spoken.delete(spoken.keys().next().value);
  }
}

// ---- the goodbye ------------------------------------------------------------------------------------------------

function hangUp(a) {
  clearTimeout(a.timers.goodbye);
  a.timers.goodbye = 0;
  a.call.goodbye = null;
  if (a.transport === 'webrtc' && a.isActive()) {
    a.connection.hangUp('conversation ended');
  }
}

/** Hangs up after `ms`; unless `force`d, a goodbye whose audio started meanwhile is waited for (until its stop). */
function hangUpAfter(a, ms, force) {
  clearTimeout(a.timers.goodbye);
  a.timers.goodbye = setTimeout(() => {
    if (!force && a.remoteSpeaking) {
      hangUpAfter(a, GOODBYE_LIMIT_MS, true);
      return;
    }
    hangUp(a);
  }, ms);
}

function followGoodbye(a, response) {
  if (response.status !== 'completed') {
    return;
  }
  const output = Array.isArray(response.output) ? response.output : [];
  const calls = output.filter((item) => item && item.type === 'function_call');
  if (calls.some((item) => item.name === END_TOOL)) {
    // The gateway runs the tool and the assistant says goodbye in the next response; then the call ends.
    a.call.goodbye = 'asked';
    a.ending = true;
    a.talking = false;
    a.connection.expectClose();
    hangUpAfter(a, GOODBYE_LIMIT_MS, true);
    a.render();
    a.saver.schedule();
  } else if (a.call.goodbye === 'asked' && calls.length === 0) {
    a.call.goodbye = 'said'; // output_audio_buffer.stopped hangs up once it has been heard
    if (!a.remoteSpeaking) {
      hangUpAfter(a, GOODBYE_START_MS, false);
    }
  }
}

// ---- the handlers -------------------------------------------------------------------------------------------------

const handlers = {
  'session.created'(a, event) {
    noteSession(a, event.session);
    a.connection.markEstablished();
    if (a.voices.length === 0) {
      a.voices = DEFAULT_VOICES.slice();
    }
    fillVoices(a.ui.voice, a.voices, a.voices.includes(a.voice) ? a.voice : a.currentVoice);
    setup(a);
  },

  'session.updated'(a, event) {
    noteSession(a, event.session);
  },

  'conversation.item.added'(a, event) {
    sharedHandler('conversation.item.added')(a, event);
    showToolCards(a, event.item);
  },

  'conversation.item.done'(a, event) {
    sharedHandler('conversation.item.done')(a, event);
    showToolCards(a, event.item);
  },

  'output_audio_buffer.started'(a, event) {
    a.remoteSpeaking = true;
    a.call.speakingResponse = typeof event.response_id === 'string' ? event.response_id : a.responses.active;
    a.awaiting = false;
    if (a.call.goodbye === 'said') {
      clearTimeout(a.timers.goodbye); // wait for the stop instead, within the limit
      hangUpAfter(a, GOODBYE_LIMIT_MS, true);
    }
    a.render();
  },

  'output_audio_buffer.stopped'(a) {
    a.remoteSpeaking = false;
    a.call.speakingResponse = null;
    a.render();
    if (a.call.goodbye === 'said') {
      hangUp(a);
    }
  },

  'output_audio_buffer.cleared'(a, event) {
    const responseId = typeof event.response_id === 'string' ? event.response_id : a.call.speakingResponse;
    if (responseId) {
      interruptResponse(a, responseId);
    }
    if (a.remoteSpeaking) {
      a.counters.flushes++; // the assistant was silenced, as a player flush is counted on the WebSocket
    }
    a.remoteSpeaking = false;
    a.call.speakingResponse = null;
    a.render();
  },

  'response.done'(a, event) {
    const response = event.response || {};
    const items = a.responses.itemsOf(response.id).slice();
    if (response.status === 'cancelled') {
      interruptResponse(a, response.id);
    }
    // Its audio may still be playing after this: output_audio_buffer.cleared needs to know its items then.
    rememberSpoken(a, response.id, items);
    sharedHandler('response.done')(a, event);
    followGoodbye(a, response);
  },

  error(a, event) {
    const error = event.error || {};
    if (typeof error.event_id === 'string' && a.call.quietEvents.has(error.event_id)) {
      return; // our output_audio_buffer.clear raced the end of the audio: nothing to clear, nothing to say
    }
    sharedHandler('error')(a, event);
    if (error.code === 'idle_timeout' || error.code === 'session_expired') {
      a.connection.expectClose(); // the service ends the call next: that is not a drop to reconnect
    }
  },
};

/** The overrides for handleServerEvent on a WebRTC call. */
export const DATA_CHANNEL_HANDLERS = new Map(Object.entries(handlers));

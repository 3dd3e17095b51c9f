// What the microphone sends, and when: the gate that decides whether a captured chunk streams to the session,
// and push-to-talk turns (hold Talk: the input buffer starts empty; release: commit it and ask for the answer).
// Without push-to-talk the server's voice activity detection takes the turns.

import { int16ToBase64 } from './pcm.js';
import { assistantBusy, stopAssistant } from './turn-taking.js';

const MIN_COMMIT_SAMPLES = 2400; // 100 ms at 24 kHz: the Realtime API refuses to commit less
const MAX_SOCKET_BACKLOG = 1 << 20; // bytes; above this the link is not keeping up, so mic chunks are dropped

function shouldStream(a) {
  return a.micState === 'on' && a.sessionReady && !a.ending && a.connection.isOpen
    && (a.ptt ? a.talking : true);
}

/** Whether the Talk button can start a turn now. */
export function canTalk({ ptt, micState, sessionReady, ending }) {
  return ptt && micState === 'on' && sessionReady && !ending;
}

/** A captured chunk (24 kHz PCM16): streamed while the gate is open, then handed back to the capture worklet. */
export function onMicChunk(a, samples) {
  a.counters.capturedSamples += samples.length;
  if (shouldStream(a) && a.connection.bufferedAmount < MAX_SOCKET_BACKLOG) {
    if (a.send({ type: 'input_audio_buffer.append', audio: int16ToBase64(samples) })) {
      a.counters.sentAppends++;
      if (a.talking) {
        a.talkSamples += samples.length;
      }
    }
  }
  if (a.mic) {
    a.mic.recycle(samples);
  }
}

/** Push-to-talk turns off the server's turn detection; without it the server's VAD is back. */
export function sendTurnDetection(a) {
  a.send({
    type: 'session.update',
    session: { type: 'realtime', audio: { input: { turn_detection: a.ptt ? null : { type: 'server_vad' } } } },
  });
}

export function setPushToTalk(a, on) {
  if (a.ptt === on) {
    return;
  }
  if (!on && a.talking) {
    talkEnd(a);
  }
  a.ptt = on;
  if (a.sessionReady) {
    sendTurnDetection(a);
    if (on) {
      // Audio streamed for VAD up to now must not end up in the first push-to-talk turn.
      a.send({ type: 'input_audio_buffer.clear' });
    }
  }
  a.render();
  a.saver.schedule();
}

/** Talk pressed (pointer down, or Space/Enter down). */
export function talkStart(a) {
  a.resumeAudio();
  if (!canTalk(a) || a.talking) {
    return;
  }
  a.talking = true;
  a.talkSamples = 0;
  a.userSpeaking = true;
  a.awaiting = false;
  if (assistantBusy(a)) {
    stopAssistant(a, { cancel: true });
  }
  a.send({ type: 'input_audio_buffer.clear' });
  a.render();
}

/** Talk released: commit what was said and ask for the answer. */
export function talkEnd(a) {
  if (!a.talking) {
    return;
  }
  a.talking = false;
  a.userSpeaking = false;
  if (a.talkSamples < MIN_COMMIT_SAMPLES) {
    a.send({ type: 'input_audio_buffer.clear' });
    a.status.showNotice('That was too short to hear — hold the Talk button while you speak.');
  } else {
    a.send({ type: 'input_audio_buffer.commit' });
    a.send({ type: 'response.create' });
    a.awaiting = true;
  }
  a.render();
}

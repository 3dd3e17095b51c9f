// What the microphone sends, and when: the gate that decides whether a captured chunk streams to the session,
// and push-to-talk turns (hold Talk: the input buffer starts empty; release: commit it and ask for the answer).
// Without push-to-talk the server's voice activity detection takes the turns. On a WebRTC call the same gate
// mutes or unmutes the microphone's track in the call instead (syncMicTrack).

import { int16ToBase64 } from './pcm.js';
import { assistantBusy, stopAssistant } from './turn-taking.js';

const MIN_COMMIT_SAMPLES = 2400; // 100 ms at 24 kHz: the Realtime API refuses to commit less
const MAX_SOCKET_BACKLOG = 1 << 20; // bytes; above this the link is not keeping up, so mic chunks are dropped
const MIN_TALK_MS = 100; // on a call, as MIN_COMMIT_SAMPLES: a shorter press is taken for a slip
// On a call the audio travels as RTP and the commit on the data channel: the track stays open this much longer
// after Talk is released, so that the last words are in the input buffer before it is committed.
const TALK_TAIL_MS = 250;

function shouldStream(a) {
  return a.micState === 'on' && a.sessionReady && !a.ending && a.connection.isOpen
    && (a.ptt ? a.talking : true);
}

/** WebRTC: whether the microphone is heard in the call now (the same gate as shouldStream). */
function trackOpen(a) {
  return a.micState === 'on' && a.sessionReady && !a.ending && (a.ptt ? a.talking || a.talkTail : true);
}

/** WebRTC: mutes or unmutes the microphone in the call to match the gate (the controller calls this on render). */
export function syncMicTrack(a) {
  if (a.transport === 'webrtc') {
    a.connection.setSending(trackOpen(a));
  }
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
    session: {
      type: 'realtime',
      // On a call, turning push-to-talk off restores the service's own VAD settings from session.created.
      audio: { input: { turn_detection: a.ptt ? null : (a.call.turnDetection || { type: 'server_vad' }) } },
    },
  });
}

export function setPushToTalk(a, on) {
  if (a.ptt === on) {
    return;
  }
  if (!on && a.talking) {
    talkEnd(a);
  }
  commitTail(a); // a turn whose tail is still open is committed before the server's VAD is back
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
  commitTail(a); // pressed again right after a release: the previous turn goes first
  a.talking = true;
  a.talkSamples = 0;
  a.talkStartedAt = performance.now();
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
  if (a.transport === 'webrtc') {
    endCallTurn(a);
  } else if (a.talkSamples < MIN_COMMIT_SAMPLES) {
    a.send({ type: 'input_audio_buffer.clear' });
    a.status.showNotice('That was too short to hear — hold the Talk button while you speak.');
  } else {
    a.send({ type: 'input_audio_buffer.commit' });
    a.send({ type: 'response.create' });
    a.awaiting = true;
  }
  a.render();
}

/** WebRTC: Talk released. No samples are counted on a call: how long Talk was held says whether it was a slip. */
function endCallTurn(a) {
  if (performance.now() - a.talkStartedAt < MIN_TALK_MS) {
    a.send({ type: 'input_audio_buffer.clear' });
    a.status.showNotice('That was too short to hear — hold the Talk button while you speak.');
    return;
  }
  a.talkTail = true;
  a.awaiting = true;
  clearTimeout(a.timers.talkTail);
  a.timers.talkTail = setTimeout(() => commitTail(a), TALK_TAIL_MS);
}

/** WebRTC: the released turn's tail is over: mute, commit what was said and ask for the answer. */
function commitTail(a) {
  if (!a.talkTail) {
    return;
  }
  clearTimeout(a.timers.talkTail);
  a.timers.talkTail = 0;
  a.talkTail = false;
  a.send({ type: 'input_audio_buffer.commit' });
  a.send({ type: 'response.create' });
  a.render();
}

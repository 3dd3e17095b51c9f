// The conversation across page loads. The panel is on every page of the store: what the shopper has seen is
// saved to sessionStorage (storage.js) and restored on the next page, where a live conversation is resumed — by
// voice, or as the text chat it was (with the same chat session, and why it is one).
// pagehide closes the session cleanly; a page back from the back-forward cache picks it up again.

import { loadState } from './storage.js';
import { fillVoices } from './session-setup.js';
import { enterTextChat, savedReason } from './text-chat.js';

/** What is saved (the Saver calls this); restore() reads the same fields back. */
export function collectState(a) {
  return {
    transcript: a.transcript.snapshot(),
    cards: a.cards.snapshot(),
    connected: a.persistConnected !== null ? a.persistConnected : (a.isActive() && !a.ending),
    mode: a.wantVoice ? 'voice' : 'text',
    ptt: a.ptt,
    voice: a.voice,
    voices: a.voices,
    transport: a.transport,
    chat: a.chatReason,
    chatSession: a.chatLink.session,
  };
}

/** Picks a live conversation up again: as the text chat it was (`chat`, its reason), or by voice. No gesture here. */
function resumeConversation(a, chat) {
  if (chat) {
    enterTextChat(a, chat);
  } else {
    // The audio contexts may start suspended ("Resume audio" appears if so).
    a.connect({ voice: a.wantVoice, resume: true });
  }
}

/** Restores what the previous page left, and resumes the conversation if it was live. */
export function restore(a) {
  const saved = loadState();
  a.transcript.restore(saved.transcript);
  a.cards.restore(saved.cards);
  a.useTransport(saved.transport === 'webrtc' ? 'webrtc' : 'websocket');
  a.ptt = saved.ptt === true;
  a.voice = typeof saved.voice === 'string' ? saved.voice : '';
  a.voices = Array.isArray(saved.voices) ? saved.voices.filter((v) => typeof v === 'string') : [];
  fillVoices(a.ui.voice, a.voices, a.voice);
  a.ui.ptt.checked = a.ptt;
  a.chatLink.setSession(typeof saved.chatSession === 'string' ? saved.chatSession : null);
  a.wantVoice = saved.mode !== 'text';
  a.render();
  if (saved.connected === true) {
    resumeConversation(a, savedReason(saved.chat));
  }
}

/** The page is going away (navigation, tab close, or into the back-forward cache). */
export function pageHide(a) {
  a.persistConnected = a.isActive() && !a.ending;
  a.saver.flush();
  if (a.isActive()) {
    // A clean close lets the gateway end the session at once instead of waiting for a dead socket.
    a.connection.close();
    a.teardown();
    a.phase = 'idle';
  }
}

/** Back from the back-forward cache: pick the conversation up again if it was live when we left. */
export function pageShow(a, persisted) {
  const resume = persisted && a.persistConnected === true;
  a.persistConnected = null;
  if (resume) {
    resumeConversation(a, a.chatReason);
  }
}

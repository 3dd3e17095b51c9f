// The assistant's conversation, coordinated: this class owns the state the modules below share, starts and
// stops a session (player, microphone, connection), and keeps the transcript, cards, status and storage in step.
// panel.js owns the DOM wiring and calls the public methods here (connect, talkStart, submitText...); nothing in
// this file adds event listeners to the page.
//
// The link is one of two kinds, chosen with the panel's Connection select (transport.js): a WebSocket through the
// store's gateway (connection.js, with the Player for the assistant's voice), or a WebRTC call with the voice
// service (webrtc-connection.js, with RemoteAudio: the voice is a media track). Both report through the same
// handlers, and `this.transport` says which one `this.connection` is. When voice cannot be used at all, the
// conversation goes on as a text chat with the gateway (phase 'chat', text-chat.js), until voice is back.
//
// The modules receive this controller as `a` where they need the shared state:
//   page-lifecycle.js     saving and restoring the conversation across page loads, pagehide/pageshow
//   transport.js          the Connection select: which link, switching it, falling back to the WebSocket
//   connection-events.js  the link's lifecycle: attempts, retries, open, drop, close, failure
//   server-events.js      what each server event does, by family
//   webrtc-events.js      what differs on a WebRTC call's data channel (its audio events, cards, the goodbye)
//   session-setup.js      setup once the session is up, the reconnect context, the voice picker
//   voice-input.js        opening the microphone, the level meter, the text-only fallback
//   talk.js               streaming the microphone, push-to-talk turns
//   text-messages.js      typed questions and card picks, and their outbox
//   text-chat.js          the text chat when voice is unavailable: entering it, its turns, voice coming back
//   turn-taking.js        silencing the assistant when the shopper takes the turn (flush, cancel, truncate)
//   captions.js           captions in step with playback; waiting for playback to drain
//   responses.js          the active response, the cancelled ones, and the items each produced
//   status-text.js        what the status line says
//   stats.js              the counters behind window.realtimeStoreAssistant.stats()

import { Player } from './player.js';
import { RemoteAudio } from './remote-audio.js';
import { Transcript } from './transcript.js';
import { Cards } from './cards.js';
import { ChatLink } from './chat-link.js';
import { EventLog } from './event-log.js';
import { StatusView } from './status.js';
import { Saver } from './storage.js';
import { PlaybackDrain } from './captions.js';
import * as pages from './page-lifecycle.js';
import { Responses } from './responses.js';
import * as sessionSetup from './session-setup.js';
import { newCounters, statsSnapshot } from './stats.js';
import { computeStatus } from './status-text.js';
import * as talk from './talk.js';
import * as textMessages from './text-messages.js';
import { adoptConnection, chooseTransport, makeConnection, transportOf } from './transport.js';
import { openMicrophone, TEXT_ONLY } from './voice-input.js';
import { newCallState } from './webrtc-events.js';

const RESUME_BUTTON_DELAY_MS = 400; // a context needs a moment to start even when allowed (Firefox)

const ACTIVE_PHASES = new Set(['connecting', 'open', 'reconnecting', 'ending', 'chat']);

export class AssistantController {
  /**
   * @param {object} ui  the panel's elements (see panel.js)
   */
  constructor(ui) {
    this.ui = ui;
    this.status = new StatusView(ui.status, ui.notice, ui.modeNote);
    this.saver = new Saver(() => pages.collectState(this));
    this.transcript = new Transcript(ui.transcript, { onChange: () => this.saver.schedule() });
    this.cards = new Cards(ui.cards, {
      onPick: (product) => textMessages.pickProduct(this, product),
      onChange: () => this.saver.schedule(),
    });
    this.log = new EventLog(ui.log);
    this.remoteAudio = new RemoteAudio(ui.remoteAudio, { onState: () => this.scheduleResumeCheck() });
    this.transport = null; // 'websocket' | 'webrtc': the kind of this.connection, as the select shows it
    this.connection = null;
    this.useTransport(transportOf(ui.transport.value));

    this.phase = 'idle'; // idle | connecting | open | reconnecting | ending | error | chat
    this.idleText = 'Not connected';
    this.mic = null;
    this.micState = 'off'; // off | starting | on | failed
    this.micReady = null; // settles when the microphone is open or failed (a WebRTC offer waits for it)
    this.wantVoice = true;
    this.textOnly = null; // [status words, notice] while connected without a microphone
    this.player = null;
    this.ptt = false;
    this.talking = false;
    this.talkSamples = 0;
    this.talkStartedAt = 0;
    this.talkTail = false; // WebRTC: Talk released, the track still open until the turn is committed
    this.remoteSpeaking = false; // WebRTC: between output_audio_buffer.started and .stopped
    this.call = newCallState(); // WebRTC: what webrtc-events.js keeps about the call
    this.sessionReady = false;
    this.ending = false;
    this.voice = ''; // the shopper's choice, remembered
    this.voices = [];
    this.currentVoice = '';
    this.responses = new Responses();
    this.awaiting = false; // "thinking": the shopper finished, the answer has not started
    this.userSpeaking = false;
    this.outbox = []; // typed texts waiting for the session
    this.hiddenTexts = new Set(); // context messages: sent, but not shown when echoed back
    this.contextReason = 'dropped';
    this.contextOnOpen = false; // send the context even on a first open (a switched connection)
    this.pendingContext = null;
    this.retryAt = 0;
    this.timers = { countdown: 0, setup: 0, resume: 0, talkTail: 0, goodbye: 0 };
    this.drain = new PlaybackDrain();
    this.persistConnected = null;
    this.closeText = '';
    this.counters = newCounters();
    this.chatLink = new ChatLink({ onSession: () => this.saver.schedule() }); // its session id outlives a chat
    // Why the conversation is a text chat (text-chat.js); kept across pagehide, so that it resumes as one.
    this.chatReason = null;
    this.probe = null; // while the phase is 'chat' for a voice outage: the VoiceProbe watching for voice
  }

  // ---- page lifecycle (see page-lifecycle.js) ------------------------------------------------------------

  restore() {
    pages.restore(this);
  }

  pageHide() {
    pages.pageHide(this);
  }

  pageShow(persisted) {
    pages.pageShow(this, persisted);
  }

  isActive() {
    return ACTIVE_PHASES.has(this.phase);
  }

  // ---- the link (see transport.js) ----------------------------------------------------------------------------

  /** Makes `kind` the link for the next session; the current one, if any, is closed. */
  useTransport(kind) {
    this.ui.transport.value = kind;
    if (this.connection && this.transport === kind) {
      return;
    }
    if (this.connection) {
      this.connection.close();
    }
    this.transport = kind;
    this.connection = makeConnection(this, kind);
  }

  chooseTransport(value) {
    chooseTransport(this, value);
  }

  // ---- connect / disconnect ------------------------------------------------------------------------------

  toggleConnect() {
    if (this.isActive()) {
      this.disconnect();
    } else {
      this.connect({ voice: true, resume: false });
    }
  }

  /**
   * Starts a session. Must be called synchronously from the click (or submit) handler: the audio contexts are
   * created and resumed before anything is awaited, which is what iOS Safari requires.
   * @param {{voice: boolean, resume: boolean}} options  voice: open the microphone; resume: reconnect
   *        after a page load (retried with backoff, and the prior conversation is sent as context)
   */
  connect({ voice, resume }) {
    if (this.isActive()) {
      return;
    }
    const inGesture = !resume;
    this.status.clearNotice();
    this.status.showNote('');
    this.chatReason = null;
    this.ending = false;
    this.wantVoice = voice;
    this.textOnly = voice ? null : TEXT_ONLY.typed;
    this.sessionReady = false;

    if (this.transport === 'webrtc') {
      this.remoteAudio.prepare(inGesture); // the voice arrives as a media track: no player, no playback worklet
    } else {
      this.startPlayer(inGesture);
    }

    if (voice) {
      openMicrophone(this, inGesture);
    } else {
      this.micState = 'off';
    }

    this.contextReason = resume ? 'navigation' : 'dropped';
    this.phase = resume ? 'reconnecting' : 'connecting';
    this.connection.connect({ retry: resume });
    this.scheduleResumeCheck();
    this.render();
    this.saver.schedule();
  }

  /** The WebSocket's audio output; its context is asked to run now, which a Connect click requires on iOS. */
  startPlayer(inGesture) {
    this.player = new Player({
      onProgress: (played) => this.onPlayerProgress(played),
      onContextState: () => this.scheduleResumeCheck(),
    });
    this.player.prepare(inGesture);
    const player = this.player;
    player.start().catch((error) => {
      if (player === this.player) {
        this.status.showNotice(`The assistant's voice cannot be played here (${error.message}); captions still show.`);
      }
    });
  }

  /**
   * Voice is back while the conversation was a text chat (text-chat.js): the background probe's link, open and with
   * its voice session up, becomes the conversation's link, and the audio starts as after a page load (no gesture:
   * "Resume audio" may appear). The assistant gets the conversation so far as context, as after a reconnect.
   */
  resumeVoice(link, readyEvent) {
    this.connection.close();
    this.ui.transport.value = 'websocket';
    this.transport = 'websocket';
    this.connection = adoptConnection(this, link);
    this.ending = false;
    this.textOnly = this.wantVoice ? null : TEXT_ONLY.typed;
    this.startPlayer(false);
    if (this.wantVoice) {
      openMicrophone(this, false);
    }
    this.contextOnOpen = true;
    this.contextReason = 'chat';
    link.handlers.onOpen({ reconnect: false });
    link.handlers.onEvent(readyEvent); // the event the probe saw: the session's setup starts from it
    this.scheduleResumeCheck();
  }

  /** The shopper pressed Disconnect. */
  disconnect() {
    this.connection.close();
    this.teardown();
    this.chatReason = null;
    this.status.showNote('');
    this.phase = 'idle';
    this.idleText = 'Disconnected';
    this.render();
    this.saver.schedule();
  }

  /** Stops audio and forgets per-session state; the transcript and cards stay. */
  teardown() {
    for (const key of Object.keys(this.timers)) {
      clearTimeout(this.timers[key]);
      clearInterval(this.timers[key]);
      this.timers[key] = 0;
    }
    if (this.mic) {
      this.mic.stop();
      this.mic = null;
    }
    this.micState = 'off';
    this.micReady = null;
    if (this.probe) {
      this.probe.stop();
      this.probe = null;
    }
    this.chatLink.abort();
    this.remoteAudio.detach();
    if (this.player) {
      // Whatever was still revealing will not be heard now.
      this.transcript.cutAt(this.player.played);
      this.counters.playedBase += this.player.played;
      this.player.close();
      this.player = null;
    } else {
      this.transcript.cutAt(-Infinity);
    }
    this.talking = false;
    this.talkTail = false;
    this.remoteSpeaking = false;
    this.call = newCallState();
    this.sessionReady = false;
    this.ending = false;
    this.contextOnOpen = false;
    this.responses.active = null;
    this.awaiting = false;
    this.userSpeaking = false;
    this.outbox = [];
    this.pendingContext = null;
    this.retryAt = 0;
    this.ui.resume.hidden = true;
    this.showLevel(0);
    this.drain.release();
  }

  /** Sends one client event (numbered, counted, logged); false when the socket (or data channel) is not open. */
  send(event) {
    if (event.type !== 'input_audio_buffer.append') {
      event.event_id = `client_${++this.counters.eventSeq}`;
    }
    if (!this.connection.send(event)) {
      return false;
    }
    this.counters.clientEvents++;
    this.log.record('out', event);
    return true;
  }

  // ---- shopper actions (see talk.js, session-setup.js, text-messages.js) ---------------------------------

  /** "Resume audio", or any gesture on the panel: contexts started without a gesture may be suspended. */
  resumeAudio() {
    const resumes = [this.player, this.mic, this.remoteAudio].filter(Boolean).map((owner) => owner.resume(true));
    Promise.all(resumes).then(() => this.scheduleResumeCheck());
  }

  setPushToTalk(on) {
    talk.setPushToTalk(this, on);
  }

  talkStart() {
    talk.talkStart(this);
  }

  talkEnd() {
    talk.talkEnd(this);
  }

  chooseVoice(voice) {
    sessionSetup.chooseVoice(this, voice);
  }

  submitText(raw) {
    return textMessages.submitText(this, raw);
  }

  // ---- playback, status and the panel's controls ---------------------------------------------------------

  onPlayerProgress(played) {
    this.transcript.advance(played);
    if (!this.player || !this.player.hasQueued) {
      this.drain.release();
    }
    this.render();
  }

  render() {
    const [state, text] = computeStatus(this);
    this.status.set(state, text);
    const ui = this.ui;
    const active = this.isActive();
    ui.connect.setAttribute('aria-pressed', String(active));
    const label = active ? 'Disconnect' : 'Connect';
    if (ui.connect.textContent !== label) {
      ui.connect.textContent = label;
    }
    ui.talk.disabled = !talk.canTalk(this);
    ui.talk.setAttribute('aria-pressed', String(this.talking));
    ui.panel.dataset.talking = String(this.talking);
    // A text chat has no microphone: push-to-talk waits for voice, and the level meter is hidden (assistant.css).
    ui.ptt.disabled = this.micState === 'failed' || this.phase === 'chat';
    ui.panel.dataset.mode = this.phase === 'chat' ? 'text' : 'voice';
    // On a call the microphone is muted or heard by the same state the Talk button shows (see talk.js).
    talk.syncMicTrack(this);
  }

  showLevel(level) {
    this.ui.level.value = level;
  }

  // The "Resume audio" button: shown when a context is still suspended a moment after it should have started,
  // which happens when the panel reconnects on page load without a user gesture.
  scheduleResumeCheck() {
    clearTimeout(this.timers.resume);
    this.timers.resume = setTimeout(() => {
      const states = [this.player && this.player.state, this.mic && this.mic.state, this.remoteAudio.state]
        .filter(Boolean);
      const stuck = states.some((state) => state === 'suspended' || state === 'interrupted');
      this.ui.resume.hidden = !(stuck && this.isActive());
      this.render();
    }, RESUME_BUTTON_DELAY_MS);
  }

  /** The test hook behind window.realtimeStoreAssistant.stats(). */
  stats() {
    return statsSnapshot(this, computeStatus(this)[0]);
  }
}

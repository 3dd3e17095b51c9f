// The direct link: a WebRTC call that the browser holds with the voice service (Azure OpenAI / OpenAI) itself.
// The shopper's microphone goes out as a media track, the assistant's voice comes back as one, and the Realtime
// events travel on the "oai-events" data channel. The store only relays the SDP offer and answer
// (POST /api/assistant/webrtc): every credential stays with the store and its gateway, which attaches to the call
// on its side to run the product tools.
//
// Same shape as Connection (connection.js) — connect, send, close, isOpen, the same handlers and the same
// reconnection with backoff — so the controller can hold either one. Each attempt is a new peer connection and a
// new offer: a call that dropped cannot be resumed.

import { ConnectionError, problemDetail } from './store-session.js';
import { RetryingLink } from './retrying-link.js';

const CALL_ENDPOINT = '/api/assistant/webrtc';
const DATA_CHANNEL_LABEL = 'oai-events'; // the label the service listens on
const ICE_GATHERING_LIMIT_MS = 2000; // the offer carries what was gathered by then: host candidates come at once
const OPEN_LIMIT_MS = 15000; // answer accepted, but no data channel by then: ICE cannot get through

/**
 * Resolves when ICE gathering is complete, or after `limitMs`: the offer is sent once, without trickle ICE, so it
 * should carry the candidates, but a slow STUN or TURN server must not hold the call up.
 */
function iceGathered(pc, limitMs) {
  if (pc.iceGatheringState === 'complete') {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = () => {
      if (pc.iceGatheringState === 'complete') {
        done();
      }
    };
    const onCandidate = (event) => {
      if (!event.candidate) {
        done(); // the end-of-candidates signal; some browsers send it before the state changes
      }
    };
    const timer = setTimeout(done, limitMs);
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
  });
}

/** POST the offer → {callId, sdp}. A refusal (non-2xx) throws a ConnectionError with the HTTP status. */
async function exchangeSdp(offer, signal) {
  let response;
  try {
    response = await fetch(CALL_ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp', Accept: 'application/json, application/problem+json' },
      body: offer,
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (offline) {
    if (signal.aborted) {
      throw offline;
    }
    throw new ConnectionError('The store could not be reached. Check your connection.');
  }
  if (!response.ok) {
    throw new ConnectionError(await problemDetail(response), response.status);
  }
  const body = await response.json().catch(() => null);
  if (!body || typeof body.sdp !== 'string' || !body.sdp.startsWith('v=0')) {
    throw new ConnectionError('The store answered the call request without a usable SDP answer.');
  }
  return { callId: typeof body.call_id === 'string' && body.call_id ? body.call_id : null, sdp: body.sdp };
}

export class WebRtcConnection extends RetryingLink {
  /**
   * @param {object} handlers  Connection's handlers (onEvent, onOpen, onAttempt, onRetry, onClosed, onFailed,
   *        onDrop), plus:
   * @param {() => Promise<MediaStreamTrack|null>} handlers.localTrack  the microphone's track once it is open
   *        (null: no microphone, the call only receives audio)
   * @param {(stream: MediaStream) => void} handlers.onRemoteStream  the assistant's voice
   * @param {(info: {message: string, status: number, retry: boolean}) => void} handlers.onRefused  the store
   *        refused the call (or the browser cannot make one): the panel falls back to the WebSocket
   */
  constructor(handlers) {
    super(handlers);
    this.pc = null;
    this.channel = null;
    this.sendTrack = null; // our clone of the microphone's track: muting it leaves the level meter running
    this.callId = null;
    this.sending = false; // whether the microphone is heard (the push-to-talk gate, see talk.js)
    this.openTimer = 0;
    this.abort = null; // the pending SDP exchange
  }

  get isOpen() {
    return this.channel !== null && this.channel.readyState === 'open';
  }

  get bufferedAmount() {
    return this.channel ? this.channel.bufferedAmount : 0;
  }

  /** The data channel's readyState, or null when there is no call. */
  get dataChannelState() {
    return this.channel ? this.channel.readyState : null;
  }

  /** Mutes or unmutes the microphone on the call; a muted track sends silence, and the call stays as it is. */
  setSending(on) {
    this.sending = on;
    if (this.sendTrack && this.sendTrack.enabled !== on) {
      this.sendTrack.enabled = on;
    }
  }

  async open() {
    const generation = ++this.generation;
    const live = () => generation === this.generation;
    this.handlers.onAttempt({ attempt: this.attempt });
    if (typeof RTCPeerConnection === 'undefined') {
      this.refused(new ConnectionError('This browser cannot make a direct WebRTC call.'));
      return;
    }
    // The microphone must be settled first: its track is part of the offer.
    const track = await this.handlers.localTrack();
    if (!live()) {
      return;
    }
    let pc;
    try {
      pc = new RTCPeerConnection();
    } catch (unusable) {
      this.refused(new ConnectionError(`This browser cannot make a direct WebRTC call (${unusable.message}).`));
      return;
    }
    this.pc = pc;
    let opened = false;
    pc.addEventListener('track', (event) => {
      if (pc === this.pc) {
        this.handlers.onRemoteStream(event.streams[0] || new MediaStream([event.track]));
      }
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc === this.pc && (pc.connectionState === 'failed' || pc.connectionState === 'disconnected')) {
        this.lost(opened, `the call ${pc.connectionState}`);
      }
    });
    if (track) {
      this.sendTrack = track.clone();
      this.sendTrack.enabled = this.sending;
      pc.addTrack(this.sendTrack, new MediaStream([this.sendTrack]));
    } else {
      pc.addTransceiver('audio', { direction: 'recvonly' }); // text only: the assistant's voice still comes
    }

    // Created before the offer, so that the offer has an application section and the service sees the channel.
    const channel = pc.createDataChannel(DATA_CHANNEL_LABEL);
    this.channel = channel;
    channel.addEventListener('open', () => {
      if (channel !== this.channel) {
        return;
      }
      opened = true;
      clearTimeout(this.openTimer);
      this.reportOpen();
    });
    channel.addEventListener('message', (message) => {
      if (channel === this.channel) {
        this.deliver(message.data);
      }
    });
    channel.addEventListener('close', () => {
      if (channel === this.channel) {
        this.lost(opened, 'the data channel closed');
      }
    });

    try {
      await pc.setLocalDescription(await pc.createOffer());
      await iceGathered(pc, ICE_GATHERING_LIMIT_MS);
      if (!live()) {
        return;
      }
      this.abort = new AbortController();
      const answer = await exchangeSdp(pc.localDescription.sdp, this.abort.signal);
      this.abort = null;
      if (!live()) {
        return;
      }
      this.callId = answer.callId;
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    } catch (error) {
      if (!live()) {
        return;
      }
      this.abort = null;
      if (error instanceof ConnectionError && error.status) {
        this.refused(error);
      } else {
        this.closeCall();
        this.failedAttempt(error instanceof ConnectionError ? error.message
          : `the call could not be set up (${error.message})`);
      }
      return;
    }
    if (!live()) {
      return;
    }
    this.openTimer = setTimeout(() => {
      if (live() && !opened) {
        this.lost(false, 'no data channel');
      }
    }, OPEN_LIMIT_MS);
  }

  /** The store said no (or WebRTC is missing): nothing here is retried, the panel switches transport. */
  refused(error) {
    const retry = this.retrying || this.everOpened;
    this.stop();
    this.handlers.onRefused({ message: error.message, status: error.status, retry });
  }

  /** The call ended or broke (data channel closed, peer connection failed or disconnected). */
  lost(opened, why) {
    this.closeCall();
    if (this.expectingClose) {
      this.generation++;
      this.handlers.onClosed({ code: 1000, reason: why });
      return;
    }
    if (!this.retrying) {
      this.fail('The direct connection to the voice service could not be established. Choose “Through the store” '
        + 'under Connection to use the standard connection.', false);
      return;
    }
    if (opened) {
      this.handlers.onDrop({ code: 0, reason: why });
    }
    this.failedAttempt(opened ? `the call dropped (${why})` : 'the voice service could not be reached directly');
  }

  transmit(text) {
    this.channel.send(text);
  }

  /** Hangs up after the goodbye: reported like a call the service ended on purpose. */
  hangUp(reason) {
    this.stop();
    this.handlers.onClosed({ code: 1000, reason });
  }

  /** Cancels a pending SDP exchange and hangs up the call, if any. */
  release() {
    if (this.abort) {
      this.abort.abort();
      this.abort = null;
    }
    this.closeCall();
  }

  /** Closes the data channel and the peer connection, and stops our track (the shopper's microphone stays). */
  closeCall() {
    clearTimeout(this.openTimer);
    this.openTimer = 0;
    const { pc, channel, sendTrack } = this;
    this.pc = null;
    this.channel = null;
    this.sendTrack = null;
    this.callId = null;
    try {
      if (channel) {
        channel.close();
      }
      if (pc) {
        pc.close();
      }
    } catch (ignored) {
      // already closed
    }
    if (sendTrack) {
      sendTrack.stop();
    }
  }
}

// The assistant's voice on a WebRTC call: the remote media track, played by the hidden
// <audio id="assistant-remote-audio">. No AudioContext or worklet is involved: the browser receives, buffers and
// plays the track itself, and its echo canceller knows what it plays.
//
// Browsers only let media with sound start from a user gesture, so play() is first called inside the Connect
// click (prepare), before the call exists; when it is refused anyway (a call resumed after a page load, with no
// gesture) the state reads "suspended" and the panel's "Resume audio" button calls resume().

const ADVANCING_WINDOW_MS = 1500; // timeupdate fires about every 250 ms while the element really plays

export class RemoteAudio {
  /**
   * @param {HTMLAudioElement} element  #assistant-remote-audio
   * @param {{onState: () => void}} handlers  onState: playback was refused or started (for "Resume audio")
   */
  constructor(element, { onState }) {
    this.element = element;
    this.onState = onState;
    this.active = false; // between prepare() and detach(): a WebRTC session uses the element
    this.blocked = false; // the browser refused to play without a gesture
    this.lastTime = 0;
    this.advancedAt = -Infinity;
    element.addEventListener('timeupdate', () => this.noteTime());
    element.addEventListener('playing', () => {
      if (this.blocked) {
        this.blocked = false;
        this.onState();
      }
    });
  }

  /** Synchronous part of Connect: inside the click, play() lets this element play sound later on. */
  prepare(inGesture) {
    this.active = true;
    this.blocked = false;
    if (inGesture) {
      this.play();
    }
  }

  /** The call's remote stream arrived (again, after a reconnect). */
  attach(stream) {
    if (!this.active) {
      return;
    }
    this.element.srcObject = stream;
    this.lastTime = 0;
    this.advancedAt = -Infinity;
    this.play();
  }

  play() {
    let started;
    try {
      started = this.element.play();
    } catch (old) {
      return Promise.resolve(); // browsers whose play() returns nothing and throws on refusal: autoplay decides
    }
    return Promise.resolve(started).then(() => {
      if (this.blocked) {
        this.blocked = false;
        this.onState();
      }
    }, (error) => {
      // AbortError only means a new stream replaced the one being started; that one is played in its turn.
      if (error && error.name === 'NotAllowedError' && this.active) {
        this.blocked = true;
        this.onState();
      }
    });
  }

  /** "Resume audio" (or any press on the panel): try again, now with a gesture. */
  resume() {
    return this.active && this.element.srcObject ? this.play() : Promise.resolve();
  }

  /** As AudioContextOwner.state, for the "Resume audio" check: 'closed' when no call uses the element. */
  get state() {
    if (!this.active) {
      return 'closed';
    }
    return this.blocked ? 'suspended' : 'running';
  }

  noteTime() {
    const time = this.element.currentTime;
    if (time > this.lastTime) {
      this.lastTime = time;
      this.advancedAt = performance.now();
    }
  }

  /** Whether the assistant's track is being played right now: not paused, and its position moves. */
  get playing() {
    const el = this.element;
    if (!this.active || !el.srcObject || el.paused || el.ended) {
      return false;
    }
    this.noteTime();
    return performance.now() - this.advancedAt < ADVANCING_WINDOW_MS;
  }

  /** The session is over: stop playing and let go of the stream. */
  detach() {
    this.active = false;
    this.blocked = false;
    this.element.pause();
    this.element.srcObject = null;
  }
}

// The conversation captions: <ol id="assistant-transcript"> with one <li class="turn"> per message item.
//
// Order follows the conversation, not the order in which text arrives: a user entry is placed as soon as the
// server commits the shopper's audio (its words come later, from transcription), after the entry of its
// previous_item_id; an assistant entry is placed when its output item starts. So the question always sits above
// its answer, even when the transcription finishes after the answer has begun.
//
// Assistant captions of spoken answers are revealed in step with playback: each text delta is stamped with the
// stream position of the audio received so far, and shown once the player has played up to there. After a
// barge-in only what was revealed (heard) stays, followed by an ellipsis.

const MAX_ENTRIES = 100;
const MAX_ITEM_LINKS = 500;
const PLACEHOLDER = '…';
const ELLIPSIS = '…';

export class Transcript {
  /**
   * @param {HTMLOListElement} list
   * @param {{onChange?: () => void}} options  onChange: the visible text changed (for persistence)
   */
  constructor(list, { onChange } = {}) {
    this.list = list;
    this.onChange = onChange || (() => {});
    this.entries = new WeakMap(); // <li> → entry
    this.byItem = new Map(); // item id → entry
    this.previousOf = new Map(); // item id → previous item id, for items with no entry (tool calls, context)
    this.localUsers = []; // typed entries waiting for the server's item (matched by text)
    this.revealing = new Set(); // assistant entries with text still to show
  }

  // ---- placement -------------------------------------------------------------------------------------------

  /** Records the conversation order of any item, shown or not (tool calls and hidden context included). */
  noteItem(itemId, previousItemId) {
    if (!itemId || this.previousOf.has(itemId)) {
      return;
    }
    this.previousOf.set(itemId, previousItemId || null);
    if (this.previousOf.size > MAX_ITEM_LINKS) {
      this.previousOf.delete(this.previousOf.keys().next().value);
    }
  }

  /** The entry an item should follow: its previous item's, or the nearest shown ancestor's. */
  anchorFor(previousItemId) {
    let id = previousItemId;
    for (let hops = 0; id && hops < 50; hops++) {
      const entry = this.byItem.get(id);
      if (entry && entry.el.isConnected) {
        return entry.el;
      }
      id = this.previousOf.get(id);
    }
    return null;
  }

  createEntry(role, itemId, anchor) {
    const el = document.createElement('li');
    el.className = 'turn';
    el.dataset.role = role;
    if (itemId) {
      el.dataset.itemId = itemId;
    }
    const who = document.createElement('span');
    who.className = 'assistant-turn-who';
    who.textContent = role === 'user' ? 'You' : 'Assistant';
    const textEl = document.createElement('p');
    textEl.className = 'turn-text';
    el.append(who, textEl);

    const entry = {
      el, textEl, role, itemId: itemId || null,
      text: '', // what is shown
      pending: [], // [{text, at}] assistant text waiting for playback to reach `at`
      final: null, // the full transcript from .done, shown once the audio has played
      audioEnd: null, // stream position where the item's audio ends, once complete
      interrupted: false,
    };
    this.entries.set(el, entry);
    if (itemId) {
      this.byItem.set(itemId, entry);
    }
    if (anchor && anchor.parentNode === this.list) {
      anchor.after(el);
    } else {
      this.list.append(el);
    }
    this.render(entry);
    this.enforceCap();
    this.scrollToEnd();
    return entry;
  }

  enforceCap() {
    while (this.list.children.length > MAX_ENTRIES) {
      const first = this.list.firstElementChild;
      const entry = this.entries.get(first);
      if (entry) {
        if (entry.itemId) {
          this.byItem.delete(entry.itemId);
        }
        this.revealing.delete(entry);
        this.localUsers = this.localUsers.filter((e) => e !== entry);
      }
      first.remove();
    }
  }

  has(itemId) {
    return this.byItem.has(itemId);
  }

  /** A user entry for committed audio or a server-side user item, placed in conversation order. */
  placeUser(itemId, previousItemId) {
    this.noteItem(itemId, previousItemId);
    if (this.byItem.has(itemId)) {
      return this.byItem.get(itemId);
    }
    return this.createEntry('user', itemId, this.anchorFor(previousItemId));
  }

  /** An assistant entry when its output item starts. */
  placeAssistant(itemId, previousItemId) {
    this.noteItem(itemId, previousItemId);
    if (this.byItem.has(itemId)) {
      return this.byItem.get(itemId);
    }
    return this.createEntry('assistant', itemId, this.anchorFor(previousItemId));
  }

  /** A typed message or a card pick, shown at once; it gets its item id when the server echoes it. */
  addLocalUser(text) {
    const entry = this.createEntry('user', null, null);
    entry.text = text;
    entry.claimText = text.trim();
    this.render(entry);
    this.localUsers.push(entry);
    if (this.localUsers.length > 20) {
      this.localUsers.shift();
    }
    this.onChange();
    return entry;
  }

  /** Links the server's item to the local entry with the same text. True when one matched. */
  claimLocalUser(itemId, text) {
    const wanted = (text || '').trim();
    const index = this.localUsers.findIndex((entry) => entry.claimText === wanted);
    if (index < 0) {
      return false;
    }
    const [entry] = this.localUsers.splice(index, 1);
    entry.itemId = itemId;
    entry.el.dataset.itemId = itemId;
    this.byItem.set(itemId, entry);
    return true;
  }

  // ---- user text ---------------------------------------------------------------------------------------

  userDelta(itemId, delta) {
    const entry = this.byItem.get(itemId) || this.placeUser(itemId, null);
    if (entry.userFinal || !delta) {
      return;
    }
    entry.text += delta;
    this.render(entry);
  }

  /** transcription.completed replaces the deltas; an empty transcript means nothing intelligible was heard. */
  userFinal(itemId, transcript) {
    const entry = this.byItem.get(itemId) || this.placeUser(itemId, null);
    entry.userFinal = true;
    const text = (transcript || '').trim();
    entry.text = text || '(inaudible)';
    this.render(entry);
    this.onChange();
  }

  userFailed(itemId) {
    const entry = this.byItem.get(itemId);
    if (entry && !entry.userFinal) {
      entry.userFinal = true;
      entry.text = entry.text.trim() || '(not transcribed)';
      this.render(entry);
      this.onChange();
    }
  }

  // ---- assistant text ------------------------------------------------------------------------------------

  /** A caption delta of a spoken answer, to be shown when playback reaches `at` (a stream position). */
  assistantDelta(itemId, delta, at) {
    const entry = this.byItem.get(itemId);
    if (!entry || entry.interrupted || !delta) {
      return;
    }
    entry.pending.push({ text: delta, at });
    this.revealing.add(entry);
  }

  /** The full transcript (.done): shown once the item's audio has played. */
  assistantTranscriptDone(itemId, transcript) {
    const entry = this.byItem.get(itemId);
    if (!entry || entry.interrupted || typeof transcript !== 'string') {
      return;
    }
    entry.final = transcript;
    this.revealing.add(entry);
  }

  /** The item's audio is complete and ends at stream position `end`. */
  assistantAudioComplete(itemId, end) {
    const entry = this.byItem.get(itemId);
    if (!entry || entry.interrupted) {
      return;
    }
    entry.audioEnd = end;
    this.revealing.add(entry);
  }

  /** Text answers (output_text) are not spoken: shown at once. */
  assistantText(itemId, delta) {
    const entry = this.byItem.get(itemId) || this.placeAssistant(itemId, null);
    if (entry.interrupted || !delta) {
      return;
    }
    entry.text += delta;
    entry.textStreaming = true;
    this.render(entry);
  }

  assistantTextDone(itemId, text) {
    const entry = this.byItem.get(itemId);
    if (!entry || entry.interrupted || typeof text !== 'string') {
      return;
    }
    entry.text = text;
    entry.textStreaming = false;
    this.render(entry);
    this.onChange();
  }

  /** Playback reached stream position `played`: show the captions whose audio has started. */
  advance(played) {
    for (const entry of this.revealing) {
      let changed = false;
      while (entry.pending.length > 0 && entry.pending[0].at <= played) {
        entry.text += entry.pending.shift().text;
        changed = true;
      }
      if (entry.audioEnd !== null && played >= entry.audioEnd) {
        // All of the item's audio has played: the rest of the caption belongs to it.
        changed = this.revealRest(entry) || changed;
        if (entry.final !== null) {
          this.revealing.delete(entry);
        }
      }
      if (changed) {
        this.render(entry);
        this.onChange();
      }
    }
  }

  revealRest(entry) {
    const before = entry.text;
    for (const part of entry.pending) {
      entry.text += part.text;
    }
    entry.pending = [];
    if (entry.final !== null) {
      entry.text = entry.final;
    }
    return entry.text !== before;
  }

  /** Shows everything now: the answer had no audio to wait for (or audio cannot play). */
  finish(itemId) {
    const entry = this.byItem.get(itemId);
    if (!entry || entry.interrupted) {
      return;
    }
    this.revealing.delete(entry);
    if (this.revealRest(entry)) {
      this.render(entry);
      this.onChange();
    }
  }

  /** Items still waiting for text to be revealed. */
  revealingItems() {
    return [...this.revealing].map((entry) => entry.itemId).filter(Boolean);
  }

  /** Barge-in: keep what was heard, drop the rest, mark the entry. */
  interrupt(itemId) {
    const entry = this.byItem.get(itemId);
    if (!entry || entry.interrupted || entry.role !== 'assistant') {
      return false;
    }
    entry.interrupted = true;
    entry.pending = [];
    entry.final = null;
    this.revealing.delete(entry);
    entry.text = entry.text.trimEnd() + ELLIPSIS;
    entry.el.dataset.interrupted = 'true';
    this.render(entry);
    this.onChange();
    return true;
  }

  /**
   * Playback stopped for good at stream position `played` (barge-in, disconnect): captions of audio that
   * played to the end are completed; the others keep what was heard and are marked interrupted.
   */
  cutAt(played) {
    this.advance(played);
    for (const entry of [...this.revealing]) {
      const complete = entry.pending.length === 0 && entry.audioEnd !== null && played >= entry.audioEnd;
      if (complete) {
        this.revealing.delete(entry);
        if (this.revealRest(entry)) {
          this.render(entry);
          this.onChange();
        }
      } else if (entry.itemId) {
        this.interrupt(entry.itemId);
      } else {
        this.revealing.delete(entry);
      }
    }
  }

  /** A text answer (no audio) whose text was still arriving: cut off if its response is cancelled now. */
  isStreamingText(itemId) {
    const entry = this.byItem.get(itemId);
    return Boolean(entry && entry.textStreaming);
  }

  /** An assistant entry that has shown nothing yet (its answer was cancelled before any text). */
  isEmpty(itemId) {
    const entry = this.byItem.get(itemId);
    return Boolean(entry && !entry.text && entry.pending.length === 0);
  }

  isInterrupted(itemId) {
    const entry = this.byItem.get(itemId);
    return Boolean(entry && entry.interrupted);
  }

  render(entry) {
    const shown = entry.text;
    entry.textEl.textContent = shown || PLACEHOLDER;
    entry.el.classList.toggle('assistant-turn-waiting', !shown);
    this.scrollToEnd();
  }

  // Keep the newest caption in view, unless the shopper scrolled up to read older ones.
  scrollToEnd() {
    const list = this.list;
    if (list.scrollHeight - list.scrollTop - list.clientHeight < 80) {
      list.scrollTop = list.scrollHeight;
    }
  }

  // ---- persistence and context --------------------------------------------------------------------------

  /** What the shopper has seen, in order: for sessionStorage across page loads. */
  snapshot() {
    const out = [];
    for (const el of this.list.children) {
      const entry = this.entries.get(el);
      if (!entry) {
        continue;
      }
      // Unrevealed text was not heard (the page is going away mid-answer): keep what was shown, marked cut.
      const cut = entry.role === 'assistant' && !entry.interrupted
        && (entry.pending.length > 0 || (entry.final !== null && entry.final !== entry.text));
      const text = cut ? entry.text.trimEnd() + ELLIPSIS : entry.text;
      if (!text) {
        continue;
      }
      out.push({ role: entry.role, text, item_id: entry.itemId, interrupted: entry.interrupted || cut });
    }
    return out;
  }

  restore(saved) {
    if (!Array.isArray(saved)) {
      return;
    }
    for (const turn of saved.slice(-MAX_ENTRIES)) {
      if (!turn || (turn.role !== 'user' && turn.role !== 'assistant') || typeof turn.text !== 'string') {
        continue;
      }
      const entry = this.createEntry(turn.role, null, null);
      if (typeof turn.item_id === 'string') {
        entry.el.dataset.itemId = turn.item_id; // informational: the old session's items are gone
      }
      entry.text = turn.text;
      entry.userFinal = true;
      if (turn.interrupted) {
        entry.interrupted = true;
        entry.el.dataset.interrupted = 'true';
      }
      this.render(entry);
    }
  }

  /** The last turns as "Shopper: …; Assistant: …", newest kept first, within maxChars. */
  recentTurns(maxChars) {
    const parts = [];
    let length = 0;
    const children = [...this.list.children];
    for (let i = children.length - 1; i >= 0; i--) {
      const entry = this.entries.get(children[i]);
      if (!entry) {
        continue;
      }
      let text = entry.text.replace(/\s+/g, ' ').trim();
      if (!text || text === '(inaudible)' || text === ELLIPSIS) {
        continue;
      }
      if (text.length > 400) {
        text = text.slice(0, 399) + ELLIPSIS;
      }
      const part = (entry.role === 'user' ? 'Shopper: ' : 'Assistant: ') + text;
      if (length + part.length + 2 > maxChars) {
        break;
      }
      parts.unshift(part);
      length += part.length + 2;
    }
    return parts.join('; ');
  }

  clear() {
    this.list.replaceChildren();
    this.byItem.clear();
    this.previousOf.clear();
    this.localUsers = [];
    this.revealing.clear();
    this.onChange();
  }
}

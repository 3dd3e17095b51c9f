// Bookkeeping of the assistant's responses: the one being answered now, the cancelled ones whose late events
// must be ignored, and which assistant items each response produced (for their captions).
//
// None of it is cleared by a disconnect: a late event of an old response is still recognised as such.

export const MAX_TRACKED_RESPONSES = 16;

/** Adds a value to a Set, dropping the oldest entry once there are more than `limit`. */
export function rememberBounded(collection, value, limit) {
  collection.add(value);
  if (collection.size > limit) {
    collection.delete(collection.values().next().value);
  }
}

export class Responses {
  constructor() {
    this.active = null; // id of the response in progress (response.created … response.done)
    this.dropped = new Set(); // cancelled responses whose late events are ignored
    this.items = new Map(); // response id → assistant item ids
  }

  isDropped(responseId) {
    return this.dropped.has(responseId);
  }

  /** The active response is being cancelled: forget it, and ignore what it still sends. Returns its id, or null. */
  dropActive() {
    const responseId = this.active;
    if (responseId) {
      rememberBounded(this.dropped, responseId, MAX_TRACKED_RESPONSES);
      this.active = null;
    }
    return responseId;
  }

  trackItem(responseId, itemId) {
    let items = this.items.get(responseId);
    if (!items) {
      items = [];
      this.items.set(responseId, items);
      if (this.items.size > MAX_TRACKED_RESPONSES) {
        this.items.delete(this.items.keys().next().value);
      }
    }
    items.push(itemId);
  }

  /** The assistant items of a response (none when the response is unknown). */
  itemsOf(responseId) {
    return this.items.get(responseId) || [];
  }

  forget(responseId) {
    this.items.delete(responseId);
  }
}

// Server-sent events read incrementally, as the HTML standard's event-stream format says: lines end in LF, CRLF or a
// lone CR; "event:" names the event, "data:" lines are joined with LF, a blank line dispatches, ":" starts a comment.
// The network cuts a stream into chunks anywhere — inside a line, inside a field name, between the CR and the LF of
// one line end — so the parser keeps the unfinished line and the half-seen CRLF between pushes.
// (EventSource itself cannot be used: it only makes GET requests, and the chat is a POST with a bearer token.)

export class EventStreamParser {
  constructor() {
    this.line = ''; // the unfinished line
    this.afterCR = false; // the last chunk ended with CR: an LF starting the next one ends no second line
    this.name = '';
    this.data = [];
  }

  /**
   * One decoded chunk of the stream.
   * @param {string} chunk
   * @returns {{event: string, data: string}[]} the events the chunk completed, in order
   */
  push(chunk) {
    const events = [];
    let start = 0;
    if (this.afterCR && chunk.startsWith('\n')) {
      start = 1;
    }
    if (chunk.length > 0) {
      this.afterCR = false;
    }
    for (let i = start; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) {
        continue;
      }
      this.line += chunk.slice(start, i);
      this.endLine(events);
      if (c === 13) {
        if (i + 1 === chunk.length) {
          this.afterCR = true;
        } else if (chunk.charCodeAt(i + 1) === 10) {
          i++;
        }
      }
      start = i + 1;
    }
    this.line += chunk.slice(start);
    return events;
  }

  endLine(events) {
    const line = this.line;
    this.line = '';
    if (line === '') {
      if (this.data.length > 0) {
        events.push({ event: this.name || 'message', data: this.data.join('\n') });
      }
      this.name = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) {
      return; // a comment: servers send them to keep the connection alive
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.name = value;
    } else if (field === 'data') {
      this.data.push(value);
    }
    // id and retry are for EventSource's reconnection, which a chat turn does not do; other fields are ignored.
  }
}

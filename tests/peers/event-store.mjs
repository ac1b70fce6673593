// An in-memory event store for the SDK's StreamableHTTPServerTransport (one per session), which
// is what makes its SSE streams resumable: every event sent on a stream is stored under an id the
// transport writes as the SSE `id:`, and a GET with Last-Event-ID replays the events of the same
// stream that came after it.
//
// Ids are `<sequence>.<streamId>`: the sequence orders events within the session, and a client
// resuming from any id is sent only events of that id's stream (spec 2025-11-25: a server MUST NOT
// replay messages that would have been delivered on a different stream).
// The store keeps the most recent `capacity` events; resuming from a forgotten id is answered by
// the SDK as an invalid event id (400).

const defaultCapacity = 1000;

export class InMemoryEventStore {
  #events = new Map(); // event id -> { sequence, streamId, message }, in insertion order
  #sequence = 0;
  #capacity;

  constructor(capacity = defaultCapacity) {
    this.#capacity = capacity;
  }

  async storeEvent(streamId, message) {
    this.#sequence += 1;
    const eventId = `${this.#sequence}.${streamId}`;
    this.#events.set(eventId, { sequence: this.#sequence, streamId, message });
    if (this.#events.size > this.#capacity) {
      const oldest = this.#events.keys().next().value;
      this.#events.delete(oldest);
    }
    return eventId;
  }

  async getStreamIdForEventId(eventId) {
    return this.#events.get(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId, { send }) {
    const last = this.#events.get(lastEventId);
    if (last === undefined) {
      throw new Error(`unknown event id ${lastEventId}`);
    }
    for (const [eventId, event] of this.#events) {
      if (event.sequence <= last.sequence || event.streamId !== last.streamId) continue;
      // A priming event is stored as an empty object: it marks a position, it is not a message.
      if (!('jsonrpc' in event.message)) continue;
      await send(eventId, event.message);
    }
    return last.streamId;
  }
}

/**
 * The store's Realtime extension events ({@code store.*}), sent by audio-gateway only to clients that opened the
 * session with the subprotocol {@code realtime-store.v1}. Strict Realtime clients reject unknown event types, so
 * plain clients never receive these. Field names are snake_case like the Realtime protocol's.
 */
package io.realtimestore.dto.realtime;

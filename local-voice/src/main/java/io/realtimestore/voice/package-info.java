/** The offline voice engine: VAD, speech-to-text, a shopping assistant and text-to-speech behind the GA Realtime protocol. */
package io.realtimestore.voice;

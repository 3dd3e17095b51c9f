/**
 * Text-to-speech for the offline voice engine.
 *
 * <p>A reply is spoken sentence by sentence so the first audio leaves early: {@link io.realtimestore.voice.tts.SentenceSplitter}
 * cuts the assistant's text, {@link io.realtimestore.voice.tts.SpeakableText} rewrites each sentence into words an engine
 * reads correctly (prices, units, symbols), and a {@link io.realtimestore.voice.tts.SpeechSynthesizer} turns it into PCM16.
 * Flite (Debian {@code libflite1}, through JNA) is the main engine; FreeTTS (pure Java) is the fallback when libflite is
 * missing. {@link io.realtimestore.voice.tts.VoiceMap} picks the engine voice for a Realtime session voice.
 */
package io.realtimestore.voice.tts;

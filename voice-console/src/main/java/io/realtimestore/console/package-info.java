/**
 * The terminal voice client. {@code cli} parses the command line and maps failures to exit codes; {@code realtime}
 * opens the WebSocket (gateway, Azure OpenAI or OpenAI) and writes client events; {@code session} runs one
 * conversation: server events in, audio and typed lines out, barge-in, when to stop; {@code audio} holds the
 * microphone, speaker, ring buffer, playback and resampler; {@code wav} reads and writes WAV files; {@code transcript}
 * prints the conversation in conversation order.
 */
package io.realtimestore.console;

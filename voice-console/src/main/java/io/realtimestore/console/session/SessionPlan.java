package io.realtimestore.console.session;

import io.realtimestore.console.realtime.Endpoint;
import io.realtimestore.console.realtime.SessionSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the command line asked for, checked and resolved.
 *
 * @param endpoint where to connect, with credentials
 * @param settings voice, instructions, transcription, text-only answers
 * @param input where the user's side comes from
 * @param inputFile the WAV file for {@link Input#FILE}
 * @param inputDevice part of the microphone's name, or null for the default
 * @param output where the assistant's audio goes
 * @param outputFile the WAV file for {@link Output#FILE}
 * @param outputDevice part of the speaker's name, or null for the default
 * @param verbose print tool calls, products, speech detection, barge-in, usage
 * @param timeout the longest the whole run may take; zero for no limit
 */
public record SessionPlan(Endpoint endpoint, SessionSettings settings, Input input, Path inputFile, String inputDevice,
        Output output, Path outputFile, String outputDevice, boolean verbose, Duration timeout) {

    public enum Input { MICROPHONE, FILE, TEXT }

    public enum Output { SPEAKER, FILE, NONE }
}

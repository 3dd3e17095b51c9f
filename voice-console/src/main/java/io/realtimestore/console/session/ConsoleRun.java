package io.realtimestore.console.session;

import io.realtimestore.console.ConsoleFailure;
import io.realtimestore.console.ConsoleIo;
import io.realtimestore.console.ExitCode;
import io.realtimestore.console.audio.AudioDevices;
import io.realtimestore.console.audio.AudioInput;
import io.realtimestore.console.audio.Microphone;
import io.realtimestore.console.audio.PacedWavSink;
import io.realtimestore.console.audio.Pcm16;
import io.realtimestore.console.audio.Playback;
import io.realtimestore.console.audio.RealTimePacer;
import io.realtimestore.console.audio.SpeakerSink;
import io.realtimestore.console.audio.WavFileInput;
import io.realtimestore.console.wav.WavAudio;
import io.realtimestore.console.wav.WavReader;
import io.realtimestore.console.wav.WavWriter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Opens what a run needs, in the order that fails fastest and cheapest: the input (a WAV file that cannot be read,
 * or no microphone, fails before any connection is made), then the output, then the conversation itself.
 */
public final class ConsoleRun {

    private ConsoleRun() {
    }

    public static ExitCode run(SessionPlan plan, ConsoleIo io) {
        AudioInput input = openInput(plan);
        Playback playback;
        try {
            playback = openOutput(plan);
        } catch (RuntimeException e) {
            if (input != null) {
                input.close();
            }
            throw e;
        }
        return new ConversationSession(plan, io, playback, input).run();
    }

    private static AudioInput openInput(SessionPlan plan) {
        return switch (plan.input()) {
            case TEXT -> null;
            case MICROPHONE -> new Microphone(AudioDevices.openMicrophone(plan.inputDevice()));
            case FILE -> new WavFileInput(readQuestion(plan));
        };
    }

    private static byte[] readQuestion(SessionPlan plan) {
        try {
            WavAudio audio = WavReader.read(plan.inputFile());
            if (audio.samples().length == 0) {
                throw new ConsoleFailure(ExitCode.FILE, "Cannot use " + plan.inputFile() + ": it contains no audio.");
            }
            return audio.toPcm16At24k();
        } catch (NoSuchFileException e) {
            throw new ConsoleFailure(ExitCode.FILE, "Cannot read " + plan.inputFile() + ": no such file.");
        } catch (IOException e) {
            throw new ConsoleFailure(ExitCode.FILE, "Cannot read " + plan.inputFile() + ": " + e.getMessage());
        }
    }

    private static Playback openOutput(SessionPlan plan) {
        return switch (plan.output()) {
            case NONE -> null;
            case SPEAKER -> new Playback(new SpeakerSink(AudioDevices.openSpeaker(plan.outputDevice())), Playback.DEFAULT_CAPACITY);
            case FILE -> {
                try {
                    WavWriter writer = WavWriter.create(plan.outputFile(), Pcm16.RATE);
                    yield new Playback(new PacedWavSink(writer, new RealTimePacer(Pcm16.RATE)), Playback.DEFAULT_CAPACITY);
                } catch (IOException e) {
                    throw new ConsoleFailure(ExitCode.FILE, "Cannot write " + plan.outputFile() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                }
            }
        };
    }
}

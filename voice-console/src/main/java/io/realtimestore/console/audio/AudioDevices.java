package io.realtimestore.console.audio;

import io.realtimestore.console.ConsoleFailure;
import io.realtimestore.console.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The sound devices Java Sound sees, and opening a microphone or speaker line for 16-bit mono PCM. 24 kHz is tried
 * first (no conversion); devices that only run at their native rate get 48, 44.1 or 16 kHz and the audio is
 * resampled.
 */
public final class AudioDevices {

    private static final int[] RATES = {Pcm16.RATE, 48_000, 44_100, 16_000};
    /** ~100 ms of device buffer: short enough that barge-in silences the speaker at once, long enough not to stutter. */
    private static final int BUFFER_MS = 100;

    private AudioDevices() {
    }

    /** A device (a Java Sound mixer) and whether it can record and play 16-bit mono audio. */
    public record Device(String name, String description, boolean capture, boolean playback) {
    }

    public static List<Device> list() {
        List<Device> devices = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            boolean capture = supportsAnyRate(mixer, TargetDataLine.class);
            boolean playback = supportsAnyRate(mixer, SourceDataLine.class);
            if (capture || playback) {
                devices.add(new Device(info.getName(), info.getDescription(), capture, playback));
            }
        }
        return devices;
    }

    /** Opens the microphone: the named device (a part of its name is enough), or the system's default. */
    public static TargetDataLine openMicrophone(String name) {
        return (TargetDataLine) open(TargetDataLine.class, name, "microphone",
                "Run without one: --input question.wav sends a recording, --text lets you type");
    }

    /** Opens the speaker: the named device (a part of its name is enough), or the system's default. */
    public static SourceDataLine openSpeaker(String name) {
        return (SourceDataLine) open(SourceDataLine.class, name, "speaker",
                "Run without one: --output answer.wav records the answer, --text gets written answers");
    }

    private static DataLine open(Class<? extends DataLine> kind, String name, String what, String advice) {
        List<Mixer> mixers = candidates(kind, name);
        if (mixers.isEmpty()) {
            String which = name == null ? "No " + what + " is available" : "No " + what + " matches \"" + name + "\"";
            throw new ConsoleFailure(ExitCode.AUDIO_DEVICE, which + " (Java Sound found no device that can "
                    + (kind == TargetDataLine.class ? "record" : "play") + " 16-bit mono audio). " + advice
                    + "; --list-devices shows the devices Java sees.");
        }
        LineUnavailableException last = null;
        // the system's default device first (AudioSystem honours the javax.sound.sampled.* properties), then each mixer
        List<Mixer> order = new ArrayList<>();
        if (name == null) {
            order.add(null);
        }
        order.addAll(mixers);
        for (Mixer mixer : order) {
            for (int rate : RATES) {
                AudioFormat format = Pcm16.format(rate);
                DataLine.Info info = new DataLine.Info(kind, format);
                try {
                    if (mixer == null ? !AudioSystem.isLineSupported(info) : !mixer.isLineSupported(info)) {
                        continue;
                    }
                    return openLine(mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info), format);
                } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                    last = e instanceof LineUnavailableException unavailable ? unavailable : new LineUnavailableException(e.getMessage());
                }
            }
        }
        throw new ConsoleFailure(ExitCode.AUDIO_DEVICE, "The " + what + " is busy or cannot be opened ("
                + (last == null ? "no supported format" : last.getMessage()) + "). " + advice + ".");
    }

    private static DataLine openLine(Line line, AudioFormat format) throws LineUnavailableException {
        int bufferBytes = Math.round(format.getSampleRate()) * Pcm16.BYTES_PER_SAMPLE * BUFFER_MS / 1000;
        if (line instanceof TargetDataLine target) {
            target.open(format, bufferBytes);
        } else {
            ((SourceDataLine) line).open(format, bufferBytes);
        }
        return (DataLine) line;
    }

    /** The named mixers that have such a line, or every mixer that has one (the default mixer first). */
    private static List<Mixer> candidates(Class<? extends DataLine> kind, String name) {
        List<Mixer> found = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            if (!supportsAnyRate(mixer, kind)) {
                continue;
            }
            if (name == null || info.getName().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))) {
                found.add(mixer);
            }
        }
        return found;
    }

    private static boolean supportsAnyRate(Mixer mixer, Class<? extends DataLine> kind) {
        for (int rate : RATES) {
            if (mixer.isLineSupported(new DataLine.Info(kind, Pcm16.format(rate)))) {
                return true;
            }
        }
        return false;
    }
}

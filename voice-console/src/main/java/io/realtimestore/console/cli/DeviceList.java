package io.realtimestore.console.cli;

import io.realtimestore.console.ConsoleIo;
import io.realtimestore.console.ExitCode;
import io.realtimestore.console.audio.AudioDevices;
import java.util.List;

/** --list-devices: what Java Sound can record from and play to. Finding none is an answer, not an error (exit 0). */
final class DeviceList {

    private DeviceList() {
    }

    static ExitCode print(ConsoleIo io) {
        List<AudioDevices.Device> devices = AudioDevices.list();
        if (devices.isEmpty()) {
            io.out().println("No audio devices found: Java Sound sees no microphone and no speaker on this machine.");
            io.out().println("Run without them: --input question.wav --output answer.wav, or --text to type.");
            return ExitCode.DONE;
        }
        section(io, "Microphones (--input-device NAME):", devices.stream().filter(AudioDevices.Device::capture).toList());
        section(io, "Speakers (--output-device NAME):", devices.stream().filter(AudioDevices.Device::playback).toList());
        return ExitCode.DONE;
    }

    private static void section(ConsoleIo io, String title, List<AudioDevices.Device> devices) {
        io.out().println(title);
        if (devices.isEmpty()) {
            io.out().println("  (none)");
        }
        for (AudioDevices.Device device : devices) {
            io.out().println("  " + device.name() + (device.description().isBlank() ? "" : "  (" + device.description() + ")"));
        }
    }
}

package io.realtimestore.console.support;

import io.realtimestore.console.audio.Pcm16;

/** Test signals: tones and their measurement. */
public final class Signals {

    private Signals() {
    }

    public static float[] sine(double frequency, int rate, int samples, double amplitude) {
        float[] signal = new float[samples];
        for (int i = 0; i < samples; i++) {
            signal[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return signal;
    }

    /** A tone as 24 kHz PCM16 bytes, what a Realtime service sends as answer audio. */
    public static byte[] tonePcm(double frequency, int millis) {
        return Pcm16.toBytes(sine(frequency, Pcm16.RATE, millis * Pcm16.RATE / 1000, 0.5));
    }

    /** Amplitude of one frequency in a signal (Goertzel over the given range, no window: use whole periods). */
    public static double amplitudeAt(float[] signal, int from, int to, double frequency, int rate) {
        double omega = 2 * Math.PI * frequency / rate;
        double coefficient = 2 * Math.cos(omega);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = signal[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / (to - from);
    }

}

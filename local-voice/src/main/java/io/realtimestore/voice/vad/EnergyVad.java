package io.realtimestore.voice.vad;

import io.realtimestore.audio.Pcm16;

/**
 * Pure-Java fallback for when ONNX Runtime cannot run: a frame's level against an adaptive noise floor, mapped to a
 * probability-like score so that {@link TurnDetector}'s threshold means roughly the same as with Silero (0.5 = the
 * frame stands 10 dB above the floor). Reliable on clean audio only: in loud noise
 * (0 dB SNR) speech barely rises above the floor.
 */
public final class EnergyVad implements VoiceActivityDetector {

    /** Same 32 ms decisions as Silero, so turn timing does not depend on which detector runs. */
    public static final int FRAME_SAMPLES = 512;
    private static final double SPEECH_MARGIN_DB = 10;
    /** Width of the logistic ramp around the margin: 6 dB above the floor scores 0.12, 14 dB scores 0.88. */
    private static final double RAMP_DB = 2;
    /** The floor follows quieter frames at once but rises slowly (2 dB/s), so speech cannot raise it much. */
    private static final double FLOOR_RISE_DB_PER_FRAME = 2.0 * FRAME_SAMPLES / 16000;
    /** Anything quieter than about -60 dBFS is never speech, even after digital silence pulled the floor down. */
    private static final double LOWEST_FLOOR_DBFS = -70;

    @Override
    public String name() {
        return "energy";
    }

    @Override
    public VadStream newStream() {
        return new EnergyStream();
    }

    @Override
    public void close() {
        // nothing shared to release
    }

    private static final class EnergyStream implements VadStream {

        /** Unknown until the first frame, which sets it: starting low would score minutes of steady noise as speech. */
        private double noiseFloorDbfs = Double.NaN;

        @Override
        public int frameSamples() {
            return FRAME_SAMPLES;
        }

        @Override
        public float speechProbability(short[] frame) {
            if (frame.length != FRAME_SAMPLES) {
                throw new IllegalArgumentException("Energy VAD needs frames of " + FRAME_SAMPLES + " samples, got " + frame.length);
            }
            double level = Pcm16.rmsDbfs(frame);
            if (Double.isNaN(noiseFloorDbfs) || level < noiseFloorDbfs) {
                noiseFloorDbfs = Math.max(level, LOWEST_FLOOR_DBFS);
            }
            double aboveFloor = level - noiseFloorDbfs;
            noiseFloorDbfs += FLOOR_RISE_DB_PER_FRAME;
            return (float) (1 / (1 + Math.exp(-(aboveFloor - SPEECH_MARGIN_DB) / RAMP_DB)));
        }

        @Override
        public void reset() {
            noiseFloorDbfs = Double.NaN;
        }

        @Override
        public void close() {
            // no native resources
        }
    }
}

package io.realtimestore.console.wav;

/** WAV files for tests in other packages. */
public final class WavFilesForTests {

    private WavFilesForTests() {
    }

    /** A mono 16-bit file of digital silence. */
    public static byte[] silence(int rate, int millis) {
        return WavFiles.riff().format(1, 1, rate, 16).chunk("data", new byte[rate * millis / 1000 * 2]).bytes();
    }
}

package io.realtimestore.console.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RingBufferTest {

    @Test
    void keepsBytesInOrderAcrossTheWrap() {
        RingBuffer ring = new RingBuffer(10);
        byte[] out = new byte[10];
        for (int round = 0; round < 7; round++) {
            byte[] in = {(byte) round, (byte) (round + 1), (byte) (round + 2), (byte) (round + 3)};
            assertThat(ring.write(in, 0, 4)).isEqualTo(4);
            assertThat(ring.read(out, 0, 10)).isEqualTo(4);
            assertThat(java.util.Arrays.copyOf(out, 4)).containsExactly(in);
        }
        assertThat(ring.written()).isEqualTo(28);
        assertThat(ring.readPosition()).isEqualTo(28);
    }

    @Test
    void aFullRingTakesWhatFitsDropsTheRestAndNeverWaits() {
        RingBuffer ring = new RingBuffer(8);
        assertThat(ring.write(new byte[6], 0, 6)).isEqualTo(6);
        assertThat(ring.write(new byte[6], 0, 6)).isEqualTo(2); // only the free space
        long start = System.nanoTime();
        assertThat(ring.write(new byte[100], 0, 100)).isZero();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(ring.dropped()).isEqualTo(104);
        assertThat(ring.available()).isEqualTo(8);
    }

    @Test
    void readingAnEmptyRingReturnsNothingAtOnce() {
        RingBuffer ring = new RingBuffer(8);
        assertThat(ring.read(new byte[4], 0, 4)).isZero();
    }

    @Test
    void theReaderCanSkipToWhereTheWriterWas() {
        RingBuffer ring = new RingBuffer(16);
        ring.write(new byte[] {1, 2, 3, 4, 5, 6}, 0, 6);
        long mark = ring.written();
        ring.write(new byte[] {7, 8}, 0, 2);
        ring.skipTo(mark);
        byte[] out = new byte[4];
        assertThat(ring.read(out, 0, 4)).isEqualTo(2);
        assertThat(out[0]).isEqualTo((byte) 7);
        ring.skipTo(1000); // never past what was written
        assertThat(ring.readPosition()).isEqualTo(ring.written());
    }

    @Test
    void oneWriterAndOneReaderOnTwoThreadsSeeEveryByteInOrder() throws Exception {
        RingBuffer ring = new RingBuffer(1000);
        int total = 2_000_000;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            byte[] block = new byte[333];
            int next = 0;
            while (next < total) {
                int size = Math.min(block.length, total - next);
                for (int i = 0; i < size; i++) {
                    block[i] = (byte) (next + i);
                }
                int written = ring.write(block, 0, size);
                next += written; // what did not fit is written again: the test wants every byte
                if (written == 0) {
                    Thread.onSpinWait();
                }
            }
        });
        byte[] block = new byte[257];
        int expected = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (expected < total && System.nanoTime() < deadline) {
            int count = ring.read(block, 0, block.length);
            for (int i = 0; i < count; i++) {
                assertThat(block[i]).isEqualTo((byte) (expected + i));
            }
            expected += count;
        }
        writer.get(5, TimeUnit.SECONDS);
        assertThat(expected).isEqualTo(total);
    }
}

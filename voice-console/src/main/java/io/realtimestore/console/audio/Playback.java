package io.realtimestore.console.audio;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays the assistant's audio: the session thread puts each audio delta into a bounded {@link RingBuffer} (never
 * waiting), and a playback thread moves it to the {@link PcmSink} in 20 ms blocks. Playback keeps track of which
 * byte of which answer item has actually been heard, so that on barge-in the item can be truncated exactly there.
 *
 * <p>Positions: the "stream" is every byte the session has queued, in order. Each item occupies a span of it. The
 * playback thread maps stream positions to the sink's frames as it writes them, and publishes the stream position
 * that the sink reports as heard.
 */
public final class Playback implements AutoCloseable {

    static final int BLOCK_BYTES = 20 * Pcm16.BYTES_PER_MS;
    /** Two minutes: far longer than any answer, so the ring only overflows if something is broken. */
    public static final int DEFAULT_CAPACITY = 120_000 * Pcm16.BYTES_PER_MS;
    private static final int REMEMBERED_ITEMS = 32;

    private final RingBuffer ring;
    private final PcmSink sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile IOException failure;

    /** Set by the session: discard everything queued before this stream position. */
    private final AtomicLong discardRequest = new AtomicLong();
    /** Set by the playback thread once it has discarded up to here. */
    private final AtomicLong discardDone = new AtomicLong();
    private volatile long heardPosition;
    /** What had really been heard when the last discard happened (heardPosition then jumps over the discarded bytes). */
    private volatile long heardAtDiscard;

    // session thread only
    private final Map<String, long[]> spans = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > REMEMBERED_ITEMS;
        }
    };
    private String currentItem;
    private final java.util.Set<String> silenced = java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_ITEMS;
        }
    });

    public Playback(PcmSink sink, int capacityBytes) {
        this.sink = sink;
        this.ring = new RingBuffer(capacityBytes - capacityBytes % Pcm16.BYTES_PER_SAMPLE);
        this.thread = new Thread(this::playLoop, "voice-console-playback");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Queues audio of an answer item; audio of an item silenced by barge-in is dropped. Never blocks. */
    public void play(String itemId, byte[] pcm) {
        if (silenced.contains(itemId)) {
            return;
        }
        if (!itemId.equals(currentItem)) {
            currentItem = itemId;
            spans.put(itemId, new long[] {ring.written(), ring.written()});
        }
        // the ring's capacity and every write are whole samples, so the stream never splits one
        ring.write(pcm, 0, pcm.length - pcm.length % Pcm16.BYTES_PER_SAMPLE);
        spans.get(itemId)[1] = ring.written();
    }

    /** The item whose audio was queued last, or null. */
    public String currentItem() {
        return currentItem;
    }

    /** Milliseconds of an item's audio that have been heard (0 for an unknown item). */
    public long heardMs(String itemId) {
        long[] span = spans.get(itemId);
        if (span == null) {
            return 0;
        }
        long heard = Math.max(0, Math.min(heardPosition, span[1]) - span[0]);
        return Pcm16.millisOf(heard);
    }

    /** True when everything queued has been heard. */
    public boolean idle() {
        return heardPosition >= ring.written();
    }

    /**
     * Barge-in: stops the sound at once (what is queued, in the ring and in the device, is thrown away) and drops
     * any audio of the current item that is still on its way. Returns when the playback thread has done it, so
     * {@link #heardMs} is final for the item.
     */
    public void interrupt() {
        if (currentItem != null) {
            silenced.add(currentItem);
        }
        long target = ring.written();
        discardRequest.accumulateAndGet(target, Math::max);
        long deadline = System.nanoTime() + 200_000_000L;
        while (discardDone.get() < target && thread.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
        }
        long[] span = currentItem == null ? null : spans.get(currentItem);
        if (span != null && discardDone.get() >= target) {
            span[1] = Math.min(span[1], Math.max(span[0], heardAtDiscard));
        }
    }

    /** Waits until everything queued has been heard, or the time is up; returns whether it all was. */
    public boolean awaitIdle(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!idle() && thread.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000L);
        }
        return idle();
    }

    /** Bytes dropped because the ring was full. */
    public long droppedBytes() {
        return ring.dropped();
    }

    /** A write to the sink that failed (e.g. the output disk is full), or null. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }

    // ---- the playback thread ----

    /** A block handed to the sink: its frames there, and where it came from in the stream (-1: silence). */
    private record Block(long firstFrame, long endFrame, long streamPosition) {
    }

    private void playLoop() {
        byte[] block = new byte[BLOCK_BYTES];
        byte[] silence = new byte[BLOCK_BYTES];
        ArrayDeque<Block> inSink = new ArrayDeque<>();
        long framesFed = sink.framesHeard();
        long discarded = 0;
        try {
            while (running) {
                long request = discardRequest.get();
                if (request > discarded) {
                    sink.discardQueued();
                    updateHeard(inSink, sink.framesHeard());
                    heardAtDiscard = heardPosition;
                    inSink.clear();
                    framesFed = sink.framesHeard();
                    ring.skipTo(request);
                    // the discarded bytes will never be heard: count them as done, so idle() can become true
                    heardPosition = Math.max(heardPosition, request);
                    discarded = request;
                    discardDone.set(request);
                }
                int count = ring.read(block, 0, BLOCK_BYTES);
                if (count > 0) {
                    long from = ring.readPosition() - count;
                    sink.write(block, 0, count);
                    inSink.add(new Block(framesFed, framesFed + count / 2, from));
                    framesFed += count / 2;
                } else if (sink.needsContinuousFeed()) {
                    sink.write(silence, 0, BLOCK_BYTES);
                    inSink.add(new Block(framesFed, framesFed + BLOCK_BYTES / 2, -1));
                    framesFed += BLOCK_BYTES / 2;
                } else {
                    LockSupport.parkNanos(5_000_000L);
                }
                updateHeard(inSink, sink.framesHeard());
            }
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Publishes the stream position the sink has rendered, from the blocks it was given. */
    private void updateHeard(ArrayDeque<Block> inSink, long frame) {
        long heard = heardPosition;
        while (!inSink.isEmpty() && inSink.peek().endFrame() <= frame) {
            Block done = inSink.poll();
            if (done.streamPosition() >= 0) {
                heard = done.streamPosition() + (done.endFrame() - done.firstFrame()) * 2;
            }
        }
        Block playing = inSink.peek();
        if (playing != null && playing.streamPosition() >= 0 && playing.firstFrame() < frame) {
            heard = Math.max(heard, playing.streamPosition() + (frame - playing.firstFrame()) * 2);
        }
        if (heard > heardPosition) {
            heardPosition = heard;
        }
    }
}

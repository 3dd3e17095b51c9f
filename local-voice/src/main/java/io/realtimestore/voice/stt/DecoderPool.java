package io.realtimestore.voice.stt;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of decoders, each lent to one utterance at a time (a decoder is not thread-safe), and the roll-out of
 * a new catalog LM into each decoder as it comes back free.
 *
 * <p>All decoders are created up front, one after the other (~1 s each): a service then pays the cost at startup, not
 * on a user's first request, and a broken installation fails at once.
 */
final class DecoderPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DecoderPool.class);

    private final SphinxModelFiles model;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a decoder comes back or the pool closes. */
    private final Condition changed = lock.newCondition();
    private final List<PocketSphinxDecoder> decoders = new ArrayList<>();
    /** Most recently used first: its memory is the likeliest to still be in the CPU caches. */
    private final Deque<PocketSphinxDecoder> idle = new ArrayDeque<>();
    private DomainLanguageModel current;
    private boolean closed;

    DecoderPool(SphinxModelFiles model, int size, DomainLanguageModel initial) {
        if (size < 1) {
            throw new IllegalArgumentException("A decoder pool needs at least one decoder, not " + size);
        }
        this.model = model;
        this.current = initial;
        try {
            for (int i = 0; i < size; i++) {
                long start = System.nanoTime();
                PocketSphinxDecoder decoder = PocketSphinxDecoder.create(model, initial);
                decoders.add(decoder);
                idle.add(decoder);
                LOG.debugf("Speech decoder %d of %d ready in %d ms", i + 1, size, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            decoders.forEach(PocketSphinxDecoder::free);
            throw e;
        }
    }

    int size() {
        lock.lock();
        try {
            return decoders.size();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a free decoder, preferring one that already has the current catalog LM. */
    PocketSphinxDecoder acquire(Duration maxWait) throws RecognizerBusyException {
        long remaining = maxWait.toNanos();
        lock.lock();
        try {
            while (idle.isEmpty()) {
                checkOpen();
                if (remaining <= 0) {
                    throw new RecognizerBusyException(decoders.size(), maxWait);
                }
                remaining = changed.awaitNanos(remaining);
            }
            checkOpen();
            PocketSphinxDecoder chosen = idle.stream().filter(decoder -> decoder.installed() == current).findFirst()
                    .orElse(idle.getFirst());
            idle.remove(chosen);
            return chosen;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a speech decoder", e);
        } finally {
            lock.unlock();
        }
    }

    void release(PocketSphinxDecoder decoder) {
        lock.lock();
        try {
            if (closed) {
                decoders.remove(decoder);
                decoder.free();
            } else {
                idle.addFirst(decoder);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Installs the model into every decoder, each as soon as it is free: idle ones now, busy ones when their utterance
     * ends (the utterance finishes on the old LM). Returns when all decoders have it.
     *
     * @throws IllegalStateException if the pool closes meanwhile, or a decoder cannot install the model
     */
    void rollOut(DomainLanguageModel model) throws InterruptedException {
        lock.lock();
        try {
            checkOpen();
            current = model;
        } finally {
            lock.unlock();
        }
        for (PocketSphinxDecoder decoder = nextToUpdate(model); decoder != null; decoder = nextToUpdate(model)) {
            release(installOrReplace(decoder, model));
        }
    }

    /** Waits for a free decoder without the model and takes it; null once every decoder has the model. */
    private PocketSphinxDecoder nextToUpdate(DomainLanguageModel model) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                checkOpen();
                if (decoders.stream().allMatch(decoder -> decoder.installed() == model)) {
                    return null;
                }
                for (PocketSphinxDecoder decoder : idle) {
                    if (decoder.installed() != model) {
                        idle.remove(decoder);
                        return decoder;
                    }
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The decoder with the model installed, or, if the install broke it, a new decoder in its place. */
    private PocketSphinxDecoder installOrReplace(PocketSphinxDecoder decoder, DomainLanguageModel model) {
        try {
            decoder.install(model);
            return decoder;
        } catch (RuntimeException installFailure) {
            if (decoder.usable()) {
                release(decoder); // still on the old LM, and still good for recognition
                throw installFailure;
            }
            LOG.warnf(installFailure, "A speech decoder failed to switch LMs; replacing it");
            lock.lock();
            try {
                decoders.remove(decoder);
            } finally {
                lock.unlock();
            }
            decoder.free();
            PocketSphinxDecoder replacement = PocketSphinxDecoder.create(this.model, model);
            lock.lock();
            try {
                decoders.add(replacement);
            } finally {
                lock.unlock();
            }
            return replacement;
        }
    }

    /** Frees the idle decoders now, and each busy one when its utterance is closed. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (PocketSphinxDecoder decoder : idle) {
                decoders.remove(decoder);
                decoder.free();
            }
            idle.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The speech recognizer is closed");
        }
    }
}

package io.realtimestore.voice.stt;

/**
 * An utterance on a decoder borrowed from the pool. The methods are synchronized only so that a {@link #close()} from
 * another thread (a cancelled request) waits for an {@link #accept} in progress instead of freeing the decoder under
 * it; normal use is one thread at a time.
 */
final class PooledUtterance implements Utterance {

    private final DecoderPool pool;
    private PocketSphinxDecoder decoder;
    private String finalHypothesis;

    /** Starts the utterance on a decoder already taken from the pool, and returns the decoder if it cannot start. */
    PooledUtterance(DecoderPool pool, PocketSphinxDecoder decoder) {
        this.pool = pool;
        try {
            decoder.startUtterance();
        } catch (RuntimeException e) {
            pool.release(decoder);
            throw e;
        }
        this.decoder = decoder;
    }

    @Override
    public synchronized void accept(short[] pcm16k) {
        if (finalHypothesis != null) {
            throw new IllegalStateException("The utterance is finished");
        }
        openDecoder().process(pcm16k);
    }

    @Override
    public synchronized String partial() {
        return finalHypothesis != null ? finalHypothesis : openDecoder().hypothesis();
    }

    @Override
    public synchronized String finish() {
        if (finalHypothesis == null) {
            PocketSphinxDecoder open = openDecoder();
            open.endUtterance();
            finalHypothesis = open.hypothesis();
        }
        return finalHypothesis;
    }

    @Override
    public synchronized void close() {
        if (decoder == null) {
            return;
        }
        try {
            if (finalHypothesis == null) {
                decoder.endUtterance(); // the next ps_start_utt fails on a decoder still in an utterance
            }
        } finally {
            pool.release(decoder);
            decoder = null;
        }
    }

    private PocketSphinxDecoder openDecoder() {
        if (decoder == null) {
            throw new IllegalStateException("The utterance is closed");
        }
        return decoder;
    }
}

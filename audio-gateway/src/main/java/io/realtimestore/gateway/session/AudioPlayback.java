package io.realtimestore.gateway.session;

/**
 * How much assistant audio the gateway has delivered to the client for the latest audio item, so barge-in can
 * truncate the item at what the shopper can actually have heard. Sizes come from base64 lengths; nothing is decoded.
 */
final class AudioPlayback {

    private String itemId;
    private int contentIndex;
    private long bytes;
    private long firstDeliveryNanos;
    private int bytesPerMs = 48; // 24 kHz PCM16; 8 for G.711

    void outputFormat(boolean pcm16) {
        bytesPerMs = pcm16 ? 48 : 8;
    }

    void delivered(String item, int contentIndexOfDelta, int audioBytes, long nowNanos) {
        if (item == null) {
            return;
        }
        if (!item.equals(itemId)) {
            itemId = item;
            contentIndex = contentIndexOfDelta;
            bytes = 0;
            firstDeliveryNanos = nowNanos;
        }
        bytes += audioBytes;
    }

    String itemId() {
        return itemId;
    }

    int contentIndex() {
        return contentIndex;
    }

    /** Audio delivered for {@code item}, in ms (0 for another item). */
    long deliveredMs(String item) {
        return item != null && item.equals(itemId) ? bytes / bytesPerMs : 0;
    }

    /**
     * Where to cut the current item when the client does not say: what was delivered, and no more than the time
     * since delivery began (a client plays in real time). Negative when the client has already played it all.
     */
    long truncateAtMs(long nowNanos) {
        if (itemId == null) {
            return -1;
        }
        long delivered = bytes / bytesPerMs;
        long elapsed = (nowNanos - firstDeliveryNanos) / 1_000_000;
        return elapsed >= delivered ? -1 : elapsed;
    }

    void forget() {
        itemId = null;
        bytes = 0;
    }
}

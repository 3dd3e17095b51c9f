package io.realtimestore.gateway.session;

/**
 * How much assistant audio the gateway has delivered to the client for the latest audio item, so barge-in can
 * truncate the item at what the shopper can actually have heard. Sizes come from base64 lengths; nothing is decoded.
 */
final class AudioPlayback {

    private String itemId;
    private long bytes;
    private long firstDeliveryNanos;
    private int bytesPerMs = 48; // 24 kHz PCM16; 8 for G.711

    void outputFormat(boolean pcm16) {
        bytesPerMs = pcm16 ? 48 : 8;
    }

    /** Output audio is the item's only content part (index 0), so the item id is all that identifies it. */
    void delivered(String item, int audioBytes, long nowNanos) {
        if (item == null) {
            return;
        }
        if (!item.equals(itemId)) {
            itemId = item;
            bytes = 0;
            firstDeliveryNanos = nowNanos;
        }
        bytes += audioBytes;
    }

    String itemId() {
        return itemId;
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

    /** Audio delivered but not yet played, assuming real-time playback from the first delivered byte. */
    long unplayedMs(long nowNanos) {
        long cut = truncateAtMs(nowNanos);
        return cut < 0 ? 0 : bytes / bytesPerMs - cut;
    }
}

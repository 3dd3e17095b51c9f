package io.realtimestore.store.view;

/** An option of a select: the value sent and the words shown. */
public record Choice(String value, String label) {
}

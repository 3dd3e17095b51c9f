package io.realtimestore.voice.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's conversation items, in order, bounded: transcripts live only here, in memory, and the oldest go
 * first. It also remembers which items a response has already answered, so the next response sees only what is new.
 */
final class Conversation {

    static final int MAX_ITEMS = 200;

    private final LinkedHashMap<String, ObjectNode> items = new LinkedHashMap<>();
    /** Items added since the last response started: what the next response answers. */
    private final List<ObjectNode> unanswered = new ArrayList<>();

    /** Adds an item; returns the id of the item before it (null when first). */
    String add(ObjectNode item) {
        String previous = lastItemId();
        items.put(item.path("id").asText(), item);
        unanswered.add(item);
        while (items.size() > MAX_ITEMS) {
            String oldest = items.keySet().iterator().next();
            unanswered.remove(items.remove(oldest));
        }
        return previous;
    }

    /** Records an item the engine itself produced (assistant messages, function calls): nothing to answer. */
    String addAnswered(ObjectNode item) {
        String previous = add(item);
        unanswered.remove(item);
        return previous;
    }

    ObjectNode get(String itemId) {
        return items.get(itemId);
    }

    boolean remove(String itemId) {
        ObjectNode removed = items.remove(itemId);
        unanswered.remove(removed);
        return removed != null;
    }

    String lastItemId() {
        String last = null;
        for (Map.Entry<String, ObjectNode> entry : items.entrySet()) {
            last = entry.getKey();
        }
        return last;
    }

    /** The items not yet answered, oldest first; they count as answered from now on. */
    List<ObjectNode> takeUnanswered() {
        List<ObjectNode> taken = List.copyOf(unanswered);
        unanswered.clear();
        return taken;
    }
}

package io.realtimestore.voice.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The two JSON operations session objects need: a deep merge (how session.update applies) and parsing a literal. */
public final class JsonObjects {

    private JsonObjects() {
    }

    /** Merges {@code update} into {@code target}: nested objects merge, everything else (arrays, nulls) replaces. */
    public static void merge(ObjectNode target, ObjectNode update) {
        update.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode updateObject) {
                merge(existingObject, updateObject);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }

    /** Parses JSON the program itself wrote (a literal): a failure is a bug, not bad input. */
    public static JsonNode parse(String json) {
        try {
            return ServerEvents.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("invalid JSON literal", e);
        }
    }
}

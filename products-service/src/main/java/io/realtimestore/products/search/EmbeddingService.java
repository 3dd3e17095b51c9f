package io.realtimestore.products.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.realtimestore.dto.ProductInput;
import io.realtimestore.products.Product;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns product text and queries into unit-length vectors with the configured model, and knows how a product
 * is described to the model. Vectors are normalised here so the index can use the cheaper dot product.
 */
public class EmbeddingService {

    private final EmbeddingModel model;
    private final String modelId;
    private final String queryPrefix;
    private final int batchSize;

    public EmbeddingService(EmbeddingModel model, String modelId, String queryPrefix, int batchSize) {
        this.model = model;
        this.modelId = modelId;
        this.queryPrefix = queryPrefix;
        this.batchSize = batchSize;
    }

    public String modelId() {
        return modelId;
    }

    public float[] embedQuery(String query) {
        return normalise(model.embed(queryPrefix + query).content().vector());
    }

    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<TextSegment> segments = texts.subList(from, Math.min(texts.size(), from + batchSize)).stream()
                    .map(TextSegment::from).toList();
            model.embedAll(segments).content().forEach(e -> vectors.add(normalise(e.vector())));
        }
        return vectors;
    }

    /**
     * The text a product is embedded from: what a shopper would describe it by. Parts are trimmed as the catalog
     * stores them, so an input and the product saved from it give the same passage (and content hash).
     */
    public static String passageOf(String name, String brand, String category, List<String> tags, String description) {
        StringBuilder text = new StringBuilder(name.strip()).append(". ").append(category.strip())
                .append(" by ").append(brand.strip()).append('.');
        if (tags != null && !tags.isEmpty()) {
            text.append(' ').append(String.join(", ", tags.stream().map(String::strip).toList())).append('.');
        }
        if (description != null && !description.isBlank()) {
            text.append(' ').append(description.strip());
        }
        return text.toString();
    }

    public static String passageOf(Product p) {
        return passageOf(p.name, p.brand, p.category, p.tags, p.description);
    }

    public static String passageOf(ProductInput p) {
        return passageOf(p.name(), p.brand(), p.category(), p.tags(), p.description());
    }

    /** Identifies the text and the model together, so a change of either triggers re-embedding. */
    public String contentHash(String passage) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(modelId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(passage.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    static float[] normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        if (sum == 0) {
            return vector;
        }
        float inverse = (float) (1.0 / Math.sqrt(sum));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * inverse;
        }
        return unit;
    }
}

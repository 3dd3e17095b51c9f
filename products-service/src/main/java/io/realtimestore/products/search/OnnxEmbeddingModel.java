package io.realtimestore.products.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process sentence-embedding model run with ONNX Runtime, using the model and tokenizer files that
 * LangChain4j ships inside its {@code langchain4j-embeddings-*} jars.
 *
 * <p>Why not LangChain4j's own in-process classes: they encode one text per ONNX call and always read the whole
 * text. On a 2-core machine the encoder is compute-bound, so the cost of an import is set by how many tokens are
 * encoded. This model encodes texts in padded batches sorted by length (little padding) and stops at a token
 * budget: a product's name, category, brand and tags come first in its passage and always fit.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {

    public enum Pooling { MEAN, CLS }

    private static final int BATCH = 32;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final boolean needsTokenTypes;
    private final int dimensions;

    public OnnxEmbeddingModel(String modelResource, String tokenizerResource, Pooling pooling, int maxTokens) {
        ClassLoader loader = OnnxEmbeddingModel.class.getClassLoader();
        try (InputStream model = open(loader, modelResource); InputStream vocabulary = open(loader, tokenizerResource)) {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            // Idle ONNX threads sleep instead of spinning, leaving the cores to the database and index work.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = environment.createSession(model.readAllBytes(), options);
            this.tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of(
                    "padding", "true", "truncation", "true", "maxLength", Integer.toString(maxTokens)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedding model " + modelResource, e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the embedding model " + modelResource, e);
        }
        this.pooling = pooling;
        this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
        this.dimensions = encode(List.of("dimension probe"))[0].length;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> texts = segments.stream().map(TextSegment::text).toList();
        // Encode in order of length so each batch pads to a similar length; then restore the caller's order.
        Integer[] order = new Integer[texts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        Embedding[] embeddings = new Embedding[texts.size()];
        for (int from = 0; from < order.length; from += BATCH) {
            List<Integer> batch = Arrays.asList(order).subList(from, Math.min(order.length, from + BATCH));
            float[][] vectors = encode(batch.stream().map(texts::get).toList());
            for (int i = 0; i < batch.size(); i++) {
                embeddings[batch.get(i)] = Embedding.from(vectors[i]);
            }
        }
        return Response.from(Arrays.asList(embeddings));
    }

    @Override
    public int dimension() {
        return dimensions;
    }

    private float[][] encode(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int count = encodings.length;
        long[][] ids = new long[count][];
        long[][] mask = new long[count][];
        long[][] types = new long[count][];
        for (int i = 0; i < count; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            types[i] = encodings[i].getTypeIds();
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
            if (needsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] pooled = new float[count][];
                for (int i = 0; i < count; i++) {
                    pooled[i] = pooling == Pooling.CLS ? hidden[i][0] : meanOverTokens(hidden[i], mask[i]);
                }
                return pooled;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Embedding failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanOverTokens(float[][] tokens, long[] mask) {
        float[] sum = new float[tokens[0].length];
        int counted = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 1) {
                counted++;
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += tokens[t][d];
                }
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(1, counted);
        }
        return sum;
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Embedding model resource " + resource + " is not on the class path");
        }
        return in;
    }
}

package io.realtimestore.products.rest;

import io.realtimestore.products.config.ProductsConfig;
import io.realtimestore.products.service.CatalogException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Caps JSON request bodies (single products, stock adjustments). Imports stream other media types and are
 * bounded per row instead, so the HTTP server's own limit can stay large enough for them.
 */
@jakarta.ws.rs.ext.Provider
public class JsonBodyLimit implements ReaderInterceptor {

    // Providers are created during static init, before runtime configuration exists: read the limit lazily.
    private final Provider<ProductsConfig> config;
    private volatile int maxBytes;

    JsonBodyLimit(Provider<ProductsConfig> config) {
        this.config = config;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (maxBytes == 0) {
            maxBytes = config.get().limits().maxJsonBodyBytes();
        }
        MediaType type = context.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && parseLength(declared) > maxBytes) {
                throw tooLarge();
            }
            context.setInputStream(new Bounded(context.getInputStream(), maxBytes));
        }
        return context.proceed();
    }

    private CatalogException tooLarge() {
        return new CatalogException(413, "Payload too large",
                "JSON bodies are limited to " + maxBytes + " bytes. For many products use POST /api/products/import.",
                List.of(new CatalogException.FieldError("body", "too large")), Map.of("maxBytes", maxBytes));
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                remaining -= n;
                if (remaining < 0) {
                    throw tooLarge();
                }
            }
            return n;
        }
    }
}

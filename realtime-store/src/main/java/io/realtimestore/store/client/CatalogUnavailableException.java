package io.realtimestore.store.client;

/** products-service could not answer (down, slow, failing, or the circuit is open): pages say so instead of failing. */
public class CatalogUnavailableException extends RuntimeException {

    public CatalogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

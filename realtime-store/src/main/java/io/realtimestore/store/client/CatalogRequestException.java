package io.realtimestore.store.client;

/**
 * products-service refused a request (a filter that is not a number, a query too long, an unknown id); the message
 * is its own explanation and the status its HTTP status.
 */
public class CatalogRequestException extends RuntimeException {

    private final int status;

    public CatalogRequestException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

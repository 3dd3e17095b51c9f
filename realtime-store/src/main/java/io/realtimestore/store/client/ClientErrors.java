package io.realtimestore.store.client;

import jakarta.ws.rs.WebApplicationException;

/**
 * The REST client reports every non-2xx answer as a {@link WebApplicationException} (not as the JAX-RS subclass per
 * status), so a refusal (4xx) is told apart by its status: it is not retried and does not count against the
 * circuit breaker, because asking again would get the same answer and the service is healthy.
 */
final class ClientErrors {

    private ClientErrors() {
    }

    static boolean isRefusal(Throwable failure) {
        return failure instanceof WebApplicationException answered && answered.getResponse().getStatus() >= 400
                && answered.getResponse().getStatus() < 500;
    }

    static int status(Throwable failure) {
        return ((WebApplicationException) failure).getResponse().getStatus();
    }
}

package io.realtimestore.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import io.realtimestore.gateway.support.RealtimeClient;
import org.junit.jupiter.api.Test;

/** When the upstream fails, the client hears why and the session closes cleanly. */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
class UpstreamFailureTest {

    @Test
    void anUpstreamErrorAndCloseReachTheClientAsErrorAnd1011() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("fail");
            client.awaitError("internal_error");
            client.awaitError("upstream_closed");
            assertThat(client.awaitClose()).isEqualTo(1011);
            client.assertSchemaValid();
        }
    }

    @Test
    void anUpstreamThatGoesAwayEndsTheSessionWithAnError() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("vanish");
            client.awaitError("upstream_closed");
            assertThat(client.awaitClose()).isEqualTo(1011);
        }
    }
}

package io.realtimestore.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimestore.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Token expiry, replay and cross-replica verification, with a controlled clock. */
class ClientTokensTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-characters";

    @Test
    void aTokenExpiresAfterItsTtl() throws Exception {
        MutableClock clock = new MutableClock();
        ClientTokens tokens = new ClientTokens(config(SECRET), new InMemoryReplayGuard(config(SECRET)), clock);
        String token = tokens.mint("c").token();
        clock.advance(Duration.ofSeconds(66));
        assertThatThrownBy(() -> tokens.verifyAndConsume(token)).isInstanceOf(ClientTokens.TokenRejected.class)
                .hasMessageContaining("expired").extracting(e -> ((ClientTokens.TokenRejected) e).status()).isEqualTo(401);
    }

    @Test
    void anotherReplicaWithTheSameSecretAcceptsItOnceAndAnotherSecretNever() throws Exception {
        ClientTokens replicaA = new ClientTokens(config(SECRET), new InMemoryReplayGuard(config(SECRET)), Clock.systemUTC());
        ReplayGuard shared = new InMemoryReplayGuard(config(SECRET));
        ClientTokens replicaB = new ClientTokens(config(SECRET), shared, Clock.systemUTC());
        ClientTokens stranger = new ClientTokens(config("another-secret-of-at-least-32-characters!"), shared, Clock.systemUTC());
        String token = replicaA.mint("shopper").token();
        assertThatThrownBy(() -> stranger.verifyAndConsume(token)).hasMessageContaining("signature");
        assertThat(replicaB.verifyAndConsume(token).client()).isEqualTo("shopper");
        assertThatThrownBy(() -> replicaB.verifyAndConsume(token)).hasMessageContaining("already used");
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientTokens(config("short"), new InMemoryReplayGuard(config("short")), Clock.systemUTC()))
                .hasMessageContaining("GATEWAY_TOKEN_SECRET");
    }

    private static GatewayConfig config(String secret) {
        return new GatewayConfig() {
            public Path dataDir() {
                return Path.of("target/unused");
            }

            public Optional<String> apiKey() {
                return Optional.empty();
            }

            public Tokens tokens() {
                return new Tokens() {
                    public Optional<String> secret() {
                        return Optional.of(secret);
                    }

                    public Duration ttl() {
                        return Duration.ofSeconds(60);
                    }

                    public int replayCacheSize() {
                        return 1000;
                    }
                };
            }

            public List<String> allowedOrigins() {
                return List.of();
            }

            public Limits limits() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }
}

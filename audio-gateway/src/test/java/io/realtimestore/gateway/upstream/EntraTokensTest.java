package io.realtimestore.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Entra ID tokens are reused while fresh and renewed inside the refresh margin. */
class EntraTokensTest {

    @Test
    void aFreshTokenIsReusedAndANearlyExpiredOneRenewed() {
        List<String> scopes = new ArrayList<>();
        List<OffsetDateTime> expiries = new ArrayList<>(List.of(OffsetDateTime.now().plusMinutes(3),
                OffsetDateTime.now().plusHours(1)));
        TokenCredential credential = (TokenRequestContext request) -> {
            scopes.addAll(request.getScopes());
            int n = scopes.size();
            return Mono.just(new AccessToken("token-" + n, expiries.get(Math.min(n - 1, 1))));
        };
        EntraTokens tokens = new EntraTokens(credential, "https://cognitiveservices.azure.com/.default", Duration.ofMinutes(5));

        assertThat(tokens.token().await().indefinitely()).isEqualTo("token-1");
        // token-1 expires in 3 minutes, inside the 5-minute margin: renewed
        assertThat(tokens.token().await().indefinitely()).isEqualTo("token-2");
        // token-2 is good for an hour: reused
        assertThat(tokens.token().await().indefinitely()).isEqualTo("token-2");
        assertThat(scopes).containsOnly("https://cognitiveservices.azure.com/.default").hasSize(2);
    }

    @Test
    void aFailureSaysWhatToConfigure() {
        TokenCredential failing = request -> Mono.error(new IllegalStateException("no identity"));
        EntraTokens tokens = new EntraTokens(failing, "scope", Duration.ofMinutes(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.token().await().indefinitely())
                .isInstanceOf(UpstreamUnavailableException.class).hasMessageContaining("AZURE_OPENAI_API_KEY");
    }
}

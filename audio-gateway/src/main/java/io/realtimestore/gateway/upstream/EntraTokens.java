package io.realtimestore.gateway.upstream;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Entra ID bearer tokens for Azure OpenAI (managed identity in Azure, workload identity, environment or developer
 * credentials elsewhere, via azure-identity's DefaultAzureCredential). One token serves every new session until
 * it is within the refresh margin of expiry.
 */
final class EntraTokens {

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final Duration refreshMargin;
    private final AtomicReference<AccessToken> current = new AtomicReference<>();

    EntraTokens(TokenCredential credential, String scope, Duration refreshMargin) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
        this.refreshMargin = refreshMargin;
    }

    Uni<String> token() {
        AccessToken token = current.get();
        if (token != null && token.getExpiresAt().isAfter(OffsetDateTime.now().plus(refreshMargin))) {
            return Uni.createFrom().item(token.getToken());
        }
        return Uni.createFrom().completionStage(() -> credential.getToken(request).toFuture())
                .invoke(current::set)
                .map(AccessToken::getToken)
                .onFailure().transform(failure -> new UpstreamUnavailableException(
                        "could not get an Entra ID token for Azure OpenAI (set AZURE_OPENAI_API_KEY, or give this "
                                + "workload an identity with the 'Cognitive Services OpenAI User' role): "
                                + failure.getClass().getSimpleName()));
    }
}

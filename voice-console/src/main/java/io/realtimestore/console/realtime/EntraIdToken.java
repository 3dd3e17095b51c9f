package io.realtimestore.console.realtime;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.realtimestore.console.ConsoleFailure;
import io.realtimestore.console.ExitCode;

/**
 * An Entra ID access token for Azure OpenAI, from azure-identity's DefaultAzureCredential: environment credentials,
 * workload or managed identity, or the Azure CLI's sign-in ({@code az login}) on a laptop. One token is fetched per
 * run; it lives about an hour and an Azure Realtime session at most 30 minutes.
 */
public final class EntraIdToken {

    /** The scope of Azure AI services (Azure OpenAI); the identity needs the Cognitive Services OpenAI User role. */
    static final String SCOPE = "https://cognitiveservices.azure.com/.default";

    private EntraIdToken() {
    }

    public static String fetch() {
        try {
            AccessToken token = new DefaultAzureCredentialBuilder().build()
                    .getTokenSync(new TokenRequestContext().addScopes(SCOPE));
            return token.getToken();
        } catch (RuntimeException e) {
            throw new ConsoleFailure(ExitCode.AUTHENTICATION, "No Entra ID token for Azure OpenAI ("
                    + firstLine(e.getMessage()) + "). Sign in with 'az login', run where a managed identity is assigned, "
                    + "or pass the resource's key with --api-key (or AZURE_OPENAI_API_KEY).", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no credential found";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

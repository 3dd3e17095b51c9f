package io.realtimestore.gateway.chat;

import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.langchain4j.model.azure.AzureOpenAiStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.quarkus.logging.Log;
import io.realtimestore.gateway.client.CatalogNames;
import io.realtimestore.gateway.config.ChatConfig;
import io.realtimestore.gateway.config.ToolsConfig;
import io.realtimestore.gateway.config.UpstreamConfig;
import io.realtimestore.gateway.session.SessionPolicy;
import io.realtimestore.gateway.tools.ProductTools;
import io.vertx.core.Vertx;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;

/**
 * Chooses the chat model from {@code CHAT_PROVIDER} (auto by default) and checks its settings at start-up: a missing
 * setting fails fast and names the variable. The model is given the product tools from the same definitions as the
 * Realtime session and the same instructions, with a note that the conversation is written.
 */
@ApplicationScoped
public class AssistantModelProducer {

    @Produces
    @ApplicationScoped
    AssistantModel assistant(ChatConfig chat, UpstreamConfig upstream, ToolsConfig tools, SessionPolicy policy,
            CatalogNames catalog, Vertx vertx) {
        Optional<String> endpoint = present(upstream.azure().endpoint());
        Optional<String> deployment = present(chat.azure().deployment());
        Optional<String> openAiKey = present(upstream.openai().apiKey());
        ChatConfig.Provider provider = chat.provider();
        if (provider == ChatConfig.Provider.AUTO) {
            provider = endpoint.isPresent() && deployment.isPresent() ? ChatConfig.Provider.AZURE
                    : openAiKey.isPresent() ? ChatConfig.Provider.OPENAI : ChatConfig.Provider.LOCAL;
        }
        AssistantModel assistant = switch (provider) {
            case AZURE -> cloud("azure:" + deployment.orElse(""), azure(chat, upstream, endpoint, deployment), chat, tools, policy, vertx);
            case OPENAI -> cloud("openai:" + chat.openai().model(), openAi(chat, upstream, openAiKey), chat, tools, policy, vertx);
            case LOCAL, AUTO -> new LocalAssistant(catalog);
        };
        Log.infof("Text chat: %s", assistant.name().equals("local")
                ? "the offline assistant (set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_CHAT_DEPLOYMENT, or OPENAI_API_KEY, for a cloud model)"
                : assistant.name());
        return assistant;
    }

    /** Created at start-up, so a missing setting stops the gateway at once rather than at the first message. */
    void createAtStartup(@Observes StartupEvent event, AssistantModel model) {
        model.name();
    }

    private static AssistantModel cloud(String name, StreamingChatModel model, ChatConfig chat, ToolsConfig tools,
            SessionPolicy policy, Vertx vertx) {
        return new CloudAssistant(name, new GuardedChatModel(model, vertx, chat), policy::textChatInstructions,
                ChatToolSpecifications.from(ProductTools.definitions(tools)), chat.memoryMessages());
    }

    private static StreamingChatModel azure(ChatConfig chat, UpstreamConfig upstream, Optional<String> endpoint,
            Optional<String> deployment) {
        String url = endpoint.orElseThrow(() -> new IllegalStateException(
                "CHAT_PROVIDER=azure needs AZURE_OPENAI_ENDPOINT (https://<resource>.openai.azure.com)"));
        String name = deployment.orElseThrow(() -> new IllegalStateException(
                "CHAT_PROVIDER=azure needs AZURE_OPENAI_CHAT_DEPLOYMENT (the name of your gpt-4o-mini deployment)"));
        AzureOpenAiStreamingChatModel.Builder builder = AzureOpenAiStreamingChatModel.builder()
                .endpoint(url.replaceAll("/+$", ""))
                .deploymentName(name)
                .timeout(chat.modelTimeout())
                .maxRetries(0) // retries are GuardedChatModel's: only before any text reached the shopper
                .logRequestsAndResponses(false);
        Optional<String> key = present(upstream.azure().apiKey());
        if (key.isPresent()) {
            builder.apiKey(key.get());
        } else {
            Log.info("AZURE_OPENAI_API_KEY not set: text chat authenticates to Azure OpenAI with Entra ID (DefaultAzureCredential)");
            builder.tokenCredential(new DefaultAzureCredentialBuilder().build());
        }
        return builder.build();
    }

    private static StreamingChatModel openAi(ChatConfig chat, UpstreamConfig upstream, Optional<String> key) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(upstream.openai().baseUrl())
                .apiKey(key.orElseThrow(() -> new IllegalStateException("CHAT_PROVIDER=openai needs OPENAI_API_KEY")))
                .modelName(chat.openai().model())
                .timeout(chat.modelTimeout())
                .logRequests(false)
                .build();
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }
}

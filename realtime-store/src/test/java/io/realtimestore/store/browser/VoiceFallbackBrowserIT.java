package io.realtimestore.store.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.realtimestore.store.browser.SpokenAudio.Pause;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The panel when voice is unavailable, end to end: the gateway's voice service (a switchable fake upstream) refuses
 * sessions with HTTP 429, so the panel goes on as a text chat through the gateway's {@code POST /v1/chat} — the
 * gateway's own text assistant, its product tools against the real products-service — and, once the service accepts
 * sessions again, is back on voice by itself with the conversation kept.
 */
class VoiceFallbackBrowserIT {

    private static SwitchableUpstream upstream;
    private static PackagedSuite suite;

    @BeforeAll
    static void startTheSuite() throws Exception {
        upstream = new SwitchableUpstream();
        suite = new PackagedSuite(upstream.realtimeUrl());
    }

    @AfterAll
    static void stopTheSuite() {
        PackagedSuite.closeAll(suite, upstream);
    }

    @Test
    void voiceRefusedByTheServiceFallsBackToTextChatAndComesBackByItself() {
        Path quiet = SpokenAudio.make("quiet-fallback", new Pause(20));
        try (Browser browser = Browser.withMicrophone(quiet)) {
            browser.open(suite.store.url() + "/");
            browser.find("#assistant-connect").click();
            browser.await("the note about text chat", 30, b -> "text".equals(b.stats().get("mode"))
                    && b.find("#assistant-mode-note").getText().contains("keep chatting by text"));
            assertThat(browser.find("#assistant-mode-note").getText()).as("why, in plain words").contains("busy");
            assertThat(browser.find("#assistant-mode-note").getAttribute("aria-live")).isEqualTo("polite");
            assertThat(browser.find("#assistant-status").getText()).startsWith("Text chat");
            assertThat(browser.find("#assistant-ptt").isEnabled()).as("no push-to-talk in a text chat").isFalse();
            assertThat(browser.find("#assistant-talk").isEnabled()).isFalse();
            assertThat(browser.find("#assistant-level").isDisplayed()).as("no microphone level in a text chat").isFalse();
            assertThat(upstream.refused()).isPositive();
            assertThat(upstream.accepted()).isZero();
            browser.screenshot("fallback-text-chat");

            browser.find("#assistant-text").sendKeys("show me tents", Keys.ENTER);
            browser.await("the typed question in the transcript", 10, b -> b.turnText("user").contains("show me tents"));
            browser.await("the chat's answer", 60, b -> b.stat("chatAnswers") >= 1 && !b.turnText("assistant").isBlank());
            browser.await("product cards from the catalog", 10, b -> !b.findAll("#assistant-cards .product-card").isEmpty());
            assertThat(browser.find("#assistant-cards").getText()).containsIgnoringCase("tent");
            assertThat(browser.stat("chatErrors")).isZero();
            assertThat(String.valueOf(browser.stats().get("chatSession"))).startsWith("chat_");
            String answer = browser.turnText("assistant");
            browser.screenshot("fallback-text-answer");

            upstream.accept();
            // Probes back off from 5 s to 30 s: the next one comes at most about 35 s after the switch.
            browser.await("voice to be back", 60, b -> "voice".equals(b.stats().get("mode"))
                    && Boolean.TRUE.equals(b.stats().get("connected"))
                    && b.find("#assistant-mode-note").getText().contains("Voice is back"));
            browser.await("the voice session to be listening", 30,
                    b -> "listening".equals(b.find("#assistant-status").getAttribute("data-state")));
            assertThat(upstream.accepted()).as("the probe's session is the one kept").isEqualTo(1);
            assertThat(browser.stat("voiceProbes")).isPositive();
            assertThat(browser.turnText("user")).as("the transcript still holds the chat").contains("show me tents");
            assertThat(browser.turnText("assistant")).contains(answer);
            assertThat(browser.find("#assistant-ptt").isEnabled()).isTrue();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(upstream.userTexts)
                    .as("the voice session is told what was said in the chat")
                    .anySatisfy(text -> assertThat(text).startsWith("Context:").contains("show me tents")));
            browser.screenshot("fallback-voice-back");
        }
    }
}

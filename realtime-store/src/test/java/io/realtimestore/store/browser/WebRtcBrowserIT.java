package io.realtimestore.store.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.store.browser.SpokenAudio.Pause;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The panel's WebRTC-direct mode end to end: the shopper's Chromium makes a real WebRTC call whose SDP goes through the
 * packaged store and gateway to the voice service (a fake whose peer is a second Chromium), while the gateway, attached
 * to the call's sideband, runs the product tool against the real products-service.
 */
class WebRtcBrowserIT {

    private static FakeVoiceService service;
    private static PackagedSuite suite;

    @BeforeAll
    static void startTheSuite() throws Exception {
        service = new FakeVoiceService();
        suite = new PackagedSuite(service.realtimeUrl());
    }

    @AfterAll
    static void stopTheSuite() {
        PackagedSuite.closeAll(suite, service);
    }

    @Test
    void aTypedQuestionOverADirectCallGetsCardsFromTheGatewaysToolAndASpokenAnswer() {
        Path quiet = SpokenAudio.make("quiet", new Pause(20));
        try (Browser browser = Browser.withMicrophone(quiet)) {
            browser.open(suite.store.url() + "/");
            new Select(browser.find("#assistant-transport")).selectByValue("webrtc");
            browser.keepCallForStatistics();
            browser.find("#assistant-connect").click();
            awaitOnCall(browser, "the call's data channel", 30, b -> Boolean.TRUE.equals(b.stats().get("connected")));
            awaitOnCall(browser, "the service's session.created on the data channel", 10,
                    b -> service.peerLog().contains("session.created") && ((Number) b.stats().get("serverEvents")).intValue() > 0);
            assertThat(browser.stats().get("transport")).isEqualTo("webrtc");
            assertThat(browser.stats().get("callId")).isEqualTo(FakeVoiceService.CALL_ID);
            assertThat(service.callAuthorizations).containsExactly("Bearer " + FakeVoiceService.SECRET);
            awaitOnCall(browser, "the gateway's sideband on the call", 10,
                    b -> service.sidebandQueries.contains("call_id=" + FakeVoiceService.CALL_ID));
            assertThat(service.sidebandQueries).hasSize(1);

            browser.find("#assistant-text").sendKeys("show me tents", Keys.ENTER);
            awaitOnCall(browser, "product cards from the gateway's search", 30, b -> !b.findAll("#assistant-cards .product-card").isEmpty());
            assertThat(service.fromGateway).anySatisfy(event -> assertThat(event.getJsonObject("item", new JsonObject())
                    .getString("type", "")).isEqualTo("function_call_output"));
            String firstCard = browser.findAll("#assistant-cards .product-card .card-link").getFirst().getText();
            awaitOnCall(browser, "the spoken answer's caption", 20, b -> b.turnText("assistant").contains("Take a look at the"));
            assertThat(browser.turnText("assistant")).contains(firstCard.strip());
            awaitOnCall(browser, "the answer's audio playing", 20, b -> Boolean.TRUE.equals(b.stats().get("remoteAudioPlaying")));
            assertThat(browser.turnText("user")).contains("show me tents");
            assertThat(browser.driver.getPageSource()).doesNotContain(FakeVoiceService.SECRET);
            browser.screenshot("webrtc-call");
        }
    }

    /** {@link Browser#await}, with both sides of the call (statistics, the peer's events and trace) in a timeout. */
    private static void awaitOnCall(Browser browser, String what, int seconds, Predicate<Browser> condition) {
        try {
            browser.await(what, seconds, condition);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; the shopper's call " + browser.callStatistics()
                    + "; the service's peer: " + service.peerReport(), timedOut);
        }
    }
}

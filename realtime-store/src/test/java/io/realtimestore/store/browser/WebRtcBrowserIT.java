package io.realtimestore.store.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.store.browser.SpokenAudio.Pause;
import io.realtimestore.store.support.Suite;
import io.realtimestore.testsupport.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The panel's WebRTC-direct mode end to end: the shopper's Chromium makes a real WebRTC call whose SDP goes through the
 * packaged store and gateway to the voice service (a fake whose peer is a second Chromium), while the gateway, attached
 * to the call's sideband, runs the product tool against the real products-service.
 */
class WebRtcBrowserIT {

    private static FakeVoiceService service;
    private static ServiceProcess products;
    private static ServiceProcess gateway;
    private static ServiceProcess store;

    @BeforeAll
    static void startTheSuite() throws Exception {
        service = new FakeVoiceService();
        int storePort = ServiceProcess.freePort();
        products = Suite.products();
        gateway = Suite.gatewayOnUrl(products.url(), "http://localhost:" + storePort, service.realtimeUrl());
        store = ServiceProcess.of("realtime-store").port(storePort)
                .env("PRODUCTS_URL", products.url())
                .env("GATEWAY_URL", gateway.url())
                .env("GATEWAY_API_KEY", Suite.GATEWAY_KEY)
                .start();
    }

    @AfterAll
    static void stopTheSuite() {
        for (AutoCloseable closeable : new AutoCloseable[] { store, gateway, products, service }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }

    @Test
    void aTypedQuestionOverADirectCallGetsCardsFromTheGatewaysToolAndASpokenAnswer() {
        Path quiet = SpokenAudio.make("quiet", new Pause(20));
        try (Browser browser = Browser.withMicrophone(quiet)) {
            browser.open(store.url() + "/");
            new Select(browser.find("#assistant-transport")).selectByValue("webrtc");
            browser.find("#assistant-connect").click();
            browser.await("the call's data channel", 30, b -> Boolean.TRUE.equals(b.stats().get("connected")));
            assertThat(browser.stats().get("transport")).isEqualTo("webrtc");
            assertThat(browser.stats().get("callId")).isEqualTo(FakeVoiceService.CALL_ID);
            assertThat(service.callAuthorizations).containsExactly("Bearer " + FakeVoiceService.SECRET);
            browser.await("the gateway's sideband on the call", 10,
                    b -> service.sidebandQueries.contains("call_id=" + FakeVoiceService.CALL_ID));
            assertThat(service.sidebandQueries).hasSize(1);

            browser.find("#assistant-text").sendKeys("show me tents", Keys.ENTER);
            browser.await("product cards from the gateway's search", 30, b -> !b.findAll("#assistant-cards .product-card").isEmpty());
            assertThat(service.fromGateway).anySatisfy(event -> assertThat(event.getJsonObject("item", new JsonObject())
                    .getString("type", "")).isEqualTo("function_call_output"));
            String firstCard = browser.findAll("#assistant-cards .product-card .card-link").getFirst().getText();
            browser.await("the spoken answer's caption", 20, b -> turnText(b, "assistant").contains("Take a look at the"));
            assertThat(turnText(browser, "assistant")).contains(firstCard.strip());
            browser.await("the answer's audio playing", 20, b -> Boolean.TRUE.equals(b.stats().get("remoteAudioPlaying")));
            assertThat(turnText(browser, "user")).contains("show me tents");
            assertThat(browser.driver.getPageSource()).doesNotContain(FakeVoiceService.SECRET);
            browser.screenshot("webrtc-call");
        }
    }

    private static String turnText(Browser browser, String role) {
        return browser.findAll("#assistant-transcript .turn[data-role='" + role + "'] .turn-text").stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + " " + b).strip();
    }
}

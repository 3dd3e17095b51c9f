package io.realtimestore.store.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.store.browser.SpokenAudio.Pause;
import io.realtimestore.store.browser.SpokenAudio.Speech;
import io.realtimestore.store.support.DroppableProxy;
import io.realtimestore.store.support.Suite;
import io.realtimestore.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.WebElement;

/**
 * The suite as users run it — products-service, the gateway on the offline voice engine and the packaged store, over
 * real HTTP and WebSockets — driven by headless Chromium with a fake microphone playing spoken WAV files.
 */
class StorefrontBrowserIT {

    private static ServiceProcess products;
    private static ServiceProcess gateway;
    private static ServiceProcess store;
    /** Browsers reach the gateway through this relay, so a test can cut their connections. */
    private static DroppableProxy network;

    @BeforeAll
    static void startTheSuite() throws IOException {
        int storePort = ServiceProcess.freePort();
        products = Suite.products();
        gateway = Suite.gateway(products, "http://localhost:" + storePort);
        network = new DroppableProxy(gateway.port());
        store = ServiceProcess.of("realtime-store").port(storePort)
                .env("PRODUCTS_URL", products.url())
                .env("GATEWAY_URL", gateway.url())
                .env("GATEWAY_PUBLIC_URL", "http://localhost:" + network.port())
                .env("GATEWAY_API_KEY", Suite.GATEWAY_KEY)
                .start();
    }

    @AfterAll
    static void stopTheSuite() {
        if (network != null) {
            network.close();
        }
        for (ServiceProcess service : new ServiceProcess[] { store, gateway, products }) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void catalogPagesAndSearchWork() {
        try (Browser browser = Browser.plain()) {
            browser.open(store.url() + "/");
            assertThat(browser.findAll(".product-tile")).hasSize(8);
            browser.screenshot("home");
            assertThat(unlabelledControls(browser)).as("every control has an accessible name").isEmpty();
            assertThat(browser.find("#assistant-status").getAttribute("role")).isEqualTo("status");
            assertThat(browser.find("#assistant-transcript").getAttribute("aria-live")).isEqualTo("polite");

            browser.find(".category-list a[href='/products?category=Tents']").click();
            browser.await("the tents grid", 10, b -> b.driver.getCurrentUrl().endsWith("/products?category=Tents"));
            assertThat(browser.find("h1").getText()).isEqualTo("Tents");
            assertThat(browser.find("#result-count").getText()).matches("\\d+ products");
            browser.screenshot("tents");

            WebElement first = browser.findAll(".product-tile .tile-link").getFirst();
            String name = first.getText();
            first.click();
            browser.await("a product page", 10, b -> b.driver.getCurrentUrl().matches(".*/products/\\d+$"));
            assertThat(browser.find("h1").getText()).isEqualTo(name);
            assertThat(browser.find(".detail-price").getText()).startsWith("$");
            assertThat((Boolean) browser.driver.executeScript(
                    "const img = document.querySelector('.detail-image'); return img.complete && img.naturalWidth > 0;")).isTrue();
            browser.screenshot("product");

            WebElement search = browser.find("#site-search-q");
            search.sendKeys("waterproof backpack", Keys.ENTER);
            browser.await("search results", 10, b -> b.driver.getCurrentUrl().contains("/search?q=waterproof+backpack"));
            assertThat(browser.find("#result-count").getText()).matches("\\d+ results? for “waterproof backpack”");
            assertThat(browser.findAll(".product-tile .tile-name")).extracting(WebElement::getText)
                    .anySatisfy(tile -> assertThat(tile).containsIgnoringCase("backpack"));
            browser.screenshot("search");
        }
    }

    /**
     * The capture worklet itself, in Chromium's audio engine: a 1 kHz tone driven past full scale at the rates devices
     * deliver (48 and 44.1 kHz, 16 kHz for upsampling) comes out as 24 kHz PCM16 with the tone's pitch kept and peaks
     * clamped, never wrapped.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theCaptureWorkletResamplesAnyDeviceRateTo24kHzAndClamps() {
        try (Browser browser = Browser.plain()) {
            browser.open(store.url() + "/");
            Map<String, Object> results = (Map<String, Object>) browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    (async () => {
                      const results = {};
                      for (const rate of [48000, 44100, 16000]) {
                        const context = new OfflineAudioContext(1, rate, rate);
                        await context.audioWorklet.addModule('/assistant/capture-worklet.js');
                        const node = new AudioWorkletNode(context, 'realtime-store-capture', { processorOptions: { chunkSamples: 960 } });
                        const tone = context.createOscillator();
                        tone.frequency.value = 1000;
                        const overdrive = context.createGain();
                        overdrive.gain.value = 1.5;
                        tone.connect(overdrive).connect(node);
                        node.connect(context.destination);
                        tone.start();
                        const samples = [];
                        node.port.onmessage = (e) => {
                          if (e.data.type === 'chunk') samples.push(...new Int16Array(e.data.buffer, 0, e.data.samples));
                        };
                        await context.startRendering();
                        await new Promise((resolve) => setTimeout(resolve, 300));
                        let rising = 0;
                        for (let i = 1; i < samples.length; i++) if (samples[i - 1] < 0 && samples[i] >= 0) rising++;
                        results[String(rate)] = { count: samples.length, rising, max: Math.max(...samples), min: Math.min(...samples) };
                      }
                      done(results);
                    })().catch((e) => done({ error: String(e) }));""");
            assertThat(results).doesNotContainKey("error");
            for (String rate : List.of("48000", "44100", "16000")) {
                Map<String, Number> r = (Map<String, Number>) results.get(rate);
                long count = r.get("count").longValue();
                assertThat(count).as(rate + " Hz: one second makes 24 000 samples, in whole 40 ms chunks").isBetween(23_040L, 24_000L);
                double hertz = r.get("rising").doubleValue() * 24_000 / count;
                assertThat(hertz).as(rate + " Hz: the tone's pitch survives resampling").isBetween(985.0, 1015.0);
                assertThat(r.get("max").intValue()).as(rate + " Hz: clamped at full scale").isEqualTo(32767);
                assertThat(r.get("min").intValue()).isEqualTo(-32768);
            }
        }
    }

    @Test
    void aSpokenQuestionGetsATranscriptAProductCardAndPlayedAudio() {
        Path question = SpokenAudio.make("lightest-tent", new Pause(3), new Speech("what's the lightest tent you have"), new Pause(12));
        try (Browser browser = Browser.withMicrophone(question)) {
            browser.open(store.url() + "/");
            browser.find("#assistant-connect").click();
            browser.await("the user's transcript", 30, b -> b.turnText("user").toLowerCase().contains("tent"));
            browser.await("a product card", 30, b -> !b.findAll("#assistant-cards .product-card").isEmpty());
            browser.await("the answer's audio to play", 30, b -> b.stat("playedSamples") > 24_000);
            browser.await("the answer's transcript", 30, b -> !b.turnText("assistant").isBlank());
            browser.screenshot("spoken-question");

            List<WebElement> turns = browser.findAll("#assistant-transcript .turn");
            assertThat(turns.getFirst().getAttribute("data-role")).as("the question comes before the answer").isEqualTo("user");
            assertThat(browser.find("#assistant-status").getAttribute("data-state")).isIn("listening", "speaking", "thinking");
            Map<String, Object> stats = browser.stats();
            assertThat(((Number) stats.get("sentAppends")).longValue()).isPositive();
            assertThat(((Number) stats.get("receivedAudioSamples")).longValue()).as("played ≤ received, in one snapshot")
                    .isGreaterThanOrEqualTo(((Number) stats.get("playedSamples")).longValue());

            WebElement card = browser.find("#assistant-cards .product-card");
            String productId = card.getAttribute("data-product-id");
            assertThat(card.getText()).contains("$");
            card.findElement(By.cssSelector(".card-link")).click();
            browser.await("the card's product page", 10, b -> b.driver.getCurrentUrl().endsWith("/products/" + productId));
            browser.await("the transcript kept across pages", 10, b -> b.turnText("user").toLowerCase().contains("tent"));
            browser.screenshot("card-followed");
        }
    }

    @Test
    void typedQuestionsGoToTheTextChatWhenTheMicrophoneIsDenied() {
        try (Browser browser = Browser.withMicrophoneDenied()) {
            browser.open(store.url() + "/products");
            browser.find("#assistant-connect").click();
            browser.await("the note saying why it is a text chat", 20, b -> "text".equals(b.stats().get("mode"))
                    && b.find("#assistant-mode-note").getText().toLowerCase().contains("denied"));
            browser.await("the text chat status", 10, b -> "text".equals(b.find("#assistant-status").getAttribute("data-state")));
            assertThat(browser.find("#assistant-status").getText()).startsWith("Text chat");
            assertThat(browser.find("#assistant-ptt").isEnabled()).as("no push-to-talk without a microphone").isFalse();
            assertThat(browser.find("#assistant-talk").isEnabled()).isFalse();
            assertThat(unlabelledControls(browser)).as("every control has an accessible name").isEmpty();

            browser.find("#assistant-text").sendKeys("what is your most expensive camera", Keys.ENTER);
            browser.await("the typed question in the transcript", 10, b -> b.turnText("user").contains("most expensive camera"));
            browser.await("an answer", 30, b -> !b.turnText("assistant").isBlank());
            browser.await("a product card", 30, b -> !b.findAll("#assistant-cards .product-card").isEmpty());
            assertThat(browser.find("#assistant-cards").getText()).contains("Camera");
            String chatSession = String.valueOf(browser.stats().get("chatSession"));
            assertThat(chatSession).startsWith("chat_");
            browser.screenshot("typed-question");

            WebElement picked = browser.find("#assistant-cards .product-card");
            String pickedName = picked.findElement(By.cssSelector(".card-link")).getText().strip();
            int answersBefore = browser.findAll("#assistant-transcript .turn[data-role='assistant']").size();
            picked.findElement(By.cssSelector(".card-pick")).click();
            browser.await("the pick told to the assistant", 10, b -> b.turnText("user").contains("Tell me more about this one: " + pickedName));
            browser.await("an answer about the picked product", 30,
                    b -> b.findAll("#assistant-transcript .turn[data-role='assistant']").size() > answersBefore
                            && !b.findAll("#assistant-transcript .turn[data-role='assistant']").getLast().getText().isBlank());
            assertThat(browser.stats().get("chatSession")).as("the chat goes on in its session").isEqualTo(chatSession);
            assertThat(browser.stat("chatMessages")).isEqualTo(2);
            assertThat(browser.stat("voiceProbes")).as("voice waits for the shopper's microphone, not for a service").isZero();

            browser.find("#assistant-log-toggle").click();
            assertThat(browser.findAll("#assistant-log .log-entry[data-direction='in'][data-type='chat.products']")).isNotEmpty();
            assertThat(browser.find("#assistant-log").getText()).doesNotContain("Bearer");
            browser.screenshot("typed-question-picked");
        }
    }

    @Test
    void directWebRtcOnTheBuiltInEngineSaysWhyAndFallsBackToTheWebSocket() {
        Path quiet = SpokenAudio.make("quiet-webrtc-refused", new Pause(20));
        try (Browser browser = Browser.withMicrophone(quiet)) {
            browser.open(store.url() + "/");
            new Select(browser.find("#assistant-transport")).selectByValue("webrtc");
            browser.find("#assistant-connect").click();
            browser.await("the reason in the notice", 20, b -> b.find("#assistant-notice").getText()
                    .contains("Direct WebRTC needs the assistant on Azure OpenAI or OpenAI"));
            browser.await("a session over the WebSocket instead", 20, b -> Boolean.TRUE.equals(b.stats().get("connected"))
                    && "websocket".equals(b.stats().get("transport")));
            assertThat(new Select(browser.find("#assistant-transport")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("websocket");
            browser.find("#assistant-text").sendKeys("what is your most expensive camera", Keys.ENTER);
            browser.await("an answer", 30, b -> !b.turnText("assistant").isBlank());

            Select voices = new Select(browser.find("#assistant-voice"));
            assertThat(voices.getOptions()).extracting(option -> option.getAttribute("value")).contains("marin", "cedar");
            voices.selectByValue("cedar");

            browser.find("#assistant-log-toggle").click();
            assertThat(browser.find("#assistant-log").isDisplayed()).isTrue();
            assertThat(browser.find("#assistant-log-toggle").getAttribute("aria-expanded")).isEqualTo("true");
            browser.await("the voice change in the event log", 10, b -> !b.findAll(
                    "#assistant-log .log-entry[data-direction='out'][data-type='session.update']").isEmpty());
            browser.await("the answer's cards in the event log", 30, b -> !b.findAll(
                    "#assistant-log .log-entry[data-direction='in'][data-type='store.tool_result']").isEmpty());
            WebElement update = browser.findAll("#assistant-log .log-entry[data-direction='out'][data-type='session.update']").getLast();
            browser.clickInLivePart(update.findElement(By.tagName("summary")));
            assertThat(update.findElement(By.tagName("pre")).getText()).contains("\"voice\": \"cedar\"");
            assertThat(browser.find("#assistant-log").getText()).doesNotContain("realtime-store.token.");
            browser.screenshot("event-log");
        }
    }

    @Test
    void aDroppedConnectionReconnectsKeepingTheConversation() {
        try (Browser browser = Browser.withMicrophoneDenied()) {
            browser.open(store.url() + "/");
            browser.find("#assistant-text").sendKeys("do you have any headlamps from terravolt", Keys.ENTER);
            browser.await("an answer", 30, b -> !b.turnText("assistant").isBlank());

            network.dropAll();
            browser.await("the panel to reconnect", 30, b -> b.stat("reconnects") >= 1 && Boolean.TRUE.equals(b.stats().get("connected")));
            assertThat(browser.turnText("user")).contains("headlamps from terravolt");
            browser.await("the prior context sent to the assistant", 10, b -> b.findAll(
                    "#assistant-log .log-entry[data-direction='out'][data-type='conversation.item.create']").size() >= 2);

            browser.find("#assistant-text").sendKeys("what is your most expensive camera", Keys.ENTER);
            browser.await("an answer after reconnecting", 30, b -> b.findAll("#assistant-transcript .turn[data-role='assistant']").size() >= 2
                    && b.find("#assistant-cards").getText().contains("Camera"));
            browser.screenshot("reconnected");
        }
    }

    @Test
    void pushToTalkSendsAudioOnlyWhileTheButtonIsHeld() throws InterruptedException {
        Path question = SpokenAudio.make("push-to-talk", new Pause(2), new Speech("what's the lightest tent you have"), new Pause(12));
        try (Browser browser = Browser.withMicrophone(question)) {
            browser.open(store.url() + "/");
            browser.find("#assistant-ptt").click();
            browser.find("#assistant-connect").click();
            browser.await("the Talk button to be ready", 20, b -> b.find("#assistant-talk").isEnabled());
            Thread.sleep(500);
            assertThat(browser.stat("sentAppends")).as("nothing is sent before the button is pressed").isZero();

            new Actions(browser.driver).clickAndHold(browser.find("#assistant-talk")).perform();
            Thread.sleep(1_000);
            assertThat(browser.find("#assistant-talk").getAttribute("aria-pressed")).as("still held").isEqualTo("true");
            Thread.sleep(3_500);
            new Actions(browser.driver).release().perform();
            assertThat(browser.stat("sentAppends")).isPositive();
            browser.await("the user's transcript", 30, b -> b.turnText("user").toLowerCase().contains("tent"));
            browser.await("a product card", 30, b -> !b.findAll("#assistant-cards .product-card").isEmpty());
            long sent = browser.stat("sentAppends");
            Thread.sleep(1_000);
            assertThat(browser.stat("sentAppends")).as("released: the microphone is no longer sent").isEqualTo(sent);
            browser.screenshot("push-to-talk");
        }
    }

    @Test
    void speakingOverTheAnswerFlushesPlaybackAndTrimsTheTranscript() {
        Path bargeIn = SpokenAudio.make("barge-in", new Pause(3), new Speech("what is your most expensive camera"), new Pause(1.6),
                new Speech("show me noise cancelling earbuds"), new Pause(12));
        try (Browser browser = Browser.withMicrophone(bargeIn)) {
            browser.open(store.url() + "/");
            browser.find("#assistant-connect").click();
            browser.await("playback to be flushed", 40, b -> b.stat("flushes") >= 1);
            browser.await("the interrupted answer to be marked", 10,
                    b -> !b.findAll("#assistant-transcript .turn[data-role='assistant'][data-interrupted='true']").isEmpty());
            @SuppressWarnings("unchecked")
            Map<String, Object> truncate = (Map<String, Object>) browser.stats().get("lastTruncate");
            assertThat(truncate).as("the item was truncated at what was played").isNotNull();
            assertThat(((Number) truncate.get("audio_end_ms")).longValue()).isPositive();
            browser.await("the second question's answer", 40, b -> b.findAll("#assistant-transcript .turn[data-role='user']").size() >= 2
                    && b.find("#assistant-cards").getText().toLowerCase().contains("earbuds"));
            browser.screenshot("barge-in");
        }
    }

    /** Buttons, inputs and selects that a screen reader could not name (no text, label, aria-label or aria-labelledby). */
    @SuppressWarnings("unchecked")
    private static List<String> unlabelledControls(Browser browser) {
        return (List<String>) browser.driver.executeScript("""
                return [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea')]
                  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                    && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
                  .map(el => el.outerHTML.slice(0, 80));""");
    }
}

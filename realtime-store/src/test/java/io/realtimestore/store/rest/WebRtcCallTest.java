package io.realtimestore.store.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.store.support.FakeRealtimeProvider;
import io.realtimestore.store.support.WebRtcSuiteResource;
import io.restassured.response.Response;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A WebRTC call from the panel's point of view: the browser's SDP offer goes store → gateway → provider, the gateway
 * attaches to the new call, and the browser gets only the answer — never a credential.
 */
@QuarkusTest
@WithTestResource(WebRtcSuiteResource.class)
class WebRtcCallTest {

    private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
            + "a=rtpmap:111 opus/48000/2\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";

    @Test
    void theOfferReachesTheProviderAndOnlyTheAnswerComesBack() {
        FakeRealtimeProvider provider = WebRtcSuiteResource.provider;
        Response call = given().contentType("application/sdp").body(sdp(OFFER)).post("/api/assistant/webrtc");
        assertThat(call.statusCode()).as(() -> "fake provider saw " + provider.requests).isEqualTo(200);
        assertThat(call.header("Cache-Control")).contains("no-store");
        assertThat(call.jsonPath().getString("call_id")).isEqualTo("rtc_store_test_1");
        assertThat(call.jsonPath().getString("sdp")).startsWith("v=0").contains("m=audio");
        assertThat(call.asString()).doesNotContain(FakeRealtimeProvider.SECRET);

        assertThat(provider.offers).containsExactly(OFFER);
        assertThat(provider.callAuthorizations).containsExactly("Bearer " + FakeRealtimeProvider.SECRET);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> provider.sidebandQueries.contains("call_id=rtc_store_test_1"));
    }

    @Test
    void onlySdpOffersFromTheStoresOwnPagesAreForwarded() {
        Response notAnOffer = given().contentType("application/sdp").body(sdp("hello")).post("/api/assistant/webrtc");
        assertThat(notAnOffer.statusCode()).isEqualTo(400);
        assertThat(notAnOffer.jsonPath().getString("detail")).contains("SDP offer");
        given().header("Sec-Fetch-Site", "cross-site").contentType("application/sdp").body(sdp(OFFER)).post("/api/assistant/webrtc")
                .then().statusCode(403);
    }

    /** RestAssured has no encoder for application/sdp; bytes go as they are. */
    private static byte[] sdp(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

package io.realtimestore.gateway.localvoice;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The gateway on its default upstream, the offline engine, with two speech decoders. */
public class LocalVoiceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("realtime.upstream", "local", "realtime.local.recognizers", "2", "realtime.local.workers", "2");
    }
}

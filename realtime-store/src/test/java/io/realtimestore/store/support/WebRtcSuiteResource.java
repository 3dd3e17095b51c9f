package io.realtimestore.store.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.realtimestore.testsupport.ServiceProcess;
import java.util.Map;

/** The gateway on a provider with WebRTC (the fake one), for the store's WebRTC tests. */
public class WebRtcSuiteResource implements QuarkusTestResourceLifecycleManager {

    /** The fake provider of the running test class. */
    public static FakeRealtimeProvider provider;
    private ServiceProcess gateway;

    @Override
    public Map<String, String> start() {
        try {
            provider = new FakeRealtimeProvider();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fake provider", e);
        }
        gateway = Suite.gatewayOnUrl("http://localhost:" + ServiceProcess.freePort(), "http://localhost:8080", provider.realtimeUrl());
        // no products-service: these tests are about calls, and the store degrades without a catalog
        return Suite.storeSettings("http://localhost:" + ServiceProcess.freePort(), gateway);
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (provider != null) {
            provider.close();
        }
    }
}

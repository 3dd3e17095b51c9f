package io.realtimestore.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A products-service that accepts connections and never answers: the slow tool. */
public class BlackHoleProducts implements QuarkusTestResourceLifecycleManager {

    private ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "black-hole-products");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.rest-client.products.url", "http://localhost:" + server.getLocalPort());
    }

    @Override
    public void stop() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException ignored) {
            // test teardown
        }
    }
}

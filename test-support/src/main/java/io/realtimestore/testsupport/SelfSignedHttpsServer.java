package io.realtimestore.testsupport;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS server on a free port of localhost with a self-signed test certificate that this JVM is told to trust, for
 * fakes of cloud APIs. It exists because Azure's SDK refuses to send an API key over plain HTTP, so a fake
 * of Azure OpenAI has to speak TLS, and the clients under test must accept its certificate without any code of their
 * own (the services build their clients from configuration alone).
 *
 * <p>The certificate and its key are {@code localhost.p12} next to this class (CN and SAN localhost, 127.0.0.1 and ::1,
 * valid until 2126, password {@value #PASSWORD}): a test fixture, not a secret. A fixed file lets a test JVM trust it
 * from its very start, with {@code -Djavax.net.ssl.trustStore} pointing at it, so that no client can have read the
 * trust settings before a server was opened (products-service's Azure embeddings test does that).
 *
 * <p>Trust is given the way an operator would: the {@code javax.net.ssl.trustStore*} system properties (read by
 * clients that build their own TLS context, such as the Azure SDK's Netty client) and the JVM's default
 * {@link SSLContext} (used by the JDK's HttpClient, which LangChain4j's OpenAI client runs on); the latter is replaced
 * as well because the JVM builds it once, and an earlier test may already have done so. All servers of a JVM share one
 * certificate, so two fakes open at once (a Quarkus test resource and a plain test's fake) trust each other's clients;
 * the trust settings are restored when the last server closes.
 *
 * <p>Handlers run on a pool of daemon threads, never on the server's dispatcher thread, so a handler that keeps an
 * exchange open (a stream, or a fake that hangs on purpose) does not stall other requests.
 */
public final class SelfSignedHttpsServer implements AutoCloseable {

    private static final String PASSWORD = "changeit";
    private static final String[] TRUST_PROPERTIES = {
        "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};

    /** Guards the JVM-wide trust settings and the count of open servers that need them. */
    private static final Object TRUST_LOCK = new Object();
    private static Path keystore;
    private static int openServers;
    private static SSLContext previousDefault;
    private static final Map<String, String> previousProperties = new HashMap<>();

    private final HttpsServer server;
    private final ExecutorService handlers;
    private boolean closed;

    private SelfSignedHttpsServer(HttpsServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /** Starts a server that passes every request, whatever its path, to {@code handler}. */
    public static SelfSignedHttpsServer start(HttpHandler handler) {
        try {
            SSLContext tls = serverContext();
            // bind to what "localhost" resolves to first, which is where clients given https://localhost:port connect
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", handler);
            ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "fake-https-handler");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(handlers);
            trustForThisJvm();
            server.start();
            return new SelfSignedHttpsServer(server, handlers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the self-signed HTTPS server", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the self-signed HTTPS server", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://localhost:<port>}, without a trailing slash; the certificate is valid for that name. */
    public String url() {
        return "https://localhost:" + port();
    }

    /** Stops at once, dropping open exchanges, and interrupts handlers still running. */
    @Override
    public void close() {
        synchronized (TRUST_LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            server.stop(0);
            handlers.shutdownNow();
            if (--openServers == 0) {
                restoreTrust();
            }
        }
    }

    private static SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = loadKeystore();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    private static KeyStore loadKeystore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore())) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** The test keystore as a file (the trust-store properties need a path), copied once per JVM. */
    private static Path keystore() throws IOException {
        synchronized (TRUST_LOCK) {
            if (keystore == null) {
                Path file = Files.createTempDirectory("fake-https").resolve("localhost.p12");
                try (InputStream in = SelfSignedHttpsServer.class.getResourceAsStream("localhost.p12")) {
                    if (in == null) {
                        throw new IOException("localhost.p12 is missing next to " + SelfSignedHttpsServer.class.getName());
                    }
                    Files.copy(in, file);
                }
                file.toFile().deleteOnExit();
                file.getParent().toFile().deleteOnExit();
                keystore = file;
            }
            return keystore;
        }
    }

    /** The clients of this JVM trust exactly this certificate while a server is open. */
    private static void trustForThisJvm() throws IOException, GeneralSecurityException {
        synchronized (TRUST_LOCK) {
            if (openServers > 0) {
                openServers++;
                return;
            }
            previousDefault = SSLContext.getDefault();
            for (String property : TRUST_PROPERTIES) {
                previousProperties.put(property, System.getProperty(property));
            }
            System.setProperty("javax.net.ssl.trustStore", keystore().toString());
            System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(loadKeystore());
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, trust.getTrustManagers(), null);
            SSLContext.setDefault(trusting);
            openServers = 1;
        }
    }

    private static void restoreTrust() {
        previousProperties.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
        previousProperties.clear();
        SSLContext.setDefault(previousDefault);
        previousDefault = null;
    }
}

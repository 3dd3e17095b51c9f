import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Load benchmark of audio-gateway, the WebSocket relay between voice clients and an OpenAI GA Realtime upstream.
 *
 * <p>In one process, on a Vert.x instance with two event loops: an echo upstream (answers every
 * {@code input_audio_buffer.append} with a {@code response.output_audio.delta} carrying the same audio) and N client
 * sessions that stream 20 ms PCM16 frames in real time. Each frame carries its sender's session index, sequence
 * number and send time in its first 24 bytes, so the echoed delta gives the round trip. Every session count is run
 * twice: straight to the echo upstream ("direct") and through the gateway; the difference is what the gateway adds.
 * The gateway process is measured from /proc (CPU time per relayed frame, resident memory per session).
 * Run by run.sh; see README.md next to this file.
 */
public class GatewayBenchmark {

    static final long FRAME_NANOS = 20_000_000L;          // one frame per 20 ms per session
    static final int PCM_BYTES = 960;                       // 20 ms of PCM16, 24 kHz, mono
    static final int HEADER_BYTES = 24;                     // magic, session, seq, phase, send nanos
    static final int HEADER_CHARS = 32;                     // base64 of 24 bytes: no padding, independent of the rest
    static final int MAGIC = 0x47574231;                    // "GWB1"
    static final String APPEND_PREFIX = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";
    static final String APPEND_SUFFIX = "\"}";
    static final String DELTA_TYPE = "response.output_audio.delta";
    static final String PATH = "/v1/realtime";
    // the flags start-local.sh (and the container images) run the gateway with
    static final List<String> DEFAULT_GATEWAY_JVM = List.of("-Xmx512m", "-XX:+UseParallelGC");
    static final Base64.Encoder B64_ENCODER = Base64.getEncoder();
    static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /**
     * The clients' and echo upstream's event loops: two, or one when the benchmark is pinned to a single CPU (two
     * loops taking turns on one CPU only add switches between them). The JVM reads the CPUs it may use afresh.
     */
    static int eventLoops() { return Math.min(2, Runtime.getRuntime().availableProcessors()); }

    /** The gateway this program started, so that a failure or Ctrl-C never leaves it behind. */
    static volatile GatewayProcess started;

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GatewayProcess g = started;
            if (g != null) g.stop();
            if (NativeLoad.started != null) NativeLoad.started.process.destroy();
        }));
        int exit = 0;
        Vertx vertx = null;
        try {
            Options options = Options.parse(args);
            BenchmarkHost.Machine machine = BenchmarkHost.Machine.describe(options.repo());
            machine.print();
            // Before any load and before pinning: the whole machine's own delays, for reading the latency figures.
            SchedulingNoise noise = SchedulingNoise.measure(options.quick() ? 2 : 5, options.quick() ? 1 : 3);
            System.out.println("Scheduling noise of the idle machine: " + noise.describe() + "\n");
            System.setProperty("vertx.disableDnsResolver", "true"); // every address here is 127.0.0.1
            if (options.benchmarkCpus() != null) BenchmarkHost.pinThisProcess(options.benchmarkCpus());
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops()).setWorkerPoolSize(2)
                    .setInternalBlockingPoolSize(2).setBlockedThreadCheckInterval(10_000));
            new Bench(options, machine, noise, vertx).run();
        } catch (BenchmarkHost.Failure e) {
            System.out.flush();
            System.err.println("\nBENCHMARK FAILED: " + e.getMessage());
            exit = 1;
        } finally {
            GatewayProcess g = started;
            if (g != null) g.stop();
            if (NativeLoad.started != null) NativeLoad.started.stop();
            if (vertx != null) {
                try {
                    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // exiting anyway
                }
            }
        }
        System.exit(exit);
    }


    // ---------------------------------------------------------------- options

    record Options(Path repo, List<Integer> sessions, int durationS, int warmupS, boolean quick, boolean directOnly,
            String gatewayUrl, long gatewayPid, String apiKey, Path gatewayJar, List<String> gatewayJvm,
            Map<String, String> gatewayEnv, boolean freshGateway, int connectConcurrency, int openTimeoutS,
            int readyTimeoutS, int drainS, int echoPort, String gatewayCpus, String benchmarkCpus, String generator) {

        static final String USAGE = """
                usage: benchmarks/gateway/run.sh [options]
                  --sessions 50,100,250,500   session counts; each runs a direct and a through-the-gateway phase
                  --duration 20               measured seconds per phase
                  --warmup 3                  unmeasured seconds of streaming before each measured window
                  --quick                     smoke run: --sessions 10,50 --duration 5
                  --direct-only               only the direct phase (no gateway needed): checks the tool itself
                  --gateway-jar PATH          default <repo>/audio-gateway/target/quarkus-app/quarkus-run.jar
                  --gateway-jvm "FLAGS"       JVM flags for the gateway (default "-Xmx512m -XX:+UseParallelGC")
                  --gateway-env K=V           extra/overriding environment for the gateway (repeatable);
                                              {echoUrl} and {echoPort} in V are replaced
                  --fresh-gateway             start a new gateway for each session count (clean memory figures)
                  --gateway-cpus LIST         run the gateway on these CPUs only (taskset -c LIST, e.g. 1): it sees
                                              only them, as in a container with dedicated CPUs; default all
                  --benchmark-cpus LIST       keep the clients and the echo upstream on these CPUs; default all
                  --generator native|vertx    the clients and echo upstream: native/gwload.c, one C thread (the
                                              default when run.sh could build it: cc and OpenSSL's headers), or
                                              Vert.x in this JVM (the default otherwise)
                  --gateway-url ws://H:P/PATH use an already-running gateway instead of starting one
                  --gateway-pid PID           its process id, for CPU and memory (optional with --gateway-url)
                  --api-key KEY               X-Api-Key for --gateway-url (default: $GATEWAY_API_KEY)
                  --echo-port P               port of the echo upstream (default: a free one; fix it for --gateway-url)
                  --connect-concurrency 50    WebSocket handshakes in flight while opening sessions
                  --open-timeout 60           seconds for all sessions of a phase to open and get session.created
                  --ready-timeout 120         seconds for a started gateway to answer /q/health/live
                  --drain 2                   seconds to wait for the last echoes after a measured window
                  --help""";
        static final Set<String> FLAGS = Set.of("--quick", "--direct-only", "--fresh-gateway");
        static final Set<String> VALUED = Set.of("--repo", "--sessions", "--duration", "--warmup", "--gateway-jar",
                "--gateway-jvm", "--gateway-env", "--gateway-url", "--gateway-pid", "--api-key", "--echo-port",
                "--connect-concurrency", "--open-timeout", "--ready-timeout", "--drain", "--gateway-cpus", "--benchmark-cpus",
                "--generator");

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) { System.out.println(USAGE); System.exit(0); }
                if (FLAGS.contains(a)) given.put(a, "true");
                else if (VALUED.contains(a) && i + 1 < args.length) {
                    String v = args[++i];
                    if (a.equals("--gateway-env")) {
                        int eq = v.indexOf('=');
                        if (eq <= 0) throw new BenchmarkHost.Failure("--gateway-env needs K=V, got '" + v + "'");
                        env.put(v.substring(0, eq), v.substring(eq + 1));
                    } else given.put(a, v);
                } else throw new BenchmarkHost.Failure("bad argument '" + a + "'\n" + USAGE);
            }
            boolean quick = given.containsKey("--quick"), directOnly = given.containsKey("--direct-only");
            Path repo = Path.of(given.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
            List<Integer> sessions = Arrays.stream(given.getOrDefault("--sessions", quick ? "10,50" : "50,100,250,500")
                    .split(",")).map(s -> BenchmarkHost.positive("--sessions", s.strip())).toList();
            String gatewayUrl = given.get("--gateway-url");
            if (gatewayUrl != null && !gatewayUrl.matches("wss?://[^/]+(/.*)?")) {
                throw new BenchmarkHost.Failure("--gateway-url needs ws://host:port/path, got '" + gatewayUrl + "'");
            }
            Path jar = Path.of(given.getOrDefault("--gateway-jar",
                    repo.resolve("audio-gateway/target/quarkus-app/quarkus-run.jar").toString())).toAbsolutePath().normalize();
            if (!directOnly && gatewayUrl == null && !Files.isRegularFile(jar)) {
                throw new BenchmarkHost.Failure("no gateway at " + jar + ": build it first (./mvnw -B -DskipTests package -pl audio-gateway -am),"
                        + " or pass --gateway-jar PATH, --gateway-url ws://…, or --direct-only");
            }
            String apiKey = given.getOrDefault("--api-key", gatewayUrl == null ? null : System.getenv("GATEWAY_API_KEY"));
            List<String> jvm = given.containsKey("--gateway-jvm")
                    ? Arrays.stream(given.get("--gateway-jvm").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList()
                    : DEFAULT_GATEWAY_JVM;
            java.util.function.ToIntBiFunction<String, Integer> n =
                    (key, fallback) -> given.containsKey(key) ? BenchmarkHost.positive(key, given.get(key)) : fallback;
            return new Options(repo, sessions, n.applyAsInt("--duration", quick ? 5 : 20), n.applyAsInt("--warmup", 3),
                    quick, directOnly, gatewayUrl,
                    given.containsKey("--gateway-pid") ? BenchmarkHost.positive("--gateway-pid", given.get("--gateway-pid")) : -1,
                    apiKey, jar, jvm, env, given.containsKey("--fresh-gateway"),
                    n.applyAsInt("--connect-concurrency", 50), n.applyAsInt("--open-timeout", 60),
                    n.applyAsInt("--ready-timeout", 120), n.applyAsInt("--drain", 2),
                    given.containsKey("--echo-port") ? BenchmarkHost.positive("--echo-port", given.get("--echo-port")) : 0,
                    cpuList("--gateway-cpus", given.get("--gateway-cpus")), cpuList("--benchmark-cpus", given.get("--benchmark-cpus")),
                    switch (given.getOrDefault("--generator", "auto")) {
                        case "auto", "vertx", "native" -> given.getOrDefault("--generator", "auto");
                        default -> throw new BenchmarkHost.Failure("--generator takes native or vertx, got '" + given.get("--generator") + "'");
                    });
        }

        /** A CPU list as taskset takes it (0, 1-3, 0,2), or null when not given. */
        static String cpuList(String option, String value) {
            if (value == null) return null;
            if (!value.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
                throw new BenchmarkHost.Failure(option + " takes a CPU list such as 1, 0-1 or 0,2; got '" + value + "'");
            }
            return value;
        }
    }

    // ---------------------------------------------------------------- machine


    // ---------------------------------------------------------------- the run

    /** Where a phase's clients connect. {@code process} is the gateway to measure, or null (direct, or no pid). */
    record Target(String mode, String url, String host, int port, String uri, Map<String, String> headers,
            GatewayProcess process) {}

    /** The figures at the edges of a measured window. */
    record Sample(long nanos, long gatewayTicks, long selfCpuNanos, MachineTicks machine, long upstreamAppends,
            long clientDeltas) {}

    /** CPU ticks (utime + stime, all threads) of a process, from /proc/<pid>/stat; -1 when unreadable. */
    static long processCpuTicks(long pid) {
        String stat = BenchmarkHost.read("/proc/" + pid + "/stat");
        int close = stat.lastIndexOf(')');
        if (close < 0) return -1;
        String[] f = stat.substring(close + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * What the rest of the machine did, in CPU ticks: {@code others}, every process but the benchmark's and the
     * gateway's (kernel threads included), summed from each one's /proc/<pid>/stat, whose CPU times the kernel keeps
     * exact (the tick counts of /proc/stat are sampled and were tens of % of a core off on this machine); and
     * {@code steal}, from /proc/stat: time the vCPUs were ready to run while the host ran something else (0 on physical
     * machines); and {@code cpuWaitMicros}, the kernel's CPU pressure (/proc/pressure/cpu, "some ... total"): time in
     * which at least one runnable thread waited for a CPU, in µs; -1 where the kernel has no pressure stall information.
     */
    record MachineTicks(long others, long steal, long cpuWaitMicros) {
        static MachineTicks read(Set<Long> excludedPids) {
            long others = 0;
            try (var dirs = Files.newDirectoryStream(Path.of("/proc"), d -> d.getFileName().toString().matches("\\d+"))) {
                for (Path d : dirs) {
                    long pid = Long.parseLong(d.getFileName().toString());
                    if (!excludedPids.contains(pid)) others += Math.max(0, processCpuTicks(pid));
                }
            } catch (IOException | RuntimeException e) {
                others = 0; // not Linux, or /proc unreadable: the figure shows 0
            }
            String cpu = BenchmarkHost.read("/proc/stat").lines().findFirst().orElse("");
            String[] f = cpu.trim().split("\\s+");
            long steal = f.length > 8 && f[0].equals("cpu") ? Long.parseLong(f[8]) : 0;
            return new MachineTicks(others, steal, readCpuWaitMicros());
        }

        private static long readCpuWaitMicros() {
            String some = BenchmarkHost.read("/proc/pressure/cpu").lines().filter(l -> l.startsWith("some ")).findFirst().orElse("");
            int at = some.indexOf("total=");
            return at < 0 ? -1 : Long.parseLong(some.substring(at + "total=".length()).trim());
        }
    }

    static final class Bench {
        final Options o;
        final BenchmarkHost.Machine machine;
        final SchedulingNoise noise;
        final Vertx vertx;
        final List<Loop> loops = new ArrayList<>();
        final Echo echo = new Echo();
        /** The C clients and echo upstream with --generator native; then loops and echo stay unused. */
        NativeLoad nativeLoad;
        final WebSocketClient client;
        final Path workDir;
        final com.sun.management.OperatingSystemMXBean os =
                ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        int phaseIds;
        int gatewayStarts;
        String frameTemplate;

        Bench(Options o, BenchmarkHost.Machine machine, SchedulingNoise noise, Vertx vertx) {
            this.o = o;
            this.machine = machine;
            this.noise = noise;
            this.vertx = vertx;
            this.workDir = o.repo().resolve("benchmarks/gateway/work");
            this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                    .setConnectTimeout(20_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 24));
        }

        void run() {
            try {
                Files.createDirectories(workDir);
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("cannot create " + workDir + ": " + e.getMessage());
            }
            frameTemplate = APPEND_PREFIX + B64_ENCODER.encodeToString(tone()) + APPEND_SUFFIX;
            Path gwload = workDir.resolve("gwload");
            if (o.generator().equals("auto") && !Files.isExecutable(gwload)) {
                System.out.println("gwload is not built (see work/gwload-build.log): the Vert.x generator plays the clients"
                        + " and the echo upstream, at about twice the CPU per frame");
            }
            if (o.generator().equals("native") || o.generator().equals("auto") && Files.isExecutable(gwload)) {
                nativeLoad = NativeLoad.start(gwload, o.echoPort(), machine.clockTicks());
                runRounds(nativeLoad.echoPort);
                return;
            }
            // One verticle instance per event loop: each gives a context bound to its own loop thread.
            List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
            join(vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override public void start() { contexts.add(context); }
            }, new DeploymentOptions().setInstances(eventLoops())).toCompletionStage().toCompletableFuture(), "deploy the event loops");
            for (Context c : contexts) loops.add(new Loop(c, frameTemplate));
            Set<String> threads = new TreeSet<>();
            for (Loop l : loops) threads.add(onLoop(l, () -> Thread.currentThread().getName()));
            if (threads.size() != loops.size()) System.out.println("WARNING: the client contexts share a thread: " + threads);
            int echoPort = o.echoPort() > 0 ? o.echoPort() : BenchmarkHost.freePort();
            echo.start(vertx, loops, echoPort);
            System.out.printf("echo upstream listening on ws://127.0.0.1:%d%s (%d event loops shared with the clients)%n",
                    echoPort, PATH, loops.size());
            runRounds(echoPort);
        }

        /** Each session count: a direct phase, then one through the gateway. */
        void runRounds(int echoPort) {
            String echoUrl = "ws://127.0.0.1:" + echoPort + PATH;
            Target direct = new Target("direct", echoUrl, "127.0.0.1", echoPort, PATH, Map.of(), null);
            Target through = null;
            if (!o.directOnly()) through = o.gatewayUrl() != null ? externalGateway() : startGateway(echoUrl);

            List<RoundResult> rounds = new ArrayList<>();
            for (int i = 0; i < o.sessions().size(); i++) {
                int n = o.sessions().get(i);
                System.out.printf("%n=== %d sessions%n", n);
                PhaseResult d = runPhase(direct, n);
                PhaseResult g = null;
                if (through != null) {
                    if (o.freshGateway() && i > 0 && through.process() != null && through.process().owned()) {
                        through.process().stop();
                        through = startGateway(echoUrl);
                    }
                    g = runPhase(through, n);
                }
                RoundResult r = RoundResult.of(n, d, g);
                if (g != null) {
                    System.out.printf("added by the gateway at %d sessions: p50 %+.2f ms, p99 %+.2f ms%n",
                            n, r.addedP50Ms(), r.addedP99Ms());
                }
                rounds.add(r);
            }
            GatewayProcess g = through == null ? null : through.process();
            ProcStatus last = g == null ? null : g.status();
            Report.write(o, machine, noise, inputs(echoUrl, through), rounds, last);
        }

        Target externalGateway() {
            URI u = URI.create(o.gatewayUrl());
            if ("wss".equals(u.getScheme())) throw new BenchmarkHost.Failure("wss:// is not supported; point --gateway-url at ws://");
            int port = u.getPort() > 0 ? u.getPort() : 80;
            String uri = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            if (o.apiKey() == null) System.out.println("WARNING: no --api-key (nor $GATEWAY_API_KEY): connecting without X-Api-Key");
            GatewayProcess p = o.gatewayPid() > 0 ? GatewayProcess.external(o.gatewayPid(), machine.clockTicks()) : null;
            if (p == null) System.out.println("WARNING: no --gateway-pid: gateway CPU and memory are not measured");
            System.out.printf("gateway (already running): %s%s%n", o.gatewayUrl(), p == null ? "" : ", pid " + p.pid());
            return new Target("gateway", o.gatewayUrl(), u.getHost(), port, uri,
                    o.apiKey() == null ? Map.of() : Map.of("X-Api-Key", o.apiKey()), p);
        }

        Target startGateway(String echoUrl) {
            gatewayStarts++;
            Path log = workDir.resolve(gatewayStarts == 1 ? "gateway.log" : "gateway-" + gatewayStarts + ".log");
            String key = o.apiKey() != null ? o.apiKey() : "bench-" + UUID.randomUUID().toString().replace("-", "")
                    + UUID.randomUUID().toString().replace("-", "");
            GatewayProcess p = GatewayProcess.start(o, gatewayEnv(echoUrl, key), log, machine.clockTicks());
            p.awaitLive(o.readyTimeoutS());
            String url = "ws://127.0.0.1:" + p.httpPort() + PATH;
            return new Target("gateway", url, "127.0.0.1", p.httpPort(), PATH, Map.of("X-Api-Key", key), p);
        }

        /** The gateway's environment: the documented names, then --gateway-env on top ({echoUrl}/{echoPort} replaced). */
        Map<String, String> gatewayEnv(String echoUrl, String key) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(BenchmarkHost.freePort()));
            env.put("GATEWAY_API_KEY", key);
            env.put("REALTIME_UPSTREAM", "url");
            env.put("REALTIME_UPSTREAM_URL", echoUrl);
            env.put("GATEWAY_MAX_SESSIONS", "2000");
            env.put("GATEWAY_MAX_SESSIONS_PER_CLIENT", "2000");
            env.put("QUARKUS_LOG_LEVEL", "WARN");
            env.put("OTEL_SDK_DISABLED", "true");
            env.put("GATEWAY_DATA_DIR", workDir.resolve("gateway-data").toString());
            String port = echoUrl.replaceAll(".*:(\\d+)/.*", "$1");
            o.gatewayEnv().forEach((k, v) -> env.put(k, v.replace("{echoUrl}", echoUrl).replace("{echoPort}", port)));
            return env;
        }

        Inputs inputs(String echoUrl, Target through) {
            Map<String, String> env = new LinkedHashMap<>();
            if (through != null && through.process() != null && through.process().env() != null) {
                through.process().env().forEach((k, v) -> env.put(k, k.equals("GATEWAY_API_KEY") ? "(random, "
                        + v.length() + " chars)" : k.equals("QUARKUS_HTTP_PORT") ? "(free port)" : v));
            }
            return new Inputs(o.sessions(), o.durationS(), o.warmupS(), o.quick(), o.directOnly(),
                    "PCM16 24 kHz mono, 20 ms = 960 bytes = 1280 base64 chars, 50 frames/s per session, starts spread over 20 ms",
                    nativeLoad != null ? 1 : loops.size(), o.connectConcurrency(), o.drainS(), echoUrl,
                    through == null ? "(none: --direct-only)" : through.url(),
                    through == null || through.process() == null || !through.process().owned() ? "(not started by the benchmark)"
                            : (o.gatewayCpus() == null ? "" : "taskset -c " + o.gatewayCpus() + " ")
                                    + "java " + String.join(" ", o.gatewayJvm()) + " -jar " + o.gatewayJar(),
                    env, o.freshGateway(),
                    (Runtime.version() + " " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())).strip(),
                    nativeLoad != null ? "epoll (gwload, one C thread)" : vertx.isNativeTransportEnabled() ? "epoll" : "NIO",
                    o.benchmarkCpus() == null ? "all" : o.benchmarkCpus(),
                    nativeLoad != null ? "native: benchmarks/gateway/native/gwload.c" : "vertx: clients and echo upstream in this JVM");
        }

        // ------------------------------------------------------------ one phase

        PhaseResult runPhase(Target target, int n) {
            Phase ph = new Phase(++phaseIds, target.mode(), n);
            WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost(target.host()).setPort(target.port())
                    .setURI(target.uri()).setTimeout(20_000)
                    .setAllowOriginHeader(false); // a server-side client, not a browser: no Origin header
            target.headers().forEach(connect::addHeader);
            if (nativeLoad == null) for (Loop l : loops) onLoop(l, () -> { l.reset(ph); return null; });
            GatewayProcess gw = target.process();
            if (gw != null && gw.owned() && !gw.process().isAlive()) gw.fail("exited (code " + gw.process().exitValue() + ")");
            double idleCpuPercent = Double.NaN;
            if (gw != null) {
                // The gateway's CPU with no session open: timers, GC, metrics. It is part of the per-frame figure.
                long t0 = System.nanoTime(), c0 = gw.cpuTicks();
                sleep(2000);
                idleCpuPercent = ticksToSeconds(gw.cpuTicks() - c0) / ((System.nanoTime() - t0) / 1e9) * 100;
            }
            ProcStatus before = gw == null ? null : gw.status();
            EchoCounts echoBefore = echoCounts();
            echo.lastHandshake = null;
            System.out.printf("%-7s opening %d sessions to %s (%d handshakes at a time)%n", ph.mode, n, target.url(),
                    o.connectConcurrency());

            long openStarted = System.nanoTime();
            if (nativeLoad != null) {
                nativeLoad.open(ph, target, o.connectConcurrency(), o.openTimeoutS());
            } else {
                Semaphore inFlight = new Semaphore(o.connectConcurrency());
                for (int i = 0; i < n; i++) {
                    acquire(inFlight, 1);
                    Loop l = loops.get(i % loops.size());
                    Session s = new Session(i, l);
                    l.ctx.runOnContext(v -> open(ph, s, connect, inFlight));
                }
                acquire(inFlight, o.connectConcurrency()); // every handshake has finished, one way or the other
                inFlight.release(o.connectConcurrency());
                long deadline = openStarted + o.openTimeoutS() * 1_000_000_000L;
                while (ph.ready.get() < ph.opened.get() - ph.closed.get() && System.nanoTime() < deadline) sleep(10);
            }
            double openSeconds = (System.nanoTime() - openStarted) / 1e9;
            int ready = ph.ready.get();
            System.out.printf("%-7s %d of %d open, %d got session.created, in %.2f s%s%n", ph.mode, ph.opened.get(), n,
                    ready, openSeconds, ph.failed.get() == 0 ? "" : "; " + ph.failed.get() + " failed, first: " + ph.firstConnectError);

            // Streaming: session i starts at t0 + i × 20 ms / n, then sends one frame every 20 ms.
            boolean stream = ready > 0;
            if (!stream) System.out.printf("%-7s WARNING: no session is ready; nothing to measure%n", ph.mode);
            ph.t0 = System.nanoTime() + (stream ? 100_000_000L : 0);
            ph.windowStart = ph.t0 + (stream ? o.warmupS() * 1_000_000_000L : 0);
            ph.windowEnd = ph.windowStart + (stream ? o.durationS() * 1_000_000_000L : 0);
            if (nativeLoad != null) nativeLoad.stream(ph);
            else for (Loop l : loops) onLoop(l, () -> { l.startStreaming(); return null; });
            sleepUntil(ph.windowStart);
            Sample a = sample(gw);
            sleepUntil(ph.windowEnd);
            Sample b = stream ? sample(gw) : a;
            ProcStatus open = gw == null ? null : gw.status();

            // Drain: the last frames of the window are still on their way back.
            long drainEnd = System.nanoTime() + o.drainS() * 1_000_000_000L;
            long[] counts;
            do {
                sleep(20);
                counts = windowCounts();
            } while (counts[1] < counts[0] && System.nanoTime() < drainEnd);

            Stats st = new Stats();
            if (nativeLoad != null) nativeLoad.stop(st);
            else for (Loop l : loops) onLoop(l, () -> { l.stopStreaming(); st.add(l); return null; });

            // Close every session and wait for the sockets (and, through the gateway, its upstream sockets) to go.
            long closeDeadline = System.nanoTime() + 10_000_000_000L;
            if (nativeLoad != null) {
                nativeLoad.close(ph, 10);
            } else {
                for (Loop l : loops) onLoop(l, () -> { l.closeAll(); return null; });
                while (ph.closed.get() < ph.opened.get() && System.nanoTime() < closeDeadline) sleep(10);
            }
            EchoCounts echoAfter = echoCounts();
            while (echoAfter.open() > echoBefore.open() && System.nanoTime() < closeDeadline) {
                sleep(10);
                echoAfter = echoCounts();
            }
            if (nativeLoad == null) for (Loop l : loops) onLoop(l, () -> { l.sessions.clear(); return null; });

            PhaseResult r = PhaseResult.of(ph, openSeconds, st, a, b, before, open, idleCpuPercent, machine.clockTicks(),
                    echoAfter.connections() - echoBefore.connections(), echoAfter.sessionUpdates() - echoBefore.sessionUpdates(),
                    (int) (echoAfter.open() - echoBefore.open()), echoAfter.lastHandshake());
            r.print();
            sleep(500);
            return r;
        }

        /** Runs on the session's loop: one WebSocket handshake, then the handlers. */
        void open(Phase ph, Session s, WebSocketConnectOptions connect, Semaphore inFlight) {
            Loop l = s.loop;
            l.sessions.add(s);
            client.connect(connect).onComplete(ar -> {
                if (ar.failed()) {
                    ph.connectFailed(ar.cause());
                    inFlight.release();
                    return;
                }
                WebSocket ws = ar.result();
                s.ws = ws;
                ws.frameHandler(new Reader((a, len) -> l.onText(s, a, len), () -> l.binary++));
                ws.exceptionHandler(t -> { if (ph.firstException == null) ph.firstException = t.toString(); });
                ws.closeHandler(v -> {
                    s.streaming = false;
                    if (!s.closing) ph.remoteClose(ws);
                    ph.closed.incrementAndGet();
                });
                ph.opened.incrementAndGet();
                inFlight.release(); // after the counts: the main thread reads them once every permit is back
            });
        }

        /** The benchmark's CPU includes the C process's with --generator native. */
        Sample sample(GatewayProcess gw) {
            if (nativeLoad != null) {
                long[] relayed = nativeLoad.sample();
                return new Sample(System.nanoTime(), gw == null ? 0 : gw.cpuTicks(), os.getProcessCpuTime() + nativeLoad.cpuNanos(),
                        MachineTicks.read(ownPids()), relayed[0], relayed[1]);
            }
            long clientDeltas = 0;
            for (Loop l : loops) clientDeltas += l.deltas.get();
            return new Sample(System.nanoTime(), gw == null ? 0 : gw.cpuTicks(), os.getProcessCpuTime(),
                    MachineTicks.read(ownPids()), echo.appends.get(), clientDeltas);
        }

        /** The benchmark's processes and the gateway's, whose CPU is counted apart from the rest of the machine's. */
        Set<Long> ownPids() {
            Set<Long> pids = new HashSet<>();
            pids.add(ProcessHandle.current().pid());
            if (nativeLoad != null) pids.add(nativeLoad.process.pid());
            GatewayProcess g = started;
            if (g != null) pids.add(g.pid());
            if (o.gatewayPid() > 0) pids.add(o.gatewayPid());
            return pids;
        }

        /** Frames sent in the window, and those back (or back out of order), for the drain. */
        long[] windowCounts() {
            if (nativeLoad != null) return nativeLoad.counts();
            long[] counts = new long[2];
            for (Loop l : loops) {
                long[] c = onLoop(l, () -> new long[] { l.sentWindow, l.recvWindow + l.outOfOrder });
                counts[0] += c[0];
                counts[1] += c[1];
            }
            return counts;
        }

        EchoCounts echoCounts() {
            return nativeLoad != null ? nativeLoad.echo()
                    : new EchoCounts(echo.open.get(), echo.connections.get(), echo.sessionUpdates.get(), echo.lastHandshake);
        }

        double ticksToSeconds(long ticks) { return ticks / (double) machine.clockTicks(); }
    }

    /** 20 ms of a 250 Hz tone (exactly five periods, so frames join without a click), PCM16 little-endian. */
    static byte[] tone() {
        byte[] pcm = new byte[PCM_BYTES];
        for (int i = 0; i < PCM_BYTES / 2; i++) {
            int v = (int) Math.round(3000 * Math.sin(2 * Math.PI * 250 * i / 24_000.0));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        return pcm;
    }

    // ---------------------------------------------------------------- client side, per event loop

    /** One phase's shared state: timing, and the counters the main thread watches while sessions open and close. */
    static final class Phase {
        final int id;
        final String mode;
        final int n;
        volatile long t0, windowStart, windowEnd;
        final AtomicInteger opened = new AtomicInteger(), failed = new AtomicInteger(), ready = new AtomicInteger(),
                closed = new AtomicInteger(), closedByRemote = new AtomicInteger();
        volatile String firstConnectError, firstRemoteClose, firstException;

        Phase(int id, String mode, int n) { this.id = id; this.mode = mode; this.n = n; }

        void connectFailed(Throwable t) {
            failed.incrementAndGet();
            String why = t instanceof UpgradeRejectedException u
                    ? "handshake rejected: HTTP " + u.getStatus() + (u.getBody() == null || u.getBody().length() == 0 ? ""
                            : " " + BenchmarkHost.abbreviate(u.getBody().toString(UTF_8).replace('\n', ' '), 200))
                    : t.toString();
            if (firstConnectError == null) firstConnectError = why;
        }

        void remoteClose(WebSocket ws) {
            closedByRemote.incrementAndGet();
            if (firstRemoteClose == null) firstRemoteClose = "close code " + ws.closeStatusCode() + " reason '" + ws.closeReason() + "'";
        }
    }

    /** One client session; touched only on its loop's thread. */
    static final class Session {
        final int index;
        final Loop loop;
        WebSocket ws;
        boolean ready, streaming, closing;
        int seq, lastSeq = -1;
        long nextDue;

        Session(int index, Loop loop) { this.index = index; this.loop = loop; }
    }

    /**
     * The client sessions of one event loop and what they measured. Only that loop's thread touches it (the main
     * thread reads it through {@link #onLoop}), so the counters are plain fields; {@code deltas} is read at the window
     * edges without a hop, hence atomic.
     */
    static final class Loop {
        final Context ctx;
        final List<Session> sessions = new ArrayList<>();
        final byte[] message;                       // the append event; its first 32 audio chars are the header
        final int headerAt;
        final byte[] header = new byte[HEADER_BYTES], headerB64 = new byte[HEADER_CHARS];
        final byte[] readB64 = new byte[HEADER_CHARS], readHeader = new byte[HEADER_BYTES];
        final AtomicLong deltas = new AtomicLong();
        Phase ph;
        long timer = -1;
        Histogram latency, lateness;
        long sentWindow, recvWindow, sentTotal, recvTotal, outOfOrder, misrouted, stale, unrecognised, binary, writeQueueFull;
        Map<String, Long> events;
        String firstErrorEvent;

        Loop(Context ctx, String template) {
            this.ctx = ctx;
            this.message = template.getBytes(ISO_8859_1);
            this.headerAt = APPEND_PREFIX.length();
        }

        void reset(Phase p) {
            ph = p;
            sessions.clear();
            latency = new Histogram();
            lateness = new Histogram();
            sentWindow = recvWindow = sentTotal = recvTotal = outOfOrder = misrouted = stale = unrecognised = binary = writeQueueFull = 0;
            events = new TreeMap<>();
            firstErrorEvent = null;
        }

        void startStreaming() {
            for (Session s : sessions) {
                if (s.ws == null || !s.ready || s.ws.isClosed()) continue;
                s.streaming = true;
                s.nextDue = ph.t0 + s.index * FRAME_NANOS / ph.n;
            }
            // A 1 ms tick sends every frame that is due; a late tick sends the frames it owes at once.
            timer = ctx.owner().setPeriodic(1, id -> tick());
        }

        void stopStreaming() {
            if (timer >= 0) ctx.owner().cancelTimer(timer);
            timer = -1;
            for (Session s : sessions) s.streaming = false;
        }

        void closeAll() {
            for (Session s : sessions) {
                if (s.ws != null && !s.ws.isClosed()) {
                    s.closing = true;
                    s.ws.close((short) 1000, "benchmark phase done");
                }
            }
        }

        void tick() {
            long now = System.nanoTime();
            long end = ph.windowEnd, start = ph.windowStart;
            for (int i = 0, size = sessions.size(); i < size; i++) {
                Session s = sessions.get(i);
                while (s.streaming && s.nextDue <= now) {
                    if (s.nextDue >= end || s.ws.isClosed()) { s.streaming = false; break; }
                    long sent = send(s);
                    sentTotal++;
                    if (sent >= start && sent < end) {
                        sentWindow++;
                        lateness.record((sent - s.nextDue) / 1000);
                    }
                    s.nextDue += FRAME_NANOS;
                }
            }
        }

        /**
         * Sends the append event with the header (magic, session, seq, phase, now) written over the first 24 PCM bytes:
         * 24 bytes are exactly 32 base64 characters, so only those change in the pre-encoded event.
         */
        long send(Session s) {
            byte[] h = header;
            putInt(h, 0, MAGIC);
            putInt(h, 4, s.index);
            putInt(h, 8, s.seq++);
            putInt(h, 12, ph.id);
            long now = System.nanoTime();
            putLong(h, 16, now);
            B64_ENCODER.encode(h, headerB64);
            byte[] out = message.clone(); // one array per frame, handed to Netty as is (no String, no re-encoding)
            System.arraycopy(headerB64, 0, out, headerAt, HEADER_CHARS);
            if (s.ws.writeQueueFull()) writeQueueFull++;
            s.ws.writeFrame(textFrame(out), null);
            return now;
        }

        void onText(Session s, byte[] m, int len) {
            int t = valueStart(m, len, TYPE_KEY, 0);
            if (t >= 0 && startsWithValue(m, len, t, DELTA_TYPE_BYTES)) {
                onDelta(s, m, len);
                return;
            }
            // Anything else is rare: read it as a string.
            String text = new String(m, 0, len, UTF_8);
            String type = topLevelString(text, "type");
            if (DELTA_TYPE.equals(type)) { // a delta whose first "type" field is a nested one
                onDelta(s, m, len);
                return;
            }
            events.merge(type == null ? "(no type)" : type, 1L, Long::sum);
            if ("session.created".equals(type) && !s.ready) {
                s.ready = true;
                ph.ready.incrementAndGet();
            } else if ("error".equals(type) && firstErrorEvent == null) {
                firstErrorEvent = BenchmarkHost.abbreviate(text, 400);
            }
        }

        /** An audio delta: decode the header of its audio, check where it belongs and time it. */
        void onDelta(Session s, byte[] m, int len) {
            deltas.incrementAndGet();
            long now = System.nanoTime();
            int d = valueStart(m, len, DELTA_KEY, 0);
            if (d < 0 || !readHeader(m, len, d)) { unrecognised++; return; }
            byte[] h = readHeader;
            int seq = getInt(h, 8);
            if (getInt(h, 0) != MAGIC) unrecognised++;
            else if (getInt(h, 12) != ph.id) stale++;
            else if (getInt(h, 4) != s.index) misrouted++;        // another session's audio: a relay bug
            else if (seq <= s.lastSeq) outOfOrder++;              // duplicated or reordered
            else {
                s.lastSeq = seq;
                recvTotal++;
                long sent = getLong(h, 16);
                if (sent >= ph.windowStart && sent < ph.windowEnd) {
                    recvWindow++;
                    latency.record((now - sent) / 1000);
                }
            }
        }

        /** Decodes the 24-byte header from the first 32 base64 characters of the delta value starting at {@code at}. */
        boolean readHeader(byte[] m, int len, int at) {
            if (at + HEADER_CHARS > len) return false;
            for (int k = 0; k < HEADER_CHARS; k++) {
                byte c = m[at + k];
                if (c == '\\' || c == '"') return readHeaderEscaped(new String(m, 0, len, UTF_8), at);
                readB64[k] = c;
            }
            try {
                B64_DECODER.decode(readB64, readHeader);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /** The same for a delta whose JSON string uses escapes (such as \/ for /); {@code at} is past the quote. */
        boolean readHeaderEscaped(String m, int at) {
            String value = jsonString(m, at - 1);
            if (value == null || value.length() < HEADER_CHARS) return false;
            for (int k = 0; k < HEADER_CHARS; k++) readB64[k] = (byte) value.charAt(k);
            try {
                B64_DECODER.decode(readB64, readHeader);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** A phase's client figures, summed over the loops (copied on each loop's thread). */
    static final class Stats {
        final Histogram latency = new Histogram(), lateness = new Histogram();
        long sentWindow, recvWindow, sentTotal, recvTotal, outOfOrder, misrouted, stale, unrecognised, binary, writeQueueFull;
        final Map<String, Long> events = new TreeMap<>();
        String firstErrorEvent;

        void add(Loop l) {
            latency.add(l.latency);
            lateness.add(l.lateness);
            sentWindow += l.sentWindow;
            recvWindow += l.recvWindow;
            sentTotal += l.sentTotal;
            recvTotal += l.recvTotal;
            outOfOrder += l.outOfOrder;
            misrouted += l.misrouted;
            stale += l.stale;
            unrecognised += l.unrecognised;
            binary += l.binary;
            writeQueueFull += l.writeQueueFull;
            l.events.forEach((k, v) -> events.merge(k, v, Long::sum));
            if (firstErrorEvent == null) firstErrorEvent = l.firstErrorEvent;
        }
    }

    // ---------------------------------------------------------------- echo upstream

    /**
     * A minimal OpenAI GA Realtime upstream: session.created on connect, session.updated for session.update, and for
     * each input_audio_buffer.append a response.output_audio.delta with the same base64 audio. One server instance
     * per event loop, sharing the port.
     */
    static final class Echo {
        final AtomicInteger open = new AtomicInteger();
        final AtomicLong connections = new AtomicLong(), appends = new AtomicLong(), deltas = new AtomicLong(),
                sessionUpdates = new AtomicLong(), others = new AtomicLong();
        /** The request line and header names of the latest upstream handshake: what the gateway sends upstream. */
        volatile String lastHandshake;

        void start(Vertx vertx, List<Loop> loops, int port) {
            HttpServerOptions options = new HttpServerOptions().setMaxWebSocketFrameSize(1 << 20)
                    .setMaxWebSocketMessageSize(1 << 24).setPerMessageWebSocketCompressionSupported(false)
                    .setPerFrameWebSocketCompressionSupported(false).setTcpNoDelay(true);
            for (Loop l : loops) {
                CompletableFuture<Void> listening = new CompletableFuture<>();
                l.ctx.runOnContext(v -> vertx.createHttpServer(options).webSocketHandler(this::accept)
                        .listen(port, "127.0.0.1").onComplete(ar -> {
                            if (ar.succeeded()) listening.complete(null);
                            else listening.completeExceptionally(ar.cause());
                        }));
                join(listening, "start the echo upstream on port " + port);
            }
        }

        void accept(ServerWebSocket ws) {
            long id = connections.incrementAndGet();
            lastHandshake = "GET " + ws.uri() + " with headers " + ws.headers().names().stream()
                    .map(h -> h.toLowerCase(Locale.ROOT)).sorted().distinct().collect(Collectors.joining(", "));
            open.incrementAndGet();
            long[] events = { 0 };
            String session = "{\"type\":\"realtime\",\"object\":\"realtime.session\",\"id\":\"sess_echo" + id
                    + "\",\"model\":\"echo\"}";
            ws.closeHandler(v -> open.decrementAndGet());
            ws.exceptionHandler(t -> { });
            ws.frameHandler(new Reader((m, len) -> {
                int t = valueStart(m, len, TYPE_KEY, 0);
                String type = t >= 0 && startsWithValue(m, len, t, APPEND_TYPE_BYTES) ? "input_audio_buffer.append"
                        : topLevelString(new String(m, 0, len, UTF_8), "type");
                if ("input_audio_buffer.append".equals(type)) {
                    appends.incrementAndGet();
                    int a = valueStart(m, len, AUDIO_KEY, 0);
                    int e = a < 0 ? -1 : indexOf(m, a, len, (byte) '"');
                    if (e < 0) return;
                    ws.writeFrame(textFrame(delta(++events[0], m, a, e)), null);
                    deltas.incrementAndGet();
                } else if ("session.update".equals(type)) {
                    sessionUpdates.incrementAndGet();
                    ws.writeTextMessage("{\"type\":\"session.updated\",\"event_id\":\"evt_" + (++events[0])
                            + "\",\"session\":" + session + "}", null);
                } else {
                    others.incrementAndGet();
                }
            }, () -> others.incrementAndGet()));
            ws.writeTextMessage("{\"type\":\"session.created\",\"event_id\":\"evt_" + (++events[0])
                    + "\",\"session\":" + session + "}", null);
        }

        static final byte[] DELTA_HEAD = "{\"type\":\"response.output_audio.delta\",\"event_id\":\"evt_".getBytes(UTF_8);
        static final byte[] DELTA_MIDDLE = ("\",\"response_id\":\"resp_echo\",\"item_id\":\"item_echo\",\"output_index\":0,"
                + "\"content_index\":0,\"delta\":\"").getBytes(UTF_8);

        /** The delta event for event number {@code n} with the audio m[from, to), built straight into one array. */
        static byte[] delta(long n, byte[] m, int from, int to) {
            int digits = n < 10 ? 1 : (int) Math.floor(Math.log10(n)) + 1;
            byte[] out = new byte[DELTA_HEAD.length + digits + DELTA_MIDDLE.length + (to - from) + 2];
            System.arraycopy(DELTA_HEAD, 0, out, 0, DELTA_HEAD.length);
            int at = DELTA_HEAD.length + digits;
            for (long v = n, i = at - 1; i >= DELTA_HEAD.length; i--, v /= 10) out[(int) i] = (byte) ('0' + v % 10);
            System.arraycopy(DELTA_MIDDLE, 0, out, at, DELTA_MIDDLE.length);
            at += DELTA_MIDDLE.length;
            System.arraycopy(m, from, out, at, to - from);
            at += to - from;
            out[at] = '"';
            out[at + 1] = '}';
            return out;
        }
    }

    /** What the echo upstream has seen so far (open sockets now; the rest since it started). */
    record EchoCounts(long open, long connections, long sessionUpdates, String lastHandshake) {}

    // ---------------------------------------------------------------- the native generator

    /**
     * The clients and the echo upstream as one C process, {@code native/gwload.c}, built by run.sh into work/. It
     * does what the Vert.x data plane above does, frame for frame (same events, same header in the audio, same
     * histogram), on one epoll thread without a JIT or a collector, so it leaves more of a small machine to the
     * gateway. Driven over its stdin and stdout, one command and one reply line at a time (see the top of the file).
     */
    static final class NativeLoad {
        static volatile NativeLoad started;

        final Process process;
        final java.io.BufferedReader replies;
        final java.io.PrintWriter commands;
        final int echoPort;
        final long clockTicks;

        private NativeLoad(Process process, java.io.BufferedReader replies, int echoPort, long clockTicks) {
            this.process = process;
            this.replies = replies;
            this.commands = new java.io.PrintWriter(process.getOutputStream(), true, UTF_8);
            this.echoPort = echoPort;
            this.clockTicks = clockTicks;
        }

        static NativeLoad start(Path binary, int echoPort, long clockTicks) {
            if (!Files.isExecutable(binary)) {
                throw new BenchmarkHost.Failure("--generator native: " + binary + " is not built. run.sh builds it from"
                        + " native/gwload.c with cc and OpenSSL's libcrypto (Debian: apt-get install gcc libssl-dev);"
                        + " see work/gwload-build.log");
            }
            try {
                Process p = new ProcessBuilder(binary.toString(), String.valueOf(echoPort))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                java.io.BufferedReader replies = p.inputReader(UTF_8);
                String listening = replies.readLine();
                if (listening == null || !listening.startsWith("listening ")) {
                    p.destroy();
                    throw new BenchmarkHost.Failure("gwload did not start its echo upstream (port " + echoPort + "): " + listening);
                }
                NativeLoad load = new NativeLoad(p, replies, Integer.parseInt(listening.substring(10).strip()), clockTicks);
                started = load;
                System.out.printf("echo upstream and clients: gwload (pid %d), echo on ws://127.0.0.1:%d%s%n", p.pid(), load.echoPort, PATH);
                return load;
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("could not start " + binary + ": " + e.getMessage());
            }
        }

        synchronized String call(String command, String expected) {
            commands.println(command);
            try {
                String reply = replies.readLine();
                if (reply == null) throw new BenchmarkHost.Failure("gwload exited (after '" + command.split(" ")[0] + "')");
                if (!reply.startsWith(expected)) throw new BenchmarkHost.Failure("gwload answered '" + reply + "' to '" + command + "'");
                return reply.substring(expected.length()).strip();
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("reading from gwload: " + e.getMessage());
            }
        }

        /** Opens the phase's sessions and waits until each handshake is done and each open session is ready. */
        void open(Phase ph, Target target, int concurrency, int timeoutS) {
            StringBuilder c = new StringBuilder("open " + ph.id + " " + ph.n + " " + concurrency + " " + target.port() + " "
                    + target.uri() + " " + timeoutS);
            target.headers().forEach((k, v) -> {
                if (v.isBlank() || v.chars().anyMatch(Character::isWhitespace)) {
                    throw new BenchmarkHost.Failure("--generator native sends header values without spaces; " + k + " has some");
                }
                c.append(' ').append(k).append(' ').append(v);
            });
            String[] f = call(c.toString(), "opened ").split(" ", 5);
            ph.opened.set(Integer.parseInt(f[0]));
            ph.ready.set(Integer.parseInt(f[1]));
            ph.failed.set(Integer.parseInt(f[2]));
            ph.closed.set(Integer.parseInt(f[3]));
            if (f.length > 4 && !f[4].isBlank()) ph.firstConnectError = f[4];
        }

        void stream(Phase ph) { call("stream " + ph.t0 + " " + ph.windowStart + " " + ph.windowEnd, "ok"); }

        /** Appends the echo upstream received and deltas the clients received, so far. */
        long[] sample() { return Arrays.stream(call("sample", "sample ").split(" ")).mapToLong(Long::parseLong).toArray(); }

        long[] counts() { return Arrays.stream(call("counts", "counts ").split(" ")).mapToLong(Long::parseLong).toArray(); }

        long cpuNanos() { return processCpuTicks(process.pid()) * 1_000_000_000L / clockTicks; }

        /** Stops streaming and adds the phase's client figures to {@code st}. */
        void stop(Stats st) {
            io.vertx.core.json.JsonObject j = new io.vertx.core.json.JsonObject(call("stop", "stats "));
            st.sentWindow += j.getLong("sentWindow");
            st.recvWindow += j.getLong("recvWindow");
            st.sentTotal += j.getLong("sentTotal");
            st.recvTotal += j.getLong("recvTotal");
            st.outOfOrder += j.getLong("outOfOrder");
            st.misrouted += j.getLong("misrouted");
            st.stale += j.getLong("stale");
            st.unrecognised += j.getLong("unrecognised");
            st.binary += j.getLong("binary");
            st.writeQueueFull += j.getLong("writeQueueFull");
            j.getJsonObject("events").forEach(e -> st.events.merge(e.getKey(), ((Number) e.getValue()).longValue(), Long::sum));
            if (st.firstErrorEvent == null) st.firstErrorEvent = j.getString("firstErrorEvent");
            fill(st.latency, j.getJsonObject("latency"));
            fill(st.lateness, j.getJsonObject("lateness"));
        }

        static void fill(Histogram h, io.vertx.core.json.JsonObject j) {
            for (Object bucket : j.getJsonArray("buckets")) {
                io.vertx.core.json.JsonArray b = (io.vertx.core.json.JsonArray) bucket;
                h.counts[b.getInteger(0)] += b.getLong(1);
            }
            h.total += j.getLong("total");
            h.max = Math.max(h.max, j.getLong("max"));
        }

        /** Closes the phase's sessions (close 1000) and waits up to timeoutS for every socket to go. */
        void close(Phase ph, int timeoutS) {
            String[] f = call("close " + timeoutS, "closed ").split(" ", 3);
            ph.closed.set(Integer.parseInt(f[0]));
            ph.closedByRemote.set(Integer.parseInt(f[1]));
            if (f.length > 2 && !f[2].isBlank()) ph.firstRemoteClose = f[2];
        }

        EchoCounts echo() {
            String reply = call("echo", "echo ");
            int bar = reply.indexOf('|');
            long[] f = Arrays.stream(reply.substring(0, bar).split(" ")).mapToLong(Long::parseLong).toArray();
            String handshake = reply.substring(bar + 1);
            return new EchoCounts(f[0], f[1], f[4], handshake.isEmpty() ? null : handshake);
        }

        void stop() {
            commands.println("quit");
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroy();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- WebSocket messages as bytes

    /** Receives one whole message: the bytes (valid up to len; reused, so copy what must outlive the call). */
    interface MessageHandler {
        void accept(byte[] message, int len);
    }

    /**
     * Puts a socket's text frames back together into one reused array and hands over each whole text message, without
     * making a String of it (the hot paths read a few fields from the bytes). Binary messages are only counted.
     */
    static final class Reader implements io.vertx.core.Handler<WebSocketFrame> {
        final MessageHandler onText;
        final Runnable onBinary;
        byte[] buf = new byte[2048];
        int len;
        boolean inText, inBinary;

        Reader(MessageHandler onText, Runnable onBinary) { this.onText = onText; this.onBinary = onBinary; }

        @Override public void handle(WebSocketFrame f) {
            if (f.isText()) {
                inText = true;
                inBinary = false;
                len = 0;
                append(f);
            } else if (f.isBinary()) {
                inText = false;
                inBinary = true;
            } else if (f.isContinuation()) {
                if (inText) append(f);
            } else {
                return; // ping, pong, close: Vert.x answers those itself
            }
            if (f.isFinal()) {
                if (inText) onText.accept(buf, len);
                else if (inBinary) onBinary.run();
                inText = inBinary = false;
            }
        }

        void append(WebSocketFrame f) {
            io.vertx.core.buffer.Buffer b = f.binaryData();
            int n = b.length();
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + n));
            b.getBytes(0, n, buf, len);
            len += n;
        }
    }

    /**
     * A final text frame over the given UTF-8 bytes. Vert.x's public API only makes text frames from a String (which
     * it re-encodes into a new buffer); its frame class takes the bytes as they are. An unpooled wrapper is passed
     * on to Netty without another copy.
     */
    static WebSocketFrame textFrame(byte[] utf8) {
        return new io.vertx.core.http.impl.ws.WebSocketFrameImpl(io.vertx.core.http.WebSocketFrameType.TEXT,
                io.netty.buffer.Unpooled.wrappedBuffer(utf8), true);
    }

    // ---------------------------------------------------------------- the gateway process

    /** /proc/<pid>/status figures, in KiB, and the thread count. */
    /** {@code liveHeapKb}: heap in use right after a full GC (jcmd GC.run, GC.heap_info); -1 when jcmd cannot tell. */
    record ProcStatus(long rssKb, long hwmKb, long threads, long liveHeapKb) {}

    /** The gateway: started by this program (owned), or an existing process named by --gateway-pid. */
    record GatewayProcess(long pid, Process process, Path log, int httpPort, Map<String, String> env, long clockTicks,
            long startedNanos) {

        boolean owned() { return process != null; }

        static GatewayProcess external(long pid, long clockTicks) {
            if (!Files.exists(Path.of("/proc/" + pid + "/stat"))) throw new BenchmarkHost.Failure("no process " + pid + " (--gateway-pid)");
            return new GatewayProcess(pid, null, null, -1, null, clockTicks, System.nanoTime());
        }

        static GatewayProcess start(Options o, Map<String, String> env, Path log, long clockTicks) {
            List<String> cmd = new ArrayList<>();
            if (o.gatewayCpus() != null) cmd.addAll(List.of("taskset", "-c", o.gatewayCpus())); // execs java: same pid
            cmd.add(BenchmarkHost.javaBinary());
            cmd.addAll(o.gatewayJvm());
            cmd.addAll(List.of("-jar", o.gatewayJar().toString()));
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(log.getParent().toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().putAll(env);
                long t = System.nanoTime();
                Process p = pb.start();
                GatewayProcess g = new GatewayProcess(p.pid(), p, log, Integer.parseInt(env.get("QUARKUS_HTTP_PORT")),
                        Map.copyOf(env), clockTicks, t);
                started = g;
                System.out.printf("started audio-gateway, pid %d, port %s, log %s%n", p.pid(), env.get("QUARKUS_HTTP_PORT"), log);
                return g;
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("could not start " + String.join(" ", cmd) + ": " + e.getMessage());
            }
        }

        /** Polls GET /q/health/live until 200 (readiness may be DOWN without products-service; liveness is enough). */
        void awaitLive(int timeoutS) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            java.net.http.HttpRequest live = java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/q/health/live")).timeout(Duration.ofSeconds(5)).build();
            BenchmarkHost.pollUntilReady(process, startedNanos, timeoutS, 100,
                    () -> http.send(live, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? Boolean.TRUE : null,
                    this::fail, "live on /q/health/live");
            System.out.printf("audio-gateway live after %.2f s%n", (System.nanoTime() - startedNanos) / 1e9);
        }

        /** utime + stime of every thread, live or exited, in clock ticks. */
        long cpuTicks() { return processCpuTicks(pid); }

        ProcStatus status() {
            String s = BenchmarkHost.read("/proc/" + pid + "/status");
            return new ProcStatus(parse(BenchmarkHost.firstMatch(s, "VmRSS:\\s*(\\d+)")), parse(BenchmarkHost.firstMatch(s, "VmHWM:\\s*(\\d+)")),
                    parse(BenchmarkHost.firstMatch(s, "Threads:\\s*(\\d+)")), liveHeapKb());
        }

        /**
         * Heap in use after a full collection: what the open sessions really hold. Resident memory is no measure of
         * that: the heap grows to the allocation rate and is not given back, so its growth says little per session.
         */
        long liveHeapKb() {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            if (BenchmarkHost.command(jcmd, Long.toString(pid), "GC.run") == null) return -1;
            String info = BenchmarkHost.command(jcmd, Long.toString(pid), "GC.heap_info");
            if (info == null) return -1;
            Matcher used = Pattern.compile("(?m)^\\s*(?:garbage-first heap|PSYoungGen|ParOldGen|def new generation|tenured generation"
                    + "|ZHeap)\\b.*?used (\\d+)K").matcher(info);
            long kb = 0;
            boolean found = false;
            while (used.find()) {
                kb += Long.parseLong(used.group(1));
                found = true;
            }
            return found ? kb : -1;
        }

        static long parse(String v) { return v == null ? -1 : Long.parseLong(v); }

        /** SIGTERM, then SIGKILL after 30 s; only for the process this program started. */
        void stop() {
            if (process == null) return;
            try {
                if (process.isAlive()) {
                    process.destroy();
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        System.err.printf("WARNING: gateway pid %d ignored SIGTERM for 30 s; killing it%n", pid);
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            if (started == this) started = null;
        }

        void fail(String what) {
            System.out.flush();
            System.err.printf("%naudio-gateway (pid %d) %s. Last 50 lines of %s:%n", pid, what, log);
            List<String> lines = BenchmarkHost.read(log.toString()).lines().toList();
            lines.subList(Math.max(0, lines.size() - 50), lines.size()).forEach(l -> System.err.println("  | " + l));
            stop();
            throw new BenchmarkHost.Failure("audio-gateway " + what + " (log: " + log + ")");
        }
    }

    // ---------------------------------------------------------------- results

    /** One phase's figures. Latencies in ms; CPU in seconds or % of one core; memory in KiB. */
    record PhaseResult(String mode, int sessionsRequested, int sessionsOpen, int sessionsReady, int connectFailures,
            String firstConnectError, double openSeconds, double windowSeconds, long framesSent, long framesEchoed,
            long framesLost, long latencySamples, double p50, double p90, double p99, double max,
            double sendLatenessP99, double sendLatenessMax, long outOfOrder, long misrouted, long stale, long unrecognised,
            long binaryMessages, long writeQueueFull, int closedByRemote, String firstRemoteClose, String firstException,
            String firstErrorEvent, Map<String, Long> otherEvents, double benchmarkCpuPercent, double otherCpuPercent,
            double stolenCpuPercent, double cpuWaitPercent,
            long upstreamConnections, long upstreamSessionUpdates, int upstreamLeftOpen, String upstreamHandshake,
            long relayedFrames, double gatewayIdleCpuPercent, double gatewayCpuSeconds, double gatewayCpuPercent,
            double gatewayCpuMicrosPerFrame, long gatewayRssBeforeKb, long gatewayRssOpenKb, double memoryPerSessionKb,
            long gatewayThreadsOpen) {

        /**
         * The benchmark's own CPU per frame (send, echo, receive). In the direct phase this is the pace of the machine
         * for this kind of work: the same build measured on a day this is 20 % higher shows ~20 % more gateway CPU too.
         */
        double benchmarkCpuMicrosPerFrame() {
            return framesEchoed == 0 ? Double.NaN : benchmarkCpuPercent / 100 * windowSeconds * 1e6 / framesEchoed;
        }

        static PhaseResult of(Phase ph, double openSeconds, Stats st, Sample a, Sample b, ProcStatus before, ProcStatus open,
                double idleCpuPercent, long clockTicks, long upstreamConnections, long upstreamUpdates, int upstreamLeft,
                String upstreamHandshake) {
            double window = (b.nanos() - a.nanos()) / 1e9;
            boolean gw = before != null;
            long relayed = ph.mode.equals("gateway") ? (b.upstreamAppends() - a.upstreamAppends()) + (b.clientDeltas() - a.clientDeltas()) : 0;
            double gwCpu = gw ? (b.gatewayTicks() - a.gatewayTicks()) / (double) clockTicks : Double.NaN;
            int ready = ph.ready.get();
            double selfCpu = (b.selfCpuNanos() - a.selfCpuNanos()) / 1e9;
            // Everything else the machine did meanwhile: other processes skew the figures (the README says how much).
            double otherCpu = (b.machine().others() - a.machine().others()) / (double) clockTicks;
            double stolen = (b.machine().steal() - a.machine().steal()) / (double) clockTicks;
            double cpuWait = a.machine().cpuWaitMicros() < 0 ? Double.NaN
                    : (b.machine().cpuWaitMicros() - a.machine().cpuWaitMicros()) / 1e6;
            return new PhaseResult(ph.mode, ph.n, ph.opened.get(), ready, ph.failed.get(), ph.firstConnectError, openSeconds,
                    window, st.sentWindow, st.recvWindow, st.sentWindow - st.recvWindow, st.latency.count(),
                    st.latency.percentileMs(50), st.latency.percentileMs(90), st.latency.percentileMs(99), st.latency.maxMs(),
                    st.lateness.percentileMs(99), st.lateness.maxMs(), st.outOfOrder, st.misrouted, st.stale, st.unrecognised,
                    st.binary, st.writeQueueFull, ph.closedByRemote.get(), ph.firstRemoteClose, ph.firstException,
                    st.firstErrorEvent, st.events, selfCpu / window * 100, Math.max(0, otherCpu) / window * 100, stolen / window * 100,
                    cpuWait / window * 100,
                    upstreamConnections, upstreamUpdates, upstreamLeft, upstreamHandshake, relayed, idleCpuPercent, gwCpu,
                    gw ? gwCpu / window * 100 : Double.NaN,
                    gw && relayed > 0 ? gwCpu * 1e6 / relayed : Double.NaN,
                    gw ? before.rssKb() : -1, gw ? open.rssKb() : -1,
                    gw && ready > 0 && open.liveHeapKb() >= 0 && before.liveHeapKb() >= 0
                            ? (open.liveHeapKb() - before.liveHeapKb()) / (double) ready : Double.NaN,
                    gw ? open.threads() : -1);
        }

        void print() {
            if (framesSent == 0) {
                System.out.printf("%-7s %d/%d sessions streamed: nothing measured%n", mode, sessionsReady, sessionsRequested);
                problems().forEach(p -> System.out.println("        WARNING: " + p));
                return;
            }
            System.out.printf(Locale.ROOT, "%-7s %d/%d sessions streamed %.1f s: %d frames sent, %d echoed, %d lost;"
                    + " latency p50 %.2f p90 %.2f p99 %.2f max %.2f ms; send lateness p99 %.2f ms; benchmark CPU %.0f%% of a core,"
                    + " other processes %.0f%%, stolen by the host %.0f%%; some thread waited for a CPU %.0f%% of the time%n",
                    mode, sessionsReady, sessionsRequested, windowSeconds, framesSent, framesEchoed, framesLost, p50, p90, p99, max,
                    sendLatenessP99, benchmarkCpuPercent, otherCpuPercent, stolenCpuPercent, cpuWaitPercent);
            if (mode.equals("direct")) {
                System.out.printf(Locale.ROOT, "        the benchmark spent %.2f µs of CPU per frame (the machine's pace at 250+ sessions;"
                        + " below, its 1 ms ticks dominate)%n",
                        benchmarkCpuMicrosPerFrame());
            }
            if (mode.equals("gateway")) {
                System.out.printf(Locale.ROOT, "        upstream: %d connections, %d session.update; relayed %d frames; %s%n",
                        upstreamConnections, upstreamSessionUpdates, relayedFrames, upstreamHandshake);
            }
            if (!Double.isNaN(gatewayCpuSeconds)) {
                System.out.printf(Locale.ROOT, "        gateway CPU %.2f s = %.0f%% of a core (idle %.1f%%), %.2f µs per relayed frame;"
                        + " RSS %s -> %s (%.0f KiB per session), %d threads%n", gatewayCpuSeconds, gatewayCpuPercent,
                        gatewayIdleCpuPercent, gatewayCpuMicrosPerFrame, mib(gatewayRssBeforeKb), mib(gatewayRssOpenKb),
                        memoryPerSessionKb, gatewayThreadsOpen);
            }
            List<String> problems = problems();
            problems.forEach(p -> System.out.println("        WARNING: " + p));
        }

        /** Everything that makes the figures suspect, in words. */
        List<String> problems() {
            List<String> p = new ArrayList<>();
            if (sessionsReady < sessionsRequested) {
                p.add(String.format("%d of %d sessions did not stream (%d handshakes failed%s; %d open without session.created)",
                        sessionsRequested - sessionsReady, sessionsRequested, connectFailures,
                        firstConnectError == null ? "" : ", first: " + firstConnectError, sessionsOpen - sessionsReady));
            }
            if (framesLost != 0) p.add(framesLost + " of " + framesSent + " frames sent in the window never came back");
            if (closedByRemote > 0) p.add(closedByRemote + " sessions closed by the other side while open; first: " + firstRemoteClose);
            if (misrouted > 0) p.add(misrouted + " echoed frames arrived on another session's socket");
            if (outOfOrder > 0) p.add(outOfOrder + " echoed frames duplicated or out of order");
            if (unrecognised > 0) p.add(unrecognised + " deltas whose audio did not carry the benchmark header");
            if (stale > 0) p.add(stale + " deltas from an earlier phase");
            if (firstErrorEvent != null) p.add("error event received: " + firstErrorEvent);
            if (firstException != null) p.add("socket exception: " + firstException);
            if (relayedFrames > 0 && gatewayCpuSeconds == 0) p.add("the gateway process used no CPU while frames were relayed:"
                    + " is --gateway-pid really the gateway?");
            if (upstreamLeftOpen > 0) p.add(upstreamLeftOpen + " upstream connections still open 10 s after the clients closed");
            if (mode.equals("gateway") && upstreamConnections != sessionsRequested) {
                p.add(upstreamConnections + " upstream connections for " + sessionsRequested + " sessions");
            }
            if (otherCpuPercent > 20) p.add(String.format(Locale.ROOT, "other processes used %.0f%% of a core during the"
                    + " measured window: the machine was not idle, the figures are pessimistic", otherCpuPercent));
            if (stolenCpuPercent > 10) p.add(String.format(Locale.ROOT, "the host took %.0f%% of a core from this machine's vCPUs"
                    + " during the window (steal time): threads waited for the host, and the latency figures include it",
                    stolenCpuPercent));
            if (sendLatenessP99 > 5) p.add(String.format(Locale.ROOT, "the generator sent late (p99 %.1f ms): it is short of CPU,"
                    + " so the figures understate what the relay could do", sendLatenessP99));
            return p;
        }
    }

    /** Both phases at one session count, and what the gateway adds. */
    record RoundResult(int sessions, PhaseResult direct, PhaseResult gateway, double addedP50Ms, double addedP99Ms) {
        static RoundResult of(int n, PhaseResult d, PhaseResult g) {
            return new RoundResult(n, d, g, g == null ? Double.NaN : g.p50() - d.p50(), g == null ? Double.NaN : g.p99() - d.p99());
        }
    }

    record Inputs(List<Integer> sessions, int durationSeconds, int warmupSeconds, boolean quick, boolean directOnly,
            String audio, int benchmarkEventLoops, int connectConcurrency, int drainSeconds, String echoUpstream,
            String gatewayUrl, String gatewayCommand, Map<String, String> gatewayEnv, boolean freshGatewayPerRound,
            String benchmarkJvm, String benchmarkTransport, String benchmarkCpus, String generator) {}

    record Goal(String name, String goal, String measured, String status) {}

    // ---------------------------------------------------------------- latency histogram

    /**
     * Log-linear histogram of microsecond values: exact below 256 µs, then 256 buckets per power of two (under 0.4 %
     * error). About 14,000 longs whatever the sample count; the exact maximum is kept aside.
     */
    static final class Histogram {
        static final int SUB_BITS = 8, SUB = 1 << SUB_BITS;
        final long[] counts = new long[SUB + (63 - SUB_BITS) * SUB];
        long total, max;

        void record(long micros) {
            long v = Math.max(0, micros);
            counts[index(v)]++;
            total++;
            if (v > max) max = v;
        }

        static int index(long v) {
            if (v < SUB) return (int) v;
            int e = 63 - Long.numberOfLeadingZeros(v);
            return SUB + (e - SUB_BITS) * SUB + (int) ((v >>> (e - SUB_BITS)) - SUB);
        }

        /** The highest value that falls in bucket i. */
        static long highest(int i) {
            if (i < SUB) return i;
            int k = (i - SUB) / SUB, sub = (i - SUB) % SUB;
            return ((long) (SUB + sub + 1) << k) - 1;
        }

        void add(Histogram h) {
            for (int i = 0; i < counts.length; i++) counts[i] += h.counts[i];
            total += h.total;
            max = Math.max(max, h.max);
        }

        long count() { return total; }

        /** Nearest-rank percentile in ms (the top of its bucket, never above the maximum); NaN when empty. */
        double percentileMs(double p) {
            if (total == 0) return Double.NaN;
            long rank = Math.max(1, (long) Math.ceil(p / 100 * total)), seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) return Math.min(highest(i), max) / 1000.0;
            }
            return max / 1000.0;
        }

        double maxMs() { return total == 0 ? Double.NaN : max / 1000.0; }
    }

    // ---------------------------------------------------------------- report

    static final class Report {
        static final int TARGET_SESSIONS = 500;

        static void write(Options o, BenchmarkHost.Machine machine, SchedulingNoise noise, Inputs inputs, List<RoundResult> rounds,
                ProcStatus lastGateway) {
            List<Goal> targets = targets(o, rounds);
            String table = table(rounds, !o.directOnly());
            System.out.println("\nSummary\n\n" + table);
            targets.forEach(t -> System.out.printf("target %-40s %-22s measured %-28s %s%n", t.name(), t.goal(), t.measured(), t.status()));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("schedulingNoise", noise);
            figures.put("rounds", rounds);
            figures.put("gatewayAtEnd", lastGateway);
            Path dir = o.repo().resolve("benchmarks/gateway/results");
            try {
                ReportJson.writeLatest(dir, markdown(o, machine, noise, inputs, table, rounds, targets, lastGateway), machine, inputs,
                        figures, targets);
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("could not write the report: " + e.getMessage());
            }
            System.out.println("\nReport: " + dir.resolve("latest.md") + " (figures as JSON: latest.json)");
        }

        /** Targets are set for 500 sessions; without that count they are checked, as indicative, at the largest one. */
        static List<Goal> targets(Options o, List<RoundResult> rounds) {
            RoundResult r = rounds.stream().filter(x -> x.sessions() == TARGET_SESSIONS).findFirst()
                    .orElse(rounds.stream().max(Comparator.comparingInt(RoundResult::sessions)).orElseThrow());
            String at = r.sessions() == TARGET_SESSIONS ? "" : String.format(" (indicative: at %d sessions; the target is for 500)", r.sessions());
            String latencyGoal = "<= 5 ms at 500 sessions, no loss", cpuGoal = "<= 15 µs per relayed frame";
            if (r.gateway() == null) {
                String why = o.directOnly() ? "not measured (--direct-only)" : "not measured";
                return List.of(new Goal("added p99 latency through the gateway", latencyGoal, "-", why),
                        new Goal("gateway CPU per relayed frame", cpuGoal, "-", why));
            }
            PhaseResult g = r.gateway();
            boolean complete = g.sessionsReady() == g.sessionsRequested() && g.framesLost() == 0 && g.misrouted() == 0
                    && g.outOfOrder() == 0 && g.framesSent() > 0;
            String lossText = g.framesSent() == 0 ? "nothing streamed" : g.framesLost() == 0 ? "no loss" : g.framesLost() + " lost";
            if (g.sessionsReady() < g.sessionsRequested()) lossText += ", " + g.sessionsReady() + "/" + g.sessionsRequested() + " sessions";
            Goal latency = new Goal("added p99 latency through the gateway", latencyGoal,
                    (Double.isNaN(r.addedP99Ms()) ? "" : fmt(r.addedP99Ms()) + " ms, ") + lossText, (r.addedP99Ms() <= 5 && complete ? "met" : "NOT MET") + at);
            Goal cpu = Double.isNaN(g.gatewayCpuMicrosPerFrame())
                    ? new Goal("gateway CPU per relayed frame", cpuGoal, "-", g.relayedFrames() == 0 ? "not measured (nothing relayed)"
                            : "not measured (no gateway pid)")
                    : new Goal("gateway CPU per relayed frame", cpuGoal, fmt(g.gatewayCpuMicrosPerFrame()) + " µs",
                            (g.gatewayCpuMicrosPerFrame() <= 15 ? "met" : "NOT MET") + at);
            return List.of(latency, cpu);
        }

        static String table(List<RoundResult> rounds, boolean withGateway) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(row("figure \\ sessions", rounds, r -> String.valueOf(r.sessions())));
            phaseRows(rows, rounds, "direct", RoundResult::direct);
            if (withGateway) {
                phaseRows(rows, rounds, "gateway", RoundResult::gateway);
                rows.add(row("**added** latency p50 / p99 (ms)", rounds, r -> r.gateway() == null ? "-"
                        : signed(r.addedP50Ms()) + " / " + signed(r.addedP99Ms())));
                rows.add(row("gateway: relayed frames in window (appends + deltas)", rounds, r -> g(r, p -> String.valueOf(p.relayedFrames()))));
                rows.add(row("gateway: CPU, % of one core (idle before)", rounds,
                        r -> g(r, p -> fmt0(p.gatewayCpuPercent()) + " (" + fmt1(p.gatewayIdleCpuPercent()) + ")")));
                rows.add(row("gateway: **CPU per relayed frame (µs)**", rounds, r -> g(r, p -> fmt(p.gatewayCpuMicrosPerFrame()))));
                rows.add(row("gateway: CPU per relayed frame ÷ the machine's pace", rounds, r -> r.direct() == null ? "-"
                        : g(r, p -> fmt(p.gatewayCpuMicrosPerFrame() / r.direct().benchmarkCpuMicrosPerFrame()))));
                rows.add(row("gateway: RSS before / with sessions open (MiB)", rounds,
                        r -> g(r, p -> fmt0(p.gatewayRssBeforeKb() / 1024.0) + " / " + fmt0(p.gatewayRssOpenKb() / 1024.0))));
                rows.add(row("gateway: **live heap per session (KiB, after full GC)**", rounds, r -> g(r, p -> fmt0(p.memoryPerSessionKb()))));
                rows.add(row("gateway: threads with sessions open", rounds, r -> g(r, p -> String.valueOf(p.gatewayThreadsOpen()))));
                rows.add(row("upstream: connections / session.update received", rounds,
                        r -> g(r, p -> p.upstreamConnections() + " / " + p.upstreamSessionUpdates())));
                rows.add(row("upstream: connections left open after close", rounds, r -> g(r, p -> String.valueOf(p.upstreamLeftOpen()))));
            }
            return ReportJson.markdownTable(rows);
        }

        static void phaseRows(List<List<String>> rows, List<RoundResult> rounds, String name, Function<RoundResult, PhaseResult> phase) {
            Function<Function<PhaseResult, String>, Function<RoundResult, String>> cell =
                    f -> r -> phase.apply(r) == null ? "-" : f.apply(phase.apply(r));
            rows.add(row(name + ": sessions streaming / requested", rounds, cell.apply(p -> p.sessionsReady() + " / " + p.sessionsRequested()
                    + (p.connectFailures() > 0 ? " (" + p.connectFailures() + " failed)" : ""))));
            rows.add(row(name + ": frames sent / echoed / lost", rounds, cell.apply(p -> p.framesSent() + " / " + p.framesEchoed()
                    + " / " + p.framesLost())));
            rows.add(row(name + ": latency p50 / p90 / p99 / max (ms)", rounds, cell.apply(p -> fmt(p.p50()) + " / " + fmt(p.p90())
                    + " / " + fmt(p.p99()) + " / " + fmt(p.max()))));
            rows.add(row(name + ": send lateness p99 / max (ms)", rounds, cell.apply(p -> fmt(p.sendLatenessP99()) + " / " + fmt(p.sendLatenessMax()))));
            rows.add(row(name + ": CPU of the benchmark / other processes / stolen by the host, % of one core", rounds,
                    cell.apply(p -> fmt0(p.benchmarkCpuPercent()) + " / " + fmt0(p.otherCpuPercent()) + " / " + fmt0(p.stolenCpuPercent()))));
            rows.add(row(name + ": time some thread waited for a CPU, % of the window (CPU pressure)", rounds,
                    cell.apply(p -> fmt0(p.cpuWaitPercent()))));
            if (name.equals("direct")) {
                rows.add(row("direct: CPU of the benchmark per frame (µs; the machine's pace)", rounds,
                        cell.apply(p -> fmt(p.benchmarkCpuMicrosPerFrame()))));
            }
        }

        static String g(RoundResult r, Function<PhaseResult, String> f) { return r.gateway() == null ? "-" : f.apply(r.gateway()); }

        static List<String> row(String label, List<RoundResult> rounds, Function<RoundResult, String> cell) {
            return Stream.concat(Stream.of(label), rounds.stream().map(cell)).toList();
        }

        /** Which CPUs the clients, the echo upstream and the gateway ran on. */
        static String layout(Options o) {
            if (o.gatewayCpus() == null && o.benchmarkCpus() == null) {
                return "The clients, the echo upstream and the gateway share the machine.";
            }
            return "The clients and the echo upstream ran on " + (o.benchmarkCpus() == null ? "all CPUs" : "CPUs " + o.benchmarkCpus())
                    + ", the gateway on " + (o.gatewayCpus() == null ? "all CPUs" : "CPUs " + o.gatewayCpus()
                    + " (it sees only those)") + ".";
        }

        static String markdown(Options o, BenchmarkHost.Machine m, SchedulingNoise noise, Inputs inputs, String table,
                List<RoundResult> rounds, List<Goal> targets, ProcStatus lastGateway) {
            StringBuilder md = new StringBuilder("# audio-gateway load benchmark\n\nGenerated ").append(Instant.now())
                    .append(" by `benchmarks/gateway/run.sh`")
                    .append(o.quick() ? " with `--quick`: a smoke run, figures are rough" : "")
                    .append(o.directOnly() ? " with `--direct-only`: the tool and echo upstream alone, no gateway" : "")
                    .append(". How to read it: `benchmarks/gateway/README.md`.\n\n## Machine\n\n| | |\n|---|---|\n");
            ReportJson.appendRows(md, m, false);
            md.append("\n**Scheduling noise** of the idle machine, before the run: ").append(noise.describe()).append(".")
                    .append(noise.noisy() ? " Delays of this size reach every latency percentile below, direct and through the"
                            + " gateway alike, and grow with load (see the README, \"The machine's own delays\")." : "")
                    .append("\n");
            md.append("\n## Inputs\n\n| | |\n|---|---|\n");
            ReportJson.appendRows(md, inputs, true);
            md.append("\nLatency is the round trip of one audio frame: client → (gateway →) echo upstream → (gateway →) client,"
                    + " timed by the client from the send time it wrote into the frame. ").append(layout(o))
                    .append("\n\n## Results\n\n").append(table);
            if (lastGateway != null) {
                md.append("\nGateway at the end of the run: VmRSS ").append(mib(lastGateway.rssKb())).append(", peak VmHWM ")
                        .append(mib(lastGateway.hwmKb())).append(", ").append(lastGateway.threads()).append(" threads.\n");
            }
            md.append("\n## Targets\n\n| Target | Goal | Measured | Status |\n|---|---|---|---|\n");
            targets.forEach(t -> md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured())
                    .append(" | ").append(t.status()).append(" |\n"));
            StringBuilder problems = new StringBuilder();
            StringBuilder events = new StringBuilder();
            for (RoundResult r : rounds) {
                for (PhaseResult p : Stream.of(r.direct(), r.gateway()).filter(Objects::nonNull).toList()) {
                    p.problems().forEach(x -> problems.append("- ").append(p.mode()).append(", ").append(r.sessions())
                            .append(" sessions: ").append(x).append("\n"));
                    events.append("- ").append(p.mode()).append(", ").append(r.sessions()).append(" sessions: ")
                            .append(p.otherEvents().isEmpty() ? "none" : p.otherEvents().entrySet().stream()
                                    .map(e -> "`" + e.getKey() + "` × " + e.getValue()).collect(Collectors.joining(", ")))
                            .append("\n");
                }
            }
            md.append("\n## Problems\n\n").append(problems.isEmpty() ? "None: every session streamed, every frame came back, in order"
                    + " and on its own socket.\n" : problems);
            md.append("\n<details><summary>Events the clients received besides audio deltas</summary>\n\n").append(events)
                    .append("\n</details>\n");
            rounds.stream().map(RoundResult::gateway).filter(Objects::nonNull).map(PhaseResult::upstreamHandshake)
                    .filter(Objects::nonNull).reduce((x, y) -> y).ifPresent(h -> md.append("\nThe gateway's upstream handshake, as"
                            + " the echo upstream saw it: `").append(h).append("`.\n"));
            return md.toString();
        }

        static String signed(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.2f", v); }
    }

    static String fmt(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v); }

    static String fmt1(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v); }

    static String fmt0(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v); }




    // ---------------------------------------------------------------- tiny JSON reading

    static final byte[] TYPE_KEY = "\"type\"".getBytes(UTF_8), AUDIO_KEY = "\"audio\"".getBytes(UTF_8),
            DELTA_KEY = "\"delta\"".getBytes(UTF_8), DELTA_TYPE_BYTES = DELTA_TYPE.getBytes(UTF_8),
            APPEND_TYPE_BYTES = "input_audio_buffer.append".getBytes(UTF_8);

    /**
     * Where the string value of the first {@code "name": "…"} in m[from, len) starts (just after its opening quote);
     * -1 if none. Enough for the flat events on the hot paths; anything else goes through {@link #topLevelString}.
     */
    static int valueStart(byte[] m, int len, byte[] quotedName, int from) {
        for (int i = indexOf(m, from, len, quotedName); i >= 0; i = indexOf(m, i + 1, len, quotedName)) {
            int j = skipWs(m, len, i + quotedName.length);
            if (j < len && m[j] == ':') {
                j = skipWs(m, len, j + 1);
                if (j < len && m[j] == '"') return j + 1;
            }
        }
        return -1;
    }

    /** Whether the string value starting at {@code at} is exactly {@code value}. */
    static boolean startsWithValue(byte[] m, int len, int at, byte[] value) {
        if (at + value.length >= len || m[at + value.length] != '"') return false;
        for (int k = 0; k < value.length; k++) if (m[at + k] != value[k]) return false;
        return true;
    }

    static int indexOf(byte[] m, int from, int len, byte[] needle) {
        byte first = needle[0];
        outer:
        for (int i = Math.max(0, from), last = len - needle.length; i <= last; i++) {
            if (m[i] != first) continue;
            for (int k = 1; k < needle.length; k++) if (m[i + k] != needle[k]) continue outer;
            return i;
        }
        return -1;
    }

    static int indexOf(byte[] m, int from, int len, byte b) {
        for (int i = from; i < len; i++) if (m[i] == b) return i;
        return -1;
    }

    static int skipWs(byte[] m, int len, int i) {
        while (i < len && (m[i] == ' ' || m[i] == '\t' || m[i] == '\n' || m[i] == '\r')) i++;
        return i;
    }

    static int skipWs(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
        return i;
    }

    /** The string value of a key of the outermost object (nested objects are skipped); null when absent or not a string. */
    static String topLevelString(String json, String key) {
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = stringEnd(json, i);
                if (end < 0) return null;
                if (depth == 1 && end - i - 1 == key.length() && json.regionMatches(i + 1, key, 0, key.length())) {
                    int k = skipWs(json, end + 1);
                    if (k < json.length() && json.charAt(k) == ':') {
                        k = skipWs(json, k + 1);
                        return k < json.length() && json.charAt(k) == '"' ? jsonString(json, k) : null;
                    }
                }
                i = end;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return null;
    }

    /** Index of the quote that closes the string opened at {@code open}; -1 if unterminated. */
    static int stringEnd(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') return i;
        }
        return -1;
    }

    /** The unescaped JSON string whose opening quote is at {@code open}; null if unterminated. */
    static String jsonString(String s, int open) {
        StringBuilder out = new StringBuilder();
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') return out.toString();
            if (c != '\\') { out.append(c); continue; }
            if (++i >= s.length()) return null;
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= s.length()) return null;
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- small helpers

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static long getLong(byte[] b, int at) { return (long) getInt(b, at) << 32 | (getInt(b, at + 4) & 0xffffffffL); }

    /** Runs {@code task} on the loop's thread and waits for its answer. */
    static <T> T onLoop(Loop l, Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        l.ctx.runOnContext(v -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return join(f, "run a task on an event loop");
    }

    static <T> T join(CompletableFuture<T> f, String what) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkHost.Failure("interrupted while waiting to " + what);
        } catch (Exception e) {
            throw new BenchmarkHost.Failure("could not " + what + ": " + (e.getCause() == null ? e : e.getCause()));
        }
    }

    static void acquire(Semaphore s, int permits) {
        try {
            if (!s.tryAcquire(permits, 120, TimeUnit.SECONDS)) throw new BenchmarkHost.Failure("WebSocket handshakes hung for 120 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkHost.Failure("interrupted");
        }
    }

    static void sleepUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkHost.Failure("interrupted");
            }
        }
    }

    static void sleep(long millis) { sleepUntil(System.nanoTime() + millis * 1_000_000L); }







    static String mib(long kb) { return kb < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0); }
}

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.locks.LockSupport;
import java.util.function.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.*;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * End-to-end benchmark of the offline voice engine behind the gateway: spoken fixture questions streamed in real
 * time, then transcript accuracy, tool choice, the answer's product, voice-to-voice latency and how many sessions
 * keep real time. JDK only (java.net.http WebSocket); see README.md next to this file.
 */
public class LocalVoiceBenchmark {

    static final int RATE = 24_000;
    static final int FRAME_SAMPLES = 480; // 20 ms
    static final int ENERGY_WINDOW = 240; // 10 ms
    static final String STORE_SUBPROTOCOL = "realtime-store.v1";
    static final List<String> ALL_VOICES = List.of("flite-slt", "flite-rms", "flite-awb", "festival-slt-hts", "espeak-en-us");
    /** Voices the WER target applies to (the issue: "flite and festival voices"). */
    static final Set<String> TARGET_VOICES = Set.of("flite-slt", "flite-rms", "flite-awb", "festival-slt-hts");
    static final Set<String> ID_TOOLS = Set.of("get_product_details", "check_availability", "compare_products");
    /** The gateway's session.vad-silence-duration-ms default, which the first passes run with (checked at start). */
    static final int GATEWAY_DEFAULT_SILENCE_MS = 200;
    static final List<String> SERVICE_JVM_FLAGS = List.of("-Xmx512m", "--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED");
    static final String DEFAULT_GATEWAY_JVM = "-Xmx512m --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** Every process this program started and has not stopped yet; the shutdown hook stops them. */
    static final List<Service> RUNNING = new CopyOnWriteArrayList<>();

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(LocalVoiceBenchmark::stopAll));
        int exit = 0;
        try {
            Options options = Options.parse(args);
            BenchmarkHost.Machine machine = BenchmarkHost.Machine.describe(options.repo());
            machine.print();
            new Bench(options, machine).run();
        } catch (BenchmarkHost.Failure e) {
            System.out.flush();
            System.err.println("\nBENCHMARK FAILED: " + e.getMessage());
            exit = 1;
        } finally {
            stopAll();
        }
        System.exit(exit);
    }

    static void stopAll() {
        List<Service> services = new ArrayList<>(RUNNING);
        Collections.reverse(services);
        services.forEach(Service::stop);
    }

    // ================================================================ options

    record Options(Path repo, boolean quick, List<String> voices, List<String> queryIds, List<String> conversationIds,
            int shortSilenceMs, List<String> shortVoices, List<Integer> sessions, boolean extendSessions, int maxSessions,
            int durationS, int rampS, int keptMs, int turnTimeoutS, int warmupTurns, Path gatewayApp, Path productsApp,
            String gatewayJvm, Map<String, String> gatewayEnv, int readyTimeoutS, Set<String> passes, double energyDbfs) {

        static final String USAGE = """
                usage: benchmarks/local-voice/run.sh [--quick] [--voices v1,v2] [--queries q01,q02] [--conversations c01]
                         [--short-silence-ms 200] [--short-voices v1,v2] [--sessions 1,2,4,6,8] [--max-sessions 16]
                         [--duration 30] [--ramp 4] [--kept-ms 1000] [--turn-timeout 15] [--warmup-turns 3]
                         [--passes accuracy,short,concurrency] [--gateway-app DIR] [--products-app DIR]
                         [--gateway-jvm "FLAGS"] [--gateway-env K=V]... [--ready-timeout 300] [--energy-dbfs -45]
                  --quick              smoke run (a few minutes): voices flite-slt,festival-slt-hts; 8 queries and one
                                       conversation; the 200 ms pass on flite-slt; 1 and 2 sessions for 15 s
                  --voices             fixture voices of the accuracy pass and the concurrency pass (default: all five)
                  --queries / --conversations   fixture ids (default: all of queries.tsv / conversations.tsv)
                  --short-silence-ms   the VAD silence window of the second latency pass (0: no second pass)
                  --short-voices       voices of the second latency pass (default: flite-slt,festival-slt-hts)
                  --sessions           concurrency levels; after the last one, +2 sessions at a time while >= 95 %
                                       of turns keep real time, up to --max-sessions (--quick: no extension)
                  --duration / --ramp  measured seconds per level, after seconds over which the sessions start
                  --kept-ms            a turn keeps real time when its first audio comes at most this long after the
                                       end of speech (and it is answered, with no gap in its audio and no error)
                  --turn-timeout       seconds after the end of a fixture's audio before a turn counts as unanswered
                  --warmup-turns       unmeasured turns before each latency pass (JIT warm-up)
                  --passes             which passes run (default: all three)
                  --gateway-env K=V    extra environment for the gateway, repeatable (e.g. REALTIME_LOCAL_RECOGNIZERS=4)
                  --energy-dbfs        level above which a 10 ms frame counts as speech when finding the true end of speech""";
        static final Set<String> FLAGS = Set.of("--quick");
        static final Set<String> VALUED = Set.of("--repo", "--voices", "--queries", "--conversations", "--short-silence-ms",
                "--short-voices", "--sessions", "--max-sessions", "--duration", "--ramp", "--kept-ms", "--turn-timeout",
                "--warmup-turns", "--passes", "--gateway-app", "--products-app", "--gateway-jvm", "--gateway-env",
                "--ready-timeout", "--energy-dbfs");

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help") || args[i].equals("-h")) {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                if (FLAGS.contains(args[i])) {
                    given.put(args[i], "true");
                } else if (VALUED.contains(args[i]) && i + 1 < args.length) {
                    String key = args[i], value = args[++i];
                    if (key.equals("--gateway-env")) {
                        int eq = value.indexOf('=');
                        if (eq <= 0) throw new BenchmarkHost.Failure("--gateway-env needs K=V, got '" + value + "'");
                        env.put(value.substring(0, eq), value.substring(eq + 1));
                    } else {
                        given.put(key, value);
                    }
                } else {
                    throw new BenchmarkHost.Failure("bad argument '" + args[i] + "'\n" + USAGE);
                }
            }
            boolean quick = given.containsKey("--quick");
            Path repo = Path.of(given.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
            Function<String, List<String>> list = s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            List<String> voices = list.apply(given.getOrDefault("--voices", quick ? "flite-slt,festival-slt-hts" : String.join(",", ALL_VOICES)));
            List<String> shortVoices = list.apply(given.getOrDefault("--short-voices", quick ? "flite-slt" : "flite-slt,festival-slt-hts"));
            for (String v : concat(voices, shortVoices)) {
                if (!ALL_VOICES.contains(v)) throw new BenchmarkHost.Failure("unknown voice '" + v + "' (known: " + ALL_VOICES + ")");
            }
            List<String> queries = given.containsKey("--queries") ? list.apply(given.get("--queries"))
                    : quick ? List.of("q01", "q02", "q05", "q08", "q17", "q20", "q22", "q24") : List.of();
            List<String> conversations = given.containsKey("--conversations") ? list.apply(given.get("--conversations"))
                    : quick ? List.of("c02") : List.of();
            ToIntBiFunction<String, Integer> n = (key, fallback) -> given.containsKey(key) ? BenchmarkHost.positive(key, given.get(key)) : fallback;
            int shortSilence = given.containsKey("--short-silence-ms") ? Integer.parseInt(given.get("--short-silence-ms").strip()) : 200;
            List<Integer> sessions = list.apply(given.getOrDefault("--sessions", quick ? "1,2" : "1,2,4,6,8")).stream()
                    .map(s -> BenchmarkHost.positive("--sessions", s)).toList();
            Set<String> passes = new LinkedHashSet<>(list.apply(given.getOrDefault("--passes", "accuracy,short,concurrency")));
            for (String p : passes) {
                if (!Set.of("accuracy", "short", "concurrency").contains(p)) throw new BenchmarkHost.Failure("unknown pass '" + p + "'");
            }
            if (shortSilence == 0) passes.remove("short");
            Path gatewayApp = Path.of(given.getOrDefault("--gateway-app", repo.resolve("audio-gateway/target/quarkus-app").toString())).toAbsolutePath();
            Path productsApp = Path.of(given.getOrDefault("--products-app", repo.resolve("products-service/target/quarkus-app").toString())).toAbsolutePath();
            for (Path app : List.of(gatewayApp, productsApp)) {
                if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
                    throw new BenchmarkHost.Failure("no quarkus-run.jar in " + app + " (build first: ./mvnw -B -DskipTests package)");
                }
            }
            return new Options(repo, quick, voices, queries, conversations, shortSilence, shortVoices, sessions,
                    !quick && !given.containsKey("--sessions"), n.applyAsInt("--max-sessions", 16),
                    n.applyAsInt("--duration", quick ? 15 : 30), n.applyAsInt("--ramp", 4), n.applyAsInt("--kept-ms", 1000),
                    n.applyAsInt("--turn-timeout", 15), given.containsKey("--warmup-turns") ? Integer.parseInt(given.get("--warmup-turns")) : 3,
                    gatewayApp, productsApp, given.getOrDefault("--gateway-jvm", DEFAULT_GATEWAY_JVM), env,
                    n.applyAsInt("--ready-timeout", 300), passes,
                    given.containsKey("--energy-dbfs") ? Double.parseDouble(given.get("--energy-dbfs")) : -45.0);
        }
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ================================================================ fixtures

    /** One row of queries.tsv or conversations.tsv (conversation null for single queries). */
    record Utterance(String id, String conversation, int turn, String text, String tool, String arguments,
            String expectProduct) {
        Map<String, Object> expectedArgs() {
            return Json.object(Json.parse(arguments));
        }
    }

    /** A fixture WAV: 24 kHz PCM16 mono, with the true speech boundaries found from its energy. */
    record Clip(String voice, String id, byte[] pcm, int speechStartSample, int speechEndSample, int manifestEndMs) {
        double durationMs() { return pcm.length / 2 * 1000.0 / RATE; }
        double speechEndMs() { return speechEndSample * 1000.0 / RATE; }
    }

    static List<Utterance> readTsv(Path file, boolean conversations) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, UTF_8);
        } catch (IOException e) {
            throw new BenchmarkHost.Failure("cannot read " + file + ": " + e.getMessage());
        }
        List<String> header = List.of(lines.get(0).split("\t"));
        List<Utterance> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] c = line.split("\t", -1);
            Function<String, String> col = name -> c[header.indexOf(name)].strip();
            rows.add(new Utterance(col.apply("id"), conversations ? col.apply("conversation") : null,
                    conversations ? Integer.parseInt(col.apply("turn")) : 1, col.apply("text"), col.apply("tool"),
                    col.apply("arguments"), col.apply("expect_product")));
        }
        return rows;
    }

    static Clip readClip(Path wav, String voice, String id, int manifestEndMs, double thresholdDbfs) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(wav);
        } catch (IOException e) {
            throw new BenchmarkHost.Failure("cannot read " + wav + ": " + e.getMessage());
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 44 || !new String(bytes, 0, 4, UTF_8).equals("RIFF") || !new String(bytes, 8, 4, UTF_8).equals("WAVE")) {
            throw new BenchmarkHost.Failure(wav + " is not a WAV file");
        }
        int pos = 12, channels = 0, rate = 0, bits = 0;
        byte[] pcm = null;
        while (pos + 8 <= bytes.length) {
            String chunk = new String(bytes, pos, 4, UTF_8);
            int size = b.getInt(pos + 4);
            if (chunk.equals("fmt ")) {
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (chunk.equals("data")) {
                pcm = Arrays.copyOfRange(bytes, pos + 8, Math.min(bytes.length, pos + 8 + size));
                break;
            }
            pos += 8 + size + (size & 1);
        }
        if (pcm == null || channels != 1 || rate != RATE || bits != 16) {
            throw new BenchmarkHost.Failure(wav + " is not 24 kHz mono PCM16 (" + channels + " ch, " + rate + " Hz, " + bits + " bit)");
        }
        // The true speech boundaries: the first and the last 10 ms frame whose RMS level is above the threshold.
        ByteBuffer s = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        int samples = pcm.length / 2, first = -1, last = -1;
        for (int f = 0; (f + 1) * ENERGY_WINDOW <= samples; f++) {
            double sum = 0;
            for (int i = f * ENERGY_WINDOW; i < (f + 1) * ENERGY_WINDOW; i++) {
                double v = s.getShort(i * 2) / 32768.0;
                sum += v * v;
            }
            double dbfs = 10 * Math.log10(sum / ENERGY_WINDOW + 1e-20);
            if (dbfs > thresholdDbfs) {
                if (first < 0) first = f;
                last = f;
            }
        }
        if (last < 0) throw new BenchmarkHost.Failure(wav + " has no frame above " + thresholdDbfs + " dBFS");
        return new Clip(voice, id, pcm, first * ENERGY_WINDOW, (last + 1) * ENERGY_WINDOW, manifestEndMs);
    }

    // ================================================================ the run

    static final class Bench {
        final Options o;
        final BenchmarkHost.Machine machine;
        final Path here, work, fixtures;
        final String apiKey = "lvbench-" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        final List<Utterance> queries, conversationTurns;
        final Map<String, Clip> clips = new HashMap<>();
        final Map<String, Object> gatewayInfo = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        final long runStarted = System.nanoTime();

        Bench(Options o, BenchmarkHost.Machine machine) {
            this.o = o;
            this.machine = machine;
            this.here = o.repo().resolve("benchmarks/local-voice");
            this.work = here.resolve("work");
            this.fixtures = work.resolve("fixtures");
            List<Utterance> q = readTsv(o.repo().resolve("fixtures/voice/queries.tsv"), false);
            List<Utterance> c = readTsv(o.repo().resolve("fixtures/voice/conversations.tsv"), true);
            this.queries = o.queryIds().isEmpty() ? q : q.stream().filter(u -> o.queryIds().contains(u.id())).toList();
            this.conversationTurns = o.conversationIds().isEmpty() ? c
                    : c.stream().filter(u -> o.conversationIds().contains(u.conversation())).toList();
            if (!o.queryIds().isEmpty() && queries.size() != o.queryIds().size()) {
                throw new BenchmarkHost.Failure("unknown query id in " + o.queryIds());
            }
        }

        Clip clip(String voice, String id) {
            Clip c = clips.get(voice + "/" + id);
            if (c == null) throw new BenchmarkHost.Failure("no fixture audio for " + voice + "/" + id);
            return c;
        }

        void run() {
            Set<String> voices = new LinkedHashSet<>(o.voices());
            if (o.passes().contains("short")) voices.addAll(o.shortVoices());
            makeFixtures(voices);

            Path runDir = work.resolve("run-" + System.currentTimeMillis());
            Service products = Service.startProducts(o, runDir);
            products.awaitProductsReady(o.readyTimeoutS());
            String productsUrl = "http://127.0.0.1:" + products.port();

            Map<String, Object> figures = new LinkedHashMap<>();
            LatencyPass accuracy = null, shortPass = null;
            ConcurrencyPass concurrency = null;
            Service gateway = null;
            if (o.passes().contains("accuracy") || o.passes().contains("concurrency")) {
                gateway = Service.startGateway(o, runDir, "gateway-default", productsUrl, apiKey, null);
                gatewayInfo.put("default", gatewayReady(gateway));
                int silence = checkSilenceWindow(gateway, GATEWAY_DEFAULT_SILENCE_MS);
                if (o.passes().contains("accuracy")) {
                    accuracy = latencyPass(gateway, "accuracy", silence, o.voices(), true);
                    accuracy.turns().stream().filter(t -> t.id().startsWith("q"))
                            .forEach(t -> aloneTranscripts.put(t.voice() + "/" + t.id(), t.transcript()));
                }
                if (o.passes().contains("concurrency")) {
                    concurrency = concurrencyPass(gateway, silence);
                }
                stopGateway(gateway);
            }
            if (o.passes().contains("short")) {
                gateway = Service.startGateway(o, runDir, "gateway-" + o.shortSilenceMs(), productsUrl, apiKey, o.shortSilenceMs());
                gatewayInfo.put("short", gatewayReady(gateway));
                int silence = checkSilenceWindow(gateway, o.shortSilenceMs());
                shortPass = latencyPass(gateway, "short", silence, o.shortVoices(), false);
                stopGateway(gateway);
            }
            products.stop();
            Report.write(this, accuracy, shortPass, concurrency, runDir);
        }

        final Map<String, Integer> logLinesAtReady = new HashMap<>();

        /** Readiness, and what the engine logged about itself at start (the parts it runs, the recogniser). */
        Map<String, Object> gatewayReady(Service gateway) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("readiness", gateway.awaitGatewayReady(o.readyTimeoutS()));
            // The recogniser gets the catalog's words in a background LM update after readiness; wait for it (log line).
            long waitFrom = System.nanoTime();
            while (!BenchmarkHost.read(gateway.log().toString()).contains("Catalog LM updated")
                    && System.nanoTime() - waitFrom < 60_000_000_000L) sleep(100);
            double lmWait = (System.nanoTime() - waitFrom) / 1e9;
            if (BenchmarkHost.read(gateway.log().toString()).contains("Catalog LM updated")) {
                System.out.printf("%s: catalog LM installed in the decoders %.1f s after readiness%n", gateway.name(), lmWait);
            } else {
                problems.add(gateway.name() + ": no \"Catalog LM updated\" in its log within 60 s of readiness; the recogniser may lack the catalog's words");
                System.out.println("WARNING: " + problems.getLast());
            }
            info.put("catalogLmAfterReadySeconds", lmWait);
            List<String> log = BenchmarkHost.read(gateway.log().toString()).lines().toList();
            logLinesAtReady.put(gateway.name(), log.size());
            for (String line : log) {
                Matcher m = Pattern.compile("\\] \\([^)]*\\) (Local voice engine: VAD .*|Speech recognizer ready.*|Local voice engine: catalog.*|Catalog LM updated.*)").matcher(line);
                if (m.find()) info.put("log" + info.size(), m.group(1));
            }
            return info;
        }

        /** Stops the gateway, then keeps its warnings and errors logged after readiness for the report. */
        void stopGateway(Service gateway) {
            gateway.stop();
            List<String> log = BenchmarkHost.read(gateway.log().toString()).lines().toList();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String line : log.subList(Math.min(log.size(), logLinesAtReady.getOrDefault(gateway.name(), 0)), log.size())) {
                Matcher m = Pattern.compile("^\\S+ \\S+ (WARN|ERROR) +\\[([^\\]]+)\\] \\([^)]*\\) (.*)$").matcher(line);
                if (!m.find()) continue;
                // sessions ids and numbers differ from line to line; fold them so that repeats count as one kind
                String kind = m.group(1) + " " + m.group(2) + ": " + m.group(3).replaceAll("sess_\\w+|\\d+", "#");
                counts.merge(BenchmarkHost.abbreviate(kind, 300), 1, Integer::sum);
            }
            counts.forEach((k, n) -> problems.add(gateway.name() + " log, " + n + " × " + k));
            if (!counts.isEmpty()) System.out.printf("%s logged %d kinds of warnings/errors while measured (see the report)%n", gateway.name(), counts.size());
        }

        void makeFixtures(Set<String> voices) {
            System.out.printf("Fixtures: %s -> %s%n", voices, fixtures);
            try {
                Process p = new ProcessBuilder(o.repo().resolve("fixtures/voice/make.sh").toString(), fixtures.toString(),
                        String.join(",", voices)).inheritIO().start();
                if (p.waitFor() != 0) throw new BenchmarkHost.Failure("fixtures/voice/make.sh failed (exit " + p.exitValue() + ")");
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("cannot run fixtures/voice/make.sh: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkHost.Failure("interrupted while making fixtures");
            }
            List<String> manifest;
            try {
                manifest = Files.readAllLines(fixtures.resolve("manifest.tsv"), UTF_8);
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("no manifest: " + e.getMessage());
            }
            List<String> header = List.of(manifest.get(0).split("\t"));
            for (String line : manifest.subList(1, manifest.size())) {
                String[] c = line.split("\t", -1);
                String voice = c[header.indexOf("voice")], id = c[header.indexOf("id")];
                clips.put(voice + "/" + id, readClip(fixtures.resolve(c[header.indexOf("file")]), voice, id,
                        Integer.parseInt(c[header.indexOf("speech_end_ms")]), o.energyDbfs()));
            }
            for (String v : voices) {
                List<Clip> mine = clips.values().stream().filter(c -> c.voice().equals(v)).toList();
                double[] tail = mine.stream().mapToDouble(c -> c.manifestEndMs() - c.speechEndMs()).sorted().toArray();
                System.out.printf("  %-17s %d clips; true speech end %.0f..%.0f ms (median %.0f) before the manifest's padded end%n",
                        v, mine.size(), tail[0], tail[tail.length - 1], tail[tail.length / 2]);
            }
        }

        /** Opens a session, reads the silence window the gateway configured, and checks it is the one asked for. */
        int checkSilenceWindow(Service gateway, int expected) {
            try (RtSession s = RtSession.open(gateway.port(), apiKey, "probe")) {
                Ev updated = s.await(e -> e.type().equals("session.updated"), 10_000);
                if (updated == null) throw new BenchmarkHost.Failure("no session.updated from the gateway within 10 s: " + s.summary());
                Object silence = Json.at(updated.json(), "session", "audio", "input", "turn_detection", "silence_duration_ms");
                int ms = silence instanceof Double d ? d.intValue() : -1;
                System.out.printf("gateway session: turn_detection.silence_duration_ms = %d%n", ms);
                if (ms != expected) {
                    throw new BenchmarkHost.Failure("the gateway configured a " + ms + " ms VAD silence window, expected " + expected);
                }
                return ms;
            }
        }

        // ------------------------------------------------------------ pass 1 / 3: one session at a time

        LatencyPass latencyPass(Service gateway, String name, int silenceMs, List<String> voices, boolean withConversations) {
            System.out.printf("%n=== %s pass: VAD silence %d ms, voices %s, %d queries%s, one session at a time%n", name, silenceMs,
                    voices, queries.size(), withConversations ? " + " + conversationTurns.size() + " conversation turns" : "");
            List<Utterance> warm = queries.stream().filter(u -> !u.tool().equals("none")).limit(o.warmupTurns()).toList();
            for (Utterance u : warm) {
                try (RtSession s = openReady(gateway, "warm-up")) {
                    Observation obs = runTurn(s, clip(voices.get(0), u.id()), Until.EARLY, u.expectProduct());
                    System.out.printf("  warm-up %s/%s: %s%n", voices.get(0), u.id(), obs.complete() ? "answered" : obs.endReason());
                }
            }
            long cpuBefore = gateway.cpuTicks();
            long started = System.nanoTime();
            List<TurnResult> turns = new ArrayList<>();
            for (String voice : voices) {
                for (Utterance u : queries) {
                    try (RtSession s = openReady(gateway, voice + "/" + u.id())) {
                        TurnResult r = Analysis.analyze(name, silenceMs, runTurn(s, clip(voice, u.id()), Until.EARLY, u.expectProduct()),
                                clip(voice, u.id()), u, new Memory());
                        turns.add(r);
                        printTurn(r);
                    }
                }
                if (!withConversations) continue;
                Map<String, List<Utterance>> byConversation = conversationTurns.stream()
                        .collect(Collectors.groupingBy(Utterance::conversation, LinkedHashMap::new, Collectors.toList()));
                for (List<Utterance> conv : byConversation.values()) {
                    try (RtSession s = openReady(gateway, voice + "/" + conv.get(0).conversation())) {
                        Memory memory = new Memory();
                        for (Utterance u : conv) {
                            // the next question starts once the whole answer has arrived (response.done); after the last
                            // one the session is closed, so that turn ends early like a single query's
                            Until until = u == conv.getLast() ? Until.EARLY : Until.DONE;
                            TurnResult r = Analysis.analyze(name, silenceMs, runTurn(s, clip(voice, u.id()), until, u.expectProduct()),
                                    clip(voice, u.id()), u, memory);
                            turns.add(r);
                            printTurn(r);
                            if (s.closed) break;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (gateway.cpuTicks() - cpuBefore) / (double) machine.clockTicks();
            System.out.printf("%s pass: %d turns in %.0f s; gateway CPU %.1f s (%.2f s per turn)%n", name, turns.size(), seconds,
                    cpuSeconds, cpuSeconds / Math.max(1, turns.size()));
            turns.stream().filter(t -> !t.answered()).forEach(t -> problems.add(name + " pass (" + silenceMs + " ms): " + t.voice() + "/"
                    + t.id() + " not answered: " + t.endReason() + (t.errors().isEmpty() ? "" : "; errors " + t.errors())));
            return new LatencyPass(name, silenceMs, voices, turns, seconds, cpuSeconds, gateway.rssKb(), gateway.hwmKb());
        }

        RtSession openReady(Service gateway, String label) {
            RtSession s = RtSession.open(gateway.port(), apiKey, label);
            if (s.await(e -> e.type().equals("session.updated"), 10_000) == null) {
                s.close();
                throw new BenchmarkHost.Failure("no session.updated within 10 s for " + label + ": " + s.summary());
            }
            return s;
        }

        void printTurn(TurnResult r) {
            String calls = r.calls().stream().map(c -> c.name() + c.arguments()).collect(Collectors.joining(", "));
            System.out.printf("  %-17s %-6s WER %4.0f%% %s %s%s | v2v %s (vad %s, stt %s, tool %s) %s'%s' -> %s%n", r.voice(), r.id(),
                    100.0 * r.werEdits() / r.refWords(), r.toolOk() ? "tool ok " : "TOOL NO ",
                    r.productOk() == null ? "-" : r.productOk() ? "product ok" : "PRODUCT NO",
                    r.ok() ? "" : " (" + String.join("; ", r.why()) + ")",
                    ms(r.firstAudioMs()), ms(r.vadMs()), ms(r.transcriptMs()), ms(r.toolCallMs()),
                    r.vadSegments() > 1 ? "[" + r.vadSegments() + " VAD segments] " : "", r.transcript(),
                    calls.isEmpty() ? "(no call)" : BenchmarkHost.abbreviate(calls, 120));
            if (!r.ok()) System.out.printf("  %25s answer: '%s'%n", "", BenchmarkHost.abbreviate(r.answer(), 160));
        }

        // ------------------------------------------------------------ pass 2: concurrency

        /** voice/id → transcript of that fixture in the one-at-a-time pass (single queries), to compare under load. */
        final Map<String, String> aloneTranscripts = new HashMap<>();

        ConcurrencyPass concurrencyPass(Service gateway, int silenceMs) {
            System.out.printf("%n=== concurrency pass: VAD silence %d ms, voices %s, %d s per level after a %d s ramp%n", silenceMs,
                    o.voices(), o.durationS(), o.rampS());
            // Questions with a catalog tool: a goodbye would end the session (end_conversation).
            List<Clip> pool = new ArrayList<>();
            for (Utterance u : queries) {
                if (u.tool().equals("none")) continue;
                for (String v : o.voices()) pool.add(clip(v, u.id()));
            }
            Collections.shuffle(pool, new Random(42));
            Map<String, Utterance> byId = queries.stream().collect(Collectors.toMap(Utterance::id, u -> u));
            List<Level> levels = new ArrayList<>();
            List<Integer> planned = new ArrayList<>(o.sessions());
            for (int i = 0; i < planned.size(); i++) {
                int n = planned.get(i);
                Level level = runLevel(gateway, n, silenceMs, pool, byId);
                levels.add(level);
                System.out.printf("  N=%d: %d turns, %d answered, kept real time %.0f %%, first audio p50 %s p95 %s (speech_stopped p95 %s, "
                        + "transcript p95 %s), WER %.1f %%, gateway CPU %.0f %% of a core, RSS %d MiB%n", n, level.turns(), level.answered(),
                        level.keptPercent(), ms(level.p50()), ms(level.p95()), ms(level.vadP95()), ms(level.transcriptP95()),
                        level.werPercent(), level.gatewayCpuPercent(), level.rssKb() / 1024);
                boolean passed = level.turns() > 0 && level.keptPercent() >= 95.0;
                if (!passed) {
                    System.out.printf("  N=%d keeps real time in fewer than 95 %% of its turns: stopping here%n", n);
                    break;
                }
                if (i == planned.size() - 1 && o.extendSessions() && n + 2 <= o.maxSessions()) planned.add(n + 2);
                sleep(2000);
            }
            return new ConcurrencyPass(silenceMs, o.voices(), levels);
        }

        Level runLevel(Service gateway, int n, int silenceMs, List<Clip> pool, Map<String, Utterance> byId) {
            List<RtSession> sessions = new ArrayList<>();
            for (int i = 0; i < n; i++) sessions.add(openReady(gateway, "c" + n + "-" + i));
            long t0 = System.nanoTime() + 500_000_000L;
            long windowStart = t0 + o.rampS() * 1_000_000_000L;
            long windowEnd = windowStart + o.durationS() * 1_000_000_000L;
            List<List<TurnResult>> perSession = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<TurnResult> mine = Collections.synchronizedList(new ArrayList<>());
                perSession.add(mine);
                RtSession s = sessions.get(i);
                int index = i;
                Thread t = Thread.ofPlatform().name("session-" + i).start(() -> {
                    // session i starts its first question i/n of the ramp after t0, so turns are spread in time
                    long firstQuestion = t0 + (long) (o.rampS() * 1e9 * index / n);
                    s.startClock(t0);
                    while (System.nanoTime() < firstQuestion && !s.closed) s.silenceFrame();
                    int next = index * 7;
                    while (!s.closed && System.nanoTime() < windowEnd) {
                        Clip c = pool.get(next++ % pool.size());
                        Observation obs = runTurn(s, c, Until.DONE, null);
                        TurnResult r = Analysis.analyze("concurrency-" + n, silenceMs, obs, c, byId.get(c.id()), new Memory());
                        boolean inWindow = obs.speechEndNanos() >= windowStart && obs.speechEndNanos() < windowEnd;
                        mine.add(r.withWindow(inWindow));
                    }
                });
                threads.add(t);
            }
            // CPU and memory over the measured window exactly
            sleepUntil(windowStart);
            long gwStart = gateway.cpuTicks(), selfStart = Service.cpuTicks(ProcessHandle.current().pid());
            long[] machineStart = machineCpu();
            sleepUntil(windowEnd);
            long gwEnd = gateway.cpuTicks(), selfEnd = Service.cpuTicks(ProcessHandle.current().pid());
            long[] machineEnd = machineCpu();
            long rss = gateway.rssKb(), hwm = gateway.hwmKb();
            for (Thread t : threads) {
                try {
                    t.join((o.turnTimeoutS() + 30) * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sessions.forEach(RtSession::close);
            sessions.stream().filter(s -> !s.closedByUs && s.closeInfo != null).forEach(s -> problems.add("concurrency N=" + n
                    + ": session " + s.label + " ended by the gateway or the network: " + s.closeInfo));
            double window = o.durationS();
            double ticks = machine.clockTicks();
            List<TurnResult> all = perSession.stream().flatMap(List::stream).toList();
            List<TurnResult> measured = all.stream().filter(TurnResult::inWindow).toList();
            int closed = (int) sessions.stream().filter(s -> s.closed && s.closeInfo != null && !s.closedByUs).count();
            double machineBusy = machineEnd[1] - machineStart[1] == 0 ? Double.NaN
                    : 100.0 * (machineEnd[0] - machineStart[0]) / (machineEnd[1] - machineStart[1]) * Integer.parseInt(machine.cores().strip());
            double sendLateP99 = sessions.stream().mapToDouble(RtSession::lateP99Ms).max().orElse(0);
            return Level.of(n, measured, all.size(), o.keptMs(), (gwEnd - gwStart) / ticks / window * 100, rss, hwm,
                    (selfEnd - selfStart) / ticks / window * 100, machineBusy, closed, sendLateP99, aloneTranscripts);
        }

        // ------------------------------------------------------------ one turn

        /**
         * Streams one fixture in real time, then silence (a live microphone) until the turn is answered or
         * {@code turnTimeoutS} pass after the file; see {@link Until}.
         */
        Observation runTurn(RtSession s, Clip clip, Until until, String expectProduct) {
            if (!s.clockStarted()) s.startClock(System.nanoTime());
            int start = s.size();
            int lastSpeechFrame = (clip.speechEndSample() - 1) / FRAME_SAMPLES;
            long fileStart = 0, speechEnd = 0, fileEnd = 0;
            for (int f = 0, off = 0; off < clip.pcm().length; f++, off += FRAME_SAMPLES * 2) {
                long sent = s.frame(Arrays.copyOfRange(clip.pcm(), off, Math.min(clip.pcm().length, off + FRAME_SAMPLES * 2)));
                if (f == 0) fileStart = sent;
                if (f == lastSpeechFrame) speechEnd = sent;
                fileEnd = sent;
                if (s.closed) break;
            }
            long deadline = fileEnd + o.turnTimeoutS() * 1_000_000_000L;
            String endReason = "no answer within " + o.turnTimeoutS() + " s after the audio";
            boolean complete = false;
            while (System.nanoTime() < deadline) {
                if (s.closed) {
                    endReason = "session closed: " + s.closeInfo;
                    break;
                }
                List<Ev> so = s.since(start);
                if (until == Until.EARLY && Analysis.heardEnough(so, expectProduct)) {
                    complete = true;
                    endReason = "answer heard (turn ended before response.done)";
                    break;
                }
                long answeredAt = Analysis.answeredAt(so);
                if (answeredAt != 0) {
                    complete = true;
                    endReason = "answered";
                    if (until != Until.LISTEN) break;
                    long playedAt = Analysis.playbackEnd(s.since(start)) + 300_000_000L;
                    while (System.nanoTime() < playedAt && !s.closed) s.silenceFrame();
                    break;
                }
                s.silenceFrame();
            }
            return new Observation(s.since(start), fileStart, speechEnd, fileEnd, complete, endReason);
        }

        long[] machineCpu() {
            String[] f = BenchmarkHost.read("/proc/stat").lines().findFirst().orElse("cpu 0").trim().split("\\s+");
            long total = 0, idle = 0;
            for (int i = 1; i < f.length; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) idle += v;
            }
            return new long[] { total - idle, total };
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
    }

    static String ms(Double v) { return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.0f ms", v); }

    // ================================================================ results

    record Call(String name, String arguments) {}

    /**
     * When a turn ends: EARLY once the answer's first audio came and, when the fixture names a product, the answer's
     * transcript so far names it (or at response.done); DONE at the answer's response.done; LISTEN when a client
     * playing the answer from its first delta has finished playing it, plus 300 ms.
     */
    enum Until { EARLY, DONE, LISTEN }

    /** What one session received while one fixture was streamed, with the send times that matter. */
    record Observation(List<Ev> events, long fileStartNanos, long speechEndNanos, long fileEndNanos, boolean complete,
            String endReason) {}

    /** Per session: the product ids of the previous turn's last search (for "the second one"). */
    static final class Memory {
        List<Long> previousSearch = List.of();
    }

    /** One analysed turn. Times are ms after the last sample of actual speech was sent (null: the event never came). */
    record TurnResult(String pass, int silenceMs, String voice, String id, String text, String expectTool, String expectArgs,
            String expectProduct, String transcript, int werEdits, int refWords, List<Call> calls, String answer,
            String answerStatus, boolean answered, boolean toolOk, Boolean productOk, boolean ok, List<String> why,
            Double vadMs, Double transcriptMs, Double toolCallMs, Double toolResultMs, Double firstAudioMs,
            Double gatewaySpeechToAudioMs, int vadSegments, int audioDeltas, double answerAudioMs, double maxAudioLateMs,
            boolean audioGap, List<String> errors, double speechEndInFileMs, String endReason, boolean inWindow) {
        TurnResult withWindow(boolean in) {
            return new TurnResult(pass, silenceMs, voice, id, text, expectTool, expectArgs, expectProduct, transcript, werEdits,
                    refWords, calls, answer, answerStatus, answered, toolOk, productOk, ok, why, vadMs, transcriptMs, toolCallMs,
                    toolResultMs, firstAudioMs, gatewaySpeechToAudioMs, vadSegments, audioDeltas, answerAudioMs, maxAudioLateMs,
                    audioGap, errors, speechEndInFileMs, endReason, in);
        }

        boolean kept(int keptMs) {
            return answered && firstAudioMs != null && firstAudioMs <= keptMs && !audioGap && errors.isEmpty();
        }
    }

    record LatencyPass(String name, int silenceMs, List<String> voices, List<TurnResult> turns, double seconds,
            double gatewayCpuSeconds, long rssKb, long hwmKb) {}

    record Level(int sessions, int turns, int startedTurns, int answered, int kept, double keptPercent, Double p50, Double p95,
            Double max, Double vadP50, Double vadP95, Double transcriptP50, Double transcriptP95, Double toolCallP50,
            Double toolCallP95, double werPercent, int comparedTranscripts, int sameTranscripts, double gatewayCpuPercent, long rssKb, long hwmKb, double benchmarkCpuPercent,
            double machineCpuPercent, int sessionsClosedByGateway, int turnsWithAudioGap, int turnsWithErrors,
            double sendLateP99Ms, List<String> firstProblems, List<TurnResult> measuredTurns) {
        static Level of(int n, List<TurnResult> measured, int started, int keptMs, double gwCpu, long rss, long hwm,
                double selfCpu, double machineCpu, int closed, double sendLate, Map<String, String> aloneTranscripts) {
            Function<Function<TurnResult, Double>, List<Double>> vals = f -> measured.stream().filter(TurnResult::answered).map(f)
                    .filter(Objects::nonNull).toList();
            List<Double> lat = vals.apply(TurnResult::firstAudioMs);
            List<TurnResult> compared = measured.stream().filter(t -> aloneTranscripts.containsKey(t.voice() + "/" + t.id())).toList();
            int same = (int) compared.stream().filter(t -> aloneTranscripts.get(t.voice() + "/" + t.id()).equals(t.transcript())).count();
            int kept = (int) measured.stream().filter(t -> t.kept(keptMs)).count();
            int edits = measured.stream().mapToInt(TurnResult::werEdits).sum(), words = measured.stream().mapToInt(TurnResult::refWords).sum();
            List<String> problems = measured.stream().filter(t -> !t.kept(keptMs)).limit(5).map(t -> t.voice() + "/" + t.id() + ": "
                    + (!t.answered() ? t.endReason() : t.audioGap() ? "audio gap " + Math.round(t.maxAudioLateMs()) + " ms"
                    : !t.errors().isEmpty() ? "error " + t.errors() : "first audio " + ms(t.firstAudioMs()))).toList();
            return new Level(n, measured.size(), started, (int) measured.stream().filter(TurnResult::answered).count(), kept,
                    measured.isEmpty() ? 0 : 100.0 * kept / measured.size(), Stats.pct(lat, 50), Stats.pct(lat, 95), Stats.pct(lat, 100),
                    Stats.pct(vals.apply(TurnResult::vadMs), 50), Stats.pct(vals.apply(TurnResult::vadMs), 95),
                    Stats.pct(vals.apply(TurnResult::transcriptMs), 50), Stats.pct(vals.apply(TurnResult::transcriptMs), 95),
                    Stats.pct(vals.apply(TurnResult::toolCallMs), 50), Stats.pct(vals.apply(TurnResult::toolCallMs), 95),
                    words == 0 ? Double.NaN : 100.0 * edits / words, compared.size(), same, gwCpu, rss, hwm, selfCpu, machineCpu, closed,
                    (int) measured.stream().filter(TurnResult::audioGap).count(),
                    (int) measured.stream().filter(t -> !t.errors().isEmpty()).count(), sendLate, problems, measured);
        }
    }

    record ConcurrencyPass(int silenceMs, List<String> voices, List<Level> levels) {
        /** The largest N where at least 95 % of turns kept real time (0 when none did). */
        int sustained() {
            int best = 0;
            for (Level l : levels) {
                if (l.turns() > 0 && l.keptPercent() >= 95.0) best = l.sessions();
                else break;
            }
            return best;
        }
    }

    static final class Stats {
        /** Nearest-rank percentile; p=100 is the max. */
        static Double pct(List<Double> values, double p) {
            if (values.isEmpty()) return null;
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return v[Math.max(0, (int) Math.ceil(p / 100 * v.length) - 1)];
        }
    }

    // ================================================================ analysis

    static final class Analysis {

        /** When the turn's final answer (a message response.done after the last end of speech) arrived, else 0. */
        static long answeredAt(List<Ev> events) {
            int lastStop = -1;
            boolean inSpeech = false;
            for (int i = 0; i < events.size(); i++) {
                String t = events.get(i).type();
                if (t.equals("input_audio_buffer.speech_started")) inSpeech = true;
                if (t.equals("input_audio_buffer.speech_stopped")) {
                    inSpeech = false;
                    lastStop = i;
                }
            }
            if (lastStop < 0 || inSpeech) return 0;
            for (int i = lastStop + 1; i < events.size(); i++) {
                if (isAnswer(events.get(i))) return events.get(i).t();
            }
            return 0;
        }

        /** The final answer's first audio has come, and its transcript so far names the expected product (if any). */
        static boolean heardEnough(List<Ev> events, String expectProduct) {
            int lastStop = -1;
            boolean inSpeech = false;
            for (int i = 0; i < events.size(); i++) {
                String t = events.get(i).type();
                if (t.equals("input_audio_buffer.speech_started")) inSpeech = true;
                if (t.equals("input_audio_buffer.speech_stopped")) {
                    inSpeech = false;
                    lastStop = i;
                }
            }
            if (lastStop < 0 || inSpeech) return false;
            String responseId = null;
            StringBuilder said = new StringBuilder();
            for (int i = lastStop + 1; i < events.size(); i++) {
                Ev e = events.get(i);
                if (e.audioBytes() > 0 && responseId == null) responseId = e.responseId();
                if (e.type().equals("response.output_audio_transcript.delta")) said.append(Json.str(Json.at(e.json(), "delta")));
            }
            if (responseId == null) return false;
            return expectProduct == null || expectProduct.equals("-")
                    || said.toString().toLowerCase(Locale.ROOT).contains(expectProduct.toLowerCase(Locale.ROOT));
        }

        static boolean isAnswer(Ev e) {
            if (!e.type().equals("response.done")) return false;
            List<Object> output = Json.array(Json.at(e.json(), "response", "output"));
            return output.stream().anyMatch(item -> "message".equals(Json.at(item, "type")));
        }

        /** When a client that plays the answer from its first audio delta in real time would finish playing it. */
        static long playbackEnd(List<Ev> events) {
            long first = 0, audioNanos = 0;
            for (Ev e : events) {
                if (e.audioBytes() > 0) {
                    if (first == 0) first = e.t();
                    audioNanos += e.audioBytes() * 1_000_000_000L / (RATE * 2);
                }
            }
            return first + audioNanos;
        }

        static TurnResult analyze(String pass, int silenceMs, Observation obs, Clip clip, Utterance u, Memory memory) {
            List<Ev> ev = obs.events();
            long end = obs.speechEndNanos();
            Function<Long, Double> rel = t -> t == 0 ? null : (t - end) / 1e6;
            int lastStop = -1, segments = 0;
            for (int i = 0; i < ev.size(); i++) {
                if (ev.get(i).type().equals("input_audio_buffer.speech_stopped")) {
                    lastStop = i;
                    segments++;
                }
            }
            List<String> transcripts = new ArrayList<>(), errors = new ArrayList<>(), why = new ArrayList<>();
            long stopT = lastStop >= 0 ? ev.get(lastStop).t() : 0, transcriptT = 0, callT = 0, resultT = 0;
            List<Call> calls = new ArrayList<>();
            List<List<Long>> resultIds = new ArrayList<>();
            List<Long> lastSearchIds = null;
            Ev answer = null;
            Double gatewayLatency = null;
            for (int i = 0; i < ev.size(); i++) {
                Ev e = ev.get(i);
                boolean afterStop = i > lastStop;
                switch (e.type()) {
                    case "conversation.item.input_audio_transcription.completed" -> {
                        transcripts.add(Json.str(Json.at(e.json(), "transcript")));
                        if (afterStop && transcriptT == 0) transcriptT = e.t();
                    }
                    case "conversation.item.input_audio_transcription.failed" -> errors.add("transcription failed: "
                            + Json.str(Json.at(e.json(), "error", "code")));
                    case "error" -> errors.add(Json.str(Json.at(e.json(), "error", "code")) + ": "
                            + BenchmarkHost.abbreviate(Json.str(Json.at(e.json(), "error", "message")), 100));
                    case "response.function_call_arguments.done" -> {
                        if (afterStop && answer == null) {
                            calls.add(new Call(Json.str(Json.at(e.json(), "name")), Json.str(Json.at(e.json(), "arguments"))));
                            if (callT == 0) callT = e.t();
                        }
                    }
                    case "store.tool_result" -> {
                        if (afterStop && answer == null) {
                            if (resultT == 0) resultT = e.t();
                            List<Long> ids = Json.array(Json.at(e.json(), "products")).stream()
                                    .map(p -> Json.at(p, "id")).filter(Double.class::isInstance).map(d -> ((Double) d).longValue()).toList();
                            resultIds.add(ids);
                            if ("search_products".equals(Json.at(e.json(), "tool"))) lastSearchIds = ids;
                        }
                    }
                    case "store.turn_latency" -> {
                        if (afterStop && gatewayLatency == null && Json.at(e.json(), "speech_to_audio_ms") instanceof Double d) gatewayLatency = d;
                    }
                    default -> {
                        if (afterStop && answer == null && isAnswer(e)) answer = e;
                    }
                }
            }
            String answerId = answer == null ? null : Json.str(Json.at(answer.json(), "response", "id"));
            if (answerId == null && lastStop >= 0) {
                // the turn ended before response.done (Until.EARLY): the answer is the response of the first audio after the speech
                answerId = ev.subList(lastStop + 1, ev.size()).stream().filter(e -> e.audioBytes() > 0).map(Ev::responseId)
                        .findFirst().orElse(null);
            }
            String answerText = "", answerStatus = answer != null ? Json.str(Json.at(answer.json(), "response", "status"))
                    : answerId != null ? "in_progress" : "none";
            if (answer == null && answerId != null) {
                StringBuilder said = new StringBuilder();
                for (Ev e : ev) {
                    if (e.type().equals("response.output_audio_transcript.delta") && answerId.equals(Json.at(e.json(), "response_id"))) {
                        said.append(Json.str(Json.at(e.json(), "delta")));
                    }
                }
                answerText = said.toString().strip();
            }
            if (answer != null) {
                for (Object item : Json.array(Json.at(answer.json(), "response", "output"))) {
                    if (!"message".equals(Json.at(item, "type"))) continue;
                    for (Object part : Json.array(Json.at(item, "content"))) {
                        Object t = Json.at(part, "transcript");
                        if (t == null) t = Json.at(part, "text");
                        if (t != null) answerText += (answerText.isEmpty() ? "" : " ") + t;
                    }
                }
            }
            // the answer's audio: its first delta, and whether a player started at that delta would have run dry
            long firstAudio = 0, playhead = 0;
            int deltas = 0;
            double audioMs = 0, maxLate = 0;
            for (int i = lastStop + 1; i < ev.size() && lastStop >= 0; i++) {
                Ev e = ev.get(i);
                if (e.audioBytes() == 0 || (answerId != null && !answerId.equals(e.responseId()))) continue;
                if (firstAudio == 0) {
                    firstAudio = e.t();
                    playhead = e.t();
                }
                maxLate = Math.max(maxLate, (e.t() - playhead) / 1e6);
                playhead = Math.max(playhead, e.t()) + e.audioBytes() * 1_000_000_000L / (RATE * 2);
                audioMs += e.audioBytes() * 1000.0 / (RATE * 2);
                deltas++;
            }
            String transcript = String.join(" ", transcripts).strip();
            int[] wer = Wer.edits(u.text(), transcript);
            boolean answered = deltas > 0 && ("completed".equals(answerStatus)
                    || ("in_progress".equals(answerStatus) && obs.complete())); // ended early, by design

            // tool choice, per fixtures/voice/README.md
            boolean toolOk = ToolCheck.check(u, calls, memory.previousSearch, why);
            Boolean productOk = null;
            if (!u.expectProduct().equals("-")) {
                productOk = answerText.toLowerCase(Locale.ROOT).contains(u.expectProduct().toLowerCase(Locale.ROOT));
                if (!productOk) why.add("answer does not name '" + u.expectProduct() + "'");
            }
            if (!answered) why.add(0, answer == null ? obs.endReason() : "answer " + answerStatus + (deltas == 0 ? " without audio" : ""));
            if (lastSearchIds != null) memory.previousSearch = lastSearchIds;
            boolean ok = toolOk && (productOk == null || productOk);
            return new TurnResult(pass, silenceMs, clip.voice(), u.id(), u.text(), u.tool(), u.arguments(), u.expectProduct(),
                    transcript, wer[0], wer[1], calls, answerText, answerStatus, answered, toolOk, productOk, ok, why,
                    rel.apply(stopT), rel.apply(transcriptT), rel.apply(callT), rel.apply(resultT), rel.apply(firstAudio), gatewayLatency,
                    segments, deltas, audioMs, maxLate, maxLate > 20, errors, clip.speechEndMs(), obs.endReason(), true);
        }
    }

    static final class ToolCheck {
        static final Pattern ORDINAL = Pattern.compile("\\b(first|second|third|fourth|fifth) one\\b");
        static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");

        /** Adds the reasons for a miss to {@code why}; see fixtures/voice/README.md for the rules. */
        static boolean check(Utterance u, List<Call> calls, List<Long> previousSearch, List<String> why) {
            String tool = u.tool();
            if (tool.equals("none")) {
                List<String> others = calls.stream().map(Call::name).filter(n -> !n.equals("end_conversation")).toList();
                if (!others.isEmpty()) why.add("expected no tool call, got " + others);
                return others.isEmpty();
            }
            Call call = ID_TOOLS.contains(tool) ? calls.stream().filter(c -> !c.name().equals("search_products")).findFirst().orElse(null)
                    : calls.isEmpty() ? null : calls.get(0);
            if (call == null) {
                why.add("expected " + tool + ", got " + (calls.isEmpty() ? "no call" : calls.stream().map(Call::name).toList()));
                return false;
            }
            if (!call.name().equals(tool)) {
                why.add("expected " + tool + ", got " + call.name());
                return false;
            }
            Map<String, Object> args;
            try {
                args = Json.object(Json.parse(call.arguments()));
            } catch (RuntimeException e) {
                why.add("arguments are not a JSON object: " + call.arguments());
                return false;
            }
            boolean ok = true;
            for (Map.Entry<String, Object> want : u.expectedArgs().entrySet()) {
                Object got = args.get(want.getKey());
                boolean match = switch (want.getKey()) {
                    case "query" -> got instanceof String s && s.toLowerCase(Locale.ROOT).contains(((String) want.getValue()).toLowerCase(Locale.ROOT));
                    default -> Objects.equals(got, want.getValue());
                };
                if (!match) {
                    why.add(want.getKey() + ": expected " + Json.write(want.getValue()) + ", got " + (got == null ? "none" : Json.write(got)));
                    ok = false;
                }
            }
            Matcher ordinal = ORDINAL.matcher(u.text());
            if (ID_TOOLS.contains(tool) && ordinal.find()) {
                int index = ORDINALS.indexOf(ordinal.group(1));
                Object id = args.get("product_id");
                Long expected = index < previousSearch.size() ? previousSearch.get(index) : null;
                if (expected == null || !(id instanceof Double d) || d.longValue() != expected) {
                    why.add("product_id " + (id == null ? "none" : Json.write(id)) + " is not the " + ordinal.group(1)
                            + " result of the previous search " + previousSearch);
                    ok = false;
                }
            }
            return ok;
        }
    }

    static final class Wer {
        static List<String> words(String s) {
            String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").strip();
            return n.isEmpty() ? List.of() : List.of(n.split("\\s+"));
        }

        /** {edits, reference words}: Levenshtein distance over words, with the normalisation of the gateway's tests. */
        static int[] edits(String reference, String hypothesis) {
            List<String> ref = words(reference), hyp = words(hypothesis);
            int[][] d = new int[ref.size() + 1][hyp.size() + 1];
            for (int i = 0; i <= ref.size(); i++) d[i][0] = i;
            for (int j = 0; j <= hyp.size(); j++) d[0][j] = j;
            for (int i = 1; i <= ref.size(); i++) {
                for (int j = 1; j <= hyp.size(); j++) {
                    int sub = d[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                    d[i][j] = Math.min(sub, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                }
            }
            return new int[] { d[ref.size()][hyp.size()], ref.size() };
        }
    }

    // ================================================================ the WebSocket client

    /** One received event; audio deltas are not parsed, only their response id and size are kept. */
    record Ev(String type, long t, Map<String, Object> json, String responseId, int audioBytes) {
        static final String AUDIO_PREFIX = "{\"type\":\"response.output_audio.delta\"";

        static Ev of(String text, long t) {
            if (text.startsWith(AUDIO_PREFIX)) {
                String delta = field(text, "delta");
                int bytes = delta == null ? 0 : delta.length() / 4 * 3 - (delta.endsWith("==") ? 2 : delta.endsWith("=") ? 1 : 0);
                return new Ev("response.output_audio.delta", t, null, field(text, "response_id"), bytes);
            }
            try {
                Map<String, Object> json = Json.object(Json.parse(text));
                return new Ev(Json.str(json.get("type")), t, json, null, 0);
            } catch (RuntimeException e) {
                return new Ev("(not json)", t, Map.of("text", BenchmarkHost.abbreviate(text, 200)), null, 0);
            }
        }

        static String field(String text, String name) {
            String key = "\"" + name + "\":\"";
            int at = text.indexOf(key);
            if (at < 0) return null;
            int from = at + key.length(), to = text.indexOf('"', from);
            return to < 0 ? null : text.substring(from, to);
        }
    }

    /** A Realtime session through the gateway, with a microphone clock: one 20 ms frame every 20 ms. */
    static final class RtSession implements WebSocket.Listener, AutoCloseable {
        static final HttpClient WS_HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        static final String SILENCE = appendEvent(new byte[FRAME_SAMPLES * 2]);

        final String label;
        WebSocket ws;
        private final List<Ev> events = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        volatile boolean closed, closedByUs;
        volatile String closeInfo;
        private long nextDue = -1;
        private final List<Long> lateness = new ArrayList<>();

        RtSession(String label) {
            this.label = label;
        }

        static RtSession open(int port, String apiKey, String label) {
            RtSession s = new RtSession(label);
            try {
                s.ws = WS_HTTP.newWebSocketBuilder().header("X-Api-Key", apiKey).subprotocols(STORE_SUBPROTOCOL)
                        .connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/realtime"), s)
                        .get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new BenchmarkHost.Failure("cannot open a session (" + label + ") on the gateway: " + e);
            }
            return s;
        }

        static String appendEvent(byte[] pcm) {
            return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}";
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                Ev e = Ev.of(partial.toString(), now);
                partial.setLength(0);
                synchronized (events) {
                    events.add(e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeInfo = statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason);
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeInfo = "error " + error;
            closed = true;
        }

        int size() {
            synchronized (events) {
                return events.size();
            }
        }

        List<Ev> since(int index) {
            synchronized (events) {
                return new ArrayList<>(events.subList(Math.min(index, events.size()), events.size()));
            }
        }

        Ev await(Predicate<Ev> match, long timeoutMs) {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000;
            int seen = 0;
            while (System.nanoTime() < deadline) {
                List<Ev> fresh = since(seen);
                seen += fresh.size();
                for (Ev e : fresh) if (match.test(e)) return e;
                if (closed) return null;
                sleep(10);
            }
            return null;
        }

        String summary() {
            return since(0).stream().map(Ev::type).collect(Collectors.joining(", ")) + (closed ? " (closed: " + closeInfo + ")" : "");
        }

        void startClock(long at) {
            nextDue = at;
        }

        boolean clockStarted() {
            return nextDue >= 0;
        }

        /** Sends one 20 ms frame when the microphone clock says it is due; returns when it was sent. */
        long frame(byte[] pcm) {
            return send(appendEvent(pcm));
        }

        long silenceFrame() {
            return send(SILENCE);
        }

        private long send(String event) {
            sleepUntil(nextDue);
            long now = System.nanoTime();
            lateness.add(now - nextDue);
            nextDue += 20_000_000L;
            if (closed) return now;
            try {
                ws.sendText(event, true).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                closeInfo = "send failed: " + e;
                closed = true;
            }
            return now;
        }

        double lateP99Ms() {
            if (lateness.isEmpty()) return 0;
            long[] l = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
            return l[Math.max(0, (int) Math.ceil(0.99 * l.length) - 1)] / 1e6;
        }

        @Override
        public void close() {
            if (!closed) {
                closedByUs = true;
                try {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // closing anyway
                }
                closed = true;
            }
            ws.abort();
        }
    }

    // ================================================================ the services

    /** A packaged service this program started; only this process is ever signalled. */
    record Service(String name, Process process, Path log, int port, long startedNanos) {

        static Service startProducts(Options o, Path runDir) {
            Path data = runDir.resolve("products-data");
            return start("products-service", o.productsApp(), SERVICE_JVM_FLAGS, runDir.resolve("products.log"),
                    Map.of("PRODUCTS_DATA_DIR", data.toString(), "PRODUCTS_API_KEY", "lvbench-" + UUID.randomUUID()));
        }

        static Service startGateway(Options o, Path runDir, String name, String productsUrl, String apiKey, Integer silenceMs) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GATEWAY_API_KEY", apiKey);
            env.put("GATEWAY_DATA_DIR", runDir.resolve(name + "-data").toString());
            env.put("PRODUCTS_URL", productsUrl);
            env.put("QUARKUS_REST_CLIENT_PRODUCTS_URL", productsUrl);
            env.put("REALTIME_UPSTREAM", "local");
            env.put("GATEWAY_MAX_SESSIONS_PER_CLIENT", "200");
            env.put("OTEL_SDK_DISABLED", "true");
            if (silenceMs != null) env.put("SESSION_VAD_SILENCE_DURATION_MS", String.valueOf(silenceMs));
            env.putAll(o.gatewayEnv());
            List<String> flags = Arrays.stream(o.gatewayJvm().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            return start(name, o.gatewayApp(), flags, runDir.resolve(name + ".log"), env);
        }

        static Service start(String name, Path app, List<String> flags, Path log, Map<String, String> env) {
            int port = BenchmarkHost.freePort();
            List<String> cmd = new ArrayList<>(List.of(BenchmarkHost.javaBinary()));
            cmd.addAll(flags);
            cmd.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(log.getParent().toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                pb.environment().putAll(env);
                pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
                Service s = new Service(name, pb.start(), log, port, System.nanoTime());
                RUNNING.add(s);
                System.out.printf("started %s, pid %d, port %d, log %s%n", name, s.process().pid(), port, log);
                return s;
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("could not start " + String.join(" ", cmd) + ": " + e.getMessage());
            }
        }

        URI uri(String path) { return URI.create("http://127.0.0.1:" + port + path); }

        void awaitProductsReady(int timeoutS) {
            HttpRequest health = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
            BenchmarkHost.pollUntilReady(process, startedNanos, timeoutS, 200, () -> {
                HttpResponse<String> r = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"UP\"") ? r.body() : null;
            }, this::fail, "ready");
            System.out.printf("%s ready in %.1f s%n", name, (System.nanoTime() - startedNanos) / 1e9);
        }

        /** Ready, with the catalog read (the assistant and the recogniser know its names); returns the readiness body. */
        String awaitGatewayReady(int timeoutS) {
            HttpRequest health = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
            String body = BenchmarkHost.pollUntilReady(process, startedNanos, timeoutS, 200, () -> {
                HttpResponse<String> r = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"UP\"") && !r.body().contains("has not been read") ? r.body() : null;
            }, this::fail, "ready with the catalog read");
            String compact = body.replaceAll("\\s+", " ");
            System.out.printf("%s ready in %.1f s: %s%n", name, (System.nanoTime() - startedNanos) / 1e9, compact);
            if (compact.contains("degraded")) {
                System.out.println("WARNING: the gateway reports a degraded engine; see the report");
            }
            return compact;
        }

        long cpuTicks() { return cpuTicks(process.pid()); }

        static long cpuTicks(long pid) {
            String stat = BenchmarkHost.read("/proc/" + pid + "/stat");
            int close = stat.lastIndexOf(')');
            if (close < 0) return 0;
            String[] f = stat.substring(close + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        }

        long rssKb() { return statusKb("VmRSS"); }

        long hwmKb() { return statusKb("VmHWM"); }

        long statusKb(String field) {
            String v = BenchmarkHost.firstMatch(BenchmarkHost.read("/proc/" + process.pid() + "/status"), field + ":\\s*(\\d+)");
            return v == null ? 0 : Long.parseLong(v);
        }

        /** SIGTERM (Process.destroy) and wait; SIGKILL only if it still runs after 30 s. */
        void stop() {
            if (!RUNNING.remove(this)) return;
            try {
                if (process.isAlive()) {
                    process.destroy();
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        System.err.printf("WARNING: %s (pid %d) ignored SIGTERM for 30 s; killing it%n", name, process.pid());
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
                System.out.printf("stopped %s (pid %d)%n", name, process.pid());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        void fail(String what) {
            System.out.flush();
            System.err.printf("%n%s (pid %d) %s. Last 40 lines of %s:%n", name, process.pid(), what, log);
            List<String> lines = BenchmarkHost.read(log.toString()).lines().toList();
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> System.err.println("  | " + l));
            stop();
            throw new BenchmarkHost.Failure(name + " " + what + " (log: " + log + ")");
        }
    }

    // ================================================================ the report

    /** Figures of a group of turns (one voice, or several). Latencies in ms after the end of speech, answered turns only. */
    record Summary(String group, int turns, int answered, int werEdits, int refWords, double werPercent,
            double werCatalogPercent, int toolOk, int productOk, int productExpected, int ok, double okPercent,
            int exactTranscripts, int okWhenExact, int vadSplits, Double p50, Double p95, Double max, Double vadP50,
            Double vadP95, Double transcriptP50, Double transcriptP95, Double toolCallP50, Double toolCallP95,
            Double toolResultP50, Double toolResultP95, Double gatewayStoppedToAudioP50, int audioGaps) {

        static Summary of(String group, List<TurnResult> t) {
            Function<Function<TurnResult, Double>, List<Double>> vals = f -> t.stream().filter(TurnResult::answered).map(f)
                    .filter(Objects::nonNull).toList();
            int edits = t.stream().mapToInt(TurnResult::werEdits).sum(), words = t.stream().mapToInt(TurnResult::refWords).sum();
            List<TurnResult> catalog = t.stream().filter(x -> !x.expectTool().equals("none")).toList();
            int cEdits = catalog.stream().mapToInt(TurnResult::werEdits).sum(), cWords = catalog.stream().mapToInt(TurnResult::refWords).sum();
            List<Double> v2v = vals.apply(TurnResult::firstAudioMs);
            List<TurnResult> exact = t.stream().filter(x -> x.werEdits() == 0).toList();
            int ok = (int) t.stream().filter(TurnResult::ok).count();
            return new Summary(group, t.size(), (int) t.stream().filter(TurnResult::answered).count(), edits, words,
                    words == 0 ? Double.NaN : 100.0 * edits / words, cWords == 0 ? Double.NaN : 100.0 * cEdits / cWords,
                    (int) t.stream().filter(TurnResult::toolOk).count(),
                    (int) t.stream().filter(x -> Boolean.TRUE.equals(x.productOk())).count(),
                    (int) t.stream().filter(x -> x.productOk() != null).count(), ok, t.isEmpty() ? Double.NaN : 100.0 * ok / t.size(),
                    exact.size(), (int) exact.stream().filter(TurnResult::ok).count(),
                    (int) t.stream().filter(x -> x.vadSegments() > 1).count(),
                    Stats.pct(v2v, 50), Stats.pct(v2v, 95), Stats.pct(v2v, 100),
                    Stats.pct(vals.apply(TurnResult::vadMs), 50), Stats.pct(vals.apply(TurnResult::vadMs), 95),
                    Stats.pct(vals.apply(TurnResult::transcriptMs), 50), Stats.pct(vals.apply(TurnResult::transcriptMs), 95),
                    Stats.pct(vals.apply(TurnResult::toolCallMs), 50), Stats.pct(vals.apply(TurnResult::toolCallMs), 95),
                    Stats.pct(vals.apply(TurnResult::toolResultMs), 50), Stats.pct(vals.apply(TurnResult::toolResultMs), 95),
                    Stats.pct(vals.apply(TurnResult::gatewaySpeechToAudioMs), 50),
                    (int) t.stream().filter(TurnResult::audioGap).count());
        }
    }

    record Target(String target, String goal, String measured, Boolean met, String note) {}

    record Inputs(List<String> voices, List<String> queries, List<String> conversations, int shortSilenceMs,
            List<String> shortVoices, List<Integer> sessions, boolean extendSessions, int maxSessions, int durationSeconds,
            int rampSeconds, int keptMs, int turnTimeoutSeconds, int warmupTurns, double speechEnergyDbfs, boolean quick,
            List<String> passes, String gatewayCommand, Map<String, String> gatewayEnv, String productsCommand,
            Map<String, Object> gatewayReadiness, String fixtures, String audio) {}

    static final class Report {

        static void write(Bench b, LatencyPass accuracy, LatencyPass shortPass, ConcurrencyPass concurrency, Path runDir) {
            Options o = b.o;
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GATEWAY_API_KEY", "(random, " + b.apiKey.length() + " chars)");
            env.put("GATEWAY_DATA_DIR", "benchmarks/local-voice/work/run-*/gateway-*-data");
            env.put("PRODUCTS_URL", "http://127.0.0.1:(products port)");
            env.put("REALTIME_UPSTREAM", "local");
            env.put("GATEWAY_MAX_SESSIONS_PER_CLIENT", "200");
            env.put("OTEL_SDK_DISABLED", "true");
            env.put("SESSION_VAD_SILENCE_DURATION_MS", "unset (" + GATEWAY_DEFAULT_SILENCE_MS + ") / " + o.shortSilenceMs()
                    + " for the second latency pass");
            env.putAll(o.gatewayEnv());
            Inputs inputs = new Inputs(o.voices(), b.queries.stream().map(Utterance::id).toList(),
                    b.conversationTurns.stream().map(Utterance::conversation).distinct().toList(), o.shortSilenceMs(),
                    o.shortVoices(), o.sessions(), o.extendSessions(), o.maxSessions(), o.durationS(), o.rampS(), o.keptMs(),
                    o.turnTimeoutS(), o.warmupTurns(), o.energyDbfs(), o.quick(), List.copyOf(o.passes()),
                    "java " + o.gatewayJvm() + " -jar " + b.o.repo().relativize(o.gatewayApp()) + "/quarkus-run.jar", env,
                    "java " + String.join(" ", SERVICE_JVM_FLAGS) + " -jar " + b.o.repo().relativize(o.productsApp())
                            + "/quarkus-run.jar (seed catalog)", b.gatewayInfo,
                    "fixtures/voice/make.sh benchmarks/local-voice/work/fixtures",
                    "PCM16 24 kHz mono, 20 ms input_audio_buffer.append events in real time; silence between questions");

            List<Target> targets = targets(b, accuracy, shortPass);
            Map<String, Object> figures = new LinkedHashMap<>();
            if (accuracy != null) figures.put("accuracy", passJson(accuracy));
            if (shortPass != null) figures.put("shortSilence", passJson(shortPass));
            if (concurrency != null) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("silenceMs", concurrency.silenceMs());
                c.put("voices", concurrency.voices());
                c.put("sustainedSessions", concurrency.sustained());
                c.put("levels", concurrency.levels());
                figures.put("concurrency", c);
            }
            figures.put("problems", b.problems);
            figures.put("runSeconds", (System.nanoTime() - b.runStarted) / 1e9);
            figures.put("logs", b.o.repo().relativize(runDir).toString());

            StringBuilder md = new StringBuilder();
            md.append("# Local voice engine benchmark\n\nGenerated ").append(java.time.Instant.now())
                    .append(" by `benchmarks/local-voice/run.sh").append(o.quick() ? " --quick" : "")
                    .append("`. How to read it: `benchmarks/local-voice/README.md`.\n\n");
            md.append("Spoken fixture questions (`fixtures/voice`) streamed in real time through the gateway to its offline engine ")
                    .append("(Silero VAD, PocketSphinx, rule-based assistant, Flite) with products-service and its seed catalog. ")
                    .append("**Voice-to-voice latency** = arrival of the answer's first `response.output_audio.delta` minus the moment ")
                    .append("the last 20 ms frame holding actual speech was sent (true end of speech: the last 10 ms frame above ")
                    .append(fmt(o.energyDbfs(), 0)).append(" dBFS in the file).\n\n");
            md.append("## Machine\n\n| | |\n|---|---|\n");
            ReportJson.appendRows(md, b.machine, false);
            md.append("\n## Inputs\n\n| | |\n|---|---|\n");
            ReportJson.appendRows(md, inputs, true);
            md.append("\n## Targets\n\n");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("target", "goal", "measured", "met"));
            for (Target t : targets) rows.add(List.of(t.target(), t.goal(), t.measured(), t.met() == null ? "not measured" : t.met() ? "**met**" : "**not met**"));
            md.append(ReportJson.markdownTable(rows));
            targets.stream().filter(t -> t.note() != null).forEach(t -> md.append("\n- ").append(t.target()).append(": ").append(t.note()));
            md.append("\n");
            if (accuracy != null) passMarkdown(md, accuracy, "Accuracy and latency, VAD silence " + accuracy.silenceMs() + " ms (gateway default)", true);
            if (shortPass != null) passMarkdown(md, shortPass, "Latency with a " + shortPass.silenceMs() + " ms VAD silence window", true);
            if (concurrency != null) concurrencyMarkdown(md, concurrency, o);
            if (accuracy != null) missesMarkdown(md, accuracy);
            if (shortPass != null) missesMarkdown(md, shortPass);
            md.append("\n## Problems seen\n\n");
            if (b.problems.isEmpty()) md.append("None: no warning or error in the gateway's log after it was ready.\n");
            b.problems.forEach(pr -> md.append("- ").append(pr.replace("|", "\\|")).append("\n"));
            md.append("\n## Run\n\n").append(String.format(Locale.ROOT, "%.0f s in all; service logs in `%s/`.%n",
                    (System.nanoTime() - b.runStarted) / 1e9, b.o.repo().relativize(runDir)));
            try {
                ReportJson.writeLatest(b.here.resolve("results"), md.toString(), b.machine, inputs, figures, targets);
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("cannot write the report: " + e.getMessage());
            }
            System.out.println();
            System.out.print(ReportJson.markdownTable(rows));
            System.out.printf("%nReport: %s/results/latest.md (and latest.json)%n", b.here);
        }

        static Map<String, Object> passJson(LatencyPass p) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("silenceMs", p.silenceMs());
            m.put("seconds", p.seconds());
            m.put("gatewayCpuSeconds", p.gatewayCpuSeconds());
            m.put("gatewayCpuSecondsPerTurn", p.gatewayCpuSeconds() / Math.max(1, p.turns().size()));
            m.put("gatewayRssKb", p.rssKb());
            m.put("gatewayPeakRssKb", p.hwmKb());
            m.put("summary", summaries(p));
            m.put("turns", p.turns());
            return m;
        }

        /** One row per voice, then the flite+festival voices together, then every voice. */
        static List<Summary> summaries(LatencyPass p) {
            List<Summary> out = new ArrayList<>();
            for (String v : p.voices()) out.add(Summary.of(v, p.turns().stream().filter(t -> t.voice().equals(v)).toList()));
            List<TurnResult> target = p.turns().stream().filter(t -> TARGET_VOICES.contains(t.voice())).toList();
            if (!target.isEmpty() && target.size() != p.turns().size()) out.add(Summary.of("flite + festival", target));
            if (p.voices().size() > 1) out.add(Summary.of("all voices", p.turns()));
            return out;
        }

        /** The flite and festival voices together (the voices the targets are set for), or every voice of the pass. */
        static Summary targetVoices(LatencyPass p) {
            List<Summary> all = summaries(p);
            return all.stream().filter(s -> s.group().equals("flite + festival")).findFirst().orElse(all.getLast());
        }

        static List<Target> targets(Bench b, LatencyPass accuracy, LatencyPass shortPass) {
            List<Target> t = new ArrayList<>();
            for (LatencyPass p : Stream.of(accuracy, shortPass).filter(Objects::nonNull).toList()) {
                Summary all = targetVoices(p);
                Summary every = summaries(p).getLast();
                t.add(new Target("first audio after the end of speech, VAD silence " + p.silenceMs() + " ms", "p50 ≤ 400 ms",
                        "p50 " + ms(all.p50()) + ", p95 " + ms(all.p95()) + " (" + all.answered() + " answered turns, " + all.group() + ")"
                                + (every.group().equals(all.group()) ? "" : "; all voices p50 " + ms(every.p50()) + ", p95 " + ms(every.p95())),
                        all.p50() == null ? null : all.p50() <= 400, p.silenceMs() >= 400
                                ? "the VAD alone waits " + p.silenceMs() + " ms of silence after the speech, so this window cannot meet 400 ms" : null));
            }
            if (accuracy != null) {
                List<Summary> voices = summaries(accuracy).stream().filter(s -> TARGET_VOICES.contains(s.group())).toList();
                if (!voices.isEmpty()) {
                    boolean met = voices.stream().allMatch(s -> s.werPercent() <= 5.0);
                    List<TurnResult> target = accuracy.turns().stream().filter(x -> TARGET_VOICES.contains(x.voice())).toList();
                    Summary together = Summary.of("flite + festival", target);
                    t.add(new Target("in-domain WER, flite and festival voices", "≤ 5 % on each voice",
                            voices.stream().map(s -> s.group() + " " + fmt(s.werPercent(), 1) + " %").collect(Collectors.joining(", "))
                                    + "; together " + fmt(together.werPercent(), 1) + " %",
                            met, "in-domain = every fixture utterance (all are written for the seed catalog), corpus WER "
                                    + "(word edits / reference words)"
                                    + (TARGET_VOICES.stream().allMatch(accuracy.voices()::contains) ? "" : "; not every flite/festival voice ran")));
                }
                Summary ff = targetVoices(accuracy);
                Summary all = summaries(accuracy).getLast();
                t.add(new Target("right tool and product, flite and festival voices", "≥ 90 % of fixture utterances",
                        fmt(ff.okPercent(), 1) + " % (" + ff.ok() + "/" + ff.turns() + ", " + ff.group() + ")"
                                + (ff.group().equals(all.group()) ? "" : "; all voices " + fmt(all.okPercent(), 1) + " % (" + all.ok() + "/" + all.turns() + ")"),
                        ff.okPercent() >= 90.0, "the voices of the WER target: a voice the recogniser cannot transcribe "
                                + "(espeak-ng's formant voice, reported in the tables) cannot be answered right either; "
                                + "a turn is right when its tool call matches the fixture's tool and arguments and, where the "
                                + "fixture names a product, the spoken answer's transcript contains that name"));
            }
            return t;
        }

        static void passMarkdown(StringBuilder md, LatencyPass p, String title, boolean accuracy) {
            md.append("\n## ").append(title).append("\n\n");
            boolean conversations = p.turns().stream().anyMatch(t -> t.id().startsWith("c"));
            md.append(String.format(Locale.ROOT, "%d turns (one session per query" + (conversations ? ", one per conversation" : "")
                    + ", one session at a time) in %.0f s; "
                    + "gateway CPU %.1f s in all, %.2f s per turn; gateway RSS %d MiB (peak %d MiB).%n%n", p.turns().size(), p.seconds(),
                    p.gatewayCpuSeconds(), p.gatewayCpuSeconds() / Math.max(1, p.turns().size()), p.rssKb() / 1024, p.hwmKb() / 1024));
            List<Summary> sums = summaries(p);
            List<List<String>> rows = new ArrayList<>();
            if (accuracy) {
                rows.add(List.of("voice", "turns", "answered", "WER all", "WER catalog questions", "right tool", "product named",
                        "right tool and product", "right when heard exactly", "split by VAD"));
                for (Summary s : sums) {
                    rows.add(List.of(s.group(), "" + s.turns(), "" + s.answered(), fmt(s.werPercent(), 1) + " %",
                            fmt(s.werCatalogPercent(), 1) + " %", s.toolOk() + "/" + s.turns(), s.productOk() + "/" + s.productExpected(),
                            s.ok() + "/" + s.turns() + " (" + fmt(s.okPercent(), 0) + " %)",
                            s.okWhenExact() + "/" + s.exactTranscripts(), "" + s.vadSplits()));
                }
                md.append(ReportJson.markdownTable(rows)).append("\n");
                rows = new ArrayList<>();
            }
            md.append("Voice-to-voice latency and its breakdown, ms after the end of speech (p50 / p95; answered turns):\n\n");
            rows.add(List.of("voice", "answered", "first audio p50", "p95", "max", "→ speech_stopped", "→ transcript",
                    "→ first tool call", "→ tool result", "gateway: speech_stopped → audio p50"));
            for (Summary s : sums) {
                rows.add(List.of(s.group(), s.answered() + "/" + s.turns(), num(s.p50()), num(s.p95()), num(s.max()),
                        num(s.vadP50()) + " / " + num(s.vadP95()), num(s.transcriptP50()) + " / " + num(s.transcriptP95()),
                        num(s.toolCallP50()) + " / " + num(s.toolCallP95()), num(s.toolResultP50()) + " / " + num(s.toolResultP95()),
                        num(s.gatewayStoppedToAudioP50())));
            }
            md.append(ReportJson.markdownTable(rows));
            md.append("\nEach column is measured from the same origin (the end of speech), so the stages are cumulative: "
                    + "speech_stopped = VAD (silence window + detection), transcript = + final decoding, tool call = + assistant, "
                    + "tool result = + products-service, first audio = + answer text and Flite synthesis of its first sentence. "
                    + "Turns without a tool call (small talk) have no tool columns.\n");
        }

        static void concurrencyMarkdown(StringBuilder md, ConcurrencyPass c, Options o) {
            md.append("\n## Concurrent sessions, VAD silence ").append(c.silenceMs()).append(" ms\n\n");
            md.append(String.format(Locale.ROOT, "Each session streams catalog questions (voices %s, queries with a tool) in real "
                    + "time, back to back: the next question starts as soon as the previous answer's `response.done` has arrived "
                    + "(silence is streamed in between). Sessions start spread over a %d s ramp; turns whose speech ends in the "
                    + "next %d s are measured. A turn **keeps real time** when it is answered (completed, with audio), its first "
                    + "audio comes ≤ %d ms after the end of speech, its audio never runs dry for a client playing it from the "
                    + "first delta (no gap > 20 ms), and no error event came.%n%n", c.voices(), o.rampS(), o.durationS(), o.keptMs()));
            md.append("**Sustained: ").append(c.sustained()).append(" concurrent session(s)** keep real time in ≥ 95 % of turns ")
                    .append("(the largest N before the first level that does not).\n\n");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("sessions", "turns measured", "answered", "kept real time", "first audio p50", "p95", "max",
                    "→ speech_stopped p50 / p95", "→ transcript", "→ first tool call", "WER", "transcript as when alone",
                    "gateway CPU % of a core", "gateway RSS / peak MiB", "machine CPU % (/proc/stat, of 100 × cores)",
                    "benchmark CPU %", "audio gaps", "errors", "send lateness p99"));
            for (Level l : c.levels()) {
                rows.add(List.of("" + l.sessions(), "" + l.turns(), "" + l.answered(), l.kept() + " (" + fmt(l.keptPercent(), 0) + " %)",
                        num(l.p50()), num(l.p95()), num(l.max()), num(l.vadP50()) + " / " + num(l.vadP95()),
                        num(l.transcriptP50()) + " / " + num(l.transcriptP95()), num(l.toolCallP50()) + " / " + num(l.toolCallP95()),
                        fmt(l.werPercent(), 1) + " %", l.comparedTranscripts() == 0 ? "-" : l.sameTranscripts() + "/" + l.comparedTranscripts(),
                        fmt(l.gatewayCpuPercent(), 0),
                        l.rssKb() / 1024 + " / " + l.hwmKb() / 1024, fmt(l.machineCpuPercent(), 0), fmt(l.benchmarkCpuPercent(), 0),
                        "" + l.turnsWithAudioGap(), "" + l.turnsWithErrors(), fmt(l.sendLateP99Ms(), 1) + " ms"));
            }
            md.append(ReportJson.markdownTable(rows));
            for (Level l : c.levels()) {
                if (!l.firstProblems().isEmpty()) md.append("\n- N=").append(l.sessions()).append(", turns that did not keep real time (first 5): ")
                        .append(String.join("; ", l.firstProblems()));
            }
            md.append("\n");
        }

        static void missesMarkdown(StringBuilder md, LatencyPass p) {
            List<TurnResult> misses = p.turns().stream().filter(t -> !t.ok() || !t.answered() || t.werEdits() > 0).toList();
            md.append("\n## Turns with a miss, VAD silence ").append(p.silenceMs()).append(" ms (").append(misses.size()).append(" of ")
                    .append(p.turns().size()).append(")\n\nTranscript errors, wrong or missing tool calls, answers without the expected "
                    + "product, unanswered turns. Every turn is in latest.json.\n\n");
            if (misses.isEmpty()) return;
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("voice", "id", "said", "heard", "calls", "problem"));
            for (TurnResult t : misses) {
                rows.add(List.of(t.voice(), t.id(), t.text(), t.werEdits() == 0 ? "(exact)" : "`" + t.transcript() + "`",
                        BenchmarkHost.abbreviate(t.calls().stream().map(c -> c.name() + " " + c.arguments()).collect(Collectors.joining("; ")), 140)
                                .replace("|", "\\|"),
                        t.why().isEmpty() ? "" : String.join("; ", t.why()).replace("|", "\\|")));
            }
            md.append(ReportJson.markdownTable(rows));
        }

        static String num(Double v) { return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.0f", v); }

        static String fmt(double v, int decimals) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v); }
    }

    // ================================================================ a small JSON reader/writer

    static final class Json {
        static Object parse(String s) {
            Json p = new Json(s);
            p.ws();
            Object v = p.value();
            p.ws();
            if (p.i != s.length()) throw p.error("trailing characters");
            return v;
        }

        final String s;
        int i;

        Json(String s) {
            this.s = s;
        }

        RuntimeException error(String what) {
            return new IllegalArgumentException(what + " at " + i + " in " + BenchmarkHost.abbreviate(s, 200));
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        /** From an opening bracket: the comma-separated items up to {@code close}, each read by {@code item}. */
        void items(char close, Runnable item) {
            i++;
            ws();
            if (s.charAt(i) == close) {
                i++;
                return;
            }
            while (true) {
                ws();
                item.run();
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                expect(close);
                return;
            }
        }

        Object value() {
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    items('}', () -> {
                        String k = string();
                        ws();
                        expect(':');
                        ws();
                        m.put(k, value());
                    });
                    return m;
                }
                case '[' -> {
                    List<Object> l = new ArrayList<>();
                    items(']', () -> l.add(value()));
                    return l;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int from = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    if (from == i) throw error("unexpected character '" + c + "'");
                    return Double.parseDouble(s.substring(from, i));
                }
            }
        }

        void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) throw error("expected '" + c + "'");
            i++;
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object o) {
            return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        static List<Object> array(Object o) {
            return o instanceof List<?> l ? (List<Object>) l : List.of();
        }

        static Object at(Object root, Object... path) {
            Object cur = root;
            for (Object p : path) {
                if (p instanceof String k && cur instanceof Map<?, ?> m) cur = m.get(k);
                else if (p instanceof Integer n && cur instanceof List<?> l && n < l.size()) cur = l.get(n);
                else return null;
            }
            return cur;
        }

        static String str(Object o) {
            return o == null ? "" : o.toString();
        }

        static String write(Object o) {
            if (o instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return Long.toString(d.longValue());
            if (o instanceof String s) return ReportJson.quote(s);
            if (o instanceof Map<?, ?> m) {
                return m.entrySet().stream().map(e -> ReportJson.quote(e.getKey().toString()) + ":" + write(e.getValue()))
                        .collect(Collectors.joining(",", "{", "}"));
            }
            if (o instanceof List<?> l) return l.stream().map(Json::write).collect(Collectors.joining(",", "[", "]"));
            return String.valueOf(o);
        }
    }
}

import java.io.*;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.*;
import java.net.http.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.regex.*;
import java.util.stream.*;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Benchmark of products-service: start-up, streamed import, search latency and throughput, memory and restart,
 * for one or more catalog sizes. JDK only, run in source-launch mode by run.sh; see README.md next to this file.
 */
public class ProductsBenchmark {

    /** The flags the README and start-local.sh recommend: a 512 MiB heap keeps the process under 1 GiB resident. */
    static final List<String> SERVICE_JVM_FLAGS = List.of("-Xmx512m", "--add-modules", "jdk.incubator.vector");
    static final List<String> MODES = List.of("keyword", "semantic", "hybrid");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** The service now running, so that a failure or Ctrl-C never leaves it behind. */
    static volatile Service current;

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { if (current != null) current.stop(); }));
        try {
            Options options = Options.parse(args);
            BenchmarkHost.Machine machine = BenchmarkHost.Machine.describe(options.repo());
            machine.print();
            Path runDir = options.repo().resolve("benchmarks/products/work/run-" + System.currentTimeMillis());
            List<SizeResult> results = new ArrayList<>();
            for (int size : options.sizes()) results.add(benchmarkSize(options, size, runDir.resolve("n" + size)));
            Report.write(options, machine, results);
        } catch (BenchmarkHost.Failure e) {
            System.out.flush();
            System.err.println("\nBENCHMARK FAILED: " + e.getMessage());
            System.exit(1);
        }
    }


    // ---------------------------------------------------------------- options

    record Options(Path repo, Path app, List<Integer> sizes, boolean quick, int warmup, int requests, int concurrency,
            int durationS, int loadWarmupS, int readyTimeoutS, int seed, boolean keepData) {

        static final String USAGE = """
                usage: run.sh [--app DIR] [--sizes 10000,100000] [--quick] [--requests 1000] [--warmup 200]
                              [--concurrency 16] [--duration 20] [--load-warmup 3] [--ready-timeout 900]
                              [--seed 42] [--keep-data]
                  --quick   smoke run: default sizes 2000, 50+200 latency requests, 1+5 s load per mode""";
        static final Set<String> FLAGS = Set.of("--quick", "--keep-data");
        static final Set<String> VALUED = Set.of("--repo", "--app", "--sizes", "--warmup", "--requests", "--concurrency",
                "--duration", "--load-warmup", "--ready-timeout", "--seed");

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help") || args[i].equals("-h")) { System.out.println(USAGE); System.exit(0); }
                if (FLAGS.contains(args[i])) given.put(args[i], "true");
                else if (VALUED.contains(args[i]) && i + 1 < args.length) given.put(args[i], args[++i]);
                else throw new BenchmarkHost.Failure("bad argument '" + args[i] + "'\n" + USAGE);
            }
            boolean quick = given.containsKey("--quick");
            Path repo = Path.of(given.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
            Path app = Path.of(given.getOrDefault("--app", repo.resolve("products-service/target/quarkus-app").toString()))
                    .toAbsolutePath().normalize();
            if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
                throw new BenchmarkHost.Failure("no quarkus-run.jar in " + app + " (build products-service, or pass --app DIR)");
            }
            List<Integer> sizes = Arrays.stream(given.getOrDefault("--sizes", quick ? "2000" : "10000,100000").split(","))
                    .map(s -> BenchmarkHost.positive("--sizes", s.strip())).toList();
            ToIntBiFunction<String, Integer> n = (key, fallback) -> given.containsKey(key) ? BenchmarkHost.positive(key, given.get(key)) : fallback;
            return new Options(repo, app, sizes, quick, n.applyAsInt("--warmup", quick ? 50 : 200),
                    n.applyAsInt("--requests", quick ? 200 : 1000), n.applyAsInt("--concurrency", 16),
                    n.applyAsInt("--duration", quick ? 5 : 20), n.applyAsInt("--load-warmup", quick ? 1 : 3),
                    n.applyAsInt("--ready-timeout", 900), n.applyAsInt("--seed", 42), given.containsKey("--keep-data"));
        }
    }

    // ---------------------------------------------------------------- machine


    // ---------------------------------------------------------------- one catalog size

    record ImportResult(int products, double wallSeconds, double productsPerSecond, long serverMillis) {}
    /** One load run: latencies are client-side round trips of the answered (200) requests, in ms. */
    record Load(String mode, int concurrency, long requests, long errors, double seconds, double requestsPerSecond,
            double p50, double p90, double p99, double max, String firstError) {}
    record Memory(long rssKb, long hwmKb) {}
    record SizeResult(int size, double startupSeconds, ImportResult importResult, List<Load> latency, List<Load> throughput,
            Memory afterLoad, double stopSeconds, double restartSeconds, long indexRebuildMillis, Memory afterRestart) {}

    static SizeResult benchmarkSize(Options o, int size, Path dir) {
        System.out.printf("=== %,d products (work dir %s)%n", size, dir);
        Path data = dir.resolve("data");
        deleteTree(data);
        String apiKey = "bench-" + UUID.randomUUID().toString().replace("-", "");
        Service service = Service.start(o, data, dir.resolve("service.log"), apiKey);
        double startup = service.awaitReady(o.readyTimeoutS(), 0);
        System.out.printf("start-up to ready (empty catalog): %.2f s%n", startup);

        ImportResult imported = importCatalog(service, size, o.seed());
        checkListing(service, size);
        List<Load> latency = MODES.stream().map(mode -> latency(service, mode, o)).toList();
        List<Load> throughput = MODES.stream().map(mode -> throughput(service, mode, o)).toList();
        Memory afterLoad = service.memory();
        System.out.printf("memory after load: VmRSS %s, VmHWM %s%n", mib(afterLoad.rssKb()), mib(afterLoad.hwmKb()));
        double stop = service.stop();
        System.out.printf("stopped with SIGTERM in %.2f s%n", stop);

        Service restarted = Service.start(o, data, dir.resolve("service-restart.log"), apiKey);
        double restart = restarted.awaitReady(o.readyTimeoutS(), size);
        Memory afterRestart = restarted.memory();
        // The service logs how long rebuilding the index from the database took; -1 if that line is missing.
        String rebuild = BenchmarkHost.firstMatch(BenchmarkHost.read(restarted.log().toString()), "Search index ready: \\d+ products in (\\d+) ms");
        System.out.printf("restart to ready with %,d products: %.2f s (index rebuild %s ms, VmRSS %s)%n",
                size, restart, rebuild, mib(afterRestart.rssKb()));
        restarted.stop();
        if (!o.keepData()) deleteTree(data);
        System.out.println();
        return new SizeResult(size, startup, imported, latency, throughput, afterLoad, stop, restart,
                rebuild == null ? -1 : Long.parseLong(rebuild), afterRestart);
    }

    static ImportResult importCatalog(Service service, int size, int seed) {
        System.out.printf("importing %,d generated products in one streamed NDJSON request...%n", size);
        long started = System.nanoTime();
        // Rows are generated as the client sends them, so a line every 10 s shows the import is moving; buffers
        // between client and service hold a few MB, so the last rows leave well before the service is done.
        long[] lastLine = { started };
        IntConsumer progress = sent -> {
            if (sent < size && System.nanoTime() - lastLine[0] < 10_000_000_000L) return;
            lastLine[0] = System.nanoTime();
            System.out.printf("  %,d rows streamed after %.0f s%s%n", sent, (lastLine[0] - started) / 1e9,
                    sent < size ? "" : "; waiting for the service to store, embed and index them");
        };
        HttpRequest request = HttpRequest.newBuilder(service.uri("/api/products/import"))
                .header("X-Api-Key", service.apiKey()).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> catalogBody(new Catalog(seed), size, progress)))
                .build();
        HttpResponse<String> response = send(request);
        double wall = (System.nanoTime() - started) / 1e9;
        if (response.statusCode() != 200) {
            throw new BenchmarkHost.Failure("import answered HTTP " + response.statusCode() + ":\n" + response.body());
        }
        if (jsonLong(response.body(), "accepted") != size) {
            throw new BenchmarkHost.Failure("import did not accept all " + size + " rows:\n" + BenchmarkHost.abbreviate(response.body(), 4000));
        }
        ImportResult result = new ImportResult(size, wall, size / wall, jsonLong(response.body(), "durationMillis"));
        System.out.printf("import: %.1f s wall clock, %.0f products/s (server durationMillis %d)%n",
                wall, result.productsPerSecond(), result.serverMillis());
        return result;
    }

    /** The listing must count exactly the imported products, or the figures would be for some other catalog. */
    static void checkListing(Service service, int size) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(service.uri("/api/products?page=0&size=20")).build());
        if (page.statusCode() != 200 || jsonLong(page.body(), "totalItems") != size) {
            throw new BenchmarkHost.Failure("the listing after import does not count " + size + " products: HTTP " + page.statusCode()
                    + " " + BenchmarkHost.abbreviate(page.body(), 500));
        }
    }

    // ---------------------------------------------------------------- search load

    static List<HttpRequest> searchRequests(Service service, String mode) {
        return Queries.ALL.stream().map(q -> HttpRequest.newBuilder(service.uri("/api/products/search?q="
                + URLEncoder.encode(q, UTF_8) + "&mode=" + mode + "&limit=10")).timeout(Duration.ofSeconds(30)).build()).toList();
    }

    /** Concurrency 1: each request waits for the previous answer, so each sample is one full HTTP round trip. */
    static Load latency(Service service, String mode, Options o) {
        List<HttpRequest> requests = searchRequests(service, mode);
        measure(requests, mode, 1, w -> w.sent < o.warmup());
        return report("latency", measure(requests, mode, 1, w -> w.sent < o.requests()));
    }

    /** Closed loop for a fixed time: each worker sends its next request as soon as its previous one is answered. */
    static Load throughput(Service service, String mode, Options o) {
        List<HttpRequest> requests = searchRequests(service, mode);
        measure(requests, mode, o.concurrency(), until(o.loadWarmupS()));
        return report("load", measure(requests, mode, o.concurrency(), until(o.durationS())));
    }

    static Predicate<Worker> until(int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        return w -> System.nanoTime() < deadline;
    }

    /** Runs one worker thread per unit of concurrency while {@code more} allows, and sums up what they saw. */
    static Load measure(List<HttpRequest> requests, String mode, int concurrency, Predicate<Worker> more) {
        // Offsets spread the workers over the query list, so they do not all ask the same thing at once.
        List<Worker> workers = IntStream.range(0, concurrency).mapToObj(w -> new Worker(requests, w * 7)).toList();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> running = workers.stream().<Future<?>>map(w -> pool.submit(() -> {
                while (more.test(w)) w.once();
            })).toList();
            for (Future<?> f : running) f.get();
        } catch (Exception e) {
            throw new BenchmarkHost.Failure("a load worker failed: " + e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] s = workers.stream().flatMapToLong(w -> w.samples.build()).sorted().toArray();
        long errors = workers.stream().mapToLong(w -> w.errors).sum();
        String firstError = workers.stream().map(w -> w.firstError).filter(Objects::nonNull).findFirst().orElse(null);
        return new Load(mode, concurrency, s.length + errors, errors, seconds, (s.length + errors) / seconds,
                percentile(s, 50), percentile(s, 90), percentile(s, 99), percentile(s, 100), firstError);
    }

    static Load report(String what, Load l) {
        System.out.printf("%-7s %-8s c=%-2d %6.0f req/s   p50 %6.2f  p90 %6.2f  p99 %6.2f  max %7.2f ms   (%d requests, %d errors)%n",
                what, l.mode(), l.concurrency(), l.requestsPerSecond(), l.p50(), l.p90(), l.p99(), l.max(), l.requests(), l.errors());
        if (l.errors() > 0) System.out.printf("  WARNING: %d of %d requests failed; first: %s%n", l.errors(), l.requests(), l.firstError());
        return l;
    }

    /** Sends the queries in turn and keeps the round-trip time of each answered one (nanoseconds, unboxed). */
    static final class Worker {
        final List<HttpRequest> requests;
        final LongStream.Builder samples = LongStream.builder();
        final int offset;
        int sent;
        long errors;
        String firstError;

        Worker(List<HttpRequest> requests, int offset) { this.requests = requests; this.offset = offset; }

        void once() {
            HttpRequest request = requests.get((offset + sent++) % requests.size());
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) samples.add(System.nanoTime() - start);
                else error("HTTP " + r.statusCode() + " for " + request.uri() + ": " + BenchmarkHost.abbreviate(new String(r.body(), UTF_8), 300));
            } catch (IOException e) {
                error(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkHost.Failure("interrupted");
            }
        }

        private void error(String message) {
            errors++;
            if (firstError == null) firstError = message;
        }
    }

    /** Nearest-rank percentile of sorted nanosecond samples, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    // ---------------------------------------------------------------- the service process

    /** One products-service JVM started by this program; only this process is ever signalled. */
    record Service(Process process, Path log, int port, String apiKey, long startedNanos) {

        static Service start(Options o, Path dataDir, Path log, String apiKey) {
            int port = BenchmarkHost.freePort();
            List<String> cmd = new ArrayList<>(List.of(BenchmarkHost.javaBinary()));
            cmd.addAll(SERVICE_JVM_FLAGS);
            cmd.addAll(List.of("-jar", o.app().resolve("quarkus-run.jar").toString()));
            try {
                Files.createDirectories(dataDir);
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(log.getParent().toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().putAll(Map.of("PRODUCTS_DATA_DIR", dataDir.toString(), "PRODUCTS_API_KEY", apiKey,
                        "PRODUCTS_SEED_ENABLED", "false", "QUARKUS_HTTP_PORT", String.valueOf(port)));
                long started = System.nanoTime();
                Service service = new Service(pb.start(), log, port, apiKey, started);
                current = service;
                System.out.printf("started products-service, pid %d, port %d, log %s%n", service.process().pid(), port, log);
                return service;
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("could not start " + String.join(" ", cmd) + ": " + e.getMessage());
            }
        }

        URI uri(String pathAndQuery) { return URI.create("http://127.0.0.1:" + port + pathAndQuery); }

        /** Seconds from process start until readiness is UP, checking the index holds the expected products. */
        double awaitReady(int timeoutS, int expectedProducts) {
            HttpRequest health = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
            long indexed = BenchmarkHost.pollUntilReady(process, startedNanos, timeoutS, 50, () -> {
                HttpResponse<String> r = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && Pattern.compile("\"status\"\\s*:\\s*\"UP\"").matcher(r.body()).find()
                        ? jsonLong(r.body(), "products") : null;
            }, this::fail, "ready");
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            if (indexed != expectedProducts) fail("is ready with " + indexed + " products, expected " + expectedProducts);
            return seconds;
        }

        Memory memory() {
            String status = BenchmarkHost.read("/proc/" + process.pid() + "/status");
            String rss = BenchmarkHost.firstMatch(status, "VmRSS:\\s*(\\d+)"), hwm = BenchmarkHost.firstMatch(status, "VmHWM:\\s*(\\d+)");
            if (rss == null || hwm == null) fail("has no VmRSS/VmHWM in /proc/" + process.pid() + "/status");
            return new Memory(Long.parseLong(rss), Long.parseLong(hwm));
        }

        /** SIGTERM (Process.destroy) and wait; SIGKILL only if it is still running after 60 s. Returns the seconds taken. */
        double stop() {
            long started = System.nanoTime();
            try {
                if (process.isAlive()) {
                    process.destroy();
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        System.err.printf("WARNING: pid %d ignored SIGTERM for 60 s; killing it%n", process.pid());
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            if (current == this) current = null;
            return (System.nanoTime() - started) / 1e9;
        }

        /** Prints the last 50 lines of the service log, stops the service and ends the run. */
        void fail(String what) {
            System.out.flush();
            System.err.printf("%nproducts-service (pid %d) %s. Last 50 lines of %s:%n", process.pid(), what, log);
            List<String> lines = BenchmarkHost.read(log.toString()).lines().toList();
            lines.subList(Math.max(0, lines.size() - 50), lines.size()).forEach(l -> System.err.println("  | " + l));
            stop();
            throw new BenchmarkHost.Failure("products-service " + what + " (log: " + log + ")");
        }

    }

    // ---------------------------------------------------------------- small helpers





    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchmarkHost.Failure(request.method() + " " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkHost.Failure("interrupted");
        }
    }

    /** A top-level number field of a small JSON answer; -1 when absent. Enough for the few fields read here. */
    static long jsonLong(String json, String field) {
        String v = BenchmarkHost.firstMatch(json, "\"" + field + "\"\\s*:\\s*(-?\\d+)");
        return v == null ? -1 : Long.parseLong(v);
    }


    static String mib(long kb) { return String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0); }

    static void sleep(long millis) {
        try { Thread.sleep(millis); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new BenchmarkHost.Failure("could not delete " + dir + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- synthetic catalog

    /** One category: vocabulary for names and descriptions, a price range (USD) and a weight range (kg). */
    record Category(String name, String code, boolean outdoor, double minPrice, double maxPrice, double minKg, double maxKg,
            String[] nouns, String[] uses, String[] features, String[] tags, String attribute, String[] values) {
        static Category of(String name, String code, boolean outdoor, double minPrice, double maxPrice, double minKg,
                double maxKg, String nouns, String uses, String features, String tags, String attribute, String values) {
            return new Category(name, code, outdoor, minPrice, maxPrice, minKg, maxKg, nouns.split("\\|"), uses.split("\\|"),
                    features.split("\\|"), tags.split("\\|"), attribute, values.split("\\|"));
        }
    }

    /**
     * Deterministic catalog: product i depends only on the seed and i, so every run imports the same products.
     * Queries are written against this vocabulary, so keyword, semantic and price-intent searches all find matches.
     */
    record Catalog(int seed) {
        static final List<Category> CATEGORIES = List.of(
            Category.of("Tents", "TNT", true, 79, 699, 1.1, 9.5, "Tent|Dome Tent|Backpacking Tent", "backpacking trips|family camping weekends|alpine expeditions",
                "uses taped seams and a waterproof fly rated to 3,000 mm|sets up in under five minutes with color-coded poles|has two doors and two roomy vestibules|stands up to strong wind with a low-profile geodesic frame|packs down to the size of a water bottle|keeps condensation low with mesh walls and roof vents",
                "backpacking|camping|3-season|4-season|freestanding|waterproof", "capacity", "1 person|2 people|3 people|4 people|6 people"),
            Category.of("Sleeping Bags", "SLB", true, 49, 549, 0.6, 2.4, "Sleeping Bag|Mummy Bag|Quilt", "winter camping|summer festivals|ultralight thru-hikes",
                "is filled with 800-fill responsibly sourced down|uses synthetic insulation that stays warm when damp|has a draft collar and a contoured hood|compresses small into the included stuff sack|comes with a full-length two-way zipper|is rated comfortable down to freezing temperatures",
                "down|synthetic|winter|ultralight|mummy|3-season", "temperature rating", "-18 °C|-7 °C|-1 °C|4 °C|10 °C"),
            Category.of("Backpacks", "BPK", true, 39, 349, 0.5, 2.6, "Backpack|Daypack|Trekking Pack", "day hikes|multi-day treks|travel and commuting",
                "has a ventilated suspended mesh back panel|includes a hydration sleeve and hose port|carries comfortably with an adjustable torso length|comes with a built-in rain cover|is made of abrasion-resistant ripstop nylon|has hip-belt pockets for snacks and a phone",
                "hiking|daypack|trekking|hydration|travel|lightweight", "volume", "18 l|28 l|40 l|55 l|65 l"),
            Category.of("Rain Jackets", "RJK", true, 59, 449, 0.2, 0.7, "Rain Jacket|Shell Jacket|Waterproof Jacket", "stormy hikes|city commutes|alpine climbing",
                "uses a breathable three-layer waterproof membrane|has fully taped seams and a helmet-compatible hood|packs into its own chest pocket|vents heat through pit zips|keeps rain out with water-resistant zippers|is cut long in the back for coverage",
                "waterproof|breathable|packable|hiking|rain|shell", "membrane", "2-layer|2.5-layer|3-layer"),
            Category.of("Camp Stoves", "STV", true, 29, 299, 0.1, 4.8, "Stove|Camp Stove|Canister Stove", "backpacking meals|car camping breakfasts|winter expeditions",
                "boils a liter of water in about three minutes|has a piezo igniter for match-free lighting|folds down to fit inside a cooking pot|keeps its flame steady in wind with a built-in screen|runs on standard isobutane canisters|has two burners with independent simmer control",
                "cooking|backpacking|camping|lightweight|gas|multi-fuel", "fuel", "isobutane|propane|white gas|multi-fuel"),
            Category.of("Lanterns", "LNT", true, 15, 129, 0.1, 1.2, "Lantern|Camp Lantern|LED Lantern", "lighting up the campsite|power outages|evenings in the tent",
                "puts out up to 500 lumens of warm, even light|recharges over USB-C and doubles as a power bank|hangs from a tent loop with a folding hook|runs for days on its low setting|collapses flat for packing|has a dimmable red night mode",
                "lighting|rechargeable|camping|emergency|led|usb-c", "brightness", "150 lm|300 lm|500 lm|1000 lm"),
            Category.of("Headlamps", "HLP", true, 12, 149, 0.05, 0.3, "Headlamp|Head Torch|Running Headlamp", "trail running at night|camp chores|caving and climbing",
                "reaches 400 lumens with a focused spot beam|has a red light mode that preserves night vision|recharges over USB-C in two hours|stays put with a soft, bounce-free strap|is waterproof to IPX7|locks to prevent turning on in the pack",
                "lighting|running|rechargeable|waterproof|camping|bright", "brightness", "200 lm|350 lm|450 lm|900 lm"),
            Category.of("Hiking Poles", "HPL", true, 25, 199, 0.3, 0.7, "Trekking Poles|Hiking Poles|Walking Sticks", "steep descents|long-distance trekking|snowshoeing",
                "fold into three sections for easy packing|are made of lightweight carbon fiber|adjust quickly with external lever locks|have cork grips that wick sweat|come with interchangeable snow baskets|absorb shock on rocky descents",
                "trekking|hiking|carbon|aluminum|foldable|adjustable", "material", "aluminum|carbon fiber|carbon and aluminum"),
            Category.of("Water Filters", "WFL", true, 19, 179, 0.05, 0.6, "Water Filter|Water Purifier|Filter Bottle", "drinking from streams and lakes|international travel|emergency kits",
                "removes 99.9999% of bacteria and protozoa|filters up to 4,000 liters before the cartridge needs replacing|screws onto standard water bottles|pumps one liter per minute|needs no batteries or chemicals|backflushes in seconds to restore flow",
                "water|filter|purifier|backpacking|travel|emergency", "filter life", "1,000 l|2,000 l|4,000 l|100,000 l"),
            Category.of("Sleeping Pads", "SLP", true, 29, 249, 0.3, 2.0, "Sleeping Pad|Air Mattress|Foam Pad", "cold ground in winter|backpacking trips|car camping",
                "inflates in a few breaths with a one-way valve|has an R-value high enough for snow camping|is quiet, without crinkly materials|packs to the size of a liter bottle|uses baffles that keep you centered|includes a repair kit",
                "insulated|inflatable|ultralight|winter|camping|comfort", "R-value", "1.8|3.2|4.5|6.9"),
            Category.of("Cameras", "CAM", false, 299, 2499, 0.3, 1.2, "Camera|Mirrorless Camera|Compact Camera", "travel photography|vlogging|wildlife and sports",
                "has a 24-megapixel full-frame sensor|records 4K video at 60 frames per second|focuses fast with eye-tracking autofocus|is weather-sealed against dust and rain|has in-body image stabilization|sends photos to your phone over Wi-Fi",
                "photography|mirrorless|4k|travel|vlogging|wifi", "sensor", "1-inch|APS-C|full-frame|Micro Four Thirds"),
            Category.of("Action Cameras", "ACM", false, 79, 549, 0.1, 0.2, "Action Camera|Helmet Camera|Adventure Cam", "mountain biking|surfing and snorkeling|ski runs",
                "records stabilized 4K video|is waterproof to 10 meters without a case|has a front screen for framing selfies|mounts to helmets and handlebars|streams live over Wi-Fi|records time-lapses and slow motion",
                "action|waterproof|4k|sports|helmet|stabilization", "max resolution", "1080p|2.7K|4K|5.3K"),
            Category.of("Headphones", "HPH", false, 19, 549, 0.2, 0.4, "Headphones|Over-Ear Headphones|Studio Headphones", "long flights|working from home|studio monitoring",
                "blocks noise with adaptive active noise cancelling|lasts 30 hours on a charge|folds flat into a travel case|has soft memory-foam ear cushions|connects to two devices at once|delivers deep bass with 40 mm drivers",
                "wireless|bluetooth|noise-cancelling|over-ear|travel|audio", "battery life", "20 h|30 h|40 h|60 h"),
            Category.of("Earbuds", "EBD", false, 15, 299, 0.03, 0.08, "Earbuds|True Wireless Earbuds|Sport Earbuds", "running and workouts|commuting|phone calls",
                "stay put with secure wing tips|are sweat and water resistant to IPX5|charge wirelessly in a pocket-sized case|cancel noise on busy trains|have clear microphones for calls|pair instantly with your phone",
                "wireless|bluetooth|sport|noise-cancelling|in-ear|running", "battery life", "5 h|6 h|8 h|10 h"),
            Category.of("Bluetooth Speakers", "SPK", false, 19, 399, 0.2, 3.5, "Bluetooth Speaker|Portable Speaker|Party Speaker", "beach days|backyard parties|camping trips",
                "is waterproof and floats|plays for 20 hours on a charge|pairs with a second speaker for stereo sound|has a rugged drop-proof shell|pumps out deep bass for its size|doubles as a speakerphone",
                "speaker|bluetooth|waterproof|portable|outdoor|party", "battery life", "10 h|15 h|20 h|24 h"),
            Category.of("Smart Watches", "SWT", false, 49, 899, 0.03, 0.09, "Smart Watch|GPS Watch|Fitness Watch", "marathon training|everyday fitness tracking|mountain adventures",
                "tracks heart rate and blood oxygen around the clock|has built-in GPS for runs and rides|lasts up to two weeks on a charge|shows notifications from your phone|maps routes with turn-by-turn navigation|is water resistant for swimming",
                "smartwatch|gps|fitness|heart-rate|running|waterproof", "battery life", "2 days|7 days|14 days|21 days"),
            Category.of("GPS Units", "GPS", false, 99, 699, 0.1, 0.3, "GPS Unit|Handheld GPS|GPS Navigator", "backcountry navigation|geocaching|off-grid expeditions",
                "comes preloaded with topographic maps|works without cell signal using multiple satellite systems|has two-way satellite messaging and SOS|runs on AA batteries or a rechargeable pack|has a sunlight-readable color screen|records tracks and waypoints",
                "gps|navigation|maps|satellite|hiking|sos", "screen", "2.2 in|3 in|4 in|5 in"),
            Category.of("Power Banks", "PWB", false, 15, 249, 0.1, 1.5, "Power Bank|Portable Charger|Battery Pack", "charging a laptop on the go|travel days|festivals and camping",
                "delivers 100 W over USB-C, enough for a laptop|charges a phone up to five times|charges three devices at once|fits in a jeans pocket|shows remaining charge on a digital display|is allowed in airplane cabin baggage",
                "charging|usb-c|portable|travel|laptop|fast-charging", "capacity", "5,000 mAh|10,000 mAh|20,000 mAh|26,800 mAh"),
            Category.of("Solar Chargers", "SOL", false, 29, 399, 0.3, 4.0, "Solar Charger|Solar Panel|Folding Solar Panel", "off-grid camping|emergency preparedness|long expeditions",
                "folds out into efficient monocrystalline panels|charges phones directly in full sun|hangs from a backpack while you hike|has weatherproof USB ports|pairs with portable power stations|restarts charging automatically after clouds",
                "solar|charging|off-grid|emergency|camping|foldable", "output", "10 W|21 W|60 W|100 W"),
            Category.of("Two-Way Radios", "RAD", false, 25, 299, 0.1, 0.4, "Two-Way Radio|Walkie Talkie|Handheld Radio", "group hikes|ski trips|job sites and events",
                "reaches up to 35 km in open terrain|receives weather alerts|is waterproof and floats|has 22 channels with privacy codes|recharges in a desktop cradle|includes a hands-free headset jack",
                "radio|walkie-talkie|long-range|waterproof|hiking|emergency", "range", "5 km|15 km|25 km|35 km"));
        static final String[] ADJECTIVES = "Ultralight|Rugged|Compact|Pro|Alpine|Storm|Summit|Urban|Expedition|Trail|Classic|Elite|Nomad|Apex|Sport|Travel|Max|Lite|Active|Everyday".split("\\|");
        static final String[] MODELS = "Kestrel|Falcon|Ridge|Vista|Aurora|Cascade|Sierra|Orbit|Pulse|Echo|Nova|Zenith|Drift|Ember|Glacier|Tundra|Comet|Vector|Quest|Atlas".split("\\|");
        static final String[] VERSIONS = "|2|3|X|40|200|500|Plus".split("\\|", -1);
        static final String[] CLOSERS = ("Backed by a two-year warranty.|Ships with a storage sack and a quick-start guide.|Made with recycled materials where possible."
                + "|A favorite of our gear testers.|Available in several colors.|Field-tested through a full season of use.|Spare parts are available for years.").split("\\|");
        /** 60 invented brands: 30 for outdoor gear, 30 for electronics. */
        static final String[] OUTDOOR_BRANDS = brands("North|Summit|Trail|Ridge|Alpen|Granite|Cedar|Timber|Canyon|Glacier", "wild|haven|craft");
        static final String[] TECH_BRANDS = brands("Volt|Sonic|Lumen|Pixel|Nano|Zen|Aero|Flux|Orbi|Quanta", "tek|labs|wave");

        /** Product i as one NDJSON line, without the newline. */
        String productJson(int i) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            Category c = CATEGORIES.get(r.nextInt(CATEGORIES.size()));
            String noun = pick(r, c.nouns()), version = pick(r, VERSIONS);
            String name = pick(r, ADJECTIVES) + " " + pick(r, MODELS) + (version.isEmpty() ? "" : " " + version) + " " + noun;
            String brand = pick(r, c.outdoor() ? OUTDOOR_BRANDS : TECH_BRANDS);
            String[] f = distinct(r, c.features(), 3);
            String use = pick(r, c.uses()), kind = lower(noun);
            String intro = switch (r.nextInt(3)) {
                case 0 -> "The " + name + " is " + (kind.matches("[aeiou].*") ? "an " : "a ") + kind + " made for " + use + ".";
                case 1 -> "Designed for " + use + ", this " + kind + " from " + brand + " is built to last.";
                default -> "Meet the " + name + ", our pick for " + use + ".";
            };
            String description = intro + " It " + f[0] + " and " + f[1] + "." + (r.nextInt(10) < 7 ? " It also " + f[2] + "." : "")
                    + (r.nextInt(10) < 7 ? " " + pick(r, CLOSERS) : "");
            // Skewed towards the low end of the range, as real catalogs are; prices end in .99, .49 or .00.
            double raw = c.minPrice() + (c.maxPrice() - c.minPrice()) * Math.pow(r.nextDouble(), 1.7);
            String price = String.format(Locale.ROOT, "%.2f", Math.floor(raw) + new double[] { 0.99, 0.49, 0.0 }[r.nextInt(3)]);
            int stock = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(200);
            String tags = Arrays.stream(distinct(r, c.tags(), 2 + r.nextInt(3))).map(ReportJson::quote).collect(Collectors.joining(","));
            double kg = c.minKg() + (c.maxKg() - c.minKg()) * r.nextDouble();
            String weight = kg < 1 ? Math.round(kg * 1000) + " g" : String.format(Locale.ROOT, "%.1f kg", kg);
            return "{\"sku\":" + ReportJson.quote(String.format(Locale.ROOT, "%s-%06d", c.code(), i + 1)) + ",\"name\":" + ReportJson.quote(name)
                    + ",\"description\":" + ReportJson.quote(description) + ",\"brand\":" + ReportJson.quote(brand) + ",\"category\":" + ReportJson.quote(c.name())
                    + ",\"price\":" + price + ",\"currency\":\"USD\",\"stock\":" + stock + ",\"tags\":[" + tags + "]"
                    + ",\"attributes\":{\"weight\":" + ReportJson.quote(weight) + "," + ReportJson.quote(c.attribute()) + ":" + ReportJson.quote(pick(r, c.values())) + "}}";
        }

        static String[] brands(String prefixes, String suffixes) {
            return Arrays.stream(prefixes.split("\\|")).flatMap(p -> Arrays.stream(suffixes.split("\\|")).map(s -> p + s))
                    .toArray(String[]::new);
        }

        /** "GPS Unit" becomes "GPS unit": lower case except acronyms. */
        static String lower(String words) {
            return Arrays.stream(words.split(" ")).map(w -> w.equals(w.toUpperCase(Locale.ROOT)) ? w : w.toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" "));
        }

        static String pick(SplittableRandom r, String[] from) { return from[r.nextInt(from.length)]; }

        static String[] distinct(SplittableRandom r, String[] from, int n) {
            List<String> left = new ArrayList<>(List.of(from));
            return Stream.generate(() -> left.remove(r.nextInt(left.size()))).limit(Math.min(n, from.length)).toArray(String[]::new);
        }

    }

    /** The import body, generated a row at a time as the HTTP client reads it: memory stays flat whatever the size. */
    static InputStream catalogBody(Catalog catalog, int count, IntConsumer progress) {
        Iterator<InputStream> rows = IntStream.range(0, count).mapToObj(i -> {
            if ((i + 1) % Math.max(1, count / 10) == 0) progress.accept(i + 1);
            return (InputStream) new ByteArrayInputStream((catalog.productJson(i) + "\n").getBytes(UTF_8));
        }).iterator();
        InputStream sequence = new SequenceInputStream(new Enumeration<>() {
            public boolean hasMoreElements() { return rows.hasNext(); }
            public InputStream nextElement() { return rows.next(); }
        });
        // A SequenceInputStream returns at most one row per read; filling the caller's buffer sends fewer, larger chunks.
        return new FilterInputStream(sequence) {
            @Override public int read(byte[] b, int off, int len) throws IOException {
                int n = in.readNBytes(b, off, len);
                return n == 0 && len > 0 ? -1 : n;
            }
        };
    }

    /** Shopper queries: product words, needs in plain language, price intents and typos. */
    static final class Queries {
        static final List<String> ALL = List.of(
            "waterproof tent", "2 person backpacking tent", "family camping tent", "lightweight sleeping bag for winter",
            "down sleeping bag", "sleeping bag under 100 dollars", "hiking backpack 40l", "daypack with hydration sleeve",
            "rain jacket", "breathable waterproof jacket for hiking", "camping stove", "lightweight backpacking stove",
            "lantern for camping", "rechargeable lantern", "headlamp", "bright headlamp for running", "trekking poles",
            "carbon hiking poles", "water filter", "water purifier for backpacking", "sleeping pad",
            "insulated sleeping pad for cold weather", "camera", "mirrorless camera for travel", "waterproof action camera",
            "4k action camera", "headphones", "noise cancelling headphones", "cheapest headphones", "hedphones",
            "wireless earbuds", "earbuds for running", "bluetooth speaker", "waterproof speaker for the beach",
            "smart watch", "gps watch with heart rate", "handheld gps for hiking", "gps unit with maps", "power bank",
            "power bank for laptop", "solar charger", "solar panel to charge my phone while camping", "walkie talkie",
            "long range two way radio", "tent under 200 dollars", "cheap headlamp", "speaker under 50 dollars",
            "camera under 500 dollars", "premium rain jacket", "slepping bag", "backpak", "lanturn", "gear for a weekend camping trip",
            "keep my phone charged off grid", "stay dry in the rain", "cook dinner on the trail", "listen to music while hiking",
            "record my mountain bike rides", "navigate without cell signal", "drinking water from a stream");
    }

    // ---------------------------------------------------------------- report

    record Target(String name, String goal, String measured, boolean met, int atSize) {}

    record Inputs(String app, List<Integer> sizes, boolean quick, int catalogSeed, int categories, int brands, int queries,
            int searchLimit, int latencyWarmupRequests, int latencyRequests, int loadConcurrency, int loadWarmupSeconds,
            int loadSeconds, String serviceJvmFlags, String clientJvm) {}

    static final class Report {
        static final int TARGET_SIZE = 100_000;

        static void write(Options o, BenchmarkHost.Machine machine, List<SizeResult> results) {
            List<Target> targets = targets(results);
            String table = table(results);
            System.out.println("Summary\n\n" + table);
            targets.forEach(t -> System.out.printf("target %-34s %-18s measured %-16s %s%n", t.name(), t.goal(), t.measured(), status(t)));
            Inputs inputs = new Inputs(o.app().toString(), o.sizes(), o.quick(), o.seed(), Catalog.CATEGORIES.size(),
                    Catalog.OUTDOOR_BRANDS.length + Catalog.TECH_BRANDS.length, Queries.ALL.size(), 10, o.warmup(), o.requests(),
                    o.concurrency(), o.loadWarmupS(), o.durationS(), String.join(" ", SERVICE_JVM_FLAGS),
                    (Runtime.version() + " " + String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())).strip());
            Path dir = o.repo().resolve("benchmarks/products/results");
            try {
                ReportJson.writeLatest(dir, markdown(o, machine, inputs, table, targets), machine, inputs,
                        Map.of("results", results), targets);
            } catch (IOException e) {
                throw new BenchmarkHost.Failure("could not write the report: " + e.getMessage());
            }
            System.out.println("\nReport: " + dir.resolve("latest.md") + " (figures as JSON: latest.json)");
        }

        /** Targets are set for 100,000 products; without that size they are checked, as indicative, at the largest one. */
        static List<Target> targets(List<SizeResult> results) {
            SizeResult r = results.stream().filter(s -> s.size() == TARGET_SIZE).findFirst()
                    .orElse(results.stream().max(Comparator.comparingInt(SizeResult::size)).orElseThrow());
            double hybridP99 = r.latency().get(MODES.indexOf("hybrid")).p99();
            Load keyword = r.throughput().get(MODES.indexOf("keyword"));
            double importRate = r.importResult().productsPerSecond();
            long peakKb = Math.max(r.afterLoad().hwmKb(), r.afterRestart().hwmKb());
            return List.of(
                new Target("hybrid search p99, concurrency 1", "<= 25 ms", fmt(hybridP99) + " ms", hybridP99 <= 25, r.size()),
                new Target("keyword search, concurrency " + keyword.concurrency(), ">= 1,000 req/s",
                        fmt0(keyword.requestsPerSecond()) + " req/s" + (keyword.errors() > 0 ? ", " + keyword.errors() + " errors" : ""),
                        keyword.requestsPerSecond() >= 1000 && keyword.errors() == 0, r.size()),
                new Target("import throughput", ">= 200 products/s", fmt0(importRate) + " products/s", importRate >= 200, r.size()),
                new Target("resident memory (peak VmHWM)", "<= 1 GiB", mib(peakKb), peakKb <= 1024 * 1024, r.size()));
        }

        static String status(Target t) {
            return (t.met() ? "met" : "NOT MET") + (t.atSize() == TARGET_SIZE ? ""
                    : String.format(" (indicative: measured at %,d products; the target is for 100,000)", t.atSize()));
        }

        /** Every figure, one column per catalog size, as an aligned Markdown table: printed as is and put in the report. */
        static String table(List<SizeResult> results) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(row("figure \\ products", results, r -> String.format("%,d", r.size())));
            rows.add(row("start-up to ready, empty catalog (s)", results, r -> fmt(r.startupSeconds())));
            rows.add(row("import wall clock (s)", results, r -> fmt(r.importResult().wallSeconds())));
            rows.add(row("import throughput (products/s)", results, r -> fmt0(r.importResult().productsPerSecond())));
            rows.add(row("import durationMillis (server)", results, r -> String.valueOf(r.importResult().serverMillis())));
            for (int i = 0; i < MODES.size(); i++) {
                int m = i;
                rows.add(row(MODES.get(m) + " c=1 p50 / p90 / p99 / max (ms)", results, r -> { Load l = r.latency().get(m);
                    return fmt(l.p50()) + " / " + fmt(l.p90()) + " / " + fmt(l.p99()) + " / " + fmt(l.max()); }));
            }
            for (int i = 0; i < MODES.size(); i++) {
                int m = i;
                rows.add(row(MODES.get(m) + " c=" + results.get(0).throughput().get(m).concurrency() + " req/s (errors)", results,
                        r -> fmt0(r.throughput().get(m).requestsPerSecond()) + " (" + r.throughput().get(m).errors() + ")"));
            }
            rows.add(row("VmRSS / VmHWM after load", results, r -> mib(r.afterLoad().rssKb()) + " / " + mib(r.afterLoad().hwmKb())));
            rows.add(row("stop on SIGTERM (s)", results, r -> fmt(r.stopSeconds())));
            rows.add(row("restart to ready, full catalog (s)", results, r -> fmt(r.restartSeconds())));
            rows.add(row("index rebuild in restart (ms, server log)", results, r -> String.valueOf(r.indexRebuildMillis())));
            rows.add(row("VmRSS after restart", results, r -> mib(r.afterRestart().rssKb())));
            return ReportJson.markdownTable(rows);
        }

        static List<String> row(String label, List<SizeResult> results, Function<SizeResult, String> cell) {
            return Stream.concat(Stream.of(label), results.stream().map(cell)).toList();
        }

        static String markdown(Options o, BenchmarkHost.Machine m, Inputs inputs, String table, List<Target> targets) {
            StringBuilder md = new StringBuilder("# products-service benchmark\n\nGenerated ").append(Instant.now())
                    .append(" by `benchmarks/products/run.sh`").append(o.quick() ? " with `--quick`: a smoke run, figures are rough" : "")
                    .append(". How to read it: `benchmarks/products/README.md`.\n\n## Machine\n\n| | |\n|---|---|\n");
            ReportJson.appendRows(md, m, false);
            md.append("\n## Inputs\n\n| | |\n|---|---|\n");
            ReportJson.appendRows(md, inputs, true);
            md.append("\nLatencies are full HTTP/1.1 keep-alive round trips timed by the client, which shares the machine.\n\n");
            md.append("## Results\n\n").append(table).append("\n## Targets\n\n| Target | Goal | Measured | Status |\n|---|---|---|---|\n");
            targets.forEach(t -> md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured())
                    .append(" | ").append(status(t)).append(" |\n"));
            md.append("\n<details><summary>The ").append(Queries.ALL.size()).append(" search queries</summary>\n\n");
            Queries.ALL.forEach(q -> md.append("- ").append(q).append("\n"));
            return md.append("\n</details>\n").toString();
        }

        static String fmt(double v) { return String.format(Locale.ROOT, "%.2f", v); }

        static String fmt0(double v) { return String.format(Locale.ROOT, "%.0f", v); }


    }
}

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The storefront's page latency: each page kind, one request at a time, next to the products-service call behind it
 * (so the store's own share is visible), then a mix of pages from concurrent shoppers. Both services run from their
 * packaged jars with the seed catalog; the gateway is not involved in page rendering and is not started.
 */
public final class StoreBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> QUERIES = List.of("waterproof tent", "cheapest headphones", "warm sleeping bag under 100 dollars",
            "headlamp", "running watch", "solar charger", "noise cancelling earbuds", "lightweight backpack");

    /** One page kind: the store path and the products-service call it is built from. */
    record PageKind(String name, List<String> storePaths, List<String> apiPaths) {
    }

    record Latency(String page, double p50, double p95, double p99, double apiP50, double storeShareP50) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--requests", "300", "--concurrency", "8", "--seconds", "15"));
        Path repo = null;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--repo")) {
                repo = Path.of(args[i + 1]);
            } else if (options.containsKey(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[i + 1]);
            } else {
                System.err.println("usage: run.sh [--requests N] [--concurrency N] [--seconds N]");
                System.exit(2);
            }
        }
        int requests = BenchmarkHost.positive("--requests", options.get("--requests"));
        int concurrency = BenchmarkHost.positive("--concurrency", options.get("--concurrency"));
        int seconds = BenchmarkHost.positive("--seconds", options.get("--seconds"));
        BenchmarkHost.Machine machine = BenchmarkHost.Machine.describe(repo);
        machine.print();
        Path work = repo.resolve("benchmarks/store/work");
        Files.createDirectories(work);
        try (Service products = Service.start(repo, "products-service", work, Map.of("PRODUCTS_DATA_DIR", work.resolve("products-data").toString(),
                "PRODUCTS_API_KEY", "benchmark-products-key-0123456789"), "--add-modules", "jdk.incubator.vector")) {
            products.awaitReady();
            try (Service store = Service.start(repo, "realtime-store", work, Map.of("PRODUCTS_URL", products.base(),
                    "GATEWAY_API_KEY", "benchmark-unused-gateway-key"))) {
                store.awaitReady();
                List<Long> ids = productIds(products);
                List<PageKind> kinds = pageKinds(ids);
                System.out.printf("Inputs: %d sequential requests per page kind after %d warm-up requests; then %d concurrent shoppers "
                        + "for %d s on a mix of all pages.%n%n", requests, requests, concurrency, seconds);
                for (PageKind kind : kinds) {
                    measure(store, kind.storePaths(), requests);
                }
                List<Latency> latencies = new ArrayList<>();
                for (PageKind kind : kinds) {
                    long[] page = measure(store, kind.storePaths(), requests);
                    long[] api = kind.apiPaths().isEmpty() ? new long[0] : measure(products, kind.apiPaths(), requests);
                    double apiP50 = api.length == 0 ? Double.NaN : percentile(api, 50);
                    latencies.add(new Latency(kind.name(), percentile(page, 50), percentile(page, 95), percentile(page, 99), apiP50,
                            Double.isNaN(apiP50) ? Double.NaN : percentile(page, 50) - apiP50));
                }
                List<String> mix = kinds.stream().flatMap(kind -> kind.storePaths().stream()).toList();
                Map<String, Object> load = concurrent(store, mix, concurrency, seconds);
                long rssKb = Long.parseLong(BenchmarkHost.firstMatch(BenchmarkHost.read("/proc/" + store.process.pid() + "/status"),
                        "VmRSS:\\s*(\\d+)"));
                report(repo, machine, options, latencies, load, rssKb);
            }
        }
    }

    private static List<PageKind> pageKinds(List<Long> ids) {
        List<String> products = ids.stream().limit(50).map(id -> "/products/" + id).toList();
        List<String> apiProducts = ids.stream().limit(50).map(id -> "/api/products/" + id).toList();
        List<String> images = ids.stream().limit(50).map(id -> "/api/products/" + id + "/image").toList();
        List<String> searches = QUERIES.stream().map(q -> "/search?q=" + q.replace(' ', '+')).toList();
        List<String> apiSearches = QUERIES.stream().map(q -> "/api/products/search?q=" + q.replace(' ', '+') + "&mode=hybrid&limit=24").toList();
        return List.of(
                new PageKind("home `/`", List.of("/"), List.of("/api/products?page=0&size=8&sort=newest&inStock=true")),
                new PageKind("grid `/products?category=Tents&sort=price`", List.of("/products?category=Tents&sort=price"),
                        List.of("/api/products?page=0&size=12&sort=price&category=Tents")),
                new PageKind("grid page 3 `/products?page=3`", List.of("/products?page=3"), List.of("/api/products?page=2&size=12&sort=name")),
                new PageKind("product `/products/{id}`", products, apiProducts),
                new PageKind("search `/search?q=…` (hybrid)", searches, apiSearches),
                new PageKind("image `/api/products/{id}/image` (proxied SVG)", images, images));
    }

    private static List<Long> productIds(Service products) throws Exception {
        String body = get(products.base() + "/api/products?size=100&sort=name").body();
        List<Long> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(body);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static long[] measure(Service service, List<String> paths, int requests) throws Exception {
        long[] samples = new long[requests];
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = get(service.base() + paths.get(i % paths.size()));
            samples[i] = System.nanoTime() - started;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(paths.get(i % paths.size()) + " answered HTTP " + response.statusCode());
            }
        }
        Arrays.sort(samples);
        return samples;
    }

    private static Map<String, Object> concurrent(Service store, List<String> mix, int shoppers, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(shoppers);
        for (int s = 0; s < shoppers; s++) {
            int offset = s;
            pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < deadline) {
                    long started = System.nanoTime();
                    try {
                        if (get(store.base() + mix.get(i++ % mix.size())).statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    samples.add(System.nanoTime() - started);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("shoppers", shoppers);
        load.put("seconds", seconds);
        load.put("requests", sorted.length);
        load.put("requestsPerSecond", sorted.length / (double) seconds);
        load.put("p50Ms", percentile(sorted, 50));
        load.put("p95Ms", percentile(sorted, 95));
        load.put("p99Ms", percentile(sorted, 99));
        load.put("errors", errors.get());
        return load;
    }

    private static void report(Path repo, BenchmarkHost.Machine machine, Map<String, String> options, List<Latency> latencies,
            Map<String, Object> load, long rssKb) throws IOException {
        StringBuilder md = new StringBuilder("# realtime-store page benchmark\n\nGenerated ").append(Instant.now())
                .append(" by `benchmarks/store/run.sh`. How to read it: `benchmarks/store/README.md`.\n\n## Machine\n\n| | |\n|---|---|\n")
                .append("| cpu | ").append(machine.cpu()).append(" |\n| cores | ").append(machine.cores()).append(" |\n| memory | ")
                .append(machine.memory()).append(" |\n| os | ").append(machine.os()).append(" |\n| java | ").append(machine.java())
                .append(" |\n| commit | ").append(machine.commit()).append(" |\n| load average | ").append(machine.loadAverage())
                .append(" |\n\n## Inputs\n\n").append(options).append(", seed catalog (169 products), both services with -Xmx512m\n\n")
                .append("## One request at a time (ms)\n\n| page | p50 | p95 | p99 | products-service call p50 | store's own share p50 |\n|---|---|---|---|---|---|\n");
        for (Latency l : latencies) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n", l.page(), l.p50(), l.p95(), l.p99(),
                    l.apiP50(), l.storeShareP50()));
        }
        md.append(String.format(Locale.ROOT, "%n## %d concurrent shoppers, all pages mixed, %d s%n%n| requests/s | p50 ms | p95 ms | p99 ms | errors |%n"
                + "|---|---|---|---|---|%n| %.0f | %.1f | %.1f | %.1f | %d |%n%nStore resident memory after the run: %.0f MiB.%n",
                load.get("shoppers"), load.get("seconds"), (double) load.get("requestsPerSecond"), (double) load.get("p50Ms"),
                (double) load.get("p95Ms"), (double) load.get("p99Ms"), (int) load.get("errors"), rssKb / 1024.0));
        System.out.println(md);
        Path results = repo.resolve("benchmarks/store/results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("latest.md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("inputs", options);
        json.put("sequential", latencies);
        json.put("concurrent", load);
        json.put("storeRssKb", rssKb);
        Files.writeString(results.resolve("latest.json"), ReportJson.toJson(json) + "\n");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    /** A packaged service started by this program; only this process is ever signalled. */
    static final class Service implements AutoCloseable {
        final Process process;
        final int port;
        final Path log;

        private Service(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static Service start(Path repo, String module, Path work, Map<String, String> env, String... jvmOptions) throws IOException {
            Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./mvnw -B -DskipTests package first");
            }
            int port = BenchmarkHost.freePort();
            List<String> command = new ArrayList<>(List.of(BenchmarkHost.javaBinary(), "-Xmx512m"));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-jar", jar.toString()));
            Path log = work.resolve(module + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            Service service = new Service(builder.start(), port, log);
            System.out.printf("started %s, pid %d, port %d, log %s%n", module, service.process.pid(), port, log);
            return service;
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        void awaitReady() {
            HttpRequest health = HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
            BenchmarkHost.pollUntilReady(process, System.nanoTime(), 180, 100,
                    () -> HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? Boolean.TRUE : null,
                    why -> {
                        throw new IllegalStateException("the service " + why + "; log " + log);
                    }, "ready");
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}

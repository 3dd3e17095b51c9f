package io.realtimestore.products.service;

import static io.realtimestore.products.support.Api.admin;
import static io.realtimestore.products.support.Api.awaitReady;
import static io.realtimestore.products.support.Api.createId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.products.support.TestProducts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent writers never lose an update: stock is exact and stale replacements are refused. */
@QuarkusTest
class ConcurrentWritesTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    @Test
    void concurrentSalesNeverOversellOrLoseAnUpdate() throws Exception {
        long id = createId(TestProducts.aProduct().with("stock", 25));
        List<Integer> statuses = runConcurrently(40, () ->
                admin().body(Map.of("delta", -1)).patch("/api/products/" + id).statusCode());
        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(25);
        given().get("/api/products/" + id).then().statusCode(200)
                .body("stock", org.hamcrest.Matchers.equalTo(0))
                .body("version", org.hamcrest.Matchers.equalTo(25));
    }

    @Test
    void concurrentRestocksAllCount() throws Exception {
        long id = createId(TestProducts.aProduct().with("stock", 0));
        List<Integer> statuses = runConcurrently(30, () ->
                admin().body(Map.of("delta", 2)).patch("/api/products/" + id).statusCode());
        assertThat(statuses).containsOnly(200);
        given().get("/api/products/" + id).then().body("stock", org.hamcrest.Matchers.equalTo(60));
    }

    @Test
    void concurrentReplacementsOfOneVersionLetExactlyOneWin() throws Exception {
        TestProducts product = TestProducts.aProduct();
        long id = createId(product);
        List<Integer> statuses = runConcurrently(12, () -> {
            Map<String, Object> body = TestProducts.aProduct().with("sku", product.sku())
                    .with("name", "Quorvel " + Thread.currentThread().getName()).with("version", 0).build();
            return admin().body(body).put("/api/products/" + id).statusCode();
        });
        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        given().get("/api/products/" + id).then().body("version", org.hamcrest.Matchers.equalTo(1));
    }

    private static <T> List<T> runConcurrently(int count, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

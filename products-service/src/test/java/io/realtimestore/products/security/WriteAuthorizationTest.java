package io.realtimestore.products.security;

import static io.realtimestore.products.support.Api.awaitReady;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.products.support.TestProducts;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads are public; writes need the API key or a bearer token from the configured issuer with catalog-admin. */
@QuarkusTest
@TestProfile(TokenIssuerProfile.class)
class WriteAuthorizationTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    @Test
    void readsArePublic() {
        given().get("/api/products").then().statusCode(200);
        given().queryParam("q", "tent").get("/api/products/search").then().statusCode(200);
    }

    @Test
    void writesWithoutACredentialAreUnauthorized() {
        given().contentType(ContentType.JSON).body(TestProducts.aProduct().build()).post("/api/products")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("X-Api-Key"))
                .body("detail", containsString("X-Api-Key"));
        given().delete("/api/products/1").then().statusCode(401);
        given().contentType("application/x-ndjson").body(new byte[0]).post("/api/products/import").then().statusCode(401);
    }

    @Test
    void aWrongApiKeyIsUnauthorizedAndNotEchoed() {
        given().header("X-Api-Key", "not-the-key-0000000000").contentType(ContentType.JSON)
                .body(TestProducts.aProduct().build()).post("/api/products")
                .then().statusCode(401)
                .body(org.hamcrest.Matchers.not(containsString("not-the-key")));
    }

    @Test
    void theApiKeyAllowsWrites() {
        given().header("X-Api-Key", TestProducts.API_KEY).contentType(ContentType.JSON)
                .body(TestProducts.aProduct().build()).post("/api/products")
                .then().statusCode(201);
    }

    @Test
    void aBearerTokenWithTheAdminRoleAllowsWrites() {
        String token = Jwt.issuer(TokenIssuerProfile.ISSUER).subject("catalog-bot").groups(Set.of(Roles.CATALOG_ADMIN))
                .sign(TokenIssuerProfile.KEYS.getPrivate());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(TestProducts.aProduct().build())
                .post("/api/products").then().statusCode(201);
    }

    @Test
    void aBearerTokenWithoutTheRoleIsForbidden() {
        String token = Jwt.issuer(TokenIssuerProfile.ISSUER).subject("shopper").groups(Set.of("customer"))
                .sign(TokenIssuerProfile.KEYS.getPrivate());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(TestProducts.aProduct().build())
                .post("/api/products").then().statusCode(403).body("title", equalTo("Forbidden"));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() throws Exception {
        var otherKeys = java.security.KeyPairGenerator.getInstance("RSA");
        otherKeys.initialize(2048);
        String token = Jwt.issuer(TokenIssuerProfile.ISSUER).groups(Set.of(Roles.CATALOG_ADMIN))
                .sign(otherKeys.generateKeyPair().getPrivate());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(TestProducts.aProduct().build())
                .post("/api/products").then().statusCode(401);
    }
}

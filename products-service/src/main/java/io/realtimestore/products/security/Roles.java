package io.realtimestore.products.security;

/** Role names. A bearer token carries them in its groups claim (see README, "Securing writes"). */
public final class Roles {
    public static final String CATALOG_ADMIN = "catalog-admin";

    private Roles() {
    }
}

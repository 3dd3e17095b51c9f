package io.realtimestore.gateway.security;

/**
 * Who opened a session: the client named when the token was minted, or {@code trusted:<address>} for a caller
 * that presented the API key. Session caps per client count by this name.
 */
public record ClientIdentity(String client, boolean trusted) {
}

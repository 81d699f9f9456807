package dev.hyperdrive.config;

import java.util.Objects;

/**
 * A network address as operators write it in configuration: {@code host:port}, {@code 10.0.0.7:5432}
 * or, for IPv6, {@code [::1]:6432}. Port 0 is allowed and means "any free port" for listeners.
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException with an operator-readable reason
     */
    public static HostPort parse(String text) {
        String trimmed = text.trim();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("expected [ipv6-address]:port, got '" + text + "'");
            }
            host = trimmed.substring(1, close);
            port = trimmed.substring(close + 2);
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0 || trimmed.indexOf(':') != colon) {
                throw new IllegalArgumentException(
                        "expected host:port (IPv6 addresses in brackets: [::1]:5432), got '" + text + "'");
            }
            host = trimmed.substring(0, colon);
            port = trimmed.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("expected host:port with a host, got '" + text + "'");
        }
        return new HostPort(host, parsePort(port, text));
    }

    private static int parsePort(String port, String text) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("expected a port number after the colon, got '" + text + "'");
        }
        int value = Integer.parseInt(port);
        if (value > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + value);
        }
        return value;
    }

    /** The form {@link #parse} reads back: brackets around IPv6 hosts. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

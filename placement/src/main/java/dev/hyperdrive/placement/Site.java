package dev.hyperdrive.placement;

/**
 * An endpoint site placement may put a database's pool at: its name (as in the endpoint's own
 * {@code site}), its region, and the gRPC address where it serves Relay and Probe.
 */
public record Site(String name, String region, String address) {
}

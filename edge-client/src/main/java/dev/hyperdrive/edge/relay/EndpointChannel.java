package dev.hyperdrive.edge.relay;

import io.grpc.ManagedChannel;

/** One endpoint's name and its long-lived, pre-connected gRPC channel. */
public record EndpointChannel(String name, ManagedChannel channel) {}

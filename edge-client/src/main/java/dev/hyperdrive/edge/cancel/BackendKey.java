package dev.hyperdrive.edge.cancel;

/** The processId/secret pair the edge hands a driver in BackendKeyData and expects back in a CancelRequest. */
public record BackendKey(int processId, int secretKey) {}

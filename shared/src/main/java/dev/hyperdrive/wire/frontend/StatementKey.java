package dev.hyperdrive.wire.frontend;

import java.util.Arrays;
import java.util.Objects;

/**
 * What makes two Parse messages the same statement, whoever prepared them and under whatever name: the
 * query text and the parameter types the driver fixed (0 = let the server infer). The edge keys its
 * statement-metadata cache on it; the endpoint shares one server-side statement per key.
 */
public record StatementKey(String query, int[] parameterTypes) {
  public StatementKey {
    Objects.requireNonNull(query, "query");
    parameterTypes = parameterTypes.clone();
  }

  @Override
  public int[] parameterTypes() {
    return parameterTypes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatementKey that && query.equals(that.query)
        && Arrays.equals(parameterTypes, that.parameterTypes);
  }

  @Override
  public int hashCode() {
    return 31 * query.hashCode() + Arrays.hashCode(parameterTypes);
  }

  @Override
  public String toString() {
    // The query text can be long and is not secret, but keep log lines short.
    String head = query.length() > 60 ? query.substring(0, 60) + "…" : query;
    return "StatementKey[" + head + ", " + Arrays.toString(parameterTypes) + "]";
  }
}

package dev.hyperdrive.endpoint.prepared;

import java.util.Arrays;
import java.util.Objects;

/**
 * What makes two prepared statements equivalent, whoever prepared them and under whatever name: the
 * query text and the parameter types fixed by the Parse. Equal keys share one server-side statement.
 */
record StatementKey(String query, int[] parameterTypes) {

  StatementKey {
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
    return "StatementKey[" + query + ", " + Arrays.toString(parameterTypes) + "]";
  }
}

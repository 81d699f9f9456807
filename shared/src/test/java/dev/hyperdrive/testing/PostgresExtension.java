package dev.hyperdrive.testing;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL: declare an {@link EmbeddedOrigin} parameter on a test method, constructor or
 * {@code @BeforeAll} of a class annotated {@code @ExtendWith(PostgresExtension.class)}.
 *
 * <p>One server per test JVM, started the first time a test asks for it and stopped when the JVM's test run ends:
 * it lives in the root context's store, which closes {@link AutoCloseable} values at the very end. Tests share
 * the server, so each creates its own tables (or schemas) under names no other test uses.
 */
public final class PostgresExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedOrigin.class;
  }

  @Override
  public EmbeddedOrigin resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return origin(context);
  }

  /** The JVM-wide server, for extensions and helpers that have a context but no parameter. */
  public static EmbeddedOrigin origin(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(EmbeddedOrigin.class, type -> EmbeddedOrigin.start(), EmbeddedOrigin.class);
  }
}

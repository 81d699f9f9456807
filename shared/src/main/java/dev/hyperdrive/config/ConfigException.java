package dev.hyperdrive.config;

/**
 * A configuration file that cannot be used. The message is written for the operator who has to fix
 * the file: it always starts with {@code file:line:} and, when a key is to blame, its full path, as in
 * {@code edge.yaml:12: databases[0].pool.default_pool_size: must be between 1 and 10000, got 0}.
 * Launchers print the message alone, without a stack trace.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final int line;
    private final String keyPath;

    ConfigException(String source, int line, String keyPath, String problem) {
        super(format(source, line, keyPath, problem));
        this.source = source;
        this.line = line;
        this.keyPath = keyPath;
    }

    private static String format(String source, int line, String keyPath, String problem) {
        StringBuilder message = new StringBuilder(source);
        if (line > 0) {
            message.append(':').append(line);
        }
        message.append(": ");
        if (!keyPath.isEmpty()) {
            message.append(keyPath).append(": ");
        }
        return message.append(problem).toString();
    }

    /** The file (or other source) the configuration came from. */
    public String source() {
        return source;
    }

    /** The 1-based line the problem is reported at, or 0 when no line applies (e.g. an unreadable file). */
    public int line() {
        return line;
    }

    /** The dotted key path, e.g. {@code databases[0].pool.default_pool_size}; empty for file-level problems. */
    public String keyPath() {
        return keyPath;
    }
}

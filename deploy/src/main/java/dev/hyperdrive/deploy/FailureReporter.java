package dev.hyperdrive.deploy;

import dev.hyperdrive.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into exit code 1 and a message on standard error. A configuration error is
 * the operator's to fix, so it is printed alone ({@code edge.yaml:12: pool.size: ...}); anything else
 * is our bug or the environment's, so its stack trace follows.
 */
final class FailureReporter implements IExecutionExceptionHandler {

    static final int RUNTIME_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        ConfigException configError = findConfigException(failure);
        if (configError != null) {
            err.println(configError.getMessage());
        } else {
            err.println(command.getCommandName() + ": failed: " + failure);
            failure.printStackTrace(err);
        }
        err.flush();
        return RUNTIME_FAILURE;
    }

    private static ConfigException findConfigException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException) {
                return (ConfigException) cause;
            }
        }
        return null;
    }
}

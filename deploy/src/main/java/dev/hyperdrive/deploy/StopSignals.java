package dev.hyperdrive.deploy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes SIGINT and SIGTERM away from the JVM's default handling (which starts every shutdown hook at once,
 * in no order) so {@link Foreground} can close services in its own order first. Java has no public signal
 * API; {@code sun.misc.Signal} (module jdk.unsupported, exported for exactly this use) is looked up
 * reflectively so the build stays free of internal-API warnings.
 */
final class StopSignals {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> STOP_SIGNALS = List.of("INT", "TERM");

    private StopSignals() {
    }

    /**
     * Calls {@code onSignal} with the signal's number (2 or 15) on a thread of its own for every SIGINT or
     * SIGTERM. Returns false where the handlers cannot be installed (no jdk.unsupported, or {@code -Xrs}):
     * the JVM then shuts down as usual and running shutdown hooks is all that is left.
     */
    static boolean install(IntConsumer onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerInterface = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerInterface);
            Method number = signalClass.getMethod("getNumber");
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerInterface},
                    dispatcher(number, onSignal));
            for (String name : STOP_SIGNALS) {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            }
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            log.debug("cannot handle SIGINT/SIGTERM ourselves; relying on shutdown hooks", e);
            return false;
        }
    }

    private static InvocationHandler dispatcher(Method number, IntConsumer onSignal) {
        return (proxy, method, args) -> {
            switch (method.getName()) {
                case "handle":
                    onSignal.accept((Integer) number.invoke(args[0]));
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return "StopSignals.handler";
            }
        };
    }
}

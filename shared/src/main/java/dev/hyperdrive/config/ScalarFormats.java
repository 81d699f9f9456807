package dev.hyperdrive.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text formats of typed configuration values. Each parser throws {@link IllegalArgumentException}
 * whose message completes the sentence "key: ..." (e.g. "must be true or false, got 'yes'").
 */
final class ScalarFormats {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h)?");
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d{1,15})\\s*(B|kB|KB|MB|GB|TB)?");

    private static final Map<String, ChronoUnit> DURATION_UNITS = Map.of(
            "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS);
    private static final Map<String, Integer> BYTE_UNIT_SHIFTS = Map.of("B", 0, "KB", 10, "MB", 20, "GB", 30, "TB", 40);

    private ScalarFormats() {
    }

    static int integer(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** YAML 1.2's booleans only: "yes"/"on" are YAML 1.1 surprises we refuse rather than guess. */
    static boolean bool(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("must be true or false, got '" + text + "'");
        }
    }

    /** "250ms", "15s", "10m", "1h", or a bare number of seconds. */
    static Duration duration(String text) {
        Matcher matcher = match(DURATION, text,
                "must be a duration such as 250ms, 15s, 10m, 1h or a whole number of seconds, got '" + text + "'");
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return Duration.of(Long.parseLong(matcher.group(1)), DURATION_UNITS.get(unit));
    }

    /** PostgreSQL's memory units (powers of 1024): "512kB", "64MB", "1GB", or a bare number of bytes. */
    static long byteSize(String text) {
        Matcher matcher = match(BYTE_SIZE, text,
                "must be a size such as 512kB, 64MB, 1GB or a whole number of bytes, got '" + text + "'");
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        int shift = BYTE_UNIT_SHIFTS.get(unit);
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("is too large, got '" + text + "'");
        }
        return amount << shift;
    }

    private static Matcher match(Pattern pattern, String text, String complaint) {
        Matcher matcher = pattern.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(complaint);
        }
        return matcher;
    }

    /** Matches an enum constant by name, ignoring case and treating '-' like '_' (scram-sha-256). */
    static <E extends Enum<E>> E enumValue(String text, Class<E> type) {
        String wanted = normalize(text);
        for (E constant : type.getEnumConstants()) {
            if (normalize(constant.name()).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + String.join(", ", Suggestions.enumNames(type))
                + ", got '" + text + "'");
    }

    static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }
}

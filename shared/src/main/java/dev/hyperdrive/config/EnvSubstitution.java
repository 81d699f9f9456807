package dev.hyperdrive.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in a scalar value with the environment variable's value, so secrets stay
 * out of configuration files. {@code ${NAME:-fallback}} uses the fallback when the variable is unset
 * or empty, as shells do; {@code $${} writes a literal {@code ${}; any other {@code $} is literal.
 * The result is not scanned again, so a variable's value may itself contain {@code ${}.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvSubstitution() {
    }

    /**
     * @throws IllegalArgumentException naming the unset variable or the malformed reference
     */
    static String substitute(String text, Map<String, String> env) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("'${' without a closing '}' (write $${ for a literal ${)");
                }
                out.append(resolve(text.substring(i + 2, close), env));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String resolve(String reference, Map<String, String> env) {
        int fallbackAt = reference.indexOf(":-");
        String name = fallbackAt < 0 ? reference : reference.substring(0, fallbackAt);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'${" + reference + "}' is not a valid environment variable reference"
                    + " (expected ${NAME} or ${NAME:-fallback})");
        }
        String value = env.get(name);
        if (fallbackAt >= 0 && (value == null || value.isEmpty())) {
            return reference.substring(fallbackAt + 2);
        }
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value;
    }
}

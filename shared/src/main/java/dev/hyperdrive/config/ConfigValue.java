package dev.hyperdrive.config;

import java.util.List;

/** A value in the parsed configuration tree, remembering the line it was written on. */
sealed interface ConfigValue permits ConfigNode, ConfigValue.Scalar, ConfigValue.Sequence {

    /** 1-based line of the value's first character. */
    int line();

    /** How the value reads in an error message: "an object", "a list", "a value". */
    String kind();

    /** A scalar after environment substitution; {@code text} is null for YAML null ({@code ~}, {@code null}, nothing). */
    record Scalar(String text, int line) implements ConfigValue {
        @Override
        public String kind() {
            return text == null ? "an empty value" : "a value";
        }
    }

    /** A YAML sequence. */
    record Sequence(List<ConfigValue> items, int line) implements ConfigValue {
        @Override
        public String kind() {
            return "a list";
        }
    }
}

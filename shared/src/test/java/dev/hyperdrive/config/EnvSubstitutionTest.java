package dev.hyperdrive.config;

import static dev.hyperdrive.config.ConfigNodeTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

    private static final Map<String, String> ENV = Map.of(
            "DB_PASSWORD", "s3cret",
            "DB_HOST", "db.internal",
            "PORT", "5432",
            "EMPTY", "",
            "TRICKY", "${DB_PASSWORD}");

    private static ConfigNode parse(String yaml) {
        return ConfigNode.parse(yaml, "endpoint.yaml", ENV);
    }

    @Test
    void substitutesVariablesInScalarValues() {
        ConfigNode root = parse("password: ${DB_PASSWORD}\n"
                + "url: \"postgres://${DB_HOST}:${PORT}/app\"\n"
                + "port: ${PORT}\n"
                + "hosts: [\"${DB_HOST}\", other]\n"
                + "nested: {inner: '${DB_PASSWORD}'}\n");
        assertThat(root.requiredString("password")).isEqualTo("s3cret");
        assertThat(root.requiredString("url")).isEqualTo("postgres://db.internal:5432/app");
        assertThat(root.integer("port", 0, 1, 65535)).isEqualTo(5432);
        assertThat(root.stringList("hosts")).containsExactly("db.internal", "other");
        assertThat(root.requiredObject("nested").requiredString("inner")).isEqualTo("s3cret");
    }

    @Test
    void missingVariableNamesKeyLineAndVariable() {
        assertFails(() -> parse("site: x\ndatabases:\n  - name: shop\n    password: ${SHOP_PASSWORD}\n"),
                "endpoint.yaml:4: databases[0].password: environment variable SHOP_PASSWORD is not set");
        assertFails(() -> parse("hosts: [a, \"${NOPE}\"]\n"), "endpoint.yaml:1: hosts[1]: environment variable NOPE is not set");
    }

    @Test
    void fallbackAppliesWhenUnsetOrEmpty() {
        ConfigNode root = parse("a: ${UNSET:-6432}\nb: ${EMPTY:-x}\nc: ${PORT:-1}\nd: ${UNSET:-}\n");
        assertThat(root.requiredString("a")).isEqualTo("6432");
        assertThat(root.requiredString("b")).isEqualTo("x");
        assertThat(root.requiredString("c")).isEqualTo("5432");
        assertThat(root.optionalString("d")).contains("");
    }

    @Test
    void doubleDollarEscapesAndLoneDollarsAreLiteral() {
        ConfigNode root = parse("a: \"$${NOT_A_VAR}\"\nb: cost$5 and $HOME\nc: ${TRICKY}\n");
        assertThat(root.requiredString("a")).isEqualTo("${NOT_A_VAR}");
        assertThat(root.requiredString("b")).isEqualTo("cost$5 and $HOME");
        assertThat(root.requiredString("c")).as("a value is not scanned again").isEqualTo("${DB_PASSWORD}");
    }

    @Test
    void malformedReferencesAreErrors() {
        assertFails(() -> parse("a: \"${DB_HOST\"\n"),
                "endpoint.yaml:1: a: '${' without a closing '}' (write $${ for a literal ${)");
        assertFails(() -> parse("a: \"${1BAD}\"\n"),
                "endpoint.yaml:1: a: '${1BAD}' is not a valid environment variable reference (expected ${NAME} or ${NAME:-fallback})");
    }

    @Test
    void keysAndNullsAreLeftAlone() {
        ConfigNode root = parse("\"${PORT}\": 1\nempty:\n");
        assertThat(root.keys()).containsExactly("${PORT}", "empty");
        assertThat(root.has("empty")).isFalse();
    }
}

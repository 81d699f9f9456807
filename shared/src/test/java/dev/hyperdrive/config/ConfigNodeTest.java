package dev.hyperdrive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigNodeTest {

    static ConfigNode parse(String yaml) {
        return ConfigNode.parse(yaml, "edge.yaml", Map.of());
    }

    static void assertFails(Runnable action, String message) {
        assertThatThrownBy(action::run).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    private static final String EDGE = String.join("\n",
            "site: chicago",                       // 1
            "listen: 0.0.0.0:6432",                // 2
            "databases:",                          // 3
            "  - name: shop",                      // 4
            "    pool:",                           // 5
            "      default_pool_size: 0",          // 6
            "  - name: blog",                      // 7
            "    tags: [a, b]",                    // 8
            "");

    @Test
    void readsNestedObjectsAndListsWithTheirPaths() {
        ConfigNode root = parse(EDGE);
        assertThat(root.path()).isEmpty();
        assertThat(root.requiredString("site")).isEqualTo("chicago");
        assertThat(root.keys()).containsExactly("site", "listen", "databases");

        var databases = root.objectList("databases");
        assertThat(databases).hasSize(2);
        assertThat(databases.get(0).path()).isEqualTo("databases[0]");
        assertThat(databases.get(0).line()).isEqualTo(4);
        assertThat(databases.get(0).requiredObject("pool").path()).isEqualTo("databases[0].pool");
        assertThat(databases.get(1).stringList("tags")).containsExactly("a", "b");
        assertThat(databases.get(1).optionalObject("pool")).isEmpty();
        assertThat(root.objectList("absent")).isEmpty();
        assertThat(root.stringList("absent")).isEmpty();
    }

    @Test
    void rangeErrorNamesFileLineAndKeyPath() {
        ConfigNode pool = parse(EDGE).objectList("databases").get(0).requiredObject("pool");
        assertFails(() -> pool.integer("default_pool_size", 20, 1, 10_000),
                "edge.yaml:6: databases[0].pool.default_pool_size: must be between 1 and 10000, got 0");
    }

    @Test
    void missingRequiredKeyNamesTheParentObjectsLine() {
        ConfigNode second = parse(EDGE).objectList("databases").get(1);
        assertFails(() -> second.requiredString("password"),
                "edge.yaml:7: databases[1].password: required key is missing (in the object starting at line 7)");
        assertFails(() -> second.requiredObject("pool"),
                "edge.yaml:7: databases[1].pool: required key is missing (in the object starting at line 7)");
        assertFails(() -> parse(EDGE).requiredString("region"), "edge.yaml:1: region: required key is missing");
        assertFails(() -> parse("").requiredString("site"), "edge.yaml:1: site: required key is missing");
    }

    @Test
    void emptyValuesCountAsUnsetButRequiredOnesFail() {
        ConfigNode root = parse("site:\nname: ~\npool:\n");
        assertThat(root.has("site")).isFalse();
        assertThat(root.optionalString("name")).isEmpty();
        assertThat(root.string("name", "fallback")).isEqualTo("fallback");
        assertThat(root.optionalObject("pool")).isEmpty();
        assertFails(() -> root.requiredString("site"), "edge.yaml:1: site: must not be empty");
        assertFails(() -> root.requiredObject("pool"), "edge.yaml:3: pool: must be an object, got an empty value");
    }

    @Test
    void wrongKindsOfValueAreNamed() {
        ConfigNode root = parse("site: [a]\npool: 5\nlist: {a: 1}\nnames: [x, {y: 1}]\nobjs: [{a: 1}, 2]\n");
        assertFails(() -> root.requiredString("site"), "edge.yaml:1: site: must be a single value, got a list");
        assertFails(() -> root.optionalObject("pool"), "edge.yaml:2: pool: must be an object, got a value");
        assertFails(() -> root.objectList("list"), "edge.yaml:3: list: must be a list, got an object");
        assertFails(() -> root.stringList("names"), "edge.yaml:4: names[1]: must be a value, got an object");
        assertFails(() -> root.objectList("objs"), "edge.yaml:5: objs[1]: must be an object, got a value");
    }

    @Test
    void unknownKeySuggestsTheClosestAllowedKey() {
        ConfigNode pool = parse("pool:\n  min_pool_size: 1\n  default_pol_size: 5\n").requiredObject("pool");
        assertFails(() -> pool.rejectUnknownKeys("default_pool_size", "min_pool_size", "max_client_conn"),
                "edge.yaml:3: pool.default_pol_size: unknown key (did you mean default_pool_size?)");
    }

    @Test
    void unknownKeySuggestsAcrossCaseAndDashes() {
        assertFails(() -> parse("Default-Pool-Size: 1\n").rejectUnknownKeys("default_pool_size"),
                "edge.yaml:1: Default-Pool-Size: unknown key (did you mean default_pool_size?)");
    }

    @Test
    void unknownKeyWithoutACloseMatchListsTheAllowedKeys() {
        assertFails(() -> parse("site: x\ncolour: blue\n").rejectUnknownKeys("site", "listen"),
                "edge.yaml:2: colour: unknown key (allowed keys: site, listen)");
        parse("site: x\n").rejectUnknownKeys("site", "listen");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertFails(() -> parse("site: a\nlisten: x:1\nsite: b\n"),
                "edge.yaml:3: site: duplicate key (first set at line 1)");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> parse("site: a\npool:\n  size: [1, 2\nnext: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("edge.yaml:4: invalid YAML: ");
        assertThatThrownBy(() -> parse("a: b\n  c: d\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("edge.yaml:2: invalid YAML: ");
    }

    @Test
    void theFileMustBeOneObject() {
        assertFails(() -> parse("- a\n- b\n"), "edge.yaml:1: the file must hold an object of 'key: value' lines, got a list");
        assertFails(() -> parse("a: 1\n---\nb: 2\n"),
                "edge.yaml:3: only one YAML document is allowed per file (found a second '---')");
        assertThat(parse("# only a comment\n").keys()).isEmpty();
    }

    @Test
    void keysMustBePlainNames() {
        assertFails(() -> parse("? [a, b]\n: 1\n"), "edge.yaml:1: keys must be plain names, not lists or objects");
    }

    @Test
    void mergeKeysShareDefaultsAndExplicitKeysWin() {
        ConfigNode root = parse("defaults: &pool {size: 3, mode: transaction}\nshop:\n  <<: *pool\n  size: 9\n");
        ConfigNode shop = root.requiredObject("shop");
        assertThat(shop.integer("size", 0, 0, 10)).isEqualTo(9);
        assertThat(shop.requiredString("mode")).isEqualTo("transaction");
        assertFails(() -> shop.integer("mode", 0, 0, 10), "edge.yaml:1: shop.mode: must be a whole number, got 'transaction'");
    }

    @Test
    void aliasesAreResolvedButSelfReferenceIsRefused() {
        ConfigNode root = parse("base: &b {size: 3}\ncopy: *b\n");
        assertThat(root.requiredObject("copy").integer("size", 0, 0, 10)).isEqualTo(3);
        assertFails(() -> parse("loop: &x [*x]\n"), "edge.yaml:1: loop: an alias may not refer to an enclosing anchor");
    }

    @Test
    void errorHelpersPointAtTheKeyOrTheObject() {
        ConfigNode db = parse(EDGE).objectList("databases").get(1);
        assertThat(db.error("name", "must be unique")).hasMessage("edge.yaml:7: databases[1].name: must be unique");
        assertThat(db.error("cache", "needs a pool")).hasMessage("edge.yaml:7: databases[1].cache: needs a pool");
        assertThat(db.error("conflicts with databases[0]")).hasMessage("edge.yaml:7: databases[1]: conflicts with databases[0]");
        ConfigException error = db.error("tags", "bad");
        assertThat(error.source()).isEqualTo("edge.yaml");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.keyPath()).isEqualTo("databases[1].tags");
    }

    @Test
    void loadsFilesAndNamesThemInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("endpoint.yaml");
        Files.writeString(file, "site: london\nsecret: ${SECRET}\n");
        ConfigNode root = ConfigNode.load(file, Map.of("SECRET", "s3"));
        assertThat(root.requiredString("secret")).isEqualTo("s3");
        assertFails(() -> root.requiredString("nope"), file + ":1: nope: required key is missing");

        Path missing = dir.resolve("absent.yaml");
        assertFails(() -> ConfigNode.load(missing), missing + ": no such file");
        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe});
        assertFails(() -> ConfigNode.load(binary), binary + ": not valid UTF-8 text");
    }
}

package dev.hyperdrive.config;

import static dev.hyperdrive.config.ConfigNodeTest.assertFails;
import static dev.hyperdrive.config.ConfigNodeTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TypedValuesTest {

    enum PoolMode { SESSION, TRANSACTION }

    enum AuthMethod { SCRAM_SHA_256, MD5 }

    @Test
    void integers() {
        ConfigNode root = parse("size: 20\nquoted: \"7\"\nword: many\nhuge: 99999999999\n");
        assertThat(root.integer("size", 1, 1, 100)).isEqualTo(20);
        assertThat(root.integer("quoted", 1, 1, 100)).isEqualTo(7);
        assertThat(root.integer("absent", 5, 1, 100)).isEqualTo(5);
        assertFails(() -> root.integer("size", 1, 1, 10), "edge.yaml:1: size: must be between 1 and 10, got 20");
        assertFails(() -> root.integer("word", 1, 1, 10), "edge.yaml:3: word: must be a whole number, got 'many'");
        assertFails(() -> root.integer("huge", 1, 1, 10), "edge.yaml:4: huge: must be a whole number, got '99999999999'");
    }

    @Test
    void booleansAreYaml12Only() {
        ConfigNode root = parse("a: true\nb: False\nc: yes\n");
        assertThat(root.bool("a", false)).isTrue();
        assertThat(root.bool("b", true)).isFalse();
        assertThat(root.bool("absent", true)).isTrue();
        assertFails(() -> root.bool("c", false), "edge.yaml:3: c: must be true or false, got 'yes'");
    }

    @Test
    void durations() {
        ConfigNode root = parse("a: 250ms\nb: 15s\nc: 10m\nd: 1h\ne: 30\nf: 0\ng: 1.5s\nh: -1s\ni: 3d\n");
        assertThat(root.duration("a", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(root.duration("b", null)).isEqualTo(Duration.ofSeconds(15));
        assertThat(root.duration("c", null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(root.duration("d", null)).isEqualTo(Duration.ofHours(1));
        assertThat(root.duration("e", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(root.duration("f", null)).isEqualTo(Duration.ZERO);
        assertThat(root.duration("absent", Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        for (String key : new String[] {"g", "h", "i"}) {
            String value = root.requiredString(key);
            int line = key.charAt(0) - 'a' + 1;
            assertFails(() -> root.duration(key, null), "edge.yaml:" + line + ": " + key
                    + ": must be a duration such as 250ms, 15s, 10m, 1h or a whole number of seconds, got '" + value + "'");
        }
    }

    @Test
    void byteSizesUsePostgresUnits() {
        ConfigNode root = parse("a: 512kB\nb: 64MB\nc: 1GB\nd: 4096\ne: 2 TB\nf: 1.5GB\ng: 99999999999999TB\n");
        assertThat(root.byteSize("a", 0)).isEqualTo(512L * 1024);
        assertThat(root.byteSize("b", 0)).isEqualTo(64L * 1024 * 1024);
        assertThat(root.byteSize("c", 0)).isEqualTo(1L << 30);
        assertThat(root.byteSize("d", 0)).isEqualTo(4096);
        assertThat(root.byteSize("e", 0)).isEqualTo(2L << 40);
        assertThat(root.byteSize("absent", 77)).isEqualTo(77);
        assertFails(() -> root.byteSize("f", 0),
                "edge.yaml:6: f: must be a size such as 512kB, 64MB, 1GB or a whole number of bytes, got '1.5GB'");
        assertFails(() -> root.byteSize("g", 0), "edge.yaml:7: g: is too large, got '99999999999999TB'");
    }

    @Test
    void enums() {
        ConfigNode root = parse("mode: transaction\nauth: scram-sha-256\nbad: statement\n");
        assertThat(root.enumValue("mode", PoolMode.class, PoolMode.SESSION)).isEqualTo(PoolMode.TRANSACTION);
        assertThat(root.enumValue("auth", AuthMethod.class, AuthMethod.MD5)).isEqualTo(AuthMethod.SCRAM_SHA_256);
        assertThat(root.enumValue("absent", PoolMode.class, PoolMode.SESSION)).isEqualTo(PoolMode.SESSION);
        assertFails(() -> root.enumValue("bad", PoolMode.class, PoolMode.SESSION),
                "edge.yaml:3: bad: must be one of session, transaction, got 'statement'");
    }

    @Test
    void hostPorts() {
        ConfigNode root = parse("a: db.internal:5432\nb: \"[::1]:6432\"\nc: 0.0.0.0:0\nd: nohost\ne: h:70000\nf: \":5432\"\n");
        assertThat(root.hostPort("a", null)).isEqualTo(new HostPort("db.internal", 5432));
        assertThat(root.hostPort("b", null)).isEqualTo(new HostPort("::1", 6432));
        assertThat(root.requiredHostPort("c")).isEqualTo(new HostPort("0.0.0.0", 0));
        assertThat(root.hostPort("absent", new HostPort("localhost", 1))).isEqualTo(new HostPort("localhost", 1));
        assertFails(() -> root.hostPort("d", null),
                "edge.yaml:4: d: expected host:port (IPv6 addresses in brackets: [::1]:5432), got 'nohost'");
        assertFails(() -> root.hostPort("e", null), "edge.yaml:5: e: port must be between 0 and 65535, got 70000");
        assertFails(() -> root.hostPort("f", null), "edge.yaml:6: f: expected host:port with a host, got ':5432'");
        assertFails(() -> root.requiredHostPort("absent"), "edge.yaml:1: absent: required key is missing");
    }

    @Test
    void hostPortPrintsWhatItParses() {
        for (String text : new String[] {"db:5432", "[::1]:6432", "10.0.0.7:0"}) {
            assertThat(HostPort.parse(text).toString()).isEqualTo(text);
        }
    }
}

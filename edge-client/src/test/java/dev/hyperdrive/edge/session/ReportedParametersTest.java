package dev.hyperdrive.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.proto.relay.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportedParametersTest {
  private static final List<Parameter> ORIGIN = List.of(
      parameter("application_name", ""), parameter("DateStyle", "ISO, MDY"), parameter("TimeZone", "Etc/UTC"),
      parameter("client_encoding", "UTF8"), parameter("server_version", "17.2"));

  @Test
  void originValuesAreReportedWhenTheDriverSetNothing() {
    assertThat(compose(Map.of())).containsExactly(
        Map.entry("application_name", ""), Map.entry("DateStyle", "ISO, MDY"), Map.entry("TimeZone", "Etc/UTC"),
        Map.entry("client_encoding", "UTF8"), Map.entry("server_version", "17.2"));
  }

  @Test
  void settingsTheDriverChoseAreReportedAsPostgresqlWouldReportThem() {
    Map<String, String> startup = new LinkedHashMap<>();
    startup.put("application_name", "billing");
    startup.put("DateStyle", "ISO");
    startup.put("TimeZone", "Europe/London");
    startup.put("client_encoding", "utf-8");
    startup.put("extra_float_digits", "3");
    Map<String, String> reported = compose(startup);
    assertThat(reported).containsEntry("application_name", "billing").containsEntry("DateStyle", "ISO, MDY")
        .containsEntry("TimeZone", "Europe/London").containsEntry("client_encoding", "UTF8")
        .containsEntry("server_version", "17.2").doesNotContainKey("extra_float_digits");
  }

  @Test
  void applicationNameIsReportedEvenIfTheOriginDidNot() {
    Map<String, String> reported = ReportedParameters.compose(List.of(parameter("server_version", "16.4")),
        Map.of("application_name", "psql")).stream()
        .collect(Collectors.toMap(Parameter::getName, Parameter::getValue));
    assertThat(reported).containsEntry("application_name", "psql");
  }

  private static Map<String, String> compose(Map<String, String> startup) {
    Map<String, String> reported = new LinkedHashMap<>();
    ReportedParameters.compose(ORIGIN, startup).forEach(p -> reported.put(p.getName(), p.getValue()));
    return reported;
  }

  private static Parameter parameter(String name, String value) {
    return Parameter.newBuilder().setName(name).setValue(value).build();
  }
}

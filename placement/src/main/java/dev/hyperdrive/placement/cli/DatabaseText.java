package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** The CLI's rendering of databases: {@code get}'s details and {@code list}'s table. */
final class DatabaseText {

  private DatabaseText() {}

  static void details(Database database, PrintWriter out) {
    Instant now = Instant.now();
    out.printf("name:              %s%n", database.getName());
    out.printf("origin:            %s%s%n", CliText.origin(database.getOrigin()),
        database.getOrigin().getHasCaCertificate() ? ", CA certificate set" : "");
    out.printf("caching:           %s%n", CliText.caching(database.getCaching()));
    out.printf("pool size:         %d%n", database.getPool().getDefaultPoolSize());
    out.printf("connection string: %s%n", database.getEdgeCredentials().getConnectionString());
    out.printf("placed at:         %s%n", database.getChosenSite().isEmpty() ? "(not yet measured)" : database.getChosenSite());
    out.printf("created:           %s%n", CliText.time(database.getCreatedAt(), now));
    out.printf("updated:           %s%n", CliText.time(database.getUpdatedAt(), now));
  }

  static void table(List<Database> databases, PrintWriter out) {
    if (databases.isEmpty()) {
      out.println("No databases. Create one with: hyperdrive create NAME --connection-string postgres://...");
      return;
    }
    String format = "%-20s %-14s %-50s %s%n";
    out.printf(format, "NAME", "PLACED AT", "ORIGIN", "CACHING");
    for (Database database : databases) {
      out.printf(format, database.getName(),
          database.getChosenSite().isEmpty() ? "-" : database.getChosenSite(),
          CliText.origin(database.getOrigin()), CliText.caching(database.getCaching()));
    }
  }
}

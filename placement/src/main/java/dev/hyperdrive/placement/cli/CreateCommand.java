package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.CreateDatabaseReply;
import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code create NAME --connection-string URL}: validate the origin, save the database, print its edge URL. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Register a database: placement validates the origin from an endpoint site at once, saves it, "
        + "prints the connection string applications use, and measures every site in the background.")
public final class CreateCommand extends ControlPlaneCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The database name applications connect to.")
  String name;

  @Option(names = "--connection-string", required = true, paramLabel = "URL",
      description = "The origin: postgres://user:password@host:5432/database[?sslmode=require&sslrootcert=ca.pem]")
  String connectionString;

  @Mixin DatabaseOptionsMixin options;

  @Override
  void run(ManagedChannel placement, PrintWriter out) {
    CreateDatabaseRequest request = CreateDatabaseRequest.newBuilder()
        .setName(name)
        .setOrigin(OriginConnectionStringOption.parse(spec, connectionString))
        .setOptions(options.toProto())
        .build();
    CreateDatabaseReply reply = PlacementControlGrpc.newBlockingStub(placement)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .createDatabase(request);
    out.printf("Validated from site %s: connected in %.1f ms (PostgreSQL %s).%n", reply.getValidatedFromSite(),
        reply.getValidationSetupMicros() / 1000.0, reply.getServerVersion());
    out.printf("Created database %s.%n", name);
    out.printf("Connection string for applications (through their edge client):%n  %s%n",
        reply.getDatabase().getEdgeCredentials().getConnectionString());
    out.printf("Placement is measuring every endpoint site now: hyperdrive placement show %s%n", name);
  }
}

package dev.hyperdrive.placement.cli;

import dev.hyperdrive.placement.ProtoTime;
import dev.hyperdrive.placement.SiteRankings;
import dev.hyperdrive.proto.placement.PlacementStatus;
import dev.hyperdrive.proto.placement.RunProgress;
import dev.hyperdrive.proto.placement.SiteRanking;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * {@code placement show}'s output: the ranking as a table of sites with their average set-up time,
 * the chosen site marked {@code *}, when it was measured, and the progress of a run under way.
 */
final class PlacementTable {

  private static final String ROW = "  %-1s %-16s %-12s %12s %9s   %s%n";

  private PlacementTable() {}

  static void print(PlacementStatus status, Instant now, PrintWriter out) {
    if (!status.hasRanking()) {
      out.printf("Placement of %s: no ranking yet.%n", status.getDatabase());
    } else {
      out.printf("Placement of %s, measured %s:%n", status.getDatabase(),
          CliText.time(status.getRanking().getMeasuredAt(), now));
      out.printf(ROW, "", "SITE", "REGION", "AVG SET-UP", "SET-UPS", "NOTE");
      boolean chosen = false;
      for (SiteRanking site : status.getRanking().getSitesList()) {
        boolean mark = !chosen && SiteRankings.usable(site);
        chosen |= mark;
        out.printf(ROW, mark ? "*" : "", site.getSite(), site.getRegion(), average(site),
            site.getSuccessfulSetups() + "/" + (site.getSuccessfulSetups() + site.getFailedSetups()), note(site));
      }
      if (!chosen) {
        out.println("No site could connect to the origin: edges have nowhere to send its sessions.");
      }
    }
    if (status.hasRun()) {
      out.println(progress(status.getRun(), now));
    }
  }

  static String progress(RunProgress run, Instant now) {
    String done = run.getSitesDoneList().stream()
        .map(site -> site.getSite() + " " + average(site).trim())
        .collect(Collectors.joining(", "));
    return String.format("Run under way (%s, started %s): %d of %d sites answered%s", run.getTrigger(),
        CliText.ago(Duration.between(ProtoTime.toInstant(run.getStartedAt()), now)), run.getSitesDoneCount(),
        run.getSitesTotal(), done.isEmpty() ? "" : " (" + done + ")");
  }

  private static String average(SiteRanking site) {
    return SiteRankings.usable(site) ? String.format("%.1f ms", site.getAverageSetupMillis()) : "-";
  }

  private static String note(SiteRanking site) {
    if (!site.hasFailure()) {
      return "";
    }
    String sqlstate = site.getFailure().getSqlstate().isEmpty() ? "" : " [" + site.getFailure().getSqlstate() + "]";
    return site.getFailure().getKind() + sqlstate + ": " + site.getFailure().getMessage();
  }
}

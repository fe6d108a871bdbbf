package dev.operator.cognito.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static final String HEADER =
      "| date | machine | users | create | rotate | latency | no-op | rate | heap | RSS | start |"
          + " API server |";

  private static final String BENCHMARKS =
      String.join(
          "\n",
          "# Benchmarks",
          "<!-- rows: bench/run appends below -->",
          HEADER,
          "|---|---|---|---|---|---|---|---|---|---|---|---|",
          row("1000", "8.0", "memory"),
          "",
          "## A later section",
          "",
          "| field | before | after |",
          "|---|---|---|",
          "");

  @Test
  void aRowGoesAfterTheResultsTableNotAtTheEndOfTheFile() {
    String added = row("1000", "20.0", "real");

    List<String> lines = List.of(Report.withRow(BENCHMARKS, added).split("\n", -1));

    assertThat(lines.indexOf(added)).isEqualTo(lines.indexOf(row("1000", "8.0", "memory")) + 1);
    assertThat(lines.get(lines.indexOf(added) + 1)).isEmpty();
    assertThat(lines.get(lines.size() - 2)).isEqualTo("|---|---|---|");
  }

  @Test
  void theScaleFigureTakesTheLatestRowPerUsersOfItsOwnApiServer() {
    String markdown =
        Report.withRow(
            Report.withRow(BENCHMARKS, row("1000", "20.0", "real")), row("1000", "30.0", "real"));

    List<String> lines = List.of(markdown.split("\n", -1));

    assertThat(Report.latestByUsers(lines, "real")).containsOnlyKeys(1000);
    assertThat(Report.latestByUsers(lines, "real").get(1000)[0]).isEqualTo(30.0);
    assertThat(Report.latestByUsers(lines, "memory").get(1000)[0]).isEqualTo(8.0);
  }

  private static String row(String users, String createS, String apiServer) {
    return String.join(
        " | ",
        "| 2026-11-30",
        "2 cores",
        users,
        createS + " (5.0x; accepted 4.0)",
        "6.0 (4.0x; accepted 3.0)",
        "14 / 30",
        "0",
        "95 of 100 (max 100)",
        "27.0 / 29.0 (+20000 Secrets)",
        "290",
        "3.0",
        apiServer + " |");
  }
}

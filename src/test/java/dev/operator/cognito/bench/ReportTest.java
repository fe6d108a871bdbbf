package dev.operator.cognito.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  @Test
  void aWholeRunsRowPutsTheGeneratedRotationAfterTheApiServerSoOlderRowsKeepTheirColumns() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("users", 1000);
    r.put("create_converge_s", 25.0);
    r.put("rotate_converge_s", 15.0);
    r.put("heap_used_mib_without_unrelated_secrets", 38.0);
    r.put("apiserver", "real");
    r.put("rotate_generated_p50_s", 24.1);
    r.put("rotate_generated_max_s", 49.9);
    r.put("rotate_generated_max_over_median", 2.07);
    r.put("rotate_generated_duration_s", 51.2);
    r.put("rotate_generated_busiest_second_writes", 20);
    r.put("rotate_generated_limit_rps", 20.0);

    String row = Report.row(r, LocalDate.of(2026, 11, 30), "2 cores");
    List<String> lines = List.of(Report.withRow(BENCHMARKS, row).split("\n", -1));

    String[] cells = row.split("\\|");
    assertThat(cells[12].trim()).isEqualTo("real");
    assertThat(cells[13].trim())
        .isEqualTo("24.1 / 49.9 (2.07x; 51.2 s; busiest second 20 of 20.0)");
    // the older row, one cell shorter, and the new one are both read for the scale figure
    assertThat(Report.latestByUsers(lines, "real").get(1000)[0]).isEqualTo(25.0);
    assertThat(Report.latestByUsers(lines, "memory").get(1000)[0]).isEqualTo(8.0);
  }

  @Test
  void aFifoDrainAtAFixedRateWaitsTwiceTheMedianAtMostAndNoSecondHoldsMoreThanTheRate() {
    // 1,000 users due at once, written one every 50 ms (20 a second) in the order they were asked
    List<Double> waits = new ArrayList<>();
    List<Long> writes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      waits.add((i + 1) * 0.05);
      writes.add(1_000_000_000L + i * 50_000_000L);
    }

    Map<String, Object> fields = Report.rotationWaits(waits, writes);

    assertThat(fields)
        .containsEntry("rotate_generated_min_s", 0.05)
        .containsEntry("rotate_generated_p50_s", 25.0)
        .containsEntry("rotate_generated_max_s", 50.0)
        .containsEntry("rotate_generated_max_over_median", 2.0)
        .containsEntry("rotate_generated_writes", 1000)
        .containsEntry("rotate_generated_busiest_second_writes", 20);
  }

  @Test
  void theBusiestSecondCountsAnyOneSecondWindowNotCalendarSeconds() {
    // 10 calls in the last half of one second and 10 in the first half of the next
    List<Long> writes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      writes.add(500_000_000L + i * 40_000_000L);
      writes.add(1_000_000_000L + i * 40_000_000L);
    }

    assertThat(Report.busiestSecond(writes)).isEqualTo(20);
    assertThat(Report.busiestSecond(List.of())).isZero();
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

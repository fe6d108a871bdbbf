package dev.operator.cognito.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * target/bench/results.json, a row in BENCHMARKS.md's results table, and the figures it links, each
 * saying which API server the run had: figures from the two are not comparable.
 */
final class Report {

  private static final Path RESULTS = Path.of("target", "bench", "results.json");
  private static final Path TABLE = Path.of("BENCHMARKS.md");
  private static final Path FIGURES = Path.of("bench", "figures");
  private static final String ROWS_START = "<!-- rows: bench/run appends below -->";

  private Report() {}

  static void print(Map<String, Object> results) {
    results.forEach((k, v) -> System.out.printf("  %-42s %s%n", k, v));
  }

  static void write(Map<String, Object> results, List<Double> latenciesMs) throws IOException {
    writeResults(results);
    addRow(results);
    Files.createDirectories(FIGURES);
    String apiServer = str(results, "apiserver");
    latencyFigure(latenciesMs, (int) results.get("users"), apiServer);
    scaleFigure(apiServer);
  }

  /** target/bench/results.json, and the figures printed: a partial run's report, and the start of a whole run's. */
  static void writeResults(Map<String, Object> results) throws IOException {
    Files.createDirectories(RESULTS.getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(RESULTS.toFile(), results);
    System.out.println("bench: results in " + RESULTS);
    print(results);
  }

  private static void addRow(Map<String, Object> r) throws IOException {
    String machine =
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + Math.round(memoryGib())
            + " GiB, Java "
            + System.getProperty("java.version");
    Files.writeString(TABLE, withRow(Files.readString(TABLE), row(r, LocalDate.now(), machine)));
    System.out.println("bench: a row added to " + TABLE);
  }

  /**
   * A whole run's row of the results table. The generated-password rotation came last, after the
   * API server column, so that the rows before it (one cell fewer) keep their columns.
   */
  static String row(Map<String, Object> r, LocalDate date, String machine) {
    return "| "
            + String.join(
                " | ",
                date.toString(),
                machine,
                str(r, "users"),
                str(r, "create_converge_s")
                    + " ("
                    + str(r, "create_ratio")
                    + "x; accepted "
                    + str(r, "create_api_server_accepted_s")
                    + ")",
                str(r, "rotate_converge_s")
                    + " ("
                    + str(r, "rotate_ratio")
                    + "x; accepted "
                    + str(r, "rotate_api_server_accepted_s")
                    + ")",
                str(r, "rotation_latency_ms_p50") + " / " + str(r, "rotation_latency_ms_p99"),
                str(r, "noop_resync_writes"),
                str(r, "rate_achieved_rps")
                    + " of "
                    + str(r, "rate_limit_rps")
                    + " (max "
                    + str(r, "rate_max_in_any_second")
                    + ")",
                str(r, "heap_used_mib_without_unrelated_secrets")
                    + " / "
                    + str(r, "heap_used_mib")
                    + " (+"
                    + str(r, "unrelated_secrets")
                    + " Secrets)",
                str(r, "rss_mib"),
                str(r, "startup_to_ready_s"),
                str(r, "apiserver"),
                str(r, "rotate_generated_p50_s")
                    + " / "
                    + str(r, "rotate_generated_max_s")
                    + " ("
                    + str(r, "rotate_generated_max_over_median")
                    + "x; "
                    + str(r, "rotate_generated_duration_s")
                    + " s; busiest second "
                    + str(r, "rotate_generated_busiest_second_writes")
                    + " of "
                    + str(r, "rotate_generated_limit_rps")
                    + ")")
        + " |";
  }

  /**
   * The figures of the generated-password rotation: each user's wait from its annotation being
   * accepted to its AdminSetUserPassword arriving (seconds, in any order), and when every
   * AdminSetUserPassword of the rotation arrived (System.nanoTime()).
   */
  static Map<String, Object> rotationWaits(List<Double> waitsS, List<Long> writeTimes) {
    List<Double> sorted = new ArrayList<>(waitsS);
    java.util.Collections.sort(sorted);
    double p50 = percentile(sorted, 0.50);
    double max = sorted.get(sorted.size() - 1);
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("rotate_generated_min_s", round(sorted.get(0)));
    fields.put("rotate_generated_p50_s", round(p50));
    fields.put("rotate_generated_p90_s", round(percentile(sorted, 0.90)));
    fields.put("rotate_generated_max_s", round(max));
    fields.put("rotate_generated_max_over_median", round(max / p50));
    fields.put("rotate_generated_writes", writeTimes.size());
    fields.put("rotate_generated_busiest_second_writes", busiestSecond(writeTimes));
    return fields;
  }

  /** The most of {@code times} (System.nanoTime(), any order) within any one second. */
  static int busiestSecond(List<Long> times) {
    List<Long> sorted = new ArrayList<>(times);
    java.util.Collections.sort(sorted);
    int busiest = 0;
    for (int a = 0, b = 0; a < sorted.size(); a++) {
      while (b < sorted.size() && sorted.get(b) - sorted.get(a) < 1_000_000_000L) {
        b++;
      }
      busiest = Math.max(busiest, b - a);
    }
    return busiest;
  }

  /** The value at or below which a fraction {@code p} of {@code sorted} lies (nearest rank). */
  static double percentile(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /**
   * {@code markdown} with {@code row} after the last row of the results table, which text may
   * follow (a row appended to the end of the file would land in whatever section came last).
   */
  static String withRow(String markdown, String row) {
    List<String> lines = new ArrayList<>(Arrays.asList(markdown.split("\n", -1)));
    int at = rowsStart(lines);
    while (at < lines.size() && lines.get(at).startsWith("|")) {
      at++;
    }
    lines.add(at, row);
    return String.join("\n", lines);
  }

  /** The index of the results table's first line (its header). */
  private static int rowsStart(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(ROWS_START)) {
        return i + 1;
      }
    }
    throw new IllegalStateException(TABLE + " has lost its marker " + ROWS_START);
  }

  private static void latencyFigure(List<Double> latenciesMs, int users, String apiServer)
      throws IOException {
    HistogramDataset data = new HistogramDataset();
    data.addSeries(
        "rotation latency",
        latenciesMs.stream().mapToDouble(Double::doubleValue).toArray(),
        40);
    JFreeChart chart =
        ChartFactory.createHistogram(
            "Secret update to Cognito write, " + users + " users held, " + apiServer + " API server",
            "milliseconds",
            "rotations",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    Path file = FIGURES.resolve("latency-" + users + "-" + apiServer + ".png");
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 450);
    System.out.println("bench: " + file);
  }

  /** Time and memory against N, from the rows of BENCHMARKS.md measured on {@code apiServer}. */
  private static void scaleFigure(String apiServer) throws IOException {
    Map<Integer, double[]> byUsers = latestByUsers(Files.readAllLines(TABLE), apiServer);
    XYSeries create = new XYSeries("create, s");
    XYSeries rotate = new XYSeries("rotate, s");
    XYSeries heap = new XYSeries("heap after GC, MiB");
    byUsers.forEach(
        (users, v) -> {
          create.add((double) users, v[0]);
          rotate.add((double) users, v[1]);
          heap.add((double) users, v[2]);
        });
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(create);
    data.addSeries(rotate);
    data.addSeries(heap);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            "Time and memory against users, " + apiServer + " API server (latest run per N)",
            "users",
            "seconds / MiB",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    Path file = FIGURES.resolve("scale-" + apiServer + ".png");
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 450);
    System.out.println("bench: " + file);
  }

  /**
   * Per number of users, the last row of the results table measured on {@code apiServer}: create s,
   * rotate s, heap MiB without unrelated Secrets.
   */
  static Map<Integer, double[]> latestByUsers(List<String> lines, String apiServer) {
    Map<Integer, double[]> byUsers = new TreeMap<>();
    for (int i = rowsStart(lines); i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split("\\|");
      if (cells.length < 13 || !apiServer.equals(cells[12].trim())) {
        continue; // the header, its rule, or another server's row
      }
      try {
        int users = Integer.parseInt(cells[3].trim());
        double create = Double.parseDouble(cells[4].trim().split(" ")[0]);
        double rotate = Double.parseDouble(cells[5].trim().split(" ")[0]);
        double heap = Double.parseDouble(cells[9].trim().split(" ")[0]);
        byUsers.put(users, new double[] {create, rotate, heap});
      } catch (RuntimeException e) {
        // a row of another shape: left out of the figure
      }
    }
    return byUsers;
  }

  private static double memoryGib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return 0;
  }

  private static String str(Map<String, Object> r, String key) {
    return String.valueOf(r.get(key));
  }
}

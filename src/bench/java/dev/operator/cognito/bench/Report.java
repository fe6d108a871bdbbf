package dev.operator.cognito.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
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

/** target/bench/results.json, a row in BENCHMARKS.md, and the figures it links. */
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
    Files.createDirectories(RESULTS.getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(RESULTS.toFile(), results);
    System.out.println("bench: results in " + RESULTS);
    print(results);
    appendRow(results);
    Files.createDirectories(FIGURES);
    latencyFigure(latenciesMs, (int) results.get("users"));
    scaleFigure();
  }

  private static void appendRow(Map<String, Object> r) throws IOException {
    String machine =
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + Math.round(memoryGib())
            + " GiB, Java "
            + System.getProperty("java.version");
    String row =
        "| "
            + String.join(
                " | ",
                LocalDate.now().toString(),
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
                str(r, "startup_to_ready_s"))
            + " |\n";
    String table = Files.readString(TABLE);
    if (!table.contains(ROWS_START)) {
      throw new IllegalStateException(TABLE + " has lost its marker " + ROWS_START);
    }
    Files.writeString(TABLE, row, StandardOpenOption.APPEND);
    System.out.println("bench: a row added to " + TABLE);
  }

  private static void latencyFigure(List<Double> latenciesMs, int users) throws IOException {
    HistogramDataset data = new HistogramDataset();
    data.addSeries(
        "rotation latency",
        latenciesMs.stream().mapToDouble(Double::doubleValue).toArray(),
        40);
    JFreeChart chart =
        ChartFactory.createHistogram(
            "Secret update to Cognito write, " + users + " users held",
            "milliseconds",
            "rotations",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    Path file = FIGURES.resolve("latency-" + users + ".png");
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 450);
    System.out.println("bench: " + file);
  }

  /** Time and memory against N, from every row of BENCHMARKS.md. */
  private static void scaleFigure() throws IOException {
    Map<Integer, double[]> byUsers = new TreeMap<>();
    boolean rows = false;
    for (String line : Files.readAllLines(TABLE)) {
      if (line.contains(ROWS_START)) {
        rows = true;
        continue;
      }
      if (!rows || !line.startsWith("| ")) {
        continue;
      }
      String[] cells = line.split("\\|");
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
            "Time and memory against the number of users (latest run per N)",
            "users",
            "seconds / MiB",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    Path file = FIGURES.resolve("scale.png");
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 450);
    System.out.println("bench: " + file);
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

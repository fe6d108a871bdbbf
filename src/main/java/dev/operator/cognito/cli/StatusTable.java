package dev.operator.cognito.cli;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The table of {@code kubectl cognito status}, laid out as kubectl lays out its own. */
final class StatusTable {

  private StatusTable() {}

  static String of(List<CognitoUser> users, boolean withNamespace) {
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    if (withNamespace) {
      header.add("NAMESPACE");
    }
    header.addAll(
        List.of(
            "NAME",
            "USERNAME",
            "READY",
            "REASON",
            "USER STATUS",
            "PAUSED",
            "PASSWORD SET",
            "PENDING CHANGES"));
    rows.add(header.toArray(String[]::new));
    users.stream()
        .sorted(
            Comparator.comparing((CognitoUser u) -> u.getMetadata().getNamespace())
                .thenComparing(u -> u.getMetadata().getName()))
        .forEach(u -> rows.add(row(u, withNamespace)));
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        table.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 3));
      }
      table.append('\n');
    }
    return table.toString();
  }

  private static String[] row(CognitoUser user, boolean withNamespace) {
    CognitoUserStatus status = user.getStatus();
    Condition ready = status == null ? null : status.condition("Ready").orElse(null);
    List<String> cells = new ArrayList<>();
    if (withNamespace) {
      cells.add(user.getMetadata().getNamespace());
    }
    cells.add(user.getMetadata().getName());
    cells.add(user.getSpec() == null ? "<unknown>" : orDash(user.getSpec().getUsername()));
    cells.add(ready == null ? "-" : ready.getStatus());
    cells.add(ready == null ? "-" : orDash(ready.getReason()));
    cells.add(status == null ? "-" : orDash(status.getUserStatus()));
    cells.add(
        status != null && status.condition("Paused").isPresent()
            ? "since " + status.condition("Paused").get().getLastTransitionTime()
            : "-");
    cells.add(
        status == null || status.getAppliedPassword() == null
            ? "-"
            : orDash(status.getAppliedPassword().getAppliedAt()));
    cells.add(
        status == null || status.getPendingChanges() == null
            ? "-"
            : String.join("; ", status.getPendingChanges()));
    return cells.toArray(String[]::new);
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}

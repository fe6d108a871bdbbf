package dev.operator.cognito.aws.ratelimit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The callers waiting for a slot of one rate: tenants take turns, and each tenant's callers go in
 * the order they came. A tenant with a backlog thus holds back no other tenant by more than one
 * turn, and a caller waits in one place however often its CognitoUser comes back meanwhile. Not
 * thread-safe: the limiter guards it.
 */
public final class WaitingLine {

  private final Map<String, Deque<Caller>> byTenant = new HashMap<>();

  /** The tenants with callers waiting, the one whose turn is next first. */
  private final Deque<String> turns = new ArrayDeque<>();

  private final Set<Caller> waiting = new HashSet<>();

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  int size() {
    return waiting.size();
  }

  /** Joins the end of its tenant's line; a caller already waiting keeps its place. */
  void join(Caller caller) {
    if (waiting.add(caller)) {
      lineOf(caller.namespace(), false).addLast(caller);
    }
  }

  /**
   * Goes to the front of the whole line: for a caller whose turn Cognito took by throttling it,
   * which must not pay for that by waiting behind everyone again.
   */
  void joinFirst(Caller caller) {
    if (waiting.contains(caller)) {
      byTenant.get(caller.namespace()).remove(caller);
    } else {
      waiting.add(caller);
    }
    lineOf(caller.namespace(), true).addFirst(caller);
  }

  /** The caller whose turn it is, leaving the line; its tenant's turn passes to the next tenant. */
  Optional<Caller> next() {
    String tenant = turns.pollFirst();
    if (tenant == null) {
      return Optional.empty();
    }
    Deque<Caller> line = byTenant.get(tenant);
    Caller caller = line.pollFirst();
    waiting.remove(caller);
    if (line.isEmpty()) {
      byTenant.remove(tenant);
    } else {
      turns.addLast(tenant);
    }
    return Optional.of(caller);
  }

  private Deque<Caller> lineOf(String tenant, boolean turnNext) {
    Deque<Caller> line = byTenant.get(tenant);
    if (line == null) {
      line = new ArrayDeque<>();
      byTenant.put(tenant, line);
      if (turnNext) {
        turns.addFirst(tenant);
      } else {
        turns.addLast(tenant);
      }
    } else if (turnNext) {
      turns.remove(tenant);
      turns.addFirst(tenant);
    }
    return line;
  }
}

package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorHarness.Replica;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A soak, bounded in size and time: 150 CognitoUsers (or {@code -Dsoak.users}) whose Secrets are
 * rotated at random over four rounds (or {@code -Dsoak.rounds}), while the operator is restarted
 * twice and one leader hands over to another. At the end every user's latest password is the one
 * Cognito accepts, and the AdminSetUserPassword calls are at most the real changes plus the
 * documented window (a pass in flight when a replica stops may write once more); coalescing is
 * allowed, duplicates are not.
 */
class SoakIT {

  /** Larger soaks: mvn -B verify -Dit.test=SoakIT -Dsoak.users=1000 -Dsoak.rounds=12 */
  private static final int USERS = Integer.getInteger("soak.users", 150);

  private static final int ROUNDS = Math.max(4, Integer.getInteger("soak.rounds", 4));

  /** Passes in flight when a replica stops: at most one per reconcile thread. */
  private static final int WINDOW_PER_STOP = 10;

  private static OperatorHarness harness;
  private static final List<Replica> replicas = new ArrayList<>();

  @BeforeAll
  static void start() {
    harness = OperatorHarness.withoutOperator();
  }

  @AfterAll
  static void stop() {
    replicas.forEach(Replica::close);
    OperatorHarness.checkForLeaksAndClose(harness);
  }

  @Test
  void everyLatestPasswordIsInPlaceAndNothingIsWrittenTwice() {
    Instant began = Instant.now();
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("soak"));
    String ns = harness.newNamespace("soak");
    Random random = new Random(20261127);
    Map<String, String> username = new HashMap<>();
    Map<String, String> latest = new ConcurrentHashMap<>();
    Replica current = start("soak-a");
    for (int i = 0; i < USERS; i++) {
      var user = harness.manage(ns, "u" + i, pool, true);
      username.put("u" + i, user.username());
      latest.put("u" + i, user.password());
    }
    AtomicInteger changes = new AtomicInteger(USERS);
    int stops = 0;
    for (int round = 0; round < ROUNDS; round++) {
      // about a third of the users, at random, get a new password
      for (int i = 0; i < USERS; i++) {
        if (random.nextInt(3) == 0) {
          String password = TestPasswords.next();
          harness.setSecretKey(ns, "u" + i + "-password", "password", password);
          latest.put("u" + i, password);
          changes.incrementAndGet();
        }
      }
      switch (round) {
        case 0 -> { // a restart
          current.close();
          stops++;
          current = start("soak-a");
        }
        case 1 -> { // a hand-over: a second replica, then the leader goes
          Replica next = start("soak-b");
          current.close();
          stops++;
          current = next;
        }
        case 2 -> { // another restart
          current.close();
          stops++;
          current = start("soak-c");
        }
        default -> {}
      }
    }

    Map<String, String> pending = new ConcurrentHashMap<>(latest);
    Awaitility.await()
        .atMost(Duration.ofMinutes(3).plusSeconds(USERS / 5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              pending
                  .entrySet()
                  .removeIf(
                      e ->
                          harness.cognito().signIn(pool, username.get(e.getKey()), e.getValue())
                              == SignIn.ACCEPTED);
              return pending.isEmpty();
            });

    int writes = 0;
    int mostForOneUser = 0;
    for (String name : username.keySet()) {
      int calls = harness.proxy().calls("AdminSetUserPassword", pool.id(), username.get(name));
      writes += calls;
      mostForOneUser = Math.max(mostForOneUser, calls);
    }
    int window = stops * WINDOW_PER_STOP;
    System.out.printf(
        "SoakIT: %d users, %d real changes (creations and rotations), %d AdminSetUserPassword"
            + " calls, %d replica stops (window %d), %d s%n",
        USERS,
        changes.get(),
        writes,
        stops,
        window,
        Duration.between(began, Instant.now()).toSeconds());
    assertThat(writes)
        .as("AdminSetUserPassword calls against real changes plus the window")
        .isLessThanOrEqualTo(changes.get() + window);
    assertThat(mostForOneUser).as("calls for one user").isLessThanOrEqualTo(1 + ROUNDS + 1);
  }

  private static Replica start(String pod) {
    Replica replica =
        harness.startReplica(
            Map.of(
                "LEADER_ELECTION", "true",
                "POD_NAME", pod,
                "COGNITO_WRITES_PER_SECOND", "100",
                "COGNITO_READS_PER_SECOND", "200"));
    replicas.add(replica);
    return replica;
  }
}

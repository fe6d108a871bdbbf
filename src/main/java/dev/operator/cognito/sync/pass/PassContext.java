package dev.operator.cognito.sync.pass;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.aws.SecretValue;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.aws.ratelimit.Caller;
import java.util.List;
import java.util.Optional;

/**
 * What one pass knows: the CognitoUser, where its user is, the password, what Cognito holds of the
 * user (as the observer read it and as the steps changed it), and the status being built.
 */
public final class PassContext {

  private final CognitoUser user;
  private final String key;
  private final UserTarget target;
  private UserTarget resolved;
  private final SecretValue password;
  private final String fingerprint;
  private final CognitoUserStatus next;
  private Optional<ObservedUser> observed = Optional.empty();
  private Optional<String> passwordWrite = Optional.empty();
  private boolean created;
  private Optional<Note> readyNote = Optional.empty();

  /** What Ready should say when every facet is in place, if not the usual. */
  public record Note(dev.operator.cognito.api.ReadyReason reason, String message) {}

  public PassContext(
      CognitoUser user,
      String key,
      UserTarget target,
      SecretValue password,
      String fingerprint,
      CognitoUserStatus base) {
    this.user = user;
    this.key = key;
    this.target = target;
    this.resolved = target;
    this.password = password;
    this.fingerprint = fingerprint;
    this.next = base;
  }

  public CognitoUser user() {
    return user;
  }

  public CognitoUserSpec spec() {
    return user.getSpec();
  }

  public String name() {
    return user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
  }

  /**
   * Whom the pass's writes are for: its namespace's share of the rate, woken when its turn comes.
   */
  public Caller caller() {
    return callerOf(user);
  }

  /** Whom a CognitoUser's writes are for, in its namespace's share of the rate. */
  public static Caller callerOf(CognitoUser user) {
    return new Caller(user.getMetadata().getNamespace(), user.getMetadata().getName());
  }

  /** Per-resource state is keyed by uid: a CognitoUser deleted and made again inherits none. */
  public String key() {
    return key;
  }

  /**
   * The user the pass writes to: once the pass has read and claimed it, named by its canonical
   * username, never by the spelling in the spec (an alias can move to another user).
   */
  public UserTarget target() {
    return resolved;
  }

  /** The target as the spec names it. */
  public UserTarget specTarget() {
    return target;
  }

  /** From now on, the pass's calls name the user as Cognito does. */
  public void resolve(String canonicalUsername) {
    this.resolved =
        new UserTarget(target.region(), target.userPoolId(), canonicalUsername, target.role());
  }

  public SecretValue password() {
    return password;
  }

  public String fingerprint() {
    return fingerprint;
  }

  /** The status as it was when the pass began; null for a new CognitoUser. */
  CognitoUserStatus previous() {
    return user.getStatus();
  }

  /**
   * The status this pass builds, from the one it was handed (with this process's own last password
   * record if that one is newer): each step records its facet in it.
   */
  public CognitoUserStatus next() {
    return next;
  }

  public Optional<AppliedPassword> applied() {
    return Optional.ofNullable(next.getAppliedPassword());
  }

  /** The user as Cognito holds it now; empty while there is no such user. */
  public Optional<ObservedUser> observed() {
    return observed;
  }

  public void observed(Optional<ObservedUser> user) {
    this.observed = user;
  }

  /** The user, which a step before this one made sure exists. */
  public ObservedUser existing() {
    return observed.orElseThrow(() -> new IllegalStateException("no user to work on"));
  }

  public Optional<Note> readyNote() {
    return readyNote;
  }

  public void readyNote(dev.operator.cognito.api.ReadyReason reason, String message) {
    this.readyNote = Optional.of(new Note(reason, message));
  }

  /** Whether this pass created the user: nothing recorded before applies to it. */
  public boolean created() {
    return created;
  }

  public void markCreated() {
    this.created = true;
  }

  /** How the pass's AdminSetUserPassword went, for the metrics: success or its reason. */
  public Optional<String> passwordWrite() {
    return passwordWrite;
  }

  public void passwordWrite(String outcome) {
    this.passwordWrite = Optional.of(outcome);
  }

  public static List<String> sortedOrNull(java.util.Collection<String> names) {
    return names.isEmpty() ? null : names.stream().sorted().distinct().toList();
  }
}

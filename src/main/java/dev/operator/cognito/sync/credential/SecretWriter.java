package dev.operator.cognito.sync.credential;

import dev.operator.cognito.aws.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;

/** Writes the Secrets that hold generated passwords; the controller package knows how. */
public interface SecretWriter {

  /** Creates the Secret; fails with {@link Failed#conflict()} if one of that name exists. */
  Secret create(Secret secret) throws Failed;

  /**
   * Sets one key of a Secret and some of its annotations, only if the Secret is still at the
   * resourceVersion of {@code current}: a write by anyone else in between wins, and the pass that
   * lost starts over from what is there now.
   */
  Secret update(Secret current, String key, SecretValue value, Map<String, String> annotations)
      throws Failed;

  /** A write that was not made. The message never holds the value. */
  final class Failed extends Exception {

    private final boolean conflict;

    public Failed(String message, boolean conflict) {
      super(message);
      this.conflict = conflict;
    }

    /** Someone else created or changed the Secret first: try again from what is there. */
    public boolean conflict() {
      return conflict;
    }
  }
}

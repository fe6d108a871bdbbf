package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.cognito.CognitoFailure;
import dev.operator.cognito.cognito.CognitoGateway;
import dev.operator.cognito.cognito.FailureKind;
import dev.operator.cognito.cognito.ObservedUser;
import dev.operator.cognito.cognito.SecretValue;
import dev.operator.cognito.cognito.UserTarget;
import java.util.ArrayList;
import java.util.List;

/** A Cognito stand-in with failure switches and call counters, for unit tests. */
final class FakeCognitoGateway implements CognitoGateway {

  record Write(UserTarget target, String password, boolean permanent) {}

  final List<Write> writes = new ArrayList<>();
  int reads;
  String userStatus = "CONFIRMED";
  CognitoFailure nextWriteFailure;
  CognitoFailure nextReadFailure;

  @Override
  public void setPassword(UserTarget target, SecretValue password, boolean permanent, String tenant)
      throws CognitoFailure {
    if (nextWriteFailure != null) {
      CognitoFailure failure = nextWriteFailure;
      nextWriteFailure = null;
      throw failure;
    }
    writes.add(new Write(target, password.reveal(), permanent));
    userStatus = permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
  }

  @Override
  public ObservedUser readUser(UserTarget target) throws CognitoFailure {
    reads++;
    if (nextReadFailure != null) {
      CognitoFailure failure = nextReadFailure;
      nextReadFailure = null;
      throw failure;
    }
    return new ObservedUser(userStatus, target.username());
  }

  static CognitoFailure failure(ReadyReason reason, FailureKind kind) {
    return new CognitoFailure(reason, kind, reason + " happened");
  }
}

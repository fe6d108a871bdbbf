package dev.operator.cognito.controller;

import dev.operator.cognito.api.CognitoUser;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Passes an update of a CognitoUser on unless only its status (or other bookkeeping) changed: a new
 * generation, annotations, finalizers or a deletion mark are what the reconciler acts on.
 */
public final class NotOnlyStatusChanged implements OnUpdateFilter<CognitoUser> {

  @Override
  public boolean accept(CognitoUser updated, CognitoUser old) {
    var now = updated.getMetadata();
    var before = old.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getAnnotations(), before.getAnnotations())
        || !Objects.equals(now.getFinalizers(), before.getFinalizers())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }
}

package dev.operator.cognito.controller;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.aws.ratelimit.Caller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.function.Consumer;

/**
 * Reconciles a CognitoUser whose deferred write's turn has come (the rate limiter says when), so
 * that it comes back as soon as a slot is free rather than at a time fixed when it was deferred.
 * Wake-ups before the operator has started, or on a replica that is not the leader, are dropped:
 * the pass comes back by itself later.
 */
public final class TurnEvents extends SimpleInboundEventSource<CognitoUser>
    implements Consumer<Caller> {

  public TurnEvents() {
    super("write-turns");
  }

  @Override
  public void accept(Caller caller) {
    propagateEvent(new ResourceID(caller.name(), caller.namespace()));
  }
}

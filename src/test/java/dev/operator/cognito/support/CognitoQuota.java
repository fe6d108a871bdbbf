package dev.operator.cognito.support;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Cognito's own quota in front of cognito-local, which has none: of the calls a stub sends through
 * this transformer, at most {@code perSecond} in any one second pass on; the others are answered as
 * Cognito answers a call over its quota. Unlike throttling every other call, how many are throttled
 * depends on how fast the operator calls, as with the real service.
 */
final class CognitoQuota implements ResponseDefinitionTransformerV2 {

  static final String NAME = "cognito-quota";
  private static final long SECOND = 1_000_000_000L;

  private final Deque<Long> passed = new ArrayDeque<>();
  private final ResponseDefinition overQuota;
  private int perSecond = Integer.MAX_VALUE;

  CognitoQuota(ResponseDefinition overQuota) {
    this.overQuota = overQuota;
  }

  synchronized void perSecond(int calls) {
    perSecond = calls;
    passed.clear();
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    long now = System.nanoTime();
    while (!passed.isEmpty() && now - passed.peekFirst() >= SECOND) {
      passed.pollFirst();
    }
    if (passed.size() >= perSecond) {
      return overQuota;
    }
    passed.addLast(now);
    return event.getResponseDefinition();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }
}

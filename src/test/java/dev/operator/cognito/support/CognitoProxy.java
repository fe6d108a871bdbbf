package dev.operator.cognito.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * A real HTTP proxy between the operator and cognito-local. It counts the calls that reach Cognito,
 * by operation and user, injects the failures cognito-local cannot produce (password-policy
 * rejections, throttling, outages), and answers, through {@link CognitoStandIn}, the calls
 * cognito-local lacks (AdminUserGlobalSignOut, AdminSetUserMFAPreference).
 *
 * <p>Counts are returned as numbers, never as request lists: the requests carry passwords and must
 * not end up in an assertion message.
 */
public final class CognitoProxy implements AutoCloseable {

  public static final String SET_PASSWORD = "AdminSetUserPassword";
  public static final String GET_USER = "AdminGetUser";
  public static final String SIGN_OUT = CognitoStandIn.SIGN_OUT;
  public static final String SET_MFA = CognitoStandIn.SET_MFA;
  private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final URI cognito;
  private final CognitoQuota quota = new CognitoQuota(tooManyRequests().build());
  private final CognitoStandIn standIn;

  public CognitoProxy(URI cognito) {
    this.cognito = cognito;
    standIn = new CognitoStandIn(cognito);
    server =
        new WireMockServer(
            options()
                .dynamicPort()
                .notifier(new Slf4jNotifier(false))
                .extensions(quota, standIn.answers(), standIn.mergeIntoAdminGetUser()));
    server.start();
    server.stubFor(
        any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(cognito.toString())));
    // what cognito-local lacks is answered by the stand-in; failures injected above it still win
    for (String operation : List.of(CognitoStandIn.SIGN_OUT, CognitoStandIn.SET_MFA)) {
      server.stubFor(
          post(urlEqualTo("/"))
              .atPriority(5)
              .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
              .willReturn(aResponse().withTransformers(CognitoStandIn.ANSWERS)));
    }
  }

  /** The stand-in for AdminUserGlobalSignOut and AdminSetUserMFAPreference (see its comment). */
  public CognitoStandIn standIn() {
    return standIn;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** How many calls of an operation for a user in a pool reached the proxy. */
  public int calls(String operation, String userPoolId, String username) {
    return (int)
        server
            .findAll(
                postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)))
            .stream()
            .filter(r -> isFor(r, userPoolId, username))
            .count();
  }

  /** Every operation made for a user in a pool, in the order they reached the proxy. */
  public java.util.List<String> operations(String userPoolId, String username) {
    return server.findAll(postRequestedFor(urlEqualTo("/"))).stream()
        .filter(r -> isFor(r, userPoolId, username))
        .sorted(java.util.Comparator.comparing(r -> r.getLoggedDate()))
        .map(r -> r.getHeader("X-Amz-Target").substring(TARGET_PREFIX.length()))
        .toList();
  }

  /**
   * One top-level field of each call of an operation for a user, as sent. Never ask this of a call
   * that carries a password.
   */
  public java.util.List<String> fieldOf(
      String operation, String userPoolId, String username, String field) {
    return server
        .findAll(
            postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)))
        .stream()
        .filter(r -> isFor(r, userPoolId, username))
        .map(
            r -> {
              try {
                return JSON.readTree(r.getBodyAsString()).path(field).asText();
              } catch (IOException e) {
                throw new UncheckedIOException("unreadable request body", e);
              }
            })
        .toList();
  }

  /** Those of {@link #operations} that change the user. */
  public java.util.List<String> writes(String userPoolId, String username) {
    return operations(userPoolId, username).stream()
        .filter(
            op -> !op.equals(GET_USER) && !op.startsWith("AdminList") && !op.startsWith("Describe"))
        .toList();
  }

  /** The access keys that signed the calls of an operation for a user in a pool. */
  public java.util.Set<String> accessKeys(String operation, String userPoolId, String username) {
    return server
        .findAll(
            postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)))
        .stream()
        .filter(r -> isFor(r, userPoolId, username))
        .map(r -> r.getHeader("Authorization"))
        .map(a -> a.replaceFirst("^.*Credential=([^/]+)/.*$", "$1"))
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Makes every call of an operation for a user fail, until the returned stub is removed. */
  public StubMapping failEvery(
      String operation, String username, int httpStatus, String errorType, String message) {
    return server.stubFor(
        matching(operation, username)
            .willReturn(
                aResponse()
                    .withStatus(httpStatus)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withHeader("x-amzn-ErrorType", errorType)
                    .withBody(
                        "{\"__type\":\"" + errorType + "\",\"message\":\"" + message + "\"}")));
  }

  /**
   * A throttling storm: every other call of {@code operation}, whoever it is for, is answered with
   * TooManyRequestsException; the others reach Cognito. Returns both stubs, to remove.
   */
  public java.util.List<StubMapping> throttleEveryOther(String operation) {
    String scenario = "storm-" + operation;
    StubMapping throttle =
        server.stubFor(
            post(urlEqualTo("/"))
                .atPriority(1)
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
                .inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("pass")
                .willReturn(tooManyRequests()));
    StubMapping pass =
        server.stubFor(
            post(urlEqualTo("/"))
                .atPriority(1)
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
                .inScenario(scenario)
                .whenScenarioStateIs("pass")
                .willSetStateTo(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().proxiedFrom(cognito.toString())));
    return java.util.List.of(throttle, pass);
  }

  /**
   * Gives an operation a quota, as Cognito does: of its calls, at most {@code perSecond} in any
   * second reach cognito-local, and the others are throttled.
   */
  public StubMapping quota(String operation, int perSecond) {
    quota.perSecond(perSecond);
    return server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
            .willReturn(
                aResponse().proxiedFrom(cognito.toString()).withTransformers(CognitoQuota.NAME)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder
      tooManyRequests() {
    return aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
        .withBody("{\"__type\":\"TooManyRequestsException\",\"message\":\"Rate exceeded\"}");
  }

  /** Makes every call of an operation for a user answer only after a delay. */
  public StubMapping delayEvery(String operation, String username, int millis) {
    return server.stubFor(
        matching(operation, username)
            .willReturn(aResponse().proxiedFrom(cognito.toString()).withFixedDelay(millis)));
  }

  /** Makes every call of an operation for a user end with a reset connection. */
  public StubMapping dropEvery(String operation, String username) {
    return server.stubFor(
        matching(operation, username)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
  }

  private static MappingBuilder matching(String operation, String username) {
    return post(urlEqualTo("/"))
        .atPriority(1)
        .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
        .withRequestBody(matchingJsonPath("$.Username", equalTo(username)));
  }

  public void remove(StubMapping stub) {
    server.removeStub(stub);
  }

  private static boolean isFor(LoggedRequest request, String userPoolId, String username) {
    try {
      JsonNode body = JSON.readTree(request.getBodyAsString());
      return userPoolId.equals(body.path("UserPoolId").asText())
          && username.equals(body.path("Username").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable request body", e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}

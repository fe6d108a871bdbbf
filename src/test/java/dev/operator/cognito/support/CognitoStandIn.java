package dev.operator.cognito.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in, inside {@link CognitoProxy}, for the two Cognito calls that cognito-local (5.3.0)
 * lacks: AdminUserGlobalSignOut and AdminSetUserMFAPreference (its targets have neither; it has
 * only the user's own SetUserMFAPreference, with an access token). It answers both itself, as
 * Cognito would: for a user cognito-local does not have (one AdminGetUser to cognito-local, beside
 * the proxy, tells), the error cognito-local gives for it; otherwise it counts the sign-out, or
 * keeps the MFA preferences per pool and username. It merges those preferences into cognito-local's
 * AdminGetUser answers as they pass through the proxy (UserMFASettingList, PreferredMfaSetting), so
 * that the operator reads back what it set. Nothing of it reaches cognito-local's store: a sign-in
 * never meets an MFA challenge, and refresh tokens are not revoked.
 */
public final class CognitoStandIn {

  /** The transformer the proxy's stubs for the two calls name. */
  static final String ANSWERS = "cognito-stand-in";

  static final String SIGN_OUT = "AdminUserGlobalSignOut";
  static final String SET_MFA = "AdminSetUserMFAPreference";
  private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
  private static final String TOTP = "SOFTWARE_TOKEN_MFA";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A user's MFA as the stand-in holds it: the kinds on, and the preferred one if any. */
  public record Mfa(Set<String> enabled, Optional<String> preferred) {
    public Mfa {
      enabled = Set.copyOf(enabled);
    }
  }

  private final URI cognitoLocal;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Mfa> mfa = new ConcurrentHashMap<>();
  private final Map<String, Integer> signOuts = new ConcurrentHashMap<>();

  CognitoStandIn(URI cognitoLocal) {
    this.cognitoLocal = cognitoLocal;
  }

  /** The user's MFA as the stand-in holds it; none on and none preferred if it holds nothing. */
  public Mfa mfa(String userPoolId, String username) {
    return mfa.getOrDefault(key(userPoolId, username), new Mfa(Set.of(), Optional.empty()));
  }

  /**
   * Sets what the stand-in holds of a user's MFA, as if the user had set it (an authenticator
   * enrolled and verified, say, which an administrator cannot do).
   */
  public void holdMfa(String userPoolId, String username, Set<String> enabled, String preferred) {
    mfa.put(key(userPoolId, username), new Mfa(enabled, Optional.ofNullable(preferred)));
  }

  /** How many AdminUserGlobalSignOut calls for the user it answered with success. */
  public int signOuts(String userPoolId, String username) {
    return signOuts.getOrDefault(key(userPoolId, username), 0);
  }

  /** Answers the two calls cognito-local lacks, for the stubs that name {@link #ANSWERS}. */
  ResponseDefinitionTransformerV2 answers() {
    return new ResponseDefinitionTransformerV2() {
      @Override
      public ResponseDefinition transform(ServeEvent event) {
        return answer(event);
      }

      @Override
      public boolean applyGlobally() {
        return false;
      }

      @Override
      public String getName() {
        return ANSWERS;
      }
    };
  }

  /** Puts what it holds of a user's MFA into every AdminGetUser answer that passes the proxy. */
  ResponseTransformerV2 mergeIntoAdminGetUser() {
    return new ResponseTransformerV2() {
      @Override
      public Response transform(Response response, ServeEvent event) {
        return merged(response, event);
      }

      @Override
      public boolean applyGlobally() {
        return true;
      }

      @Override
      public String getName() {
        return "cognito-stand-in-admin-get-user";
      }
    };
  }

  private ResponseDefinition answer(ServeEvent event) {
    String operation = operation(event);
    JsonNode request = body(event.getRequest().getBodyAsString());
    String pool = request.path("UserPoolId").asText();
    HttpResponse<String> found = adminGetUser(pool, request.path("Username").asText());
    if (found.statusCode() != 200) {
      // as cognito-local answers for this user: UserNotFoundException, ResourceNotFoundException
      return json(found.statusCode(), found.body());
    }
    JsonNode user = body(found.body());
    String key = key(pool, user.path("Username").asText());
    if (SIGN_OUT.equals(operation)) {
      signOuts.merge(key, 1, Integer::sum);
      return json(200, "{}");
    }
    synchronized (mfa) {
      Mfa now = mfa.getOrDefault(key, held(user));
      Set<String> enabled = new TreeSet<>(now.enabled());
      Optional<String> preferred = now.preferred();
      for (Map.Entry<String, String> kind :
          Map.of(
                  "SMSMfaSettings", "SMS_MFA",
                  "EmailMfaSettings", "EMAIL_OTP",
                  "SoftwareTokenMfaSettings", TOTP)
              .entrySet()) {
        JsonNode settings = request.path(kind.getKey());
        if (settings.isMissingNode() || settings.isNull()) {
          continue;
        }
        String name = kind.getValue();
        boolean on = settings.path("Enabled").asBoolean(false);
        if (on && TOTP.equals(name) && !now.enabled().contains(TOTP)) {
          return error("InvalidParameterException", "User has not verified software token MFA");
        }
        if (settings.path("PreferredMfa").asBoolean(false) && !on) {
          return error("InvalidParameterException", "Cannot set " + name + " as preferred");
        }
        if (on) {
          enabled.add(name);
        } else {
          enabled.remove(name);
        }
        if (settings.path("PreferredMfa").asBoolean(false)) {
          preferred = Optional.of(name);
        } else if (preferred.filter(name::equals).isPresent()) {
          preferred = Optional.empty();
        }
      }
      mfa.put(key, new Mfa(enabled, preferred));
    }
    return json(200, "{}");
  }

  private Response merged(Response response, ServeEvent event) {
    if (!"AdminGetUser".equals(operation(event)) || response.getStatus() != 200) {
      return response;
    }
    ObjectNode user = (ObjectNode) body(response.getBodyAsString());
    String pool = body(event.getRequest().getBodyAsString()).path("UserPoolId").asText();
    Mfa held = mfa.get(key(pool, user.path("Username").asText()));
    if (held == null) {
      return response;
    }
    user.remove(List.of("UserMFASettingList", "PreferredMfaSetting"));
    if (!held.enabled().isEmpty()) {
      ArrayNode list = user.putArray("UserMFASettingList");
      new TreeSet<>(held.enabled()).forEach(list::add);
    }
    held.preferred().ifPresent(p -> user.put("PreferredMfaSetting", p));
    // the body changes length: the proxied Content-Length would no longer hold
    List<HttpHeader> headers =
        response.getHeaders().all().stream()
            .filter(h -> !h.keyEquals("Content-Length") && !h.keyEquals("Transfer-Encoding"))
            .toList();
    return Response.Builder.like(response)
        .but()
        .headers(new HttpHeaders(headers))
        .body(user.toString())
        .build();
  }

  /** What cognito-local itself says of the user's MFA (nothing, unless the user set it). */
  private static Mfa held(JsonNode user) {
    Set<String> enabled = new TreeSet<>();
    user.path("UserMFASettingList").forEach(n -> enabled.add(n.asText()));
    String preferred = user.path("PreferredMfaSetting").asText("");
    return new Mfa(enabled, preferred.isEmpty() ? Optional.empty() : Optional.of(preferred));
  }

  private HttpResponse<String> adminGetUser(String pool, String username) {
    ObjectNode body = JSON.createObjectNode().put("UserPoolId", pool).put("Username", username);
    HttpRequest request =
        HttpRequest.newBuilder(cognitoLocal.resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", TARGET_PREFIX + "AdminGetUser")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("cognito-local did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String operation(ServeEvent event) {
    String target = event.getRequest().getHeader("X-Amz-Target");
    return target == null ? "" : target.substring(target.indexOf('.') + 1);
  }

  private static ResponseDefinition error(String type, String message) {
    return json(
        400, JSON.createObjectNode().put("__type", type).put("message", message).toString());
  }

  private static ResponseDefinition json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body)
        .build();
  }

  private static JsonNode body(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable JSON body", e);
    }
  }

  private static String key(String userPoolId, String username) {
    return userPoolId + "/" + username;
  }
}

package dev.operator.cognito.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * STS for the role tests: AssumeRole of a role it was told about answers with an access key of that
 * role's own (so that Cognito calls made under it can be recognised); any other role is refused
 * with AccessDenied, as IAM would refuse it.
 */
public final class StsStandIn implements AutoCloseable {

  private final WireMockServer server;

  public StsStandIn() {
    server = new WireMockServer(options().dynamicPort().notifier(new Slf4jNotifier(false)));
    server.start();
    server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                            + "<Message>User is not authorized to perform: sts:AssumeRole"
                            + "</Message></Error><RequestId>1</RequestId></ErrorResponse>")));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Lets {@code roleArn} be assumed; calls made under it are signed with {@code accessKey}. */
  public void allow(String roleArn, String accessKey) {
    server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=AssumeRole"))
            .withRequestBody(
                containing("RoleArn=" + URLEncoder.encode(roleArn, StandardCharsets.UTF_8)))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            + "<AssumeRoleResult><Credentials>"
                            + "<AccessKeyId>"
                            + accessKey
                            + "</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>"
                            + "<SessionToken>role-session-token</SessionToken>"
                            + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                            + "<AssumedRoleUser><AssumedRoleId>AROA1:session</AssumedRoleId>"
                            + "<Arn>"
                            + roleArn
                            + "</Arn></AssumedRoleUser></AssumeRoleResult>"
                            + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                            + "</AssumeRoleResponse>")));
  }

  /** The session names the operator asked for, as STS received them. */
  public java.util.List<String> sessionNames() {
    return server.getAllServeEvents().stream()
        .map(e -> e.getRequest().getBodyAsString())
        .flatMap(body -> java.util.Arrays.stream(body.split("&")))
        .filter(p -> p.startsWith("RoleSessionName="))
        .map(p -> java.net.URLDecoder.decode(p.substring(16), StandardCharsets.UTF_8))
        .toList();
  }

  @Override
  public void close() {
    server.stop();
  }
}

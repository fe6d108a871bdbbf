# The operator's image: a JRE, the jar, a non-root user. Build the jar first:
#   mvn -B package -DskipTests && docker build -t cognito-user-operator:0.1.0 .
# The base is eclipse-temurin:17-jre pinned by digest (its multi-arch index), so that a rebuild
# gets the same JRE. Refresh the digest deliberately:
#   docker buildx imagetools inspect eclipse-temurin:17-jre
ARG BASE_IMAGE=eclipse-temurin:17-jre@sha256:13cc28a6cc72a38ce1f00c906be3580c1a3e604b8984d694f369a96742abc93b
FROM ${BASE_IMAGE}
COPY target/cognito-user-operator.jar /opt/cognito-user-operator/operator.jar
# the same user the Deployment and the chart ask for (runAsNonRoot, 65532)
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/cognito-user-operator/operator.jar"]

# Build the jar first: mvn -B package -DskipTests
FROM eclipse-temurin:17-jre
COPY target/cognito-user-operator.jar /opt/cognito-user-operator.jar
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/cognito-user-operator.jar"]

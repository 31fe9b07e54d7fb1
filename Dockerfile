# memberbus production image. Build: docker build -t memberbus .
# Run:  docker run -p 8080:8080 -e SPRING_PROFILES_ACTIVE=production -e DATABASE_URL=... memberbus
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY config config
RUN ./mvnw -B -q -DskipTests package && cp target/memberbus.jar /src/memberbus.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system memberbus && useradd --system --gid memberbus --home /app memberbus \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/memberbus.jar memberbus.jar
# Routes and business configuration stay files, so they can be mounted and changed without a rebuild.
COPY routes routes
COPY config config
USER memberbus
ENV SPRING_PROFILES_ACTIVE=production \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fs http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/memberbus.jar"]

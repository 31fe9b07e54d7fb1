# memberbus production image: the production jar (no sandbox inside), unpacked into Spring Boot's
# layers so a new build usually ships only the small application layer.
#   docker build -t memberbus .
#   docker run -p 8080:8080 --env-file memberbus.env memberbus      (variables: README, "Running in production")
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
# dependencies first: this layer is rebuilt only when pom.xml changes
RUN ./mvnw -B -q -Pproduction dependency:go-offline
# every source set (the production profile compiles src/main alone), the config packaged in the jar
COPY src src
COPY config config
COPY routes routes
RUN ./mvnw -B -q -Pproduction -DskipTests package \
 && java -Djarmode=tools -jar target/memberbus-production.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN groupadd --system memberbus && useradd --system --gid memberbus --home /app memberbus \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# least often changed first
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Routes and business configuration stay files, so they can be mounted and changed without a rebuild.
COPY routes routes
COPY config config
USER memberbus
ENV SPRING_PROFILES_ACTIVE=production \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fs http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# faultlab as a container image: built with Maven and JDK 17, run on a JRE 17.
# In a container the proxy and the API must listen on 0.0.0.0 to be reachable through published
# ports; on a host the defaults stay on loopback (127.0.0.1), see docs/LAB.md.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl cli -am

FROM eclipse-temurin:17-jre
WORKDIR /opt/faultlab
COPY --from=build /src/cli/target/faultlab.jar ./
COPY --from=build /src/cli/target/lib ./lib
# 1883 MQTT (the proxy), 8474 the control API and /metrics, 9464 a fleet's metrics
EXPOSE 1883 8474 9464
ENTRYPOINT ["java", "-jar", "/opt/faultlab/faultlab.jar"]
CMD ["up", "--listen", "0.0.0.0:1883", "--api", "0.0.0.0:8474", "--upstream", "mosquitto:1883"]

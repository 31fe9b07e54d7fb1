package org.memberbus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.SandboxTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API's OpenAPI description is valid OpenAPI 3, so client generators and validators take it
 * (every operation of every REST file, including ones added later).
 */
@SandboxTest
class OpenApiDescriptionTest {

    @LocalServerPort int port;

    @Test
    void theDescriptionValidatesAgainstTheOpenApiSpecification() {
        var answer = new BusClient(port).get("/api/v1/openapi.json", BusClient.OPS);
        assertThat(answer.statusCode()).isEqualTo(200);
        var result = new OpenAPIV3Parser().readContents(answer.body());
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/dead-letters", "/api/v1/cs-marketing/campaigns");
        // the operations staff's (issue 13)
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/status", "/api/v1/cs-ops/workflows/{member_id}",
                "/api/v1/cs-ops/performance", "/api/v1/members/{id}/history");
        result.getOpenAPI().getPaths().forEach((path, item) -> item.readOperations().forEach(operation ->
                assertThat(operation.getResponses()).as(path).isNotEmpty()
                        .allSatisfy((code, response) -> assertThat(response.getDescription()).as(path + " " + code).isNotBlank())));
    }
}

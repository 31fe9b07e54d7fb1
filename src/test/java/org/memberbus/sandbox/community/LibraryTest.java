package org.memberbus.sandbox.community;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.core.env.StandardEnvironment;

/** The portal's resource library as an integration uploads to it: files, announcements, idempotency keys. */
class LibraryTest {

    static SimulatorHost host;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        host = SimulatorHost.start("community", 0, new StandardEnvironment(), CommunitySimulator.class);
        base = "http://127.0.0.1:" + host.port() + "/api/v1/library";
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    static HttpResponse<String> upload(String folder, String query, String key, byte[] file) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + "/folders/" + folder + "/documents?" + query))
                .header("X-Api-Key", CommunityApi.KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file));
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Api-Key", CommunityApi.KEY)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aFileIsUploadedOncePerKeyAndAnnounced() throws Exception {
        var file = "Level,Members\nFellow,3\n".getBytes(StandardCharsets.UTF_8);
        var created = upload("board", "fileName=members.csv&title=Members&announcement=New%20report", "k-1", file);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var document = json.readTree(created.body());
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/library/documents/" + document.path("id").asText());
        assertThat(document.path("size").asInt()).isEqualTo(file.length);

        var again = upload("board", "fileName=members.csv&title=Members&announcement=New%20report", "k-1", file);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(again.body()).path("id").asText()).isEqualTo(document.path("id").asText());
        assertThat(json.readTree(get("/folders/board/documents")).path("data")).hasSize(1);
        assertThat(json.readTree(get("/folders/board/announcements")).path("data")).hasSize(1);
        assertThat(get("/documents/" + document.path("id").asText() + "/content")).isEqualTo("Level,Members\nFellow,3\n");

        var reused = upload("board", "fileName=other.csv", "k-1", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.body()).contains("idempotency_key_reused");
    }

    @Test
    void anUploadWithoutAFileOrAFileNameOrAKeyIsRefused() throws Exception {
        assertThat(upload("board", "fileName=empty.csv", null, new byte[0]).statusCode()).isEqualTo(400);
        assertThat(upload("board", "title=no-name", null, "x".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(upload("Not_A_Folder", "fileName=x.csv", null, "x".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        var noKey = http.send(HttpRequest.newBuilder(URI.create(base + "/folders/board/documents?fileName=x.csv"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
    }
}

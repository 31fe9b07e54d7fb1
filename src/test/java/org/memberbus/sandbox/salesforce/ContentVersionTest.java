package org.memberbus.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.core.env.StandardEnvironment;

/**
 * Salesforce Files as the org handles them: a ContentVersion posted with its bytes base64 makes a
 * document, linked to the record named by FirstPublishLocationId; a version added to the document;
 * the bytes served at the URL a query answers; what the org refuses.
 */
class ContentVersionTest {

    static final String V = "/services/data/v56.0";
    private static SimulatorHost host;
    private static SalesforceSandboxClient client;
    private static CamelContext camel;
    private static String token;

    @BeforeAll
    static void start() {
        host = SimulatorHost.start("salesforce", 0, new StandardEnvironment(), SalesforceSimulator.class);
        client = new SalesforceSandboxClient(host.port());
        token = (String) client.form("/services/oauth2/token", Map.of("grant_type", "password",
                "client_id", "memberbus-sandbox", "client_secret", "sandbox-secret",
                "username", "integration@memberbus.sandbox", "password", "sandbox")).json().get("access_token");
        camel = SalesforceSandboxClient.camel(host.port());
        camel.start();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        host.close();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<Map<String, Object>> query(String soql) {
        var answer = client.send("GET", V + "/query?q=" + java.net.URLEncoder.encode(soql, StandardCharsets.UTF_8), token, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var records = (List<Map<String, Object>>) answer.json().get("records");
        return records;
    }

    String contact() {
        var created = client.send("POST", V + "/sobjects/Contact", token, Map.of("LastName", "Files"));
        assertThat(created.status()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    @Test
    void aFilePostedOnARecordIsADocumentLinkedToItWithItsBytesAndANewVersionKeepsTheDocument() {
        var record = contact();
        var created = client.send("POST", V + "/sobjects/ContentVersion", token, Map.of("Title", "Certificate",
                "PathOnClient", "certificate-1.pdf", "VersionData", base64("%PDF-1.4 first"), "FirstPublishLocationId", record));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var versionId = (String) created.json().get("id");
        assertThat(versionId).startsWith("068");

        var version = query("SELECT Id, ContentDocumentId, VersionData, ContentSize, FileExtension, IsLatest, VersionNumber "
                + "FROM ContentVersion WHERE FirstPublishLocationId = '" + record + "'");
        assertThat(version).singleElement().satisfies(v -> {
            assertThat((String) v.get("ContentDocumentId")).startsWith("069");
            assertThat(v.get("VersionData")).isEqualTo(V + "/sobjects/ContentVersion/" + versionId + "/VersionData");
            assertThat(((Number) v.get("ContentSize")).intValue()).isEqualTo(14);
            assertThat(v.get("FileExtension")).isEqualTo("pdf");
            assertThat(v.get("IsLatest")).isEqualTo(true);
            assertThat(v.get("VersionNumber")).isEqualTo("1");
        });
        var document = (String) version.get(0).get("ContentDocumentId");
        assertThat(client.send("GET", (String) version.get(0).get("VersionData"), token, null).body()).isEqualTo("%PDF-1.4 first");
        assertThat(query("SELECT Id, ContentDocumentId, ShareType FROM ContentDocumentLink WHERE LinkedEntityId = '"
                + record + "'")).singleElement().satisfies(l -> assertThat(l.get("ContentDocumentId")).isEqualTo(document));
        assertThat(query("SELECT Id, Title, LatestPublishedVersionId FROM ContentDocument WHERE Id = '" + document + "'"))
                .singleElement().satisfies(d -> assertThat(d.get("LatestPublishedVersionId")).isEqualTo(versionId));

        // a new version of the same document: still one document and one link
        var second = client.send("POST", V + "/sobjects/ContentVersion", token, Map.of("PathOnClient", "certificate-2.pdf",
                "VersionData", base64("%PDF-1.4 second"), "ContentDocumentId", document, "ReasonForChange", "renewed"));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        var versions = query("SELECT Id, VersionNumber, IsLatest, Title FROM ContentVersion WHERE ContentDocumentId = '"
                + document + "'");
        assertThat(versions).hasSize(2);
        assertThat(versions).filteredOn(v -> Boolean.TRUE.equals(v.get("IsLatest"))).singleElement()
                .satisfies(v -> {
                    assertThat(v.get("VersionNumber")).isEqualTo("2");
                    assertThat(v.get("Title")).isEqualTo("certificate-2");
                });
        assertThat(query("SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '" + record + "'")).hasSize(1);
    }

    @Test
    void theBusWayThroughCamelSalesforceWorksToo() {
        var record = contact();
        var answer = camel.createProducerTemplate().requestBodyAndHeader(
                "salesforce:createSObject?rawPayload=true", "{\"PathOnClient\":\"c.pdf\",\"VersionData\":\""
                        + base64("%PDF-1.4 camel") + "\",\"FirstPublishLocationId\":\"" + record + "\"}",
                "sObjectName", "ContentVersion", String.class);
        assertThat(answer).contains("\"success\":true");
        assertThat(query("SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '" + record + "'")).hasSize(1);
    }

    @Test
    void whatTheOrgRefusesIsRefusedTheSameWay() {
        var record = contact();
        var noPath = client.send("POST", V + "/sobjects/ContentVersion", token, Map.of("VersionData", base64("x")));
        assertThat(noPath.status()).isEqualTo(400);
        assertThat(noPath.jsonArray().get(0).get("errorCode")).isEqualTo("REQUIRED_FIELD_MISSING");
        var noData = client.send("POST", V + "/sobjects/ContentVersion", token, Map.of("PathOnClient", "a.pdf"));
        assertThat(noData.jsonArray().get(0).get("message").toString()).contains("VersionData");
        var notBase64 = client.send("POST", V + "/sobjects/ContentVersion", token, Map.of("PathOnClient", "a.pdf",
                "VersionData", "***"));
        assertThat(notBase64.status()).isEqualTo(400);
        var nowhere = client.send("POST", V + "/sobjects/ContentVersion", token, Map.of("PathOnClient", "a.pdf",
                "VersionData", base64("x"), "FirstPublishLocationId", "a06000000000000AAA"));
        assertThat(nowhere.jsonArray().get(0).get("errorCode")).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        var document = client.send("POST", V + "/sobjects/ContentDocument", token, Map.of("Title", "x"));
        assertThat(document.jsonArray().get(0).get("errorCode")).isEqualTo("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY");
        assertThat(client.send("POST", V + "/sobjects/ContentVersion", null, Map.of("PathOnClient", "a.pdf",
                "VersionData", base64("x"), "FirstPublishLocationId", record)).status()).isEqualTo(401);
        assertThat(query("SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '" + record + "'")).isEmpty();
    }
}

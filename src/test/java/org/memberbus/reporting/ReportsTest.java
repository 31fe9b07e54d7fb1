package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.apache.commons.csv.CSVFormat;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reports rendered from the warehouse in each format, downloaded and delivered to each channel,
 * read back as staff would (a spreadsheet, a PDF reader, an SFTP client), and the audit trail.
 */
@SandboxTest
class ReportsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.memberbus.PartnerProbe partners;
    @Value("${sandbox.exams.sftp-port}") int sftpPort;
    @Value("${memberbus.reports.directory}") String directory;
    @Value("${memberbus.community.url}") String communityUrl;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void warehouseLoaded() {
        var response = new BusClient(port).postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=incremental", "");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
    }

    HttpResponse<byte[]> download(String report, String format) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reports/" + report
                        + "/download" + (format == null ? "" : "?format=" + format)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(BusClient.OPS.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    long members() {
        return jdbc.queryForObject("SELECT count(*) FROM warehouse.dim_member WHERE NOT is_deleted", Long.class);
    }

    @Test
    void aReportIsRenderedAsCsvExcelAndPdf() throws Exception {
        var csv = download("membership-by-level-status", "csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("membership-by-level-status-");
        var records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv.body(), StandardCharsets.UTF_8))).getRecords();
        long total = records.stream().mapToLong(r -> Long.parseLong(r.get("Members"))).sum();
        assertThat(total).isEqualTo(members());
        assertThat(records).anySatisfy(r -> assertThat(r.get("Level")).isEqualTo("Fellow"));

        var xlsx = download("membership-by-level-status", "xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Members");
            double sum = 0;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                sum += sheet.getRow(r).getCell(2).getNumericCellValue();
            }
            assertThat((long) sum).isEqualTo(members());
        }

        var pdf = download("membership-by-level-status", "pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        try (var reader = new PdfReader(pdf.body())) {
            var text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("Membership by level and status").contains("Fellow");
        }

        // every download is in the audit trail, with who asked
        var audit = JSON.readTree(new BusClient(port).get("/api/v1/reports/runs?limit=20", BusClient.OPS).body());
        assertThat(audit.findValuesAsText("format")).contains("csv", "xlsx", "pdf");
        assertThat(audit.get(0).path("requestedBy").asText()).isEqualTo("ops");
        assertThat(audit.get(0).path("channel").asText()).isEqualTo("download");
    }

    @Test
    void aReportIsDeliveredToSftpAndToTheDirectory() throws Exception {
        var response = new BusClient(port).postAs(BusClient.OPS,
                "/api/v1/reports/renewals-due-and-lapsed/run?format=csv&deliver=sftp", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long runId = JSON.readTree(response.body()).path("id").asLong();
        var target = jdbc.queryForMap("SELECT status, target, rows FROM warehouse.report_run WHERE id = ?", runId);
        assertThat(target.get("status")).isEqualTo("delivered");
        var path = ((String) target.get("target")).substring("sftp:".length());

        // read back by a standard SFTP client
        byte[] copy;
        try (var client = SshClient.setUpDefaultClient()) {
            client.start();
            try (var session = client.connect("exams", "localhost", sftpPort).verify(Duration.ofSeconds(10)).getSession()) {
                session.addPasswordIdentity("sandbox");
                session.auth().verify(Duration.ofSeconds(10));
                try (var sftp = SftpClientFactory.instance().createSftpClient(session);
                     var in = sftp.read(path); var out = new ByteArrayOutputStream()) {
                    in.transferTo(out);
                    copy = out.toByteArray();
                }
            }
        }
        var lines = new String(copy, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("Member number,First name,Last name");
        assertThat(lines).hasSize(((Number) target.get("rows")).intValue() + 1);

        response = new BusClient(port).postAs(BusClient.OPS, "/api/v1/reports/revenue-by-month/run?deliver=directory", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        runId = JSON.readTree(response.body()).path("id").asLong();
        var file = ((String) jdbc.queryForObject("SELECT target FROM warehouse.report_run WHERE id = ?", String.class, runId))
                .substring("directory:".length());
        var bytes = Files.readAllBytes(Path.of(directory, file));
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void aReportIsDeliveredByEmailThroughTheMarketingAutomation() throws Exception {
        var response = new BusClient(port).postAs(BusClient.OPS, "/api/v1/reports/health-distribution/run?deliver=email", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long runId = JSON.readTree(response.body()).path("id").asLong();
        var fileName = jdbc.queryForObject("SELECT r.report || '-' FROM warehouse.report_run r WHERE id = ?", String.class, runId);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var runs = new java.util.ArrayList<JsonNode>();
            partners.campaignRuns("report-delivery").forEach(runs::add);
            assertThat(runs).anySatisfy(run -> {
                assertThat(run.path("email").asText()).isEqualTo("data-team@memberbus.sandbox");
                assertThat(run.path("requestId").asText()).isEqualTo("report:" + runId + ":data-team@memberbus.sandbox");
                assertThat(run.path("tokens").path("reportLink").asText()).contains("/reports/" + fileName);
            });
        });
        // the linked file is in the portal's folder
        var target = Files.list(Path.of(directory)).map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(fileName) && n.endsWith(".csv")).toList();
        assertThat(target).isNotEmpty();
    }

    @Test
    void aReportIsPostedToTheCommunityPortalOncePerRun() throws Exception {
        var response = new BusClient(port).postAs(BusClient.OPS,
                "/api/v1/reports/membership-by-level-status/run?format=xlsx&deliver=portal", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long runId = JSON.readTree(response.body()).path("id").asLong();
        var audit = jdbc.queryForMap("SELECT status, channel, target, requested_by FROM warehouse.report_run WHERE id = ?", runId);
        assertThat(audit).containsEntry("status", "delivered").containsEntry("channel", "portal")
                .containsEntry("requested_by", "ops");
        assertThat((String) audit.get("target")).startsWith("portal:staff-reports/doc_");

        // what the portal's readers find in the staff folder: one document for the run, its announcement
        var documents = portal("/api/v1/library/folders/staff-reports/documents");
        var posted = new java.util.ArrayList<JsonNode>();
        JSON.readTree(documents).path("data").forEach(d -> {
            if (("report:" + runId + ":portal").equals(d.path("idempotencyKey").asText())) {
                posted.add(d);
            }
        });
        assertThat(posted).hasSize(1);
        var document = posted.get(0);
        assertThat(document.path("title").asText()).isEqualTo("Membership by level and status");
        assertThat(JSON.readTree(portal("/api/v1/library/folders/staff-reports/announcements")).path("data").toString())
                .contains(document.path("id").asText());
        var bytes = http.send(HttpRequest.newBuilder(URI.create(communityUrl + document.path("url").asText()))
                .header("X-Api-Key", "community-sandbox-key").GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            double sum = 0;
            var sheet = workbook.getSheetAt(0);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                sum += sheet.getRow(r).getCell(2).getNumericCellValue();
            }
            assertThat((long) sum).isEqualTo(members());
        }
        // the same post again (a retry) is the same document: the portal honours the key
        var retry = http.send(HttpRequest.newBuilder(URI.create(communityUrl
                        + "/api/v1/library/folders/staff-reports/documents?fileName=x.xlsx"))
                .header("X-Api-Key", "community-sandbox-key").header("Idempotency-Key", "report:" + runId + ":portal")
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).path("id").asText()).isEqualTo(document.path("id").asText());
        assertThat(JSON.readTree(portal("/api/v1/library/folders/staff-reports/documents")).path("data").size())
                .isEqualTo(JSON.readTree(documents).path("data").size());
    }

    @Test
    void theSeedsStaffReportsAllExistAndRenderInEachFormat() throws Exception {
        var list = JSON.readTree(new BusClient(port).get("/api/v1/reports", BusClient.OPS).body());
        assertThat(list.findValuesAsText("id")).contains("membership-by-level-status", "renewals-due-and-lapsed",
                "event-attendance-and-ceus", "certification-pipeline", "revenue-by-month", "deferred-revenue-by-month",
                "ledger-revenue-by-month");
        for (var report : new String[] {"event-attendance-and-ceus", "certification-pipeline", "ledger-revenue-by-month"}) {
            var csv = download(report, "csv");
            assertThat(csv.statusCode()).as(report).isEqualTo(200);
            assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("")).as(report).contains(",");
            var xlsx = download(report, "xlsx");
            assertThat(xlsx.statusCode()).as(report).isEqualTo(200);
            try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
                assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).as(report).isNotBlank();
            }
            var pdf = download(report, "pdf");
            assertThat(pdf.statusCode()).as(report).isEqualTo(200);
            try (var reader = new PdfReader(pdf.body())) {
                assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).as(report).isNotBlank();
            }
        }
    }

    String portal(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(communityUrl + path))
                .header("X-Api-Key", "community-sandbox-key").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void unknownReportsFormatsAndChannelsAreRefused() throws Exception {
        assertThat(download("no-such-report", "csv").statusCode()).isEqualTo(404);
        assertThat(download("membership-by-level-status", "docx").statusCode()).isEqualTo(400);
        var response = new BusClient(port).postAs(BusClient.OPS, "/api/v1/reports/revenue-by-month/run?deliver=fax", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("deliver must be one of");
    }
}

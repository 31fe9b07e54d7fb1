package org.memberbus.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.NoSuchSObjectException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.CreateSObjectResult;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.crm.dto.Contact;
import org.memberbus.crm.dto.Membership__c;
import org.memberbus.crm.dto.Payment__c;
import org.memberbus.crm.dto.QueryRecordsContact;
import org.memberbus.crm.dto.Task;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.core.env.StandardEnvironment;

/** The REST API and OAuth, through the real camel-salesforce component and plain HTTP. */
class SalesforceRestTest {

    private static SimulatorHost host;
    private static SalesforceSandboxClient sandbox;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() {
        host = SimulatorHost.start("salesforce", 0, new StandardEnvironment(), SalesforceSimulator.class);
        sandbox = new SalesforceSandboxClient(host.port());
        camel = SalesforceSandboxClient.camel(host.port());
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        host.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
    }

    private static SalesforceException salesforceError(Runnable call) {
        try {
            call.run();
        } catch (CamelExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SalesforceException.class);
            return (SalesforceException) e.getCause();
        }
        throw new AssertionError("expected a SalesforceException");
    }

    private static Contact contact(String memberNumber, String lastName) {
        var contact = new Contact();
        contact.setFirstName("Test");
        contact.setLastName(lastName);
        contact.setMember_Number__c(memberNumber);
        contact.setEmail(memberNumber.toLowerCase() + "@example.org");
        return contact;
    }

    @Test
    void oauthGrantsAndErrors() {
        var ok = sandbox.form("/services/oauth2/token", Map.of("grant_type", "password", "client_id",
                "memberbus-sandbox", "client_secret", "sandbox-secret", "username", "integration@memberbus.sandbox",
                "password", "sandbox"));
        assertThat(ok.status()).isEqualTo(200);
        var token = ok.json();
        assertThat(token.get("instance_url")).isEqualTo("http://127.0.0.1:" + host.port());
        assertThat((String) token.get("id")).endsWith("/id/00DDM0000000001AAA/005DM0000000000AAA");
        assertThat(token).containsEntry("token_type", "Bearer").containsKeys("issued_at", "signature", "access_token");

        var badPassword = sandbox.form("/services/oauth2/token", Map.of("grant_type", "password", "client_id",
                "memberbus-sandbox", "client_secret", "sandbox-secret", "username", "integration@memberbus.sandbox",
                "password", "wrong"));
        assertThat(badPassword.status()).isEqualTo(400);
        assertThat(badPassword.json()).containsEntry("error", "invalid_grant");
        var badSecret = sandbox.form("/services/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", "memberbus-sandbox", "client_secret", "nope"));
        assertThat(badSecret.json()).containsEntry("error", "invalid_client");

        assertThat(sandbox.form("/services/oauth2/token", Map.of("grant_type", "client_credentials", "client_id",
                "memberbus-sandbox", "client_secret", "sandbox-secret")).status()).isEqualTo(200);
        assertThat(sandbox.form("/services/oauth2/token", Map.of("grant_type", "refresh_token", "client_id",
                "memberbus-sandbox", "client_secret", "sandbox-secret", "refresh_token", "sandbox-refresh-token"))
                .status()).isEqualTo(200);
        // JWT bearer as camel-salesforce writes it (exp a quoted string, padded base64), but not signed by
        // the connected app's certificate (this org has none): refused (signed logins: infra.SalesforceJwtLoginTest)
        var claims = "{\"iss\":\"memberbus-sandbox\",\"sub\":\"olivia.owner@memberbus.sandbox\",\"aud\":\"x\",\"exp\":\""
                + (Instant.now().getEpochSecond() + 200) + "\"}";
        var assertion = Base64.getUrlEncoder().encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
        var jwt = sandbox.form("/services/oauth2/token", Map.of("grant_type",
                "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion));
        assertThat(jwt.status()).isEqualTo(400);
        assertThat(jwt.json()).containsEntry("error", "invalid_grant").containsEntry("error_description", "invalid assertion");

        // a revoked token is an invalid session
        var access = (String) token.get("access_token");
        assertThat(sandbox.send("GET", "/services/data/v56.0/limits", access, null).status()).isEqualTo(200);
        assertThat(sandbox.send("GET", "/services/oauth2/revoke?token=" + access, null, null).status()).isEqualTo(200);
        var expired = sandbox.send("GET", "/services/data/v56.0/limits", access, null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.jsonArray()).containsExactly(Map.of("message", "Session expired or invalid",
                "errorCode", "INVALID_SESSION_ID", "fields", List.of()));
        // the versions list needs no session
        assertThat(sandbox.send("GET", "/services/data/", null, null).jsonArray())
                .anySatisfy(v -> assertThat(v).containsEntry("version", "56.0"));
    }

    @Test
    void contactCreateRetrieveUpdateUpsertDelete() {
        var created = template.requestBody("salesforce:createSObject?sObjectName=Contact",
                contact("T000001", "Create"), CreateSObjectResult.class);
        assertThat(created.getSuccess()).isTrue();
        var id = created.getId();
        assertThat(id).startsWith("003").hasSize(18);

        var read = template.requestBody("salesforce:getSObject?sObjectName=Contact&sObjectId=" + id, null,
                Contact.class);
        assertThat(read.getLastName()).isEqualTo("Create");
        assertThat(read.getName()).isEqualTo("Test Create");
        assertThat(read.getOwnerId()).isEqualTo(SalesforceSettings.INTEGRATION_USER_ID);
        assertThat(read.getCreatedDate()).isNotNull();
        assertThat(read.getSystemModstamp()).isNotNull();
        assertThat(read.getAttributes().getUrl()).isEqualTo("/services/data/v56.0/sobjects/Contact/" + id);

        var raw = template.requestBody("salesforce:getSObject?sObjectName=Contact&rawPayload=true&sObjectId=" + id,
                null, String.class);
        assertThat(raw).matches("(?s).*\"CreatedDate\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000\".*");

        var change = new Contact();
        change.setId(id);
        change.setMailingCity("Dublin");
        change.setMember_Since__c(LocalDate.of(2020, 5, 1));
        template.sendBody("salesforce:updateSObject", change);
        var fields = template.requestBody("salesforce:getSObject?sObjectName=Contact&sObjectFields=MailingCity,"
                + "Member_Since__c&sObjectId=" + id, null, Contact.class);
        assertThat(fields.getMailingCity()).isEqualTo("Dublin");
        assertThat(fields.getMember_Since__c()).isEqualTo(LocalDate.of(2020, 5, 1));

        var upsertNew = template.requestBody("salesforce:upsertSObject?sObjectIdName=Member_Number__c",
                contact("T000002", "Upserted"), UpsertSObjectResult.class);
        assertThat(upsertNew.getCreated()).isTrue();
        var again = contact("T000002", "Upserted Again");
        var upsertOld = template.requestBody("salesforce:upsertSObject?sObjectIdName=Member_Number__c", again,
                UpsertSObjectResult.class);
        assertThat(upsertOld.getCreated()).isFalse();
        assertThat(upsertOld.getId()).isEqualTo(upsertNew.getId());
        var byExternalId = template.requestBody("salesforce:getSObjectWithId?sObjectName=Contact"
                + "&sObjectIdName=Member_Number__c&sObjectIdValue=T000002", null, Contact.class);
        assertThat(byExternalId.getLastName()).isEqualTo("Upserted Again");

        template.sendBodyAndHeader("salesforce:deleteSObject?sObjectName=Contact", null, "sObjectId", id);
        var deleted = salesforceError(() -> template.requestBody(
                "salesforce:getSObject?sObjectName=Contact&sObjectId=" + id, null, Contact.class));
        assertThat(deleted).isInstanceOf(NoSuchSObjectException.class);
        assertThat(deleted.getErrors().get(0).getErrorCode()).isEqualTo("ENTITY_IS_DELETED");

        // queryAll still sees it, query does not
        var soql = "SELECT Id, IsDeleted FROM Contact WHERE Member_Number__c = 'T000001'";
        assertThat(template.requestBody("salesforce:query?sObjectClass=" + QueryRecordsContact.class.getName()
                + "&sObjectQuery=" + soql, null, QueryRecordsContact.class).getTotalSize()).isZero();
        var all = template.requestBody("salesforce:queryAll?sObjectClass=" + QueryRecordsContact.class.getName()
                + "&sObjectQuery=" + soql, null, QueryRecordsContact.class);
        assertThat(all.getRecords()).singleElement().satisfies(c -> assertThat(c.isIsDeleted()).isTrue());
    }

    @Test
    void relatedRecordByExternalIdAndDocumentedErrors() {
        var membership = new Membership__c();
        membership.setContact__r(Contact.byMemberNumber("M000001"));
        membership.setLevel__c("Fellow");
        membership.setStatus__c("Active");
        membership.setStart_Date__c(LocalDate.now());
        var created = template.requestBody("salesforce:createSObject", membership, CreateSObjectResult.class);
        var read = template.requestBody("salesforce:getSObject?sObjectName=Membership__c&sObjectId=" + created.getId(),
                null, Membership__c.class);
        assertThat(read.getContact__c()).isEqualTo(DemoAssociation.sfId("003", 1));
        assertThat(read.getName()).startsWith("MS-");

        var duplicate = salesforceError(() -> template.requestBody("salesforce:createSObject?sObjectName=Contact",
                contact("M000001", "Clash"), CreateSObjectResult.class));
        assertThat(duplicate.getStatusCode()).isEqualTo(400);
        assertThat(duplicate.getErrors().get(0).getErrorCode()).isEqualTo("DUPLICATE_VALUE");

        var noLastName = new Contact();
        noLastName.setFirstName("Only");
        var missing = salesforceError(() -> template.requestBody("salesforce:createSObject?sObjectName=Contact",
                noLastName, CreateSObjectResult.class));
        assertThat(missing.getErrors().get(0).getErrorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(missing.getErrors().get(0).getFields()).containsExactly("LastName");

        var malformed = salesforceError(() -> template.requestBody(
                "salesforce:query?rawPayload=true&sObjectQuery=SELECT Id Contact", null, String.class));
        assertThat(malformed.getErrors().get(0).getErrorCode()).isEqualTo("MALFORMED_QUERY");
        var invalidField = salesforceError(() -> template.requestBody(
                "salesforce:query?rawPayload=true&sObjectQuery=SELECT Id, Nope__c FROM Contact", null, String.class));
        assertThat(invalidField.getErrors().get(0).getErrorCode()).isEqualTo("INVALID_FIELD");

        var notFound = salesforceError(() -> template.requestBody(
                "salesforce:getSObject?sObjectName=Contact&sObjectId=003SB0000099999AAA", null, Contact.class));
        assertThat(notFound).isInstanceOf(NoSuchSObjectException.class);
        assertThat(notFound.getErrors().get(0).getErrorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void queryPagesThroughNextRecordsUrl() {
        sandbox.faults(Map.of("queryPageSize", 700));
        var soql = "SELECT Id, Member_Number__c, LastModifiedDate FROM Contact WHERE Member_Number__c LIKE 'M%'"
                + " ORDER BY Member_Number__c";
        var page = template.requestBody("salesforce:query?sObjectClass=" + QueryRecordsContact.class.getName()
                + "&sObjectQuery=" + soql, null, QueryRecordsContact.class);
        assertThat(page.getTotalSize()).isEqualTo(DemoAssociation.MEMBER_COUNT);
        assertThat(page.getDone()).isFalse();
        var seen = new ArrayList<String>();
        page.getRecords().forEach(c -> seen.add(c.getMember_Number__c()));
        int pages = 1;
        while (!page.getDone()) {
            page = template.requestBody("salesforce:queryMore?sObjectClass=" + QueryRecordsContact.class.getName()
                    + "&sObjectQuery=" + page.getNextRecordsUrl(), null, QueryRecordsContact.class);
            page.getRecords().forEach(c -> seen.add(c.getMember_Number__c()));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(DemoAssociation.MEMBER_COUNT).doesNotHaveDuplicates().isSorted();
        assertThat(seen.get(0)).isEqualTo("M000001");

        var count = template.requestBody("salesforce:query?rawPayload=true&sObjectQuery="
                + "SELECT COUNT() FROM Membership__c WHERE Status__c = 'Active'", null, String.class);
        var active = DemoAssociation.generate(LocalDate.now()).members().stream()
                .filter(m -> m.status().name().equals("ACTIVE")).count();
        assertThat(SalesforceSandboxClient.read(count, new com.fasterxml.jackson.core.type.TypeReference<Map<String,
                Object>>() {}).get("totalSize")).isEqualTo((int) active);
    }

    @Test
    void sObjectCollectionsOf200() {
        var contacts = new ArrayList<Contact>();
        for (int i = 1; i <= 200; i++) {
            contacts.add(contact(String.format("C%06d", i), "Batch " + i));
        }
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> created = template.requestBodyAndHeader(
                "salesforce:compositeCreateSObjectCollections", contacts, "allOrNone", true, List.class);
        assertThat(created).hasSize(200).allSatisfy(r -> assertThat(r.getSuccess()).isTrue());

        var updates = new ArrayList<Contact>();
        for (SaveSObjectResult r : created) {
            var update = new Contact();
            update.setId(r.getId());
            update.setEmployer__c("Batch Employer");
            updates.add(update);
        }
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> updated = template.requestBody(
                "salesforce:compositeUpdateSObjectCollections", updates, List.class);
        assertThat(updated).hasSize(200).allSatisfy(r -> assertThat(r.getSuccess()).isTrue());

        var upserts = new ArrayList<Contact>();
        for (int i = 101; i <= 300; i++) {
            upserts.add(contact(String.format("C%06d", i), "Upsert " + i));
        }
        @SuppressWarnings("unchecked")
        List<UpsertSObjectResult> upserted = template.requestBody("salesforce:compositeUpsertSObjectCollections"
                + "?sObjectName=Contact&sObjectIdName=Member_Number__c", upserts, List.class);
        assertThat(upserted).hasSize(200).allSatisfy(r -> assertThat(r.getSuccess()).isTrue());
        assertThat(upserted.stream().filter(UpsertSObjectResult::getCreated).count()).isEqualTo(100);
        var ids = new HashSet<String>();
        upserted.forEach(r -> ids.add(r.getId()));
        assertThat(ids).hasSize(200);

        var employerCount = template.requestBody("salesforce:query?rawPayload=true&sObjectQuery="
                + "SELECT COUNT() FROM Contact WHERE Employer__c = 'Batch Employer'", null, String.class);
        assertThat(employerCount).contains("\"totalSize\":200");

        // more than 200 records is refused as a whole
        var tooMany = new ArrayList<Contact>();
        for (int i = 1; i <= 201; i++) {
            tooMany.add(contact(String.format("X%06d", i), "Too many"));
        }
        var refused = salesforceError(() -> template.requestBody(
                "salesforce:compositeCreateSObjectCollections", tooMany, List.class));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getErrors().get(0).getErrorCode()).isEqualTo("EXCEEDED_ID_LIMIT");

        // allOrNone (camel 4.17 reads it from the header only): one duplicate fails every record
        var withDuplicate = List.of(contact("Y000001", "Fine"), contact("C000001", "Duplicate"));
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> rolledBack = template.requestBodyAndHeader(
                "salesforce:compositeCreateSObjectCollections", withDuplicate, "allOrNone", true, List.class);
        assertThat(rolledBack).allSatisfy(r -> assertThat(r.getSuccess()).isFalse());
        assertThat(rolledBack.get(1).getErrors().get(0).getErrorCode()).isEqualTo("DUPLICATE_VALUE");
        assertThat(rolledBack.get(0).getErrors().get(0).getErrorCode()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    }

    @Test
    void mixedCollectionOfTaskAndPayment() {
        var task = new Task();
        task.setWhoId(DemoAssociation.sfId("003", 3));
        task.setOwnerId(DemoAssociation.sfId("005", 2));
        task.setSubject("Call about renewal");
        task.setActivityDate(LocalDate.now().plusDays(3));
        var payment = new Payment__c();
        payment.setContact__r(Contact.byMemberNumber("M000003"));
        payment.setAmount__c(295.0);
        payment.setType__c("Dues");
        payment.setStatus__c("Succeeded");
        payment.setGateway_Payment_Id__c("pi_test_1");
        payment.setPaid_At__c(java.time.ZonedDateTime.parse("2026-11-23T10:15:30Z"));
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> results = template.requestBodyAndHeader(
                "salesforce:compositeCreateSObjectCollections", List.of(task, payment), "allOrNone", true, List.class);
        assertThat(results).allSatisfy(r -> assertThat(r.getSuccess()).isTrue());
        var savedTask = template.requestBody("salesforce:getSObject?sObjectName=Task&sObjectId="
                + results.get(0).getId(), null, Task.class);
        assertThat(savedTask.getStatus()).isEqualTo("Not Started");
        assertThat(savedTask.getPriority()).isEqualTo("Normal");
        assertThat(savedTask.getOwnerId()).isEqualTo(DemoAssociation.sfId("005", 2));
        var savedPayment = template.requestBody("salesforce:getSObject?sObjectName=Payment__c&sObjectId="
                + results.get(1).getId(), null, Payment__c.class);
        assertThat(savedPayment.getContact__c()).isEqualTo(DemoAssociation.sfId("003", 3));
        assertThat(savedPayment.getPaid_At__c().toInstant()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(savedPayment.getCurrency__c()).isEqualTo("USD");
    }

    @Test
    void limitsAndTheApiCallCounter() {
        sandbox.send("DELETE", "/__sandbox/api-calls", null, null);
        var limits = template.requestBody("salesforce:limits", null, Limits.class);
        assertThat(limits.getDailyApiRequests().getMax()).isEqualTo(15000);
        assertThat(limits.getDailyApiRequests().getRemaining()).isEqualTo(14999);
        var exchange = template.request("salesforce:limits", e -> { });
        assertThat(exchange.getMessage().getHeader("Sforce-Limit-Info", String.class)).isEqualTo("api-usage=2/15000");
        assertThat(sandbox.apiCalls()).isEqualTo(2);
    }

    @Test
    void expiredSessionIsRenewedTransparently() {
        var id = DemoAssociation.sfId("003", 7);
        assertThat(template.requestBody("salesforce:getSObject?sObjectName=Contact&sObjectId=" + id, null,
                Contact.class).getMember_Number__c()).isEqualTo("M000007");
        sandbox.faults(Map.of("expireSessions", true));
        assertThat(template.requestBody("salesforce:getSObject?sObjectName=Contact&sObjectId=" + id, null,
                Contact.class).getMember_Number__c()).isEqualTo("M000007");
    }

    @Test
    void requestLimitExceeded() {
        sandbox.faults(Map.of("rateLimitNext", 1));
        var limited = salesforceError(() -> template.requestBody("salesforce:limits", null, Limits.class));
        assertThat(limited.getStatusCode()).isEqualTo(403);
        assertThat(limited.getErrors().get(0).getErrorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(template.requestBody("salesforce:limits", null, Limits.class)).isNotNull();

        // the real allowance: exhausted once the day's count reaches the maximum
        sandbox.faults(Map.of("dailyApiMax", sandbox.apiCalls()));
        var exhausted = salesforceError(() -> template.requestBody("salesforce:limits", null, Limits.class));
        assertThat(exhausted.getErrors().get(0).getErrorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    }

    @Test
    void injectedServerErrorsAndSessionLifetime() {
        var token = sandbox.login();
        assertThat(sandbox.faults(Map.of("errorRate", 1.0, "latencyMs", 50))).containsEntry("errorRate", 1.0);
        var failed = sandbox.send("GET", "/services/data/v56.0/limits", token, null);
        assertThat(failed.status()).isIn(500, 503);
        assertThat(failed.jsonArray().get(0).get("errorCode")).isIn("UNKNOWN_EXCEPTION", "SERVER_UNAVAILABLE");
        sandbox.clearFaults();
        assertThat(sandbox.send("GET", "/services/data/v56.0/limits", token, null).status()).isEqualTo(200);
        // a session lifetime of zero ends every session at its next use
        sandbox.faults(Map.of("sessionLifetimeSeconds", 0));
        assertThat(sandbox.send("GET", "/services/data/v56.0/limits", sandbox.login(), null).status()).isEqualTo(401);
        assertThat(sandbox.send("POST", "/__sandbox/faults", null, Map.of("noSuchFault", 1)).status()).isEqualTo(400);
    }

    @Test
    void compositeRequestWithReferences() {
        var token = sandbox.login();
        var body = Map.of("allOrNone", true, "compositeRequest", List.of(
                Map.of("method", "POST", "url", "/services/data/v56.0/sobjects/Contact", "referenceId", "newContact",
                        "body", Map.of("LastName", "Composite", "Member_Number__c", "Z000001")),
                Map.of("method", "POST", "url", "/services/data/v56.0/sobjects/Membership__c",
                        "referenceId", "newMembership",
                        "body", Map.of("Contact__c", "@{newContact.id}", "Status__c", "Pending")),
                Map.of("method", "GET", "referenceId", "check",
                        "url", "/services/data/v56.0/query/?q=SELECT+Id,+Contact__c+FROM+Membership__c+WHERE+Id+=+'"
                                + "@{newMembership.id}'")));
        var response = sandbox.send("POST", "/services/data/v56.0/composite", token, body);
        assertThat(response.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var results = (List<Map<String, Object>>) response.json().get("compositeResponse");
        assertThat(results).extracting(r -> r.get("httpStatusCode")).containsExactly(201, 201, 200);
        @SuppressWarnings("unchecked")
        var contactId = ((Map<String, Object>) results.get(0).get("body")).get("id");
        assertThat(results.get(2).get("body").toString()).contains("Contact__c=" + contactId);

        var failing = Map.of("allOrNone", true, "compositeRequest", List.of(
                Map.of("method", "POST", "url", "/services/data/v56.0/sobjects/Contact", "referenceId", "a",
                        "body", Map.of("LastName", "Rolled Back", "Member_Number__c", "Z000002")),
                Map.of("method", "POST", "url", "/services/data/v56.0/sobjects/Contact", "referenceId", "b",
                        "body", Map.of("FirstName", "No Last Name"))));
        @SuppressWarnings("unchecked")
        var failed = (List<Map<String, Object>>) sandbox.send("POST", "/services/data/v56.0/composite", token, failing)
                .json().get("compositeResponse");
        assertThat(failed.get(0).get("body").toString()).contains("PROCESSING_HALTED");
        assertThat(failed.get(1).get("body").toString()).contains("REQUIRED_FIELD_MISSING");
        var query = sandbox.send("GET", "/services/data/v56.0/query?q=SELECT+Id+FROM+Contact+WHERE+Member_Number__c"
                + "+=+'Z000002'", token, null);
        assertThat(query.json()).containsEntry("totalSize", 0);
        assertThat(query.headers().firstValue("Sforce-Limit-Info")).hasValueSatisfying(v ->
                assertThat(v).startsWith("api-usage="));
    }

    @Test
    void unknownResourcesAndMethodsAnswerAsSalesforce() {
        var token = sandbox.login();
        var unknown = sandbox.send("GET", "/services/data/v56.0/nothing/here", token, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.jsonArray().get(0)).containsEntry("errorCode", "NOT_FOUND");
        var unknownType = sandbox.send("GET", "/services/data/v56.0/sobjects/Nothing__c/describe", token, null);
        assertThat(unknownType.status()).isEqualTo(404);
        var describe = sandbox.send("GET", "/services/data/v56.0/sobjects/Contact/describe", token, null).json();
        @SuppressWarnings("unchecked")
        var fields = (List<Map<String, Object>>) describe.get("fields");
        assertThat(fields).anySatisfy(f -> assertThat(f).containsEntry("name", "Member_Number__c")
                .containsEntry("externalId", true).containsEntry("unique", true));
        var global = sandbox.send("GET", "/services/data/v56.0/sobjects", token, null).json();
        assertThat(global.get("sobjects").toString()).contains("Membership__c", "Payment__c", "Task");
    }
}

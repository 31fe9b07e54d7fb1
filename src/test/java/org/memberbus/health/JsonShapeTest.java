package org.memberbus.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What the flows put on Kafka and the APIs return, and read back (the previous result). */
class JsonShapeTest {

    final ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    final HealthEngine engine = TestModel.engine();

    @Test
    void aResultIsWrittenInTheModelsTermsAndReadBack() throws Exception {
        HealthResult ada = engine.scorer().score(HealthScorerTest.ada(), 75);
        String text = json.writeValueAsString(ada);
        assertThat(text).contains("\"score\":83", "\"band\":\"healthy\"", "\"direction\":\"up\"", "\"asOf\":\"2025-11-20\"",
                "{\"signal\":\"events_12m\",\"value\":2.0,\"normalised\":0.75,\"weight\":15.0,\"points\":11.25,\"counted\":true}",
                "\"modelVersion\":\"test-1\"");
        assertEquals(ada, json.readValue(text, HealthResult.class));
    }

    @Test
    void aSnapshotIsReadFromJson() throws Exception {
        SignalSnapshot s = json.readValue("""
                {"memberId": "ada", "asOf": "2025-11-20", "values": {"posts_90d": 6, "tenure_years": null}}""", SignalSnapshot.class);
        assertEquals(new SignalSnapshot("ada", LocalDate.of(2025, 11, 20), java.util.Map.of("posts_90d", 6.0)), s);
    }

    @Test
    void triggersReadinessAndRenewalRiskAreWrittenInLowerCase() throws Exception {
        HealthResult cy = engine.scorer().score(HealthScorerTest.cy(), null);
        assertThat(json.writeValueAsString(engine.triggers().decide(null, cy, null, null)))
                .contains("\"rule\":\"retention\"", "\"action\":\"task\"", "\"due\":\"2025-11-23\"");
        assertThat(json.writeValueAsString(engine.expansion().assess(cy, org.memberbus.member.MembershipLevel.STUDENT)))
                .contains("\"upgradeTo\":\"ASSOCIATE\"", "\"ready\":false");
        assertThat(json.writeValueAsString(engine.renewal().assess(cy, null, 0, 0)))
                .contains("\"playbook\":\"save-plan\"");
    }
}

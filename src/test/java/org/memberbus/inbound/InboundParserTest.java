package org.memberbus.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

class InboundParserTest {

    final InboundParser parser = new InboundParser(new ObjectMapper().registerModule(new JavaTimeModule()),
            Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void readsAValidCommunityEventAndKeysItByTheCrmId() {
        var event = parser.parse("""
                {"id":"evt_1","type":"post.created","created":"2026-11-23T10:00:00Z","extra":true,
                 "account":{"id":"cm_000001","crmContactId":"003DM0000000001AAA"}}""", CommunityEvent.class);
        assertThat(event.memberKey()).isEqualTo("003DM0000000001AAA");
    }

    @Test
    void keysANewPersonByTheirCommunityAccount() {
        var event = parser.parse("""
                {"id":"evt_2","type":"membership.application_submitted","created":"2026-11-23T10:00:00Z",
                 "account":{"id":"cm_009999"}}""", CommunityEvent.class);
        assertThat(event.memberKey()).isEqualTo("community:cm_009999");
    }

    @Test
    void saysWhatIsWrongWithABadBody() {
        assertThatThrownBy(() -> parser.parse("", CommunityEvent.class)).hasMessage("empty body");
        assertThatThrownBy(() -> parser.parse("{\"id\":", CommunityEvent.class)).hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> parser.parse("{\"id\":\"\",\"type\":\"x\",\"created\":\"2026-11-23T10:00:00Z\"}",
                CommunityEvent.class)).hasMessage("account must not be null; id must not be blank")
                .extracting("status").isEqualTo(400);
    }
}

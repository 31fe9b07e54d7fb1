package org.memberbus.infra.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @Test
    void emailsAnywhereAreMasked() {
        assertThat(PersonalDataMask.mask("welcome sent to ana.smith12@example.org, done"))
                .isEqualTo("welcome sent to ***@***, done")
                .doesNotContain("ana.smith12");
        assertThat(PersonalDataMask.mask("o'neil+news@mail.example.co.uk")).isEqualTo("***@***");
    }

    @Test
    void phoneNumbersAreMaskedButIdsDatesAndCountsAreNot() {
        assertThat(PersonalDataMask.mask("call +1-555-0012 or (555) 123-4567 or 555.123.4567"))
                .isEqualTo("call *** or *** or ***");
        String ordinary = "2026-12-05T00:54:23.123Z offset 123456789 at 1764896063000 from 127.0.0.1:8080 "
                + "took 12.5 ms, 2000 members, v4.17.0, contact 003000000000001AAA, M000012, cus_A1b2C3d4E5f6G7";
        assertThat(PersonalDataMask.mask(ordinary)).isEqualTo(ordinary);
    }

    @Test
    void valuesOfPersonalFieldsAreMaskedInJsonRecordsAndSalesforceErrors() {
        assertThat(PersonalDataMask.mask("{\"FirstName\":\"Ana\",\"LastName\":\"O\\\"Neil\",\"Member_Number__c\":\"M000012\"}"))
                .isEqualTo("{\"FirstName\":\"***\",\"LastName\":\"***\",\"Member_Number__c\":\"M000012\"}");
        assertThat(PersonalDataMask.mask("DemoMember[number=12, firstName=Ana, lastName=Smith, city=Lyon, level=FELLOW]"))
                .isEqualTo("DemoMember[number=12, firstName=***, lastName=***, city=***, level=FELLOW]");
        assertThat(PersonalDataMask.mask("{errors:[{message=Email: data value too large: ana.smith12.with.a.long.alias.for..."
                + " (max length=80), errorCode=STRING_TOO_LONG, fields=[Email]}], statusCode:400}"))
                .doesNotContain("ana.smith12")
                .contains("errorCode=STRING_TOO_LONG", "statusCode:400");
        assertThat(PersonalDataMask.mask("{\"MailingStreet\": \"1 Main St\", \"MailingPostalCode\": \"75001\"}"))
                .isEqualTo("{\"MailingStreet\": \"***\", \"MailingPostalCode\": \"***\"}");
        assertThat(PersonalDataMask.mask("<Phone>+1 555 0100</Phone>")).isEqualTo("<Phone>***</Phone>");
        // camel-salesforce prints the CRM's errors as JSON whose message names the field first
        assertThat(PersonalDataMask.mask("[{\"message\":\"Email: data value too large: alan.corbato177+membership.application.f..."
                + " (max length=80)\",\"errorCode\":\"STRING_TOO_LONG\",\"fields\":[\"Email\"]}]"))
                .isEqualTo("[{\"message\":\"Email: ***)\",\"errorCode\":\"STRING_TOO_LONG\",\"fields\":[\"Email\"]}]");
        assertThat(PersonalDataMask.mask("{Name=Ana Smith, Id=003}")).isEqualTo("{Name=***, Id=003}");
        assertThat(PersonalDataMask.mask("Method with name: replay on bean")).isEqualTo("Method with name: replay on bean");
    }

    @Test
    void theLogbackConvertersMaskTheMessageAndTheThrowable() {
        var context = new LoggerContext();
        var event = new LoggingEvent("test", context.getLogger("test"), Level.ERROR,
                "refused for {}", new IllegalStateException("Email: invalid email address: bob@example.org"),
                new Object[] {"bob@example.org"});
        var message = new MaskingMessageConverter();
        assertThat(message.convert(event)).isEqualTo("refused for ***@***");

        var throwable = new MaskingThrowableConverter();
        throwable.setContext(context);
        throwable.start();
        assertThat(throwable.convert(event)).contains("IllegalStateException").doesNotContain("bob@example.org");
    }
}

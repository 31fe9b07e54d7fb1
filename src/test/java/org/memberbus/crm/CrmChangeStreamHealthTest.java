package org.memberbus.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * The change stream's readiness is DOWN until camel-salesforce's streaming client has subscribed;
 * also guards the camel-salesforce internals it reads (a Camel upgrade that renames them fails here).
 */
class CrmChangeStreamHealthTest {

    @Test
    void downWhileTheRouteIsNotRunning() throws Exception {
        try (var camel = new DefaultCamelContext()) {
            var health = new CrmChangeStreamHealth(camel).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("reason", "route crm-contact-change-source is not running");
        }
    }

    @Test
    void downBeforeTheStreamingClientHasStarted() {
        var component = new SalesforceComponent();
        component.setConfig(new SalesforceEndpointConfig());
        var helper = new SubscriptionHelper(component);
        assertThat(CrmChangeStreamHealth.state(helper, "/data/ContactChangeEvent"))
                .isEqualTo("the streaming client has not started");
        assertThat(CrmChangeStreamHealth.state(null, "/data/ContactChangeEvent")).isNotNull();
    }

    @Test
    void readsTheChannelCamelSalesforceSubscribes() {
        assertThat(CrmChangeStreamHealth.channel("/data/ContactChangeEvent")).isEqualTo("/data/ContactChangeEvent");
        assertThat(CrmChangeStreamHealth.channel("data/ContactChangeEvent")).isEqualTo("/data/ContactChangeEvent");
    }
}

package org.memberbus.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Hawtio shows: every route the running bus holds (not only those {@link
 * RoutesHaveIdAndGroupTest} finds in files) sits in the folder of its business process. REST DSL
 * operations, which Camel turns into routes of their own, are the exception: they only hand over.
 */
@SandboxTest
class RunningRoutesHaveGroupsTest {

    @Autowired CamelContext camel;

    @Test
    void everyRunningRouteHasTheGroupOfItsProcess() {
        List<Route> routes = camel.getRoutes().stream().filter(r -> !r.isCreatedByRestDsl()).toList();
        assertThat(routes).isNotEmpty();
        assertThat(routes)
                .allSatisfy(route -> assertThat(route.getGroup())
                        .as("group of route %s", route.getRouteId())
                        .isIn(RoutesHaveIdAndGroupTest.PROCESSES));
    }
}

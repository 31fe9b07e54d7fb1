package org.memberbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** The Jolokia decision reads requests the way Jolokia does: GET paths, the "p" parameter, bulk POST bodies. */
class JolokiaAccessTest {

    final JolokiaAccess access = new JolokiaAccess(SecurityConfig.roleHierarchy());
    static final String ROUTE = "org.apache.camel:context=memberbus,type=routes,name=\\\"member-sync\\\"";
    static final String DLQ = "org.apache.activemq.artemis:broker=\\\"memberbus\\\",component=addresses,"
            + "address=\\\"DLQ.crm.write\\\",subcomponent=queues,routing-type=\\\"anycast\\\",queue=\\\"DLQ.crm.write\\\"";

    boolean get(String role, String servletPath, String pathInfo, String p) {
        var request = new MockHttpServletRequest("GET", servletPath + (pathInfo == null ? "" : pathInfo));
        request.setServletPath(servletPath);
        request.setPathInfo(pathInfo);
        if (p != null) {
            request.setParameter("p", p);
        }
        return decide(role, request);
    }

    boolean post(String role, String body) {
        var request = new MockHttpServletRequest("POST", "/actuator/jolokia");
        request.setServletPath("/actuator/jolokia");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return decide(role, new CachedBodyRequest(request));
    }

    boolean decide(String role, jakarta.servlet.http.HttpServletRequest request) {
        var user = new TestingAuthenticationToken("u", "p", List.of(
                new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + role)));
        return access.check(() -> user, new RequestAuthorizationContext(request)).isGranted();
    }

    static String exec(String mbean, String operation) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\"}";
    }

    @Test
    void viewersRead() {
        assertThat(get("VIEWER", "/actuator/jolokia", "/read/java.lang:type=Memory/HeapMemoryUsage", null)).isTrue();
        assertThat(get("VIEWER", "/actuator/jolokia", "/list", null)).isTrue();
        assertThat(get("VIEWER", "/actuator/jolokia", "/search/org.apache.camel:*", null)).isTrue();
        assertThat(get("VIEWER", "/actuator/jolokia", null, null)).isTrue();   // version
        assertThat(get("VIEWER", "/actuator/jolokia", "/exec/java.lang:type=Memory/gc", null)).isFalse();
        assertThat(get("VIEWER", "/actuator/jolokia", "/write/java.lang:type=Memory/Verbose/true", null)).isFalse();
        assertThat(get("VIEWER", "/actuator/jolokia", "/", "/exec/java.lang:type=Memory/gc")).isFalse();
        // Hawtio's forwarding path, as the dispatcher servlet sees it
        assertThat(get("VIEWER", "/actuator/hawtio/jolokia/exec/java.lang:type=Memory/gc", null, null)).isFalse();
        assertThat(get("VIEWER", "/actuator/hawtio/jolokia/read/java.lang:type=Memory", null, null)).isTrue();
        assertThat(post("VIEWER", "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"}")).isTrue();
        assertThat(post("VIEWER", exec(ROUTE, "stop"))).isFalse();
        assertThat(post("VIEWER", exec(DLQ, "retryMessages"))).isFalse();
        assertThat(post("VIEWER", "[{\"type\":\"version\"}," + exec(ROUTE, "stop") + "]")).isFalse();
    }

    @Test
    void viewersSeeHawtiosRouteTreeAndDiagramButNotResolvedPlaceholders() {
        var context = "org.apache.camel:context=memberbus,type=context,name=\\\"memberbus\\\"";
        assertThat(post("VIEWER", exec(context, "dumpRoutesAsXml()"))).isTrue();
        assertThat(post("VIEWER", "{\"type\":\"exec\",\"mbean\":\"" + context
                + "\",\"operation\":\"dumpRoutesStatsAsXml\",\"arguments\":[true,true]}")).isTrue();
        assertThat(post("VIEWER", exec(ROUTE, "dumpRouteStatsAsXml(boolean,boolean)"))).isTrue();
        // with placeholders resolved, a route's XML would show the secrets in its endpoint URIs
        assertThat(post("VIEWER", "{\"type\":\"exec\",\"mbean\":\"" + context
                + "\",\"operation\":\"dumpRoutesAsXml(boolean)\",\"arguments\":[true]}")).isFalse();
        assertThat(post("VIEWER", "{\"type\":\"exec\",\"mbean\":\"" + context
                + "\",\"operation\":\"dumpRoutesAsXml\",\"arguments\":[true]}")).isFalse();
        assertThat(post("VIEWER", exec("java.lang:type=Threading", "dumpRoutesAsXml()"))).isFalse();
    }

    @Test
    void operatorsRepairRoutesAndDeadLettersOnly() {
        assertThat(post("OPERATOR", exec(ROUTE, "stop"))).isTrue();
        assertThat(post("OPERATOR", exec(ROUTE, "stop(long)"))).isTrue();
        assertThat(post("OPERATOR", "[{\"type\":\"version\"}," + exec(ROUTE, "resume") + "," + exec(DLQ, "retryMessages") + "]"))
                .isTrue();
        assertThat(post("OPERATOR", exec(ROUTE, "remove"))).isFalse();
        assertThat(post("OPERATOR", exec(ROUTE, "updateRouteFromXml"))).isFalse();
        assertThat(post("OPERATOR", exec(DLQ, "removeAllMessages"))).isFalse();
        assertThat(post("OPERATOR", exec("org.apache.camel:context=memberbus,type=context,name=\\\"memberbus\\\"", "stop")))
                .isFalse();
        assertThat(post("OPERATOR", exec("org.apache.camel:type=routes,*", "stop"))).isFalse();
        assertThat(post("OPERATOR", "[{\"type\":\"version\"}," + exec("java.lang:type=Memory", "gc") + "]")).isFalse();
        assertThat(post("OPERATOR", "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}"))
                .isFalse();
        assertThat(post("OPERATOR", "not json")).isFalse();
        assertThat(post("OPERATOR", "[{\"type\":\"version\"}, 42]")).isFalse();
    }

    @Test
    void adminsDoAnythingAndABodyTooLargeToReadIsRefusedToOthers() {
        assertThat(post("ADMIN", exec("java.lang:type=Memory", "gc"))).isTrue();
        assertThat(get("ADMIN", "/actuator/jolokia", "/write/java.lang:type=Memory/Verbose/false", null)).isTrue();
        var huge = "[" + "{\"type\":\"version\"},".repeat(CachedBodyRequest.LIMIT / 10) + "{\"type\":\"version\"}]";
        assertThat(post("VIEWER", huge)).isFalse();
        assertThat(post("ADMIN", huge)).isTrue();
    }
}

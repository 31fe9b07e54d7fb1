package org.memberbus.security;

import java.util.Set;
import javax.management.ObjectName;
import org.jolokia.server.core.request.JolokiaExecRequest;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.util.RequestType;

/**
 * What each role may ask of Jolokia (and so of Hawtio's console), request by request.
 * VIEWER reads: {@code read}, {@code list}, {@code search}, {@code version}, and the few Camel
 * "dump" operations Hawtio's Camel plugin runs to draw its route tree and diagram (see
 * {@link #CAMEL_VIEWS}). OPERATOR may also run
 * the repairs an operator makes: replay or move dead letters on an Artemis queue, and start, stop,
 * suspend, resume or restart a Camel route. ADMIN may do anything, writes and every operation.
 */
final class JolokiaPolicy {

    static final Set<RequestType> READS = Set.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH,
            RequestType.VERSION);

    /** Artemis queue operations that replay, move or show dead letters (message contents: not for VIEWER). */
    static final Set<String> QUEUE_REPAIRS = Set.of("retryMessage", "retryMessages", "moveMessage", "moveMessages",
            "listMessages", "listMessagesAsJSON", "browse", "countMessages");

    /**
     * Read-only Camel operations Hawtio's Camel plugin executes to show routes: the route tree and
     * source ({@code dumpRoutesAsXml()}) and the diagram's statistics. The XML dumps only without
     * arguments: {@code dumpRoutesAsXml(true)} would resolve property placeholders, secrets included.
     */
    static final Set<String> CAMEL_VIEWS = Set.of("dumpRoutesAsXml", "dumpRouteAsXml");
    static final Set<String> CAMEL_STATS = Set.of("dumpRoutesStatsAsXml", "dumpRouteStatsAsXml");

    /** Camel route life cycle; removing or redefining a route stays with ADMIN. */
    static final Set<String> ROUTE_CONTROLS = Set.of("start", "stop", "suspend", "resume", "restart");

    private JolokiaPolicy() {}

    /** May a user with this role level make this request? */
    static boolean allows(Role role, JolokiaRequest request) {
        if (role == Role.ADMIN) {
            return true;
        }
        if (role == null) {
            return false;
        }
        if (READS.contains(request.getType())) {
            return true;
        }
        if (!(request instanceof JolokiaExecRequest exec)) {
            return false;
        }
        return isCamelView(exec) || role == Role.OPERATOR && isOperatorRepair(exec.getObjectName(), exec.getOperation());
    }

    static boolean isCamelView(JolokiaExecRequest exec) {
        var mbean = exec.getObjectName();
        if (mbean == null || mbean.isPattern() || exec.getOperation() == null
                || !"org.apache.camel".equals(mbean.getDomain())) {
            return false;
        }
        var name = nameOf(exec.getOperation());
        var noArguments = exec.getArguments() == null || exec.getArguments().isEmpty();
        var signature = exec.getOperation().contains("(") ? exec.getOperation().substring(name.length()) : "()";
        return CAMEL_STATS.contains(name) || CAMEL_VIEWS.contains(name) && noArguments && "()".equals(signature);
    }

    private static String nameOf(String operation) {
        return operation.contains("(") ? operation.substring(0, operation.indexOf('(')) : operation;
    }

    static boolean isOperatorRepair(ObjectName mbean, String operation) {
        if (mbean == null || mbean.isPattern() || operation == null) {
            return false;
        }
        // Jolokia names an overloaded operation with its signature: "stop(long)"
        var name = nameOf(operation);
        var artemisQueue = "org.apache.activemq.artemis".equals(mbean.getDomain())
                && "queues".equals(mbean.getKeyProperty("subcomponent"));
        var camelRoute = "org.apache.camel".equals(mbean.getDomain()) && "routes".equals(mbean.getKeyProperty("type"));
        return artemisQueue && QUEUE_REPAIRS.contains(name) || camelRoute && ROUTE_CONTROLS.contains(name);
    }
}

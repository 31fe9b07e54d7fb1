package org.memberbus.security;

import java.util.Set;
import javax.management.ObjectName;
import org.jolokia.server.core.request.JolokiaExecRequest;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.util.RequestType;

/**
 * What each role may ask of Jolokia (and so of Hawtio's console), request by request.
 * VIEWER reads: {@code read}, {@code list}, {@code search}, {@code version}. OPERATOR may also run
 * the repairs an operator makes: replay or move dead letters on an Artemis queue, and start, stop,
 * suspend, resume or restart a Camel route. ADMIN may do anything, writes and every operation.
 */
final class JolokiaPolicy {

    static final Set<RequestType> READS = Set.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH,
            RequestType.VERSION);

    /** Artemis queue operations that replay, move or show dead letters (message contents: not for VIEWER). */
    static final Set<String> QUEUE_REPAIRS = Set.of("retryMessage", "retryMessages", "moveMessage", "moveMessages",
            "listMessages", "listMessagesAsJSON", "browse", "countMessages");

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
        return role == Role.OPERATOR && request instanceof JolokiaExecRequest exec
                && isOperatorRepair(exec.getObjectName(), exec.getOperation());
    }

    static boolean isOperatorRepair(ObjectName mbean, String operation) {
        if (mbean == null || mbean.isPattern() || operation == null) {
            return false;
        }
        // Jolokia names an overloaded operation with its signature: "stop(long)"
        var name = operation.contains("(") ? operation.substring(0, operation.indexOf('(')) : operation;
        var artemisQueue = "org.apache.activemq.artemis".equals(mbean.getDomain())
                && "queues".equals(mbean.getKeyProperty("subcomponent"));
        var camelRoute = "org.apache.camel".equals(mbean.getDomain()) && "routes".equals(mbean.getKeyProperty("type"));
        return artemisQueue && QUEUE_REPAIRS.contains(name) || camelRoute && ROUTE_CONTROLS.contains(name);
    }
}

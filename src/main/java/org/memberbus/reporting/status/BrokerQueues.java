package org.memberbus.reporting.status;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.memberbus.infra.ArtemisManagement;

/**
 * The commands waiting on Artemis: per command queue its depth and the age of its oldest message
 * (the backlog), and per dead-letter queue ({@code DLQ.<queue>}) how many commands a partner refused,
 * by its answer, with the members concerned (the message group, a CRM id), read by browsing (no
 * message is taken).
 */
class BrokerQueues {

    /** How many dead commands are browsed per queue for their members and answers. */
    private static final int BROWSED = 200;

    record Depth(String queue, long messages, Long oldestAgeMillis) {}

    record Dead(String queue, long messages, Map<String, Long> byAnswer, List<String> members) {}

    record Reading(List<Depth> queues, List<Dead> deadLetterQueues) {}

    private final ConnectionFactory factory;
    private final String managementAddress;
    private final String deadLetterPrefix;

    BrokerQueues(ConnectionFactory factory, String managementAddress, String deadLetterPrefix) {
        this.factory = factory;
        this.managementAddress = managementAddress;
        this.deadLetterPrefix = deadLetterPrefix;
    }

    Reading read(List<String> queues) throws JMSException {
        var depths = new ArrayList<Depth>();
        var dead = new ArrayList<Dead>();
        try (var management = new ArtemisManagement(factory, managementAddress)) {
            for (var queue : queues) {
                depths.add(new Depth(queue, number(management.queueAttribute(queue, "messageCount")),
                        age(management.queueAttribute(queue, "firstMessageAge"))));
                var dlq = deadLetterPrefix + queue;
                long count = number(management.queueAttribute(dlq, "messageCount"));
                dead.add(count == 0 ? new Dead(dlq, 0, Map.of(), List.of()) : browse(management, dlq, count));
            }
        }
        return new Reading(depths, dead);
    }

    private Dead browse(ArtemisManagement management, String dlq, long count) throws JMSException {
        var byAnswer = new TreeMap<String, Long>();
        var members = new LinkedHashSet<String>();
        try (var browser = management.session().createBrowser(management.session().createQueue(dlq))) {
            var messages = browser.getEnumeration();
            for (int i = 0; i < BROWSED && messages.hasMoreElements(); i++) {
                var message = (Message) messages.nextElement();
                byAnswer.merge(answer(message.getStringProperty("deadLetterError")), 1L, Long::sum);
                var member = message.getStringProperty("JMSXGroupID");
                if (member != null && members.size() < StatusQueries.RECORDS_LISTED) {
                    members.add(member);
                }
            }
        }
        return new Dead(dlq, count, Collections.unmodifiableMap(new LinkedHashMap<>(byAnswer)), List.copyOf(members));
    }

    /**
     * The partner's answer as a kind: its HTTP status ("400 ..." is how the sinks write it), or the
     * exception's class; never the rest of the text, which may quote the record.
     */
    static String answer(String deadLetterError) {
        if (deadLetterError == null || deadLetterError.isBlank()) {
            return "redelivery attempts used up";
        }
        var first = deadLetterError.trim().split("[\\s:]", 2)[0];
        if (first.matches("\\d{3}")) {
            return "partner answered " + first;
        }
        return first.matches("[A-Za-z0-9_.$]+") ? first : "refused";
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Long age(Object value) {
        return value instanceof Number n && n.longValue() >= 0 ? n.longValue() : null;
    }
}

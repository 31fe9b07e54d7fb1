package org.memberbus.infra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * Request and reply over Artemis's management address, as {@code QueueRequestor} does: broker
 * operations (address settings) and queue attributes (depth, age of the oldest message), on a
 * connection of its own, not the routes' cached one. Works with an embedded and a remote broker
 * alike (the user needs the 'manage' permission on the management address).
 */
public final class ArtemisManagement implements AutoCloseable {

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final Destination replies;
    private final MessageConsumer consumer;

    public ArtemisManagement(ConnectionFactory factory, String address) throws JMSException {
        if (factory instanceof SingleConnectionFactory cached && cached.getTargetConnectionFactory() != null) {
            factory = cached.getTargetConnectionFactory();
        }
        connection = factory.createConnection();
        try {
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(address));
            replies = session.createTemporaryQueue();
            consumer = session.createConsumer(replies);
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
    }

    /** A broker operation's result (as text, JSON for the structured ones). */
    public Object invoke(String operation, Object... arguments) throws JMSException {
        Message request = session.createMessage();
        JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, operation, arguments);
        return result(request, operation, String.class);
    }

    /** An attribute of a queue ({@code messageCount}, {@code firstMessageAge}, ...); null when the queue does not exist. */
    public Object queueAttribute(String queue, String attribute) throws JMSException {
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute);
        try {
            return result(request, attribute, Object.class);
        } catch (Refused e) {
            return null;
        }
    }

    /** The session, to browse a queue with (nothing is consumed by a browser). */
    public Session session() {
        return session;
    }

    private Object result(Message request, String what, Class<?> type) throws JMSException {
        request.setJMSReplyTo(replies);
        producer.send(request);
        var reply = consumer.receive(10_000);
        if (reply == null) {
            throw new JMSException("no answer to " + what + " within 10 s");
        }
        try {
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new Refused(what + " refused: " + JMSManagementHelper.getResult(reply));
            }
            return JMSManagementHelper.getResult(reply, type);
        } catch (JMSException e) {
            throw e;
        } catch (Exception e) {
            var failure = new JMSException(what + ": " + e.getMessage());
            failure.setLinkedException(e);
            throw failure;
        }
    }

    /** The broker answered, and said no (an unknown resource, a missing permission). */
    static final class Refused extends JMSException {
        Refused(String reason) {
            super(reason);
        }
    }

    @Override
    public void close() throws JMSException {
        try {
            session.close();
        } finally {
            connection.close();
        }
    }
}

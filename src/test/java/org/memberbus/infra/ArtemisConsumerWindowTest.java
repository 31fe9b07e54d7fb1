package org.memberbus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberbus.SandboxTestInitializer;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * A bus that dies with a backlog on its queue must not use up the delivery attempts of commands it
 * never took: the broker fails the bus's connection three times while a sink holds one command,
 * and the commands behind it are still on the queue, none in its dead-letter queue.
 */
class ArtemisConsumerWindowTest {

    private static final String QUEUE = "crm.write";
    private static final int COMMANDS = 20;
    private ActiveMQServer broker;
    private int port;

    @BeforeEach
    void startBroker() throws Exception {
        port = SandboxTestInitializer.freePort();
        var config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port)
                .addAddressSetting("#", new AddressSettings()
                        .setMaxDeliveryAttempts(2)
                        .setDeadLetterAddress(SimpleString.of("DLQ." + QUEUE)));
        broker = ActiveMQServers.newActiveMQServer(config);
        broker.start();
        broker.createQueue(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST));
        broker.createQueue(QueueConfiguration.of("DLQ." + QUEUE).setRoutingType(RoutingType.ANYCAST));
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.stop();
    }

    @Test
    void aCrashCountsADeliveryOnlyForTheCommandInHand() throws Exception {
        var factory = asTheBusMakesIt();
        try (var connection = factory.createConnection(); var session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            var producer = session.createProducer(session.createQueue(QUEUE));
            for (int i = 0; i < COMMANDS; i++) {
                producer.send(session.createTextMessage("command " + i));
            }
            session.commit();
        }
        for (int crash = 0; crash < 3; crash++) {
            var connection = factory.createConnection();
            connection.start();
            var session = connection.createSession(true, Session.SESSION_TRANSACTED);
            assertThat(session.createConsumer(session.createQueue(QUEUE)).receive(5_000)).isNotNull();
            // the bus dies with the command in hand: the broker fails its connection
            for (var remoting : broker.getRemotingService().getConnections()) {
                remoting.fail(new ActiveMQException("the bus was killed"));
            }
            connection.close();
        }
        // the first command was in hand at two crashes: dead-lettered; the one after it at the third
        assertThat(messages("DLQ." + QUEUE)).isEqualTo(1);
        assertThat(messages(QUEUE)).isEqualTo(COMMANDS - 1);
    }

    private ActiveMQConnectionFactory asTheBusMakesIt() {
        var target = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port + "?reconnectAttempts=0;callTimeout=1000");
        ArtemisConsumerWindow.artemisConsumersWithoutPrefetch()
                .postProcessAfterInitialization(new CachingConnectionFactory(target), "jmsConnectionFactory");
        return target;
    }

    private long messages(String queue) {
        return broker.locateQueue(queue).getMessageCount();
    }
}

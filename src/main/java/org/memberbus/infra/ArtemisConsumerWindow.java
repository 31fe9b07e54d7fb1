package org.memberbus.infra;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * No prefetch for the bus's Artemis consumers: each sink takes the next command only when it has
 * finished the one in hand ({@code consumerWindowSize=0}).
 *
 * <p>By default an Artemis consumer buffers up to 1 MiB of messages ahead. When the bus dies
 * (SIGKILL, a lost connection), the broker puts them back but counts each one as a delivery,
 * although none was ever handed to a route. A backlog that outlives several crashes thus reached
 * {@code max-delivery-attempts} for commands never tried, and they went to the dead-letter queue:
 * the crash harness's 10,000-event run lost seven staff proposals that way, all sent before the
 * first of its kills. Without prefetch only the command in hand counts, and a message group's
 * commands wait on the broker, not in one consumer's buffer.
 */
@Configuration(proxyBeanMethods = false)
class ArtemisConsumerWindow {

    static final int NO_PREFETCH = 0;

    @Bean
    static BeanPostProcessor artemisConsumersWithoutPrefetch() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                var target = bean instanceof CachingConnectionFactory caching ? caching.getTargetConnectionFactory() : bean;
                if (target instanceof ActiveMQConnectionFactory artemis) {
                    artemis.setConsumerWindowSize(NO_PREFETCH);
                }
                return bean;
            }
        };
    }
}

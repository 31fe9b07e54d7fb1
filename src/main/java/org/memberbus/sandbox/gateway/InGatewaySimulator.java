package org.memberbus.sandbox.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks a component of the payment gateway simulator's own application context. The bus's
 * {@code @SpringBootApplication} scans every package under {@code org.memberbus}; without this the
 * simulator's controllers and filters would also be served by the bus itself. {@code SimulatorHost}
 * names the simulator's application {@code gateway-simulator}, which only its context sees.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "spring.application.name", havingValue = GatewaySimulator.APPLICATION_NAME)
@interface InGatewaySimulator {}

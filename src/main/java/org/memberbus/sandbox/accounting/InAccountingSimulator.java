package org.memberbus.sandbox.accounting;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks a component of the accounting simulator's own application context. The bus's
 * {@code @SpringBootApplication} scans every package under {@code org.memberbus}; without this the
 * simulator's controllers would also be served by the bus itself. {@code SimulatorHost} names the
 * simulator's application {@code accounting-simulator}, which only its context sees.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "spring.application.name", havingValue = AccountingSimulator.APPLICATION_NAME)
@interface InAccountingSimulator {}

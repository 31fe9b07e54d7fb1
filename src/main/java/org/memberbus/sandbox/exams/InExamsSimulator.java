package org.memberbus.sandbox.exams;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks a component that belongs to the exam body simulator's own application context. The bus's
 * {@code @SpringBootApplication} scans every package under {@code org.memberbus}, so without this
 * the simulator's controllers would also be served by the bus itself; {@code SimulatorHost} names
 * the simulator's application {@code exams-simulator}, which only its context sees.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "spring.application.name", havingValue = ExamsSimulator.APPLICATION_NAME)
@interface InExamsSimulator {}

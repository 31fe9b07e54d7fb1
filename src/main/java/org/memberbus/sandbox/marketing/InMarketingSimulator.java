package org.memberbus.sandbox.marketing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Keeps a simulator component out of the bus: the bus's component scan covers all of
 * {@code org.memberbus}. {@link org.memberbus.sandbox.SimulatorHost} names the simulator's
 * context {@code marketing-simulator}; only there do these components exist.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Conditional(InMarketingSimulator.OnlyThere.class)
@interface InMarketingSimulator {

    String APPLICATION_NAME = "marketing-simulator";

    class OnlyThere implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return APPLICATION_NAME.equals(context.getEnvironment().getProperty("spring.application.name"));
        }
    }
}

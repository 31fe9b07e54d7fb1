package org.memberbus.sandbox.community;

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
 * {@code org.memberbus}, so without this the community's controllers would also answer on the
 * bus's own port. {@link org.memberbus.sandbox.SimulatorHost} names the simulator's context
 * {@code community-simulator}; only there do these components exist.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Conditional(InCommunitySimulator.OnlyThere.class)
@interface InCommunitySimulator {

    String APPLICATION_NAME = "community-simulator";

    class OnlyThere implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return APPLICATION_NAME.equals(context.getEnvironment().getProperty("spring.application.name"));
        }
    }
}

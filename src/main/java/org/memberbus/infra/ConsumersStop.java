package org.memberbus.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ShutdownRoute;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When the bus is asked to stop, stops the Kafka and JMS consumers of all routes at once, beside the web server's
 * graceful drain and before Camel's own shutdown. Camel stops them one after another, and each
 * waits for the work in its hand: a Kafka consumer up to its shutdown-timeout for the record it
 * processes, a JMS listener for its receive; under load the stop took 28-33 s. Stopped together
 * the waits overlap. What a consumer had in hand still finishes (Camel's graceful shutdown waits
 * for it) or is handed back: a Kafka offset not committed, a JMS message rolled back.
 *
 * <p>Routes marked {@code shutdownRoute: Defer} (the {@code direct:} steps those consumers call)
 * are left to Camel, which stops them last, so the work in flight can still reach them.
 */
@Component
class ConsumersStop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumersStop.class);
    /** The consumers that wait for the work in their hand when stopped; the others stop at once. */
    private static final Set<String> WAITING = Set.of("kafka", "jms");
    private static final Duration AWAIT_POOLS = Duration.ofSeconds(1);

    // looked up when stopping: a lifecycle bean's dependencies are started with it, and Camel
    // started that early would start before its routes are loaded
    private final ObjectProvider<CamelContext> camel;
    private volatile boolean running;

    ConsumersStop(ObjectProvider<CamelContext> camel) {
        this.camel = camel;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Stops in the background, so the web server's drain in the same phase runs beside it. */
    @Override
    public void stop(Runnable callback) {
        new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, "consumers-stop").start();
    }

    @Override
    public void stop() {
        running = false;
        long start = System.nanoTime();
        // After its graceful timeout Camel waits 10 s more for each thread pool still busy (an exchange
        // stuck retrying a partner that is down); 1 s, then the exchange is interrupted and handed back
        camel.getObject().getExecutorServiceManager().setShutdownAwaitTermination(AWAIT_POOLS.toMillis());
        var stopping = new ArrayList<Thread>();
        for (var route : routesToStop()) {
            var thread = new Thread(() -> stopQuietly(route), "stop-" + route.getRouteId());
            thread.start();
            stopping.add(thread);
        }
        for (var thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("{} route consumers stopped together in {} ms", stopping.size(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** With the web server's graceful drain: after the last request is in, before Camel's shutdown. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
    }

    private List<Route> routesToStop() {
        return camel.getObject().getRoutes().stream()
                .filter(route -> route.getShutdownRoute() != ShutdownRoute.Defer)
                .filter(route -> WAITING.contains(route.getEndpoint().getEndpointUri().split(":", 2)[0]))
                .filter(route -> route.getConsumer() != null && ServiceHelper.isStarted(route.getConsumer()))
                .toList();
    }

    private static void stopQuietly(Route route) {
        try {
            ServiceHelper.stopService(route.getConsumer());
        } catch (RuntimeException e) {
            log.warn("stopping the consumer of route {} failed; Camel's shutdown stops it: {}", route.getRouteId(),
                    e.getClass().getName());
        }
    }
}

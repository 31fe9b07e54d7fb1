package org.memberbus.sandbox.gateway;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's side of ACH Direct Debit: every half second, the debits whose settlement time has come
 * on the gateway's clock are settled (or returned), as Stripe's come back days after the payment.
 */
final class AchSettlement implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AchSettlement.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "gateway-ach-settlement");
        thread.setDaemon(true);
        return thread;
    });

    AchSettlement(GatewayState state, GatewayClock clock, Payments payments) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                state.locked(() -> payments.settleDue(clock.now()));
            } catch (RuntimeException e) {
                log.warn("ACH settlement failed: {}", e.toString());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package org.memberbus.sandbox.accounting;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import java.time.Clock;
import org.memberbus.sandbox.faults.FaultsController;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The accounting system simulator: a general ledger with a REST API at {@code /api/v1/*} (chart
 * of accounts, journal entries, reversals, balances, trial balance), guarded by an
 * {@code X-Api-Key} and per-second and per-minute rate limits, closed periods (a books-closed date), plus the sandbox controls at {@code /__sandbox/*}.
 * The ledger starts empty; the chart of accounts is fixed ({@link ChartOfAccounts}).
 */
@Configuration(proxyBeanMethods = false)
@Import({AccountsController.class, JournalEntriesController.class, AccountingSandboxController.class,
        FaultsController.class, LedgerErrors.class})
public class AccountingSimulator {

    public static final String NAME = "accounting";

    @Bean
    Clock accountingClock() {
        return Clock.systemUTC();
    }

    @Bean
    ChartOfAccounts chartOfAccounts() {
        return new ChartOfAccounts();
    }

    @Bean
    Ledger ledger(ChartOfAccounts chart, Clock accountingClock) {
        return new Ledger(chart, accountingClock);
    }

    @Bean
    Problems problems(ObjectMapper json) {
        return new Problems(json);
    }

    /** The simulator's context resolves no {@code @Value} placeholders; settings are read here, with their defaults. */
    @Bean
    SimulatorFaults accountingFaults(Problems problems, Clock accountingClock, Environment env) {
        var rateLimit = new LedgerRateLimit(problems, accountingClock,
                env.getProperty("sandbox.accounting.rate-per-second", Integer.class, 20),
                env.getProperty("sandbox.accounting.rate-per-minute", Integer.class, 500));
        return new SimulatorFaults(
                () -> LedgerProblem.badRequest("latencyMs and rateLimitNext must be >= 0, errorRate within 0..1"),
                rateLimit).with(rateLimit);
    }

    @Bean
    AccountingApiKeyFilter apiKeyFilter(Problems problems, Environment env) {
        return new AccountingApiKeyFilter(env.getProperty("sandbox.accounting.api-key", "accounting-sandbox-key"), problems);
    }

    @Bean
    FilterRegistrationBean<AccountingApiKeyFilter> accountingApiKeyFilter(AccountingApiKeyFilter apiKeyFilter) {
        return onApi(apiKeyFilter, 1);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> accountingFaultsFilter(SimulatorFaults faults) {
        return onApi(faults.filter(), 2);
    }

    private static <F extends Filter> FilterRegistrationBean<F> onApi(F filter, int order) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(order);
        return registration;
    }
}

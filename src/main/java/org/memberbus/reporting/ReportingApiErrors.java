package org.memberbus.reporting;

import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The answer to a refused reporting API call: the {@link ReportingApiException} a bean threw,
 * found under the wrapping Camel adds when an expression calls the bean.
 */
@Component("reportingApiErrors")
public class ReportingApiErrors {

    public int status(Throwable failure) {
        var refused = refusal(failure);
        return refused == null ? 500 : refused.getStatus();
    }

    public Map<String, Object> problem(Throwable failure) {
        var refused = refusal(failure);
        return Map.of("error", refused == null ? "internal error" : refused.getReason());
    }

    private static ReportingApiException refusal(Throwable failure) {
        return org.apache.camel.util.ObjectHelper.getException(ReportingApiException.class, failure);
    }
}

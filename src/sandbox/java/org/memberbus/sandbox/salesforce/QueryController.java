package org.memberbus.sandbox.salesforce;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SOQL over REST: {@code query} and {@code queryAll} (which also returns deleted records), with
 * or without the trailing slash camel-salesforce sends, and the next pages of a result.
 */
@RestController
@RequestMapping(ApiPaths.VERSION)
class QueryController {

    private final QueryEngine engine;

    QueryController(QueryEngine engine) {
        this.engine = engine;
    }

    @GetMapping({"/query", "/query/"})
    Map<String, Object> query(@PathVariable String version, @RequestParam(required = false) String q,
                              HttpServletRequest request) {
        return engine.query(q, false, version, ApiRequests.batchSize(request));
    }

    @GetMapping({"/queryAll", "/queryAll/"})
    Map<String, Object> queryAll(@PathVariable String version, @RequestParam(required = false) String q,
                                 HttpServletRequest request) {
        return engine.query(q, true, version, ApiRequests.batchSize(request));
    }

    @GetMapping({"/query/{locator}", "/queryAll/{locator}"})
    Map<String, Object> next(@PathVariable String version, @PathVariable String locator) {
        return engine.next(locator, version);
    }
}

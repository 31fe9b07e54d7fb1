package org.memberbus.sandbox.marketing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Get Lead Activities, Marketo's way: {@code GET /rest/v1/activities/pagingtoken.json?sinceDatetime=}
 * answers {@code nextPageToken}; {@code GET /rest/v1/activities.json?nextPageToken=&activityTypeIds=&leadIds=}
 * (comma-separated) answers {@code result} (left out when nothing was found), {@code nextPageToken}
 * and {@code moreResult}. {@code GET /rest/v1/activities/types.json} describes the one type kept.
 */
@RestController
class ActivitiesController {

    private final Activities activities;

    ActivitiesController(Activities activities) {
        this.activities = activities;
    }

    @GetMapping("/rest/v1/activities/pagingtoken.json")
    Object pagingToken(@RequestParam(required = false) String sinceDatetime) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("requestId", MarketoResponse.newRequestId());
        answer.put("success", true);
        answer.put("nextPageToken", Activities.pagingToken(sinceDatetime));
        return answer;
    }

    @GetMapping("/rest/v1/activities.json")
    Object activities(@RequestParam(required = false) String nextPageToken,
                      @RequestParam(required = false) String activityTypeIds,
                      @RequestParam(required = false) String leadIds) {
        var page = activities.page(nextPageToken, ids("activityTypeIds", activityTypeIds), ids("leadIds", leadIds));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("requestId", MarketoResponse.newRequestId());
        answer.put("success", true);
        if (!page.result().isEmpty()) {
            answer.put("result", page.result());
        }
        answer.put("nextPageToken", page.nextPageToken());
        answer.put("moreResult", page.moreResult());
        return answer;
    }

    @GetMapping("/rest/v1/activities/types.json")
    MarketoResponse types() {
        return MarketoResponse.ok(List.of(Activities.describe()));
    }

    private static Set<Integer> ids(String name, String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        try {
            return Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw new MarketoException(400, "1003", "Invalid value for " + name + ": '" + value + "'");
        }
    }
}

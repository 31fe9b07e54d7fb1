package org.memberbus.sandbox.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The org-wide resources: the API versions (no session needed) and the org's limits. */
@RestController
class OrgController {

    private final ApiUsage usage;
    private final SalesforceFaults faults;
    private final BulkQueryJobs bulkQueryJobs;

    OrgController(ApiUsage usage, SalesforceFaults faults, BulkQueryJobs bulkQueryJobs) {
        this.usage = usage;
        this.faults = faults;
        this.bulkQueryJobs = bulkQueryJobs;
    }

    @GetMapping({"/services/data", "/services/data/"})
    List<Map<String, Object>> versions() {
        var versions = new ArrayList<Map<String, Object>>();
        String[] labels = {"Winter '21", "Spring '21", "Summer '21", "Winter '22", "Spring '22", "Summer '22",
                "Winter '23", "Spring '23", "Summer '23", "Winter '24", "Spring '24", "Summer '24", "Winter '25",
                "Spring '25", "Summer '25"};
        for (int i = 0; i < labels.length; i++) {
            var version = (50 + i) + ".0";
            versions.add(Map.of("label", labels[i], "url", "/services/data/v" + version, "version", version));
        }
        return versions;
    }

    @GetMapping(ApiPaths.VERSION + "/limits")
    Map<String, Object> limits(@PathVariable String version) {
        long max = faults.dailyApiMax();
        var body = new LinkedHashMap<String, Object>();
        body.put("DailyApiRequests", usageOf(max, Math.max(0, max - usage.used())));
        body.put("DailyBulkApiRequests", usageOf(15000, 15000));
        body.put("DailyBulkV2QueryFileStorageMB", usageOf(976562, 976562));
        body.put("DailyBulkV2QueryJobs", usageOf(BulkQueryJobs.DAILY_MAX,
                Math.max(0, BulkQueryJobs.DAILY_MAX - bulkQueryJobs.jobsToday())));
        body.put("DailyDurableStreamingApiEvents", usageOf(10000, 10000));
        body.put("DurableStreamingApiConcurrentClients", usageOf(20, 20));
        body.put("DataStorageMB", usageOf(5, 5));
        body.put("FileStorageMB", usageOf(20, 20));
        body.put("SingleEmail", usageOf(15, 15));
        body.put("MassEmail", usageOf(10, 10));
        return body;
    }

    private static Map<String, Object> usageOf(long max, long remaining) {
        var usage = new LinkedHashMap<String, Object>();
        usage.put("Max", max);
        usage.put("Remaining", remaining);
        return usage;
    }
}

package org.memberbus.member.renewal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Gathers the records of the pages of a SOQL query (query, then queryMore while not done). */
@Component("crmPages")
public class CrmPages {

    public List<Map<String, Object>> start() {
        return new ArrayList<>();
    }

    /** Adds a page's records ({@code {totalSize, done, nextRecordsUrl, records}}) to {@code records}. */
    @SuppressWarnings("unchecked")
    public void collect(List<Map<String, Object>> records, Map<String, Object> page) {
        if (page.get("records") instanceof List<?> rows) {
            rows.forEach(row -> records.add((Map<String, Object>) row));
        }
    }
}

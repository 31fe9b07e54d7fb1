package org.memberbus.member.renewal;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;

/** Reads the per-record results of an sObject Collections call. */
final class CrmSaves {

    private CrmSaves() {}

    /** "id: CODE message" for every record the CRM did not save. */
    static List<String> failures(List<SaveSObjectResult> results) {
        var failures = new ArrayList<String>();
        for (var result : results) {
            if (!Boolean.TRUE.equals(result.getSuccess())) {
                failures.add(result.getId() + ": " + (result.getErrors() == null ? "failed" : result.getErrors().stream()
                        .map(e -> e.getErrorCode() + " " + e.getMessage()).toList()));
            }
        }
        return failures;
    }
}

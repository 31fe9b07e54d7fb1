package org.memberbus.infra;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The bodies of the bus's small JSON answers, as maps a route marshals with Jackson
 * ({@code marshal: json}). Never a string template: a quote or a backslash in an id or an
 * exception message would break the JSON, or let a caller shape it.
 */
@Component("jsonAnswers")
public class JsonAnswers {

    /** {@code {"error": message}} */
    public Map<String, Object> error(String message) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("error", message);
        return answer;
    }

    /** {@code {"error": "<what> <subject>"}}, e.g. "no dead letter 42". */
    public Map<String, Object> errorAbout(String what, Object subject) {
        return error(what + " " + subject);
    }

    /** {@code {"error": "<what> <subject>", "<listName>": [known...]}}: what the caller may ask for instead. */
    public Map<String, Object> errorAboutWithChoices(String what, Object subject, String listName, String known) {
        var answer = errorAbout(what, subject);
        answer.put(listName, Arrays.asList(known.split("[\\s,]+")));
        return answer;
    }

    /** {@code {"id": id, "status": status}} */
    public Map<String, Object> status(Object id, String status) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("id", id);
        answer.put("status", status);
        return answer;
    }

    /** {@code {"id": id, "status": "replayed", "to": to}} */
    public Map<String, Object> replayed(Object id, String to) {
        var answer = status(id, "replayed");
        answer.put("to", to);
        return answer;
    }
}

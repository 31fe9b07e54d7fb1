package org.memberbus.crm;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each change-event channel resumes: the last replay id the bus made durable, read once at
 * start-up (camel-salesforce keeps no replay ids of its own). A channel with none starts with new
 * events only; the scheduled reconciliation covers anything older.
 */
@Configuration(proxyBeanMethods = false)
class CrmReplayIdConfig {

    @Bean
    Map<String, Long> crmReplayIds(JdbcTemplate jdbc) {
        var ids = new HashMap<String, Long>();
        jdbc.query("select channel, replay_id from salesforce_replay_id",
                rs -> { ids.put(rs.getString(1), rs.getLong(2)); });
        return ids;
    }
}

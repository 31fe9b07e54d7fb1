package org.memberbus.crm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The last replay id per change-event channel whose event is durable in Kafka, and where it is
 * stored (salesforce_replay_id), the point a restart resumes from. The change stream reports each
 * event once its fact is acknowledged, strictly in order, so the id here never passes an event that
 * is not in Kafka. It is written to PostgreSQL at most once a period (route crm-replay-id-store)
 * and when the bus stops, not once per event: a burst of thousands of events (a bulk write in the
 * CRM) is not held up by a database write each; after a crash the events of the last period are
 * published again, and their consumers drop them as repeats (by event id).
 */
@Component("durableReplayIds")
public class DurableReplayIds implements DisposableBean {

    private final JdbcTemplate jdbc;
    private final Map<String, Long> durable = new ConcurrentHashMap<>();
    private final Map<String, Long> stored = new ConcurrentHashMap<>();

    DurableReplayIds(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The event with {@code replayId} on {@code channel}, and every one before it, is in Kafka. */
    public void durable(String channel, long replayId) {
        durable.merge(channel, replayId, Math::max);
    }

    /** Stores the ids that moved since they were last stored; answers how many channels it wrote. */
    public synchronized int store() {
        int written = 0;
        for (var entry : durable.entrySet()) {
            long replayId = entry.getValue();
            if (!Long.valueOf(replayId).equals(stored.get(entry.getKey()))) {
                jdbc.update("""
                        INSERT INTO salesforce_replay_id (channel, replay_id) VALUES (?, ?)
                        ON CONFLICT (channel) DO UPDATE
                           SET replay_id = greatest(salesforce_replay_id.replay_id, excluded.replay_id), updated_at = now()""",
                        entry.getKey(), replayId);
                stored.put(entry.getKey(), replayId);
                written++;
            }
        }
        return written;
    }

    /** The bus stops: what is durable is stored, so the next start resumes right after it. */
    @Override
    public void destroy() {
        store();
    }
}

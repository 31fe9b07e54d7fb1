package org.memberbus.reporting.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Every Quartz job's last and next run, as the scheduler's (clustered, JDBC) store holds them, so
 * every instance of the bus shows the same times whichever instance ran the job.
 */
class JobSchedule {

    record Job(String name, Instant lastRun, Instant nextRun, String state) {}

    private final Scheduler scheduler;

    JobSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    List<Job> jobs() throws SchedulerException {
        var jobs = new ArrayList<Job>();
        for (var key : scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
            var trigger = scheduler.getTrigger(key);
            if (trigger == null) {
                continue; // unscheduled meanwhile
            }
            jobs.add(new Job(key.getGroup() + "/" + key.getName(), instant(trigger.getPreviousFireTime()),
                    instant(trigger.getNextFireTime()), scheduler.getTriggerState(key).name()));
        }
        jobs.sort(Comparator.comparing(Job::name));
        return jobs;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}

package org.memberbus.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.memberbus.reporting.warehouse.WarehouseEtl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The executive KPIs ({@code GET /api/v1/kpis}), read from the warehouse alone, so they are as
 * fresh as its last ETL run (the answer says how fresh). Figures of flows the warehouse does not
 * load yet (attendance, certifications) are null until their tables are added.
 */
@Component("kpis")
public class Kpis {

    private final JdbcTemplate jdbc;
    private final WarehouseEtl etl;

    public Kpis(DataSource dataSource, WarehouseEtl etl) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.etl = etl;
    }

    public Map<String, Object> current() {
        var kpis = new LinkedHashMap<String, Object>();
        kpis.put("asOf", Instant.now().toString());
        kpis.put("membersByStatus", counts("SELECT coalesce(membership_status, 'Unknown'), count(*) "
                + "FROM warehouse.dim_member WHERE NOT is_deleted GROUP BY 1 ORDER BY 1"));
        kpis.put("activeMembersByLevel", counts("SELECT coalesce(m.membership_level, 'Unknown'), count(*) "
                + "FROM warehouse.dim_member m LEFT JOIN warehouse.dim_level l ON l.level = m.membership_level "
                + "WHERE NOT m.is_deleted AND m.membership_status = 'Active' GROUP BY 1, l.rank ORDER BY l.rank NULLS LAST"));

        var joins = new LinkedHashMap<String, Object>();
        joins.put("last30Days", number("SELECT count(*) FROM warehouse.dim_member WHERE NOT is_deleted "
                + "AND member_since > current_date - 30"));
        joins.put("yearToDate", number("SELECT count(*) FROM warehouse.dim_member WHERE NOT is_deleted "
                + "AND member_since >= date_trunc('year', current_date)"));
        kpis.put("newJoins", joins);

        // of the members who joined more than a year ago and were ever active, the share active now
        var retention = jdbc.queryForMap("SELECT count(*) FILTER (WHERE membership_status = 'Active') AS retained, "
                + "count(*) FILTER (WHERE membership_status IN ('Active', 'Lapsed')) AS eligible "
                + "FROM warehouse.dim_member WHERE NOT is_deleted AND member_since <= current_date - 365");
        long retained = ((Number) retention.get("retained")).longValue();
        long eligible = ((Number) retention.get("eligible")).longValue();
        var r = new LinkedHashMap<String, Object>();
        r.put("retained", retained);
        r.put("eligible", eligible);
        r.put("ratePercent", eligible == 0 ? null : Math.round(1000.0 * retained / eligible) / 10.0);
        kpis.put("retention12Months", r);

        var revenue = new LinkedHashMap<String, Object>();
        revenue.put("netLast30DaysByType", amounts("SELECT coalesce(payment_type, 'Unknown'), "
                + "sum(amount - coalesce(refunded_amount, 0)) FROM warehouse.fact_payment WHERE NOT is_deleted "
                + "AND status IN ('Succeeded', 'Refunded', 'Partially Refunded', 'Disputed') "
                + "AND paid_day > current_date - 30 GROUP BY 1 ORDER BY 1"));
        revenue.put("netYearToDate", jdbc.queryForObject("SELECT coalesce(sum(amount - coalesce(refunded_amount, 0)), 0) "
                + "FROM warehouse.fact_payment WHERE NOT is_deleted AND status IN ('Succeeded', 'Refunded', "
                + "'Partially Refunded', 'Disputed') AND paid_day >= date_trunc('year', current_date)", BigDecimal.class));
        revenue.put("deferredDues", jdbc.queryForObject("SELECT coalesce(sum(amount_cents), 0) / 100.0 "
                + "FROM warehouse.fact_deferred_revenue WHERE NOT recognized", BigDecimal.class));
        kpis.put("revenue", revenue);

        kpis.put("healthDistribution", counts("SELECT band, count(*) FROM warehouse.fact_member_health_daily "
                + "WHERE day = (SELECT max(day) FROM warehouse.fact_member_health_daily) GROUP BY 1 ORDER BY 1"));
        kpis.put("eventAttendance", null);
        kpis.put("certifications", null);
        kpis.put("freshness", etl.freshness());
        return kpis;
    }

    private Map<String, Long> counts(String sql) {
        var counts = new LinkedHashMap<String, Long>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private Map<String, BigDecimal> amounts(String sql) {
        var amounts = new LinkedHashMap<String, BigDecimal>();
        jdbc.query(sql, rs -> {
            amounts.put(rs.getString(1), rs.getBigDecimal(2));
        });
        return amounts;
    }

    private long number(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}

package org.memberbus.reporting.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.memberbus.infra.ConfigFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the warehouse ETL loads, from {@code config/warehouse.yaml}: one extract per CRM object
 * and the loads from the bus's own tables. Table and column names end up in SQL, so they are
 * checked to be plain identifiers; the local loads' SQL is the file's own (staff-owned, like the
 * routes).
 */
@Component("warehouseConfig")
public class WarehouseConfig {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final Pattern CRM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** One CRM object read into one table. {@code columns}: column to CRM field. */
    public record CrmExtract(String object, String table, String key, String member, String where,
                             Map<String, String> columns, List<String> track) {

        /** The SOQL of a read of what changed after {@code since} (an ISO instant, whole seconds), or of everything when null. */
        public String soql(String since) {
            var soql = new StringBuilder("SELECT Id, IsDeleted, SystemModstamp");
            columns.values().forEach(field -> soql.append(", ").append(field));
            soql.append(" FROM ").append(object);
            var conditions = new ArrayList<String>();
            if (since != null) {
                conditions.add("SystemModstamp > " + since);
            }
            if (where != null) {
                conditions.add(where);
            }
            if (!conditions.isEmpty()) {
                soql.append(" WHERE ").append(String.join(" AND ", conditions));
            }
            return soql.append(" ORDER BY SystemModstamp, Id").toString();
        }

        /**
         * The same read for a Bulk API 2.0 query job: without ORDER BY, which Salesforce advises
         * against there (it turns PK chunking off), so its sets come in no order.
         */
        public String bulkSoql(String since) {
            var soql = soql(since);
            return soql.substring(0, soql.lastIndexOf(" ORDER BY "));
        }

        /** How many records the read would return: one call, to choose between REST and Bulk API 2.0. */
        public String countSoql(String since) {
            var soql = bulkSoql(since);
            return "SELECT COUNT()" + soql.substring(soql.indexOf(" FROM "));
        }
    }

    /**
     * When a CRM read goes through a Bulk API 2.0 query job: when it would return more than
     * {@code threshold} records; its results are read in sets of {@code maxRecords}.
     */
    public record Bulk(long threshold, int maxRecords) {
        static final Bulk DEFAULT = new Bulk(10_000, 25_000);
    }

    /** One statement over the bus's own tables that brings {@code table} up to date. */
    public record LocalLoad(String name, String table, String sql) {}

    public record Extracts(List<CrmExtract> crm, List<LocalLoad> local, Bulk bulk) {}

    private final ConfigFile<Extracts> file;

    public WarehouseConfig(@Value("${memberbus.warehouse.config-path:config/warehouse.yaml}") String path) {
        this.file = new ConfigFile<>("Warehouse extracts", path, WarehouseConfig::parse,
                e -> e.crm().size() + " CRM objects " + e.crm().stream().map(CrmExtract::object).toList()
                        + ", " + e.local().size() + " local loads, Bulk API 2.0 above " + e.bulk().threshold()
                        + " records");
    }

    public Extracts current() {
        return file.current();
    }

    public List<CrmExtract> crmExtracts() {
        return current().crm();
    }

    public Bulk bulk() {
        return current().bulk();
    }

    @SuppressWarnings("unchecked")
    static Extracts parse(String yaml, String source) {
        var root = ConfigFile.yaml(yaml, source);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(source + ": expected sections crm and local");
        }
        var errors = new ArrayList<String>();
        var crm = new ArrayList<CrmExtract>();
        for (var item : list(top.get("crm"))) {
            var m = (Map<String, Object>) item;
            var object = string(m, "object");
            var where = source + ": crm " + object;
            var table = string(m, "table");
            var key = string(m, "key");
            var member = string(m, "member");
            var columns = new LinkedHashMap<String, String>();
            if (m.get("columns") instanceof Map<?, ?> cols) {
                cols.forEach((c, f) -> columns.put(String.valueOf(c), String.valueOf(f)));
            }
            var track = list(m.get("track")).stream().map(String::valueOf).toList();
            if (object == null || !CRM_NAME.matcher(object).matches()) {
                errors.add(where + ": object must be a CRM object name");
            }
            for (var name : new String[] {table, key}) {
                if (name == null || !IDENTIFIER.matcher(name).matches()) {
                    errors.add(where + ": table and key must be identifiers, not " + name);
                }
            }
            columns.forEach((column, field) -> {
                if (!IDENTIFIER.matcher(column).matches() || column.contains(".") || !CRM_NAME.matcher(field).matches()) {
                    errors.add(where + ": column " + column + " -> " + field + " is not a column and a CRM field");
                }
            });
            if (member != null && !member.equals(key) && !columns.containsKey(member)) {
                errors.add(where + ": member " + member + " is neither the key nor a column");
            }
            track.stream().filter(t -> !columns.containsKey(t))
                    .forEach(t -> errors.add(where + ": tracked " + t + " is not a column"));
            crm.add(new CrmExtract(object, table, key, member, string(m, "where"), java.util.Collections.unmodifiableMap(columns), track));
        }
        var local = new ArrayList<LocalLoad>();
        for (var item : list(top.get("local"))) {
            var m = (Map<String, Object>) item;
            var name = string(m, "name");
            var table = string(m, "table");
            var sql = string(m, "sql");
            if (name == null || table == null || !IDENTIFIER.matcher(table).matches() || sql == null) {
                errors.add(source + ": local " + name + ": name, table (an identifier) and sql are required");
            }
            local.add(new LocalLoad(name, table, sql));
        }
        var bulk = Bulk.DEFAULT;
        if (top.get("bulk") instanceof Map<?, ?> b) {
            try {
                long threshold = b.get("threshold") == null ? bulk.threshold()
                        : Long.parseLong(String.valueOf(b.get("threshold")).strip());
                int maxRecords = b.get("max-records") == null ? bulk.maxRecords()
                        : Integer.parseInt(String.valueOf(b.get("max-records")).strip());
                if (threshold < 0 || maxRecords < 1) {
                    errors.add(source + ": bulk threshold must be 0 or more and max-records 1 or more");
                }
                bulk = new Bulk(threshold, maxRecords);
            } catch (NumberFormatException e) {
                errors.add(source + ": bulk threshold and max-records must be whole numbers");
            }
        } else if (top.get("bulk") != null) {
            errors.add(source + ": bulk must be a section with threshold and max-records");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new Extracts(List.copyOf(crm), List.copyOf(local), bulk);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String string(Map<String, Object> m, String key) {
        var v = m.get(key);
        return v == null ? null : String.valueOf(v).strip();
    }
}

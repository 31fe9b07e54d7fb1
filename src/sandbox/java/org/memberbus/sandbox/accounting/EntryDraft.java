package org.memberbus.sandbox.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A journal entry as requested, checked before anything is posted. Every problem is reported at
 * once, by field path ({@code lines[1].account}): unknown fields, a missing or malformed date, fewer
 * than two lines, an unknown account, a negative amount, more than two decimals, a line with both a
 * debit and a credit or with neither, and debits that do not equal credits.
 */
record EntryDraft(LocalDate date, String externalReference, String memo, String currency, List<DraftLine> lines) {

    record DraftLine(String account, BigDecimal debit, BigDecimal credit, String memo) {}

    private static final Set<String> ENTRY_FIELDS = Set.of("date", "externalReference", "memo", "currency", "lines");
    private static final Set<String> LINE_FIELDS = Set.of("account", "debit", "credit", "memo");

    static EntryDraft parse(JsonNode body, ChartOfAccounts chart) {
        if (body == null || !body.isObject()) {
            throw LedgerProblem.badRequest("The body must be a JSON object");
        }
        var errors = new ArrayList<LedgerProblem.FieldError>();
        unknownFields(body, ENTRY_FIELDS, "", errors);
        LocalDate date = date(body.get("date"), "date", errors);
        String reference = text(body.get("externalReference"), "externalReference", 100, errors);
        String memo = text(body.get("memo"), "memo", 500, errors);
        String currency = text(body.get("currency"), "currency", 3, errors);
        if (currency != null && !currency.equalsIgnoreCase("USD")) {
            errors.add(new LedgerProblem.FieldError("currency", "unsupported_currency",
                    "The ledger is kept in USD; currency " + currency + " is not supported"));
        }
        var lines = new ArrayList<DraftLine>();
        JsonNode given = body.get("lines");
        if (given == null || given.isNull()) {
            errors.add(new LedgerProblem.FieldError("lines", "required", "lines is required"));
        } else if (!given.isArray()) {
            errors.add(new LedgerProblem.FieldError("lines", "invalid_type", "lines must be an array"));
        } else {
            if (given.size() < 2) {
                errors.add(new LedgerProblem.FieldError("lines", "too_few_lines",
                        "A journal entry needs at least 2 lines; it has " + given.size()));
            }
            for (int i = 0; i < given.size(); i++) {
                var line = line(given.get(i), "lines[" + i + "]", chart, errors);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        var properties = new LinkedHashMap<String, Object>();
        if (errors.isEmpty()) {
            BigDecimal debits = lines.stream().map(DraftLine::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal credits = lines.stream().map(DraftLine::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (debits.compareTo(credits) != 0) {
                var difference = debits.subtract(credits).abs();
                errors.add(new LedgerProblem.FieldError("lines", "unbalanced_entry", "Entry is unbalanced: debits "
                        + money(debits) + " and credits " + money(credits) + " differ by " + money(difference)));
                properties.put("totalDebit", money(debits));
                properties.put("totalCredit", money(credits));
                properties.put("difference", money(difference));
            }
        }
        if (!errors.isEmpty()) {
            String code = errors.stream().map(LedgerProblem.FieldError::code).distinct().count() == 1
                    ? errors.get(0).code() : "validation_failed";
            String title = code.equals("unbalanced_entry") ? "Unbalanced journal entry" : "Invalid journal entry";
            String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
            throw new LedgerProblem(422, code, title, detail, errors, properties);
        }
        return new EntryDraft(date, reference, memo, "USD", List.copyOf(lines));
    }

    private static DraftLine line(JsonNode node, String path, ChartOfAccounts chart,
                                  List<LedgerProblem.FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new LedgerProblem.FieldError(path, "invalid_type", "Each line must be a JSON object"));
            return null;
        }
        int before = errors.size();
        unknownFields(node, LINE_FIELDS, path + ".", errors);
        String account = text(node.get("account"), path + ".account", 20, errors);
        if (account == null) {
            if (errors.size() == before) {
                errors.add(new LedgerProblem.FieldError(path + ".account", "required", "account is required"));
            }
        } else if (chart.find(account).filter(Account::active).isEmpty()) {
            errors.add(new LedgerProblem.FieldError(path + ".account", "unknown_account",
                    "Unknown account " + account + "; see GET /api/v1/accounts"));
        }
        BigDecimal debit = amount(node.get("debit"), path + ".debit", errors);
        BigDecimal credit = amount(node.get("credit"), path + ".credit", errors);
        String memo = text(node.get("memo"), path + ".memo", 500, errors);
        if (debit != null && credit != null) {
            if (debit.signum() > 0 && credit.signum() > 0) {
                errors.add(new LedgerProblem.FieldError(path, "debit_and_credit",
                        "A line has either a debit or a credit, not both"));
            } else if (debit.signum() == 0 && credit.signum() == 0) {
                errors.add(new LedgerProblem.FieldError(path, "zero_line", "A line needs a debit or a credit above 0"));
            }
        }
        return errors.size() == before ? new DraftLine(account, debit, credit, memo) : null;
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix,
                                      List<LedgerProblem.FieldError> errors) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new LedgerProblem.FieldError(prefix + name, "unknown_field", "Unknown field " + name));
            }
        });
    }

    private static LocalDate date(JsonNode node, String field, List<LedgerProblem.FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new LedgerProblem.FieldError(field, "required", field + " is required (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            errors.add(new LedgerProblem.FieldError(field, "invalid_date", field + " must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    private static String text(JsonNode node, String field, int max, List<LedgerProblem.FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new LedgerProblem.FieldError(field, "invalid_type", field + " must be a string"));
            return null;
        }
        String value = node.asText().strip();
        if (value.length() > max) {
            errors.add(new LedgerProblem.FieldError(field, "too_long", field + " is limited to " + max + " characters"));
            return null;
        }
        return value.isEmpty() ? null : value;
    }

    /** A non-negative amount with at most two decimals; absent means 0. */
    private static BigDecimal amount(JsonNode node, String field, List<LedgerProblem.FieldError> errors) {
        if (node == null || node.isNull()) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal value;
        try {
            value = node.isNumber() ? node.decimalValue() : node.isTextual() ? new BigDecimal(node.asText()) : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null) {
            errors.add(new LedgerProblem.FieldError(field, "invalid_amount", field + " must be a number"));
            return null;
        }
        if (value.signum() < 0) {
            errors.add(new LedgerProblem.FieldError(field, "negative_amount",
                    field + " must not be negative (" + value.toPlainString() + "); put the amount on the other side"));
            return null;
        }
        if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new LedgerProblem.FieldError(field, "invalid_amount",
                    field + " has more than 2 decimal places (" + value.toPlainString() + ")"));
            return null;
        }
        return value.setScale(2);
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    /** Same date, memo, currency and lines: a repeat of an entry already posted. */
    boolean sameAs(JournalEntry entry) {
        if (!date.equals(entry.date()) || !Objects.equals(memo, entry.memo()) || lines.size() != entry.lines().size()) {
            return false;
        }
        for (int i = 0; i < lines.size(); i++) {
            var mine = lines.get(i);
            var theirs = entry.lines().get(i);
            if (!mine.account().equals(theirs.account()) || mine.debit().compareTo(theirs.debit()) != 0
                    || mine.credit().compareTo(theirs.credit()) != 0 || !Objects.equals(mine.memo(), theirs.memo())) {
                return false;
            }
        }
        return true;
    }
}

package org.memberbus.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.salesforce.SoqlQuery.And;
import org.memberbus.sandbox.salesforce.SoqlQuery.Comparison;
import org.memberbus.sandbox.salesforce.SoqlQuery.InList;
import org.memberbus.sandbox.salesforce.SoqlQuery.Not;
import org.memberbus.sandbox.salesforce.SoqlQuery.Operator;
import org.memberbus.sandbox.salesforce.SoqlQuery.Or;
import org.memberbus.sandbox.salesforce.SoqlQuery.Order;
import org.memberbus.sandbox.salesforce.SoqlQuery.RelativeDate;

class SoqlParserTest {

    @Test
    void selectFieldsFromObject() {
        var q = SoqlParser.parse("SELECT Id, LastName, Contact__r.Member_Number__c FROM Contact");
        assertThat(q.count()).isFalse();
        assertThat(q.fields()).containsExactly("Id", "LastName", "Contact__r.Member_Number__c");
        assertThat(q.from()).isEqualTo("Contact");
        assertThat(q.where()).isNull();
        assertThat(q.orderBy()).isEmpty();
        assertThat(q.limit()).isNull();
    }

    @Test
    void keywordsAreCaseInsensitive() {
        var q = SoqlParser.parse("select id from contact where lastname = 'x' order by lastname desc limit 5");
        assertThat(q.from()).isEqualTo("contact");
        assertThat(q.orderBy()).containsExactly(new Order("lastname", true, true));
        assertThat(q.limit()).isEqualTo(5);
    }

    @Test
    void countQuery() {
        var q = SoqlParser.parse("SELECT COUNT() FROM Membership__c WHERE Status__c = 'Active'");
        assertThat(q.count()).isTrue();
        assertThat(q.fields()).isEmpty();
        assertThat(q.where()).isEqualTo(new Comparison("Status__c", Operator.EQ, new SoqlQuery.Text("Active")));
    }

    @Test
    void comparisonOperatorsAndLiterals() {
        var q = SoqlParser.parse("SELECT Id FROM Payment__c WHERE Amount__c >= 10.5 AND Amount__c < -3 AND Type__c != 'Dues'"
                + " AND Refunded_Amount__c <> null AND Paid_At__c <= 2026-01-01T00:00:00Z AND Auto__c = TRUE"
                + " AND Due_Date__c > 2026-03-31");
        var and = (And) q.where();
        assertThat(and.terms()).containsExactly(
                new Comparison("Amount__c", Operator.GE, new SoqlQuery.Number(new BigDecimal("10.5"))),
                new Comparison("Amount__c", Operator.LT, new SoqlQuery.Number(new BigDecimal("-3"))),
                new Comparison("Type__c", Operator.NE, new SoqlQuery.Text("Dues")),
                new Comparison("Refunded_Amount__c", Operator.NE, new SoqlQuery.Null()),
                new Comparison("Paid_At__c", Operator.LE,
                        new SoqlQuery.DateTimeValue(Instant.parse("2026-01-01T00:00:00Z"))),
                new Comparison("Auto__c", Operator.EQ, new SoqlQuery.Bool(true)),
                new Comparison("Due_Date__c", Operator.GT, new SoqlQuery.DateValue(LocalDate.of(2026, 3, 31))));
    }

    @Test
    void salesforceDateTimeFormsAreAccepted() {
        var q = SoqlParser.parse("SELECT Id FROM Contact WHERE SystemModstamp > 2026-11-23T10:00:00.000+0000"
                + " AND LastModifiedDate < 2026-11-23T12:00:00+01:00");
        var and = (And) q.where();
        assertThat(((Comparison) and.terms().get(0)).value())
                .isEqualTo(new SoqlQuery.DateTimeValue(Instant.parse("2026-11-23T10:00:00Z")));
        assertThat(((Comparison) and.terms().get(1)).value())
                .isEqualTo(new SoqlQuery.DateTimeValue(Instant.parse("2026-11-23T11:00:00Z")));
    }

    @Test
    void relativeDateLiterals() {
        var q = SoqlParser.parse("SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS:30 OR CreatedDate = TODAY"
                + " OR End_Date__c = NEXT_N_DAYS:7 OR CreatedDate = LAST_90_DAYS");
        var or = (Or) q.where();
        assertThat(or.terms()).extracting(t -> ((Comparison) t).value()).containsExactly(
                new RelativeDate("LAST_N_DAYS", 30), new RelativeDate("TODAY", 0),
                new RelativeDate("NEXT_N_DAYS", 7), new RelativeDate("LAST_N_DAYS", 90));
    }

    @Test
    void relativeDateRanges() {
        var today = LocalDate.of(2026, 11, 23);
        var last = new RelativeDate("LAST_N_DAYS", 3);
        assertThat(last.start(today)).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(last.endExclusive(today)).isEqualTo(LocalDate.of(2026, 11, 24));
        var next = new RelativeDate("NEXT_N_DAYS", 7);
        assertThat(next.start(today)).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(next.endExclusive(today)).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(new RelativeDate("THIS_MONTH", 0).start(today)).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(new RelativeDate("THIS_MONTH", 0).endExclusive(today)).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void inNotInLikeNotAndParentheses() {
        var q = SoqlParser.parse("SELECT Id FROM Contact WHERE (Membership_Status__c IN ('Active', 'Lapsed')"
                + " OR Email LIKE '%@example.org') AND Membership_Level__c NOT IN ('Student') AND NOT (LastName = 'x')");
        var and = (And) q.where();
        assertThat(and.terms()).hasSize(3);
        var or = (Or) and.terms().get(0);
        assertThat(or.terms().get(0)).isEqualTo(new InList("Membership_Status__c", false,
                List.of(new SoqlQuery.Text("Active"), new SoqlQuery.Text("Lapsed"))));
        assertThat(or.terms().get(1)).isEqualTo(new Comparison("Email", Operator.LIKE,
                new SoqlQuery.Text("%@example.org")));
        assertThat(and.terms().get(1)).isEqualTo(new InList("Membership_Level__c", true,
                List.of(new SoqlQuery.Text("Student"))));
        assertThat(and.terms().get(2)).isEqualTo(new Not(new Comparison("LastName", Operator.EQ,
                new SoqlQuery.Text("x"))));
    }

    @Test
    void stringEscapes() {
        var q = SoqlParser.parse("SELECT Id FROM Contact WHERE LastName = 'O\\'Brien\\\\'");
        assertThat(((Comparison) q.where()).value()).isEqualTo(new SoqlQuery.Text("O'Brien\\"));
    }

    @Test
    void orderByManyFieldsWithNullsAndOffset() {
        var q = SoqlParser.parse("SELECT Id FROM Contact ORDER BY LastName ASC NULLS LAST, FirstName DESC NULLS FIRST, Id"
                + " LIMIT 10 OFFSET 20");
        assertThat(q.orderBy()).containsExactly(new Order("LastName", false, true), new Order("FirstName", true, false),
                new Order("Id", false, false));
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.offset()).isEqualTo(20);
    }

    @Test
    void mixingAndWithOrNeedsParentheses() {
        assertThatThrownBy(() -> SoqlParser.parse("SELECT Id FROM Contact WHERE A__c = 1 AND B__c = 2 OR C__c = 3"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY"));
    }

    @Test
    void malformedQueries() {
        for (String soql : List.of("", "SELECT FROM Contact", "SELECT Id Contact", "SELECT Id FROM Contact WHERE",
                "SELECT Id FROM Contact WHERE LastName = 'open", "SELECT Id FROM Contact LIMIT x",
                "SELECT Id FROM Contact GROUP BY", "SELECT SUM() FROM Contact", "SELECT COUNT(Id) n m FROM Contact",
                "SELECT Id FROM Contact WHERE LastName ~ 'x'",
                "SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS", "SELECT Id, FROM Contact")) {
            assertThatThrownBy(() -> SoqlParser.parse(soql)).as(soql)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
                        assertThat(e.status()).isEqualTo(400);
                    });
        }
    }

    @Test
    void aggregateFunctionsAliasesAndGroupBy() {
        var q = SoqlParser.parse("SELECT Membership_Status__c, count(Id) n, SUM(Dues__c), MAX(End_Date__c) latest "
                + "FROM Membership__c WHERE Dues__c > 0 GROUP BY Membership_Status__c ORDER BY Membership_Status__c LIMIT 3");
        assertThat(q.fields()).containsExactly("Membership_Status__c");
        assertThat(q.aggregates()).containsExactly(new SoqlQuery.Aggregate("COUNT", "Id", "n"),
                new SoqlQuery.Aggregate("SUM", "Dues__c", null), new SoqlQuery.Aggregate("MAX", "End_Date__c", "latest"));
        assertThat(q.groupBy()).containsExactly("Membership_Status__c");
        assertThat(q.aggregate()).isTrue();
        assertThat(q.count()).isFalse();
        assertThat(q.limit()).isEqualTo(3);
        // COUNT() alone is the record count, not an aggregate row
        var count = SoqlParser.parse("SELECT COUNT() FROM Contact");
        assertThat(count.count()).isTrue();
        assertThat(count.aggregate()).isFalse();
    }
}

package org.memberbus.sandbox.salesforce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.memberbus.sandbox.salesforce.SoqlQuery.And;
import org.memberbus.sandbox.salesforce.SoqlQuery.Bool;
import org.memberbus.sandbox.salesforce.SoqlQuery.Comparison;
import org.memberbus.sandbox.salesforce.SoqlQuery.Condition;
import org.memberbus.sandbox.salesforce.SoqlQuery.DateTimeValue;
import org.memberbus.sandbox.salesforce.SoqlQuery.DateValue;
import org.memberbus.sandbox.salesforce.SoqlQuery.InList;
import org.memberbus.sandbox.salesforce.SoqlQuery.Literal;
import org.memberbus.sandbox.salesforce.SoqlQuery.Not;
import org.memberbus.sandbox.salesforce.SoqlQuery.Null;
import org.memberbus.sandbox.salesforce.SoqlQuery.Operator;
import org.memberbus.sandbox.salesforce.SoqlQuery.Or;
import org.memberbus.sandbox.salesforce.SoqlQuery.Order;
import org.memberbus.sandbox.salesforce.SoqlQuery.RelativeDate;
import org.memberbus.sandbox.salesforce.SoqlQuery.Text;

/**
 * A recursive-descent parser for the SOQL subset of {@link SoqlQuery}. Keywords are
 * case-insensitive; as in SOQL, AND and OR may not be mixed at one level without parentheses.
 * Syntax errors are MALFORMED_QUERY, as Salesforce reports them.
 */
final class SoqlParser {

    private enum Kind { WORD, STRING, NUMBER, DATE, DATETIME, SYMBOL, END }

    private record Token(Kind kind, String text, int position) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final List<String> RESERVED = List.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "LIMIT", "OFFSET", "NULL", "TRUE", "FALSE", "GROUP", "HAVING", "WITH", "FOR", "USING");

    private final String soql;
    private final List<Token> tokens;
    private int next;

    private SoqlParser(String soql) {
        this.soql = soql;
        this.tokens = tokenize(soql);
    }

    static SoqlQuery parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw ApiException.malformedQuery("Query is empty");
        }
        return new SoqlParser(soql).query();
    }

    // ---------------------------------------------------------------- grammar

    private SoqlQuery query() {
        expectKeyword("SELECT");
        boolean count = false;
        var fields = new ArrayList<String>();
        var aggregates = new ArrayList<SoqlQuery.Aggregate>();
        if (peek().is("COUNT") && tokens.get(next + 1).isSymbol("(") && tokens.get(next + 2).isSymbol(")")) {
            take();
            expectSymbol("(");
            expectSymbol(")");
            count = true;
        } else {
            do {
                if (isFunction(peek()) && tokens.get(next + 1).isSymbol("(")) {
                    aggregates.add(aggregate());
                } else {
                    fields.add(fieldName());
                }
            } while (acceptSymbol(","));
        }
        expectKeyword("FROM");
        var from = identifier("an object name");
        Condition where = null;
        if (accept("WHERE")) {
            where = condition();
        }
        var groupBy = new ArrayList<String>();
        if (accept("GROUP")) {
            expectKeyword("BY");
            do {
                groupBy.add(fieldName());
            } while (acceptSymbol(","));
        }
        var orderBy = new ArrayList<Order>();
        if (accept("ORDER")) {
            expectKeyword("BY");
            do {
                orderBy.add(order());
            } while (acceptSymbol(","));
        }
        Integer limit = null;
        Integer offset = null;
        if (accept("LIMIT")) {
            limit = integer();
        }
        if (accept("OFFSET")) {
            offset = integer();
        }
        if (peek().kind() != Kind.END) {
            throw unexpected(peek());
        }
        return new SoqlQuery(count, List.copyOf(fields), List.copyOf(aggregates), List.copyOf(groupBy), from, where,
                List.copyOf(orderBy), limit, offset);
    }

    private static boolean isFunction(Token token) {
        return token.kind() == Kind.WORD && SoqlQuery.FUNCTIONS.contains(token.text().toUpperCase(Locale.ROOT));
    }

    /** {@code SUM(Amount__c) [alias]}: an alias is any word that is not a keyword. */
    private SoqlQuery.Aggregate aggregate() {
        var function = take().text().toUpperCase(Locale.ROOT);
        expectSymbol("(");
        var field = fieldName();
        expectSymbol(")");
        String alias = null;
        if (peek().kind() == Kind.WORD && !RESERVED.contains(peek().text().toUpperCase(Locale.ROOT))
                && !peek().text().contains(".")) {
            alias = take().text();
        }
        return new SoqlQuery.Aggregate(function, field, alias);
    }

    private Order order() {
        var field = fieldName();
        boolean descending = false;
        if (accept("DESC")) {
            descending = true;
        } else {
            accept("ASC");
        }
        boolean nullsLast = descending;
        if (accept("NULLS")) {
            if (accept("LAST")) {
                nullsLast = true;
            } else {
                expectKeyword("FIRST");
                nullsLast = false;
            }
        }
        return new Order(field, descending, nullsLast);
    }

    /** condition := term ((AND term)* | (OR term)*) — one kind of connective per level. */
    private Condition condition() {
        var first = term();
        if (!peek().is("AND") && !peek().is("OR")) {
            return first;
        }
        var connective = peek().text().toUpperCase(Locale.ROOT);
        var terms = new ArrayList<Condition>(List.of(first));
        while (peek().is(connective)) {
            take();
            terms.add(term());
        }
        if (peek().is("AND") || peek().is("OR")) {
            throw ApiException.malformedQuery("unexpected token: '" + peek().text()
                    + "' (use parentheses when mixing AND and OR)");
        }
        return connective.equals("AND") ? new And(List.copyOf(terms)) : new Or(List.copyOf(terms));
    }

    /** term := NOT term | '(' condition ')' | field operator value | field [NOT] IN '(' values ')' */
    private Condition term() {
        if (accept("NOT")) {
            return new Not(term());
        }
        if (acceptSymbol("(")) {
            var inner = condition();
            expectSymbol(")");
            return inner;
        }
        var field = fieldName();
        if (accept("NOT")) {
            expectKeyword("IN");
            return new InList(field, true, valueList());
        }
        if (accept("IN")) {
            return new InList(field, false, valueList());
        }
        if (accept("LIKE")) {
            var pattern = literal();
            if (!(pattern instanceof Text)) {
                throw ApiException.malformedQuery("LIKE needs a quoted pattern near '" + field + "'");
            }
            return new Comparison(field, Operator.LIKE, pattern);
        }
        var operator = operator();
        return new Comparison(field, operator, literal());
    }

    private List<Literal> valueList() {
        expectSymbol("(");
        var values = new ArrayList<Literal>();
        do {
            values.add(literal());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return List.copyOf(values);
    }

    private Operator operator() {
        var token = take();
        if (token.kind() == Kind.SYMBOL) {
            switch (token.text()) {
                case "=": return Operator.EQ;
                case "!=", "<>": return Operator.NE;
                case "<": return Operator.LT;
                case "<=": return Operator.LE;
                case ">": return Operator.GT;
                case ">=": return Operator.GE;
                default: break;
            }
        }
        throw unexpected(token);
    }

    private Literal literal() {
        var token = take();
        switch (token.kind()) {
            case STRING:
                return new Text(token.text());
            case NUMBER:
                return new SoqlQuery.Number(new BigDecimal(token.text()));
            case DATE:
                return new DateValue(SalesforceTime.parseDate(token.text()));
            case DATETIME:
                return new DateTimeValue(SalesforceTime.parseDateTime(token.text()));
            case WORD:
                return word(token);
            default:
                throw unexpected(token);
        }
    }

    private Literal word(Token token) {
        var word = token.text().toUpperCase(Locale.ROOT);
        switch (word) {
            case "NULL": return new Null();
            case "TRUE": return new Bool(true);
            case "FALSE": return new Bool(false);
            case "LAST_90_DAYS": return new RelativeDate("LAST_N_DAYS", 90);
            case "NEXT_90_DAYS": return new RelativeDate("NEXT_N_DAYS", 90);
            default: break;
        }
        if (RelativeDate.isKnown(word)) {
            return new RelativeDate(word, 0);
        }
        if (RelativeDate.takesNumber(word)) {
            expectSymbol(":");
            return new RelativeDate(word, integer());
        }
        throw ApiException.malformedQuery("unexpected token: '" + token.text() + "'");
    }

    private String fieldName() {
        var token = take();
        if (token.kind() != Kind.WORD || RESERVED.contains(token.text().toUpperCase(Locale.ROOT))) {
            throw unexpected(token);
        }
        return token.text();
    }

    private String identifier(String what) {
        var token = take();
        if (token.kind() != Kind.WORD || token.text().contains(".")) {
            throw ApiException.malformedQuery("expected " + what + " but found '" + token.text() + "'");
        }
        return token.text();
    }

    private int integer() {
        var token = take();
        if (token.kind() != Kind.NUMBER || token.text().contains(".") || token.text().startsWith("-")) {
            throw unexpected(token);
        }
        return Integer.parseInt(token.text());
    }

    // ---------------------------------------------------------------- token helpers

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        var token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private boolean accept(String keyword) {
        if (peek().is(keyword)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!accept(keyword)) {
            throw unexpected(peek());
        }
    }

    private void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw unexpected(peek());
        }
    }

    private ApiException unexpected(Token token) {
        if (token.kind() == Kind.END) {
            return ApiException.malformedQuery("unexpected end of query: " + soql);
        }
        return ApiException.malformedQuery("unexpected token: '" + token.text() + "' at column " + (token.position() + 1));
    }

    // ---------------------------------------------------------------- lexer

    private static List<Token> tokenize(String soql) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        int n = soql.length();
        while (i < n) {
            char c = soql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                var text = new StringBuilder();
                int start = i++;
                boolean closed = false;
                while (i < n) {
                    char d = soql.charAt(i++);
                    if (d == '\\' && i < n) {
                        char e = soql.charAt(i++);
                        text.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> e;   // \' \" \\ and, kept for LIKE, \% \_
                        });
                        if (e == '%' || e == '_') {
                            text.insert(text.length() - 1, '\\');
                        }
                    } else if (d == '\'') {
                        closed = true;
                        break;
                    } else {
                        text.append(d);
                    }
                }
                if (!closed) {
                    throw ApiException.malformedQuery("unterminated string starting at column " + (start + 1));
                }
                tokens.add(new Token(Kind.STRING, text.toString(), start));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(soql.charAt(i + 1)))) {
                var rest = soql.substring(i);
                var kind = Kind.NUMBER;
                var m = DATETIME.matcher(rest);
                String text;
                if (m.lookingAt()) {
                    kind = Kind.DATETIME;
                    text = m.group();
                } else if ((m = DATE.matcher(rest)).lookingAt()) {
                    kind = Kind.DATE;
                    text = m.group();
                } else if ((m = NUMBER.matcher(rest)).lookingAt()) {
                    text = m.group();
                } else {
                    throw ApiException.malformedQuery("unexpected character at column " + (i + 1));
                }
                tokens.add(new Token(kind, text, i));
                i += text.length();
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(soql.charAt(i)) || soql.charAt(i) == '_'
                        || (soql.charAt(i) == '.' && i + 1 < n && Character.isLetter(soql.charAt(i + 1))))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, soql.substring(start, i), start));
            } else {
                String two = i + 1 < n ? soql.substring(i, i + 2) : "";
                if (two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                    tokens.add(new Token(Kind.SYMBOL, two, i));
                    i += 2;
                } else if ("=<>(),:".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
                    i++;
                } else {
                    throw ApiException.malformedQuery("unexpected character '" + c + "' at column " + (i + 1));
                }
            }
        }
        tokens.add(new Token(Kind.END, "", n));
        return tokens;
    }
}

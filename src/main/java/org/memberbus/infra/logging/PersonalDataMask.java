package org.memberbus.infra.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in a log text: email addresses, phone numbers, and the values of fields
 * that name a person or their address (FirstName, LastName, Name, Email, Phone, MailingStreet,
 * City, PostalCode, ... in JSON {@code "Email":"..."}, {@code key=value} as records and maps
 * print, and Salesforce's error form {@code Email: <message echoing the value>}). Partners echo
 * what the bus sent them in their error texts, so this runs on every log line, not at each call.
 */
public final class PersonalDataMask {

    static final String MASK = "***";

    private static final String KEYS = "(?:First_?Name|Last_?Name|Full_?Name|E-?mail|Email_?Address|"
            + "(?:Mobile_?|Home_?|Other_?)?Phone|Phone_?Number|(?:Mailing_?|Other_?|Billing_?|Shipping_?)?Street|"
            + "(?:Mailing_?|Other_?|Billing_?|Shipping_?)?City|(?:Mailing_?|Other_?|Billing_?|Shipping_?)?Postal_?Code|"
            + "Address(?:_?Line_?\\d)?|Zip(?:_?Code)?|first_name|last_name|postal_code|"
            + "First Name|Last Name|Mailing Street|Mailing City|Mailing Postal Code|Postal Code|Email Address)";

    /** "Email": "x"  (JSON, quoted value; escaped quotes inside kept in the value) */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"(?:" + KEYS + "|Name)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", Pattern.CASE_INSENSITIVE);
    /**
     * Email=x, Email: x  (records, maps, headers, Salesforce's "Field Label: message" inside its
     * JSON errors) up to , ; } ] ) " or a line end. {@code Name} only as Salesforce spells it, so
     * "method with name: ..." in a framework's message stays readable.
     */
    private static final Pattern PLAIN_FIELD = Pattern.compile(
            "(?<![\\w.-])((?i:" + KEYS + ")\\s*[=:]\\s*|(?<![\\w.-])Name\\s*[=:]\\s*)(?![\\s\"{\\[])[^,;}\\]\\)\"\\r\\n]+");
    /** <Email>x</Email> */
    private static final Pattern XML_FIELD = Pattern.compile(
            "(<(" + KEYS + ")>)[^<]*(</\\2>)", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** digits with the separators phone numbers are written with; checked further in {@link #isPhone} */
    private static final Pattern PHONE_CANDIDATE = Pattern.compile(
            "(?<![\\w.:/-])\\+?\\(?\\d[\\d ().-]{6,}\\d(?![\\w:/-]|\\.\\d)");
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*|\\d{1,3}(\\.\\d{1,3}){3}");

    private PersonalDataMask() {}

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = JSON_FIELD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        masked = XML_FIELD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        masked = PLAIN_FIELD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        masked = EMAIL.matcher(masked).replaceAll(MASK + "@" + MASK);
        return PHONE_CANDIDATE.matcher(masked).replaceAll(m -> isPhone(m.group()) ? MASK : Matcher.quoteReplacement(m.group()));
    }

    /**
     * A phone number: 7 to 15 digits (E.164) written with a leading + or separators (+1-555-0012,
     * (555) 123-4567, 555.123.4567); a bare run of digits (an offset, a count, epoch millis) or a
     * date or an IP address is not one.
     */
    private static boolean isPhone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        if (digits < 7 || digits > 15 || DATE_LIKE.matcher(candidate).matches()) {
            return false;
        }
        return candidate.startsWith("+") || candidate.startsWith("(") || candidate.matches(".*\\d[ .-]\\d.*\\d[ .-]?\\d.*")
                && candidate.chars().filter(c -> c == ' ' || c == '-' || c == '.' || c == '(').count() >= 1
                && !candidate.matches("\\d+(\\.\\d+)?");
    }
}

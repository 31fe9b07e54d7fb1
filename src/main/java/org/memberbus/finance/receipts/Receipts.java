package org.memberbus.finance.receipts;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.memberbus.member.renewal.CampaignCommand;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Receipts (issue 9): one PDF receipt e-mailed to the payer for each CRM payment. The gateway's
 * report of money received (a payment intent that says what it pays for, or a subscription's paid
 * invoice) asks for one, keyed by the id the CRM's Payment__c is upserted by; it is sent once the
 * CRM holds that payment as Succeeded (an ACH debit only when it settles; a held payment, which has
 * no record, never). The e-mail is the marketing automation's {@code payment-receipt} campaign with
 * request id {@code receipt:<key>} (sent once by the marketing sink) and a link to the PDF.
 */
@Component("receipts")
public class Receipts {

    static final String CAMPAIGN = "payment-receipt";
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_:.-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String organization;
    private final String publicUrl;

    Receipts(@Value("${memberbus.receipts.organization}") String organization,
             @Value("${memberbus.receipts.public-url}") String publicUrl) {
        this.organization = organization;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** What a receipt request is keyed by, and the payer's e-mail the gateway knows (for a donor not in the CRM). */
    public record Request(String paymentKey, String token, String email) {}

    /**
     * The receipt a gateway event asks for, or null: a succeeded payment intent whose metadata says
     * what it pays for (an invoice's intent carries none: its invoice asks), or a subscription's paid invoice.
     */
    public Request request(Map<String, Object> event) {
        if (event == null || !(event.get("data") instanceof Map<?, ?> data) || !(data.get("object") instanceof Map<?, ?> object)
                || !(object.get("id") instanceof String id) || !SAFE_KEY.matcher(id).matches()) {
            return null;
        }
        Map<?, ?> metadata = null;
        String type = String.valueOf(event.get("type"));
        if (type.equals("payment_intent.succeeded")) {
            metadata = object.get("metadata") instanceof Map<?, ?> m ? m : null;
        } else if (type.equals("invoice.paid") && object.get("parent") instanceof Map<?, ?> parent
                && parent.get("subscription_details") instanceof Map<?, ?> details) {
            metadata = details.get("metadata") instanceof Map<?, ?> m ? m : null;
        }
        if (metadata == null || (metadata.get("purpose") == null && metadata.get("type") == null)) {
            return null;
        }
        String email = metadata.get("email") instanceof String e && e.contains("@") ? e.trim() : null;
        return new Request(id, newToken(), email);
    }

    /** A receipt for a payment staff recorded in the CRM (a check): keyed by the bus's own payment key. */
    public Request requestFor(String paymentKey) {
        return new Request(paymentKey, newToken(), null);
    }

    static String newToken() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** One SOQL query for the CRM's records of the waiting receipts (rows of payment_receipt). */
    public String crmQuery(List<Map<String, Object>> waiting) {
        String keys = waiting.stream().map(r -> String.valueOf(r.get("payment_key"))).filter(k -> SAFE_KEY.matcher(k).matches())
                .map(k -> "'" + k + "'").collect(Collectors.joining(","));
        return "SELECT Id, Name, Gateway_Payment_Id__c, Amount__c, Currency__c, Status__c, Type__c, Payment_Method__c,"
                + " Paid_At__c, Contact__c, Contact__r.Email, Contact__r.FirstName, Contact__r.LastName, Campaign__r.Name"
                + " FROM Payment__c WHERE Gateway_Payment_Id__c IN (" + keys + ")";
    }

    /** The payment keys of the waiting rows. */
    public List<String> keys(List<Map<String, Object>> waiting) {
        return waiting.stream().map(r -> String.valueOf(r.get("payment_key"))).toList();
    }

    /** The receipts due now: waiting rows whose payment the CRM holds as Succeeded, and has someone to send to. */
    public List<Receipt> due(List<Map<String, Object>> waiting, Map<String, Object> crmAnswer) {
        var byKey = new LinkedHashMap<String, Map<?, ?>>();
        if (crmAnswer != null && crmAnswer.get("records") instanceof List<?> records) {
            for (Object r : records) {
                if (r instanceof Map<?, ?> record && "Succeeded".equals(record.get("Status__c"))) {
                    byKey.put(String.valueOf(record.get("Gateway_Payment_Id__c")), record);
                }
            }
        }
        var due = new ArrayList<Receipt>();
        for (var row : waiting) {
            var record = byKey.get(String.valueOf(row.get("payment_key")));
            if (record == null) {
                continue;
            }
            var contact = record.get("Contact__r") instanceof Map<?, ?> c ? c : Map.of();
            String email = text(contact.get("Email")) != null ? text(contact.get("Email")) : text(row.get("email"));
            if (email == null) {
                continue; // nobody to send it to (an anonymous gift): it waits until the window closes
            }
            String first = text(contact.get("FirstName"));
            String last = text(contact.get("LastName"));
            String name = first == null ? last : last == null ? first : first + " " + last;
            var campaign = record.get("Campaign__r") instanceof Map<?, ?> c ? text(c.get("Name")) : null;
            due.add(new Receipt(String.valueOf(row.get("payment_key")), String.valueOf(row.get("token")),
                    text(record.get("Id")), text(record.get("Name")), amount(record.get("Amount__c")),
                    text(record.get("Currency__c")) == null ? "USD" : text(record.get("Currency__c")),
                    text(record.get("Type__c")), text(record.get("Payment_Method__c")), text(record.get("Paid_At__c")),
                    text(record.get("Contact__c")), email, first, name, campaign));
        }
        return due;
    }

    /** The receipt as a one-page PDF. */
    public byte[] pdf(Receipt receipt) {
        var out = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4, 56, 56, 56, 56);
        PdfWriter.getInstance(document, out);
        document.addTitle("Receipt " + receipt.receiptNumber());
        document.addCreator(organization);
        document.open();
        Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
        Font body = FontFactory.getFont(FontFactory.HELVETICA, 11);
        document.add(new Paragraph(organization, title));
        document.add(new Paragraph("Receipt " + receipt.receiptNumber(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14)));
        document.add(new Paragraph(" "));
        line(document, body, "Received from", receipt.payerName());
        line(document, body, "Amount", receipt.currency() + " " + receipt.amount().toPlainString());
        line(document, body, "For", what(receipt));
        line(document, body, "Paid", receipt.paidAt() == null ? null : receipt.paidAt().substring(0, Math.min(10, receipt.paidAt().length())));
        line(document, body, "Payment method", receipt.method());
        line(document, body, "Reference", receipt.paymentKey());
        if ("Donation".equals(receipt.type())) {
            document.add(new Paragraph(" "));
            document.add(new Paragraph("No goods or services were provided in exchange for this contribution.", body));
        }
        document.close();
        return out.toByteArray();
    }

    private static void line(Document document, Font font, String label, String value) {
        if (value != null) {
            document.add(new Paragraph(label + ": " + value, font));
        }
    }

    private static String what(Receipt receipt) {
        String type = receipt.type() == null ? "Payment" : receipt.type();
        String kind = switch (type) {
            case "Dues" -> "Membership dues";
            case "Event" -> "Event registration";
            case "Certification" -> "Certification fee";
            case "Donation" -> "Donation";
            default -> type;
        };
        return receipt.campaign() == null ? kind : kind + " to " + receipt.campaign();
    }

    /** The e-mail: the payment-receipt campaign to the payer, with the receipt's link, once per payment. */
    public CampaignCommand email(Receipt receipt) {
        var tokens = new LinkedHashMap<String, Object>();
        tokens.put("firstName", receipt.firstName());
        tokens.put("receiptNumber", receipt.receiptNumber());
        tokens.put("amount", receipt.amount().toPlainString());
        tokens.put("currency", receipt.currency());
        tokens.put("paymentType", receipt.type());
        tokens.put("receiptUrl", publicUrl + "/receipts/" + receipt.token());
        var body = new LinkedHashMap<String, Object>();
        body.put("campaign", CAMPAIGN);
        body.put("crmContactId", receipt.contactId());
        body.put("email", receipt.email());
        body.put("tokens", tokens);
        // the command's message group: the member's, else (a donor the CRM does not know) the payment's
        return new CampaignCommand("receipt:" + receipt.paymentKey(),
                receipt.contactId() != null ? receipt.contactId() : "receipt:" + receipt.paymentKey(), body);
    }

    /** The CRM's payment marked with when its receipt went out. */
    public Map<String, Object> sentMark() {
        return Map.of("Receipt_Sent_At__c", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }

    private static BigDecimal amount(Object value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString()).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

}

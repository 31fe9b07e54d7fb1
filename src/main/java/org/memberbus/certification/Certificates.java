package org.memberbus.certification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The certificate of a certification, a one-page PDF (OpenPDF, as the reports use) with the
 * holder's name, the program, its dates and where to verify the badge. Made when the certification
 * is awarded or renewed (the holder's name read from the CRM with the community account, in the
 * same query), kept with the award and served beside the badge at
 * {@code /badges/{id}/certificate.pdf}: the badge's unguessable URL is the member's link to share;
 * a lapsed certification's certificate answers 410 like its badge.
 */
public class Certificates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final JdbcTemplate jdbc;
    private final CertificationRules rules;

    public Certificates(JdbcTemplate jdbc, CertificationRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /** Holder names by CRM contact id, from an answer to {@code SELECT Id, FirstName, LastName FROM Contact ...}. */
    public Map<String, String> holderNames(String queryAnswer) throws Exception {
        var names = new HashMap<String, String>();
        for (var r : JSON.readTree(queryAnswer).path("records")) {
            var name = (r.path("FirstName").asText("") + " " + r.path("LastName").asText("")).strip();
            if (!name.isEmpty()) {
                names.put(r.path("Id").asText(), name);
            }
        }
        return names;
    }

    /** The holder's name from an answer about one contact. */
    public String holderName(String queryAnswer) throws Exception {
        return holderNames(queryAnswer).values().stream().findFirst().orElse(null);
    }

    public String nameOf(Map<String, String> names, Certifications.Award award) {
        return names.get(award.crmContactId());
    }

    /** Renders the award's certificate and keeps it with the award (again after a renewal: new dates). */
    public void issue(Certifications.Award award, String holderName) {
        jdbc.update("update certification_award set certificate = ? where certification_key = ?",
                render(award, holderName), award.key());
    }

    byte[] render(Certifications.Award a, String holderName) {
        var out = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4.rotate(), 72, 72, 72, 72);
        PdfWriter.getInstance(document, out);
        document.open();
        document.addTitle("Certificate: " + a.program());
        document.addAuthor(rules.issuerName());
        centred(document, rules.issuerName(), FontFactory.HELVETICA, 14, 0);
        centred(document, "Certificate", FontFactory.HELVETICA_BOLD, 36, 24);
        centred(document, "This certifies that", FontFactory.HELVETICA, 14, 24);
        centred(document, holderName == null ? "the member " + a.crmContactId() : holderName,
                FontFactory.HELVETICA_BOLD, 26, 12);
        centred(document, "holds the certification", FontFactory.HELVETICA, 14, 12);
        centred(document, a.program(), FontFactory.HELVETICA_BOLD, 22, 12);
        centred(document, "awarded " + DAY.format(a.awardedOn()) + ", valid until " + DAY.format(a.expiresOn()),
                FontFactory.HELVETICA, 14, 24);
        centred(document, "Verify the signed Open Badge: " + a.badgeUrl(), FontFactory.HELVETICA, 9, 36);
        document.close();
        return out.toByteArray();
    }

    private static void centred(Document document, String text, String font, float size, float spaceBefore) {
        var p = new Paragraph(text, FontFactory.getFont(font, size));
        p.setAlignment(Element.ALIGN_CENTER);
        p.setSpacingBefore(spaceBefore);
        document.add(p);
    }

    /** The certificate of a badge: {@code pdf} (bytes) and whether it is revoked; empty if there is none. */
    public Optional<Map<String, Object>> certificate(String badgeId) {
        UUID id;
        try {
            id = UUID.fromString(badgeId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        return jdbc.query("select certificate, revoked_at, revoked_reason from certification_award "
                + "where badge_id = ? and certificate is not null", (rs, n) -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("pdf", rs.getBytes("certificate"));
                    var revoked = rs.getTimestamp("revoked_at");
                    m.put("revoked", revoked != null);
                    if (revoked != null) {
                        m.put("revokedAt", revoked.toInstant().toString());
                        m.put("reason", rs.getString("revoked_reason"));
                    }
                    return (Map<String, Object>) m;
                }, id).stream().findFirst();
    }

    /** A revoked certificate's answer (410): when and why, without the document. */
    public Map<String, Object> revokedAnswer(Map<String, Object> certificate) {
        var answer = new LinkedHashMap<>(certificate);
        answer.remove("pdf");
        return answer;
    }
}

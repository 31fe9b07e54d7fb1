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
    private final Certifications certifications;

    public Certificates(JdbcTemplate jdbc, CertificationRules rules, Certifications certifications) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.certifications = certifications;
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
        return certifications.document(badgeId, Certifications.Document.CERTIFICATE);
    }

    // ---- the certificate attached in the CRM (Salesforce Files) ------------------------------

    /**
     * The file name the certificate of an award has in the CRM ({@code PathOnClient}): the award's
     * key and the expiry it shows, so the bus can tell whether the CRM holds this certificate
     * already (one file per award, a new version of it after a renewal).
     */
    public String fileName(Certifications.Award a) {
        return "certificate-" + a.key().replaceAll("[^A-Za-z0-9-]", "-") + "-" + a.expiresOn() + ".pdf";
    }

    /** Whether the CRM holds the certificate as it is now (recorded by {@link #attached}). */
    public boolean attachedNow(Certifications.Award a) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select crm_certificate_expiry is not distinct from expires_on "
                + "and crm_certificate_version is not null from certification_award where certification_key = ?",
                Boolean.class, a.key()));
    }

    /** The award's certificate files in the CRM, every version, by the name the bus gives them. */
    public String filesQuery(Certifications.Award a) {
        return "SELECT Id, ContentDocumentId, PathOnClient FROM ContentVersion WHERE PathOnClient LIKE 'certificate-"
                + a.key().replaceAll("[^A-Za-z0-9-]", "-") + "-%'";
    }

    /**
     * What to send to the CRM for the award's certificate, from the answer to {@link #filesQuery}:
     * nothing (null) when the CRM holds this one already (then recorded), a new version of the
     * award's document when it holds an earlier one (a renewal), else a new document published on
     * the award's {@code Certification__c} ({@code certificationId}, needed only then).
     */
    public Map<String, Object> contentVersion(Certifications.Award a, String filesAnswer, String certificationId)
            throws Exception {
        var name = fileName(a);
        String document = null;
        for (var file : JSON.readTree(filesAnswer).path("records")) {
            if (name.equals(file.path("PathOnClient").asText())) {
                attached(a, file.path("Id").asText());
                return null;
            }
            document = file.path("ContentDocumentId").asText(document);
        }
        var pdf = jdbc.queryForObject("select certificate from certification_award where certification_key = ?",
                byte[].class, a.key());
        if (pdf == null) {
            throw new IllegalStateException("certification " + a.key() + " has no certificate yet");
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("Title", "Certificate: " + a.program() + " (valid until " + a.expiresOn() + ")");
        body.put("PathOnClient", name);
        body.put("VersionData", java.util.Base64.getEncoder().encodeToString(pdf));
        if (document != null) {
            body.put("ContentDocumentId", document);
            body.put("ReasonForChange", "renewed until " + a.expiresOn());
        } else {
            if (certificationId == null) {
                throw new IllegalStateException("the CRM holds no Certification__c " + a.key() + " yet");
            }
            body.put("FirstPublishLocationId", certificationId);
        }
        return body;
    }

    /** Whether {@link #contentVersion} needs the award's CRM id: no file of the award is in the CRM yet. */
    public boolean firstFile(String filesAnswer) throws Exception {
        return JSON.readTree(filesAnswer).path("records").isEmpty();
    }

    /** Records the CRM's file of the certificate as it is now ({@code saveAnswer}: the CRM's answer, or the id). */
    public void attached(Certifications.Award a, String saveAnswer) throws Exception {
        var id = saveAnswer.startsWith("{") ? JSON.readTree(saveAnswer).path("id").asText() : saveAnswer;
        jdbc.update("update certification_award set crm_certificate_version = ?, crm_certificate_expiry = ? "
                + "where certification_key = ?", id, java.sql.Date.valueOf(a.expiresOn()), a.key());
    }

    /** A revoked certificate's answer (410): when and why, without the document. */
    public Map<String, Object> revokedAnswer(Map<String, Object> certificate) {
        var answer = new LinkedHashMap<>(certificate);
        answer.remove("pdf");
        return answer;
    }
}

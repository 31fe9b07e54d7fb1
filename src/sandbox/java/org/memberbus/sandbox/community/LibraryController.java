package org.memberbus.sandbox.community;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal's resource library (Higher Logic's "Resource Library", or a staff-only folder): files
 * uploaded by integrations and shown to the folder's readers, each optionally announced on the
 * folder's feed.
 * <ul>
 * <li>{@code POST /api/v1/library/folders/{folder}/documents?fileName=&title=&announcement=}: the raw
 * file as the body, its type in {@code Content-Type}; 201 with {@code Location} and the document.
 * An {@code Idempotency-Key} header is honoured for 24 hours as Stripe does: the same key with the
 * same file answers the first document (200, {@code Idempotent-Replayed: true}); the same key with
 * another file answers 409 {@code idempotency_key_reused}. A file over 20 MiB: 413; an empty one,
 * or no file name: 400.</li>
 * <li>{@code GET /api/v1/library/folders/{folder}/documents}: the folder's documents, newest first.</li>
 * <li>{@code GET /api/v1/library/documents/{id}} and {@code .../{id}/content}: one document, its bytes.</li>
 * <li>{@code GET /api/v1/library/folders/{folder}/announcements}: the folder's feed, newest first.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/library")
class LibraryController {

    static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final Pattern FOLDER = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    record Document(String id, String folder, String fileName, String title, String contentType, int size,
                    String sha256, Instant uploadedAt, String url, String idempotencyKey) {}

    record Announcement(String id, String folder, String text, String documentId, Instant postedAt) {}

    private record Stored(Document document, byte[] bytes) {}

    private final Map<String, Stored> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByKey = new ConcurrentHashMap<>();
    private final List<Announcement> announcements = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;

    LibraryController(Clock clock) {
        this.clock = clock;
    }

    @PostMapping(path = "/folders/{folder}/documents", consumes = MediaType.ALL_VALUE)
    synchronized ResponseEntity<Document> upload(@PathVariable String folder, @RequestParam(required = false) String fileName,
                                                 @RequestParam(required = false) String title,
                                                 @RequestParam(required = false) String announcement,
                                                 @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                 @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                 @RequestBody(required = false) byte[] body) {
        if (!FOLDER.matcher(folder).matches()) {
            throw ApiException.badRequest("folder", "a folder is lower case letters, digits and dashes");
        }
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw ApiException.badRequest("fileName", "is required, without a path");
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("file", "the request body is the file, and it is empty");
        }
        if (body.length > MAX_BYTES) {
            throw new ApiException(413, "a file is at most 20 MiB", "file");
        }
        var sha = sha256(body);
        if (key != null && !key.isBlank()) {
            var earlier = idByKey.get(key);
            if (earlier != null) {
                var stored = byId.get(earlier).document();
                if (!stored.sha256().equals(sha) || !stored.folder().equals(folder)) {
                    throw ApiException.conflict("Idempotency-Key", "idempotency_key_reused: the key " + key
                            + " was used for another file");
                }
                return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(stored);
            }
        }
        var id = "doc_" + String.format("%06d", sequence.incrementAndGet());
        var document = new Document(id, folder, fileName, title == null || title.isBlank() ? fileName : title,
                contentType == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : contentType, body.length, sha,
                clock.instant(), "/api/v1/library/documents/" + id + "/content", key);
        byId.put(id, new Stored(document, body));
        if (key != null && !key.isBlank()) {
            idByKey.put(key, id);
        }
        if (announcement != null && !announcement.isBlank()) {
            announcements.add(new Announcement("ann_" + id.substring(4), folder, announcement, id, clock.instant()));
        }
        return ResponseEntity.created(URI.create(document.url().replace("/content", ""))).body(document);
    }

    @GetMapping("/folders/{folder}/documents")
    Listing<Document> list(@PathVariable String folder) {
        return new Listing<>(byId.values().stream().map(Stored::document).filter(d -> d.folder().equals(folder))
                .sorted((a, b) -> b.id().compareTo(a.id())).toList());
    }

    @GetMapping("/documents/{id}")
    Document document(@PathVariable String id) {
        return stored(id).document();
    }

    @GetMapping("/documents/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable String id) {
        var stored = stored(id);
        return ResponseEntity.status(HttpStatus.OK).header(HttpHeaders.CONTENT_TYPE, stored.document().contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + stored.document().fileName() + "\"")
                .body(stored.bytes());
    }

    @GetMapping("/folders/{folder}/announcements")
    synchronized Listing<Announcement> announcements(@PathVariable String folder) {
        return new Listing<>(announcements.stream().filter(a -> a.folder().equals(folder))
                .sorted((a, b) -> b.id().compareTo(a.id())).toList());
    }

    private Stored stored(String id) {
        var stored = byId.get(id);
        if (stored == null) {
            throw ApiException.notFound("document " + id);
        }
        return stored;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

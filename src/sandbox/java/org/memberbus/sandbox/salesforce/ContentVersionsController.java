package org.memberbus.sandbox.salesforce;

import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Salesforce Files through the REST API, as the org does it: {@code POST sobjects/ContentVersion}
 * with the file's bytes base64 in {@code VersionData} and {@code PathOnClient} (required) makes a
 * ContentDocument and its first version; {@code FirstPublishLocationId} (any record) links the
 * document to that record with a ContentDocumentLink; {@code ContentDocumentId} instead adds a new
 * version to an existing document (the earlier one is no longer {@code IsLatest}). Queries answer
 * {@code VersionData} as the URL of the bytes, which {@code GET
 * sobjects/ContentVersion/{id}/VersionData} serves. A ContentDocument cannot be inserted directly.
 * The rest (retrieve, query, delete) is the generic sObject API over the same store.
 */
@RestController
@RequestMapping(ApiPaths.VERSION)
class ContentVersionsController {

    /** The REST API's limit for a file sent base64 in a JSON body. */
    static final long MAX_BYTES = 37_500_000L;

    private final SObjectStore store;
    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

    ContentVersionsController(SObjectStore store) {
        this.store = store;
    }

    @PostMapping("/sobjects/ContentVersion")
    ResponseEntity<Map<String, Object>> create(@PathVariable String version, @RequestBody(required = false) String body,
                                               HttpServletRequest request) {
        var schema = store.schema();
        var versions = schema.require("ContentVersion");
        var documents = schema.require("ContentDocument");
        var links = schema.require("ContentDocumentLink");
        var input = new LinkedHashMap<>(ApiRequests.object(body));
        var data = remove(input, "VersionData");
        var path = input.keySet().stream().filter(k -> k.equalsIgnoreCase("PathOnClient")).findFirst()
                .map(input::get).orElse(null);
        if (path == null || path.toString().isBlank()) {
            throw new ApiException(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [PathOnClient]",
                    List.of("PathOnClient"));
        }
        if (!(data instanceof String base64) || base64.isEmpty()) {
            throw new ApiException(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [VersionData]",
                    List.of("VersionData"));
        }
        byte[] file;
        try {
            // line breaks are allowed (MIME style), anything else outside the alphabet is not
            file = Base64.getDecoder().decode(base64.replaceAll("[\\r\\n ]", ""));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "JSON_PARSER_ERROR", "Cannot deserialize value of type `base64` from String: "
                    + "not valid base64 for field VersionData");
        }
        if (file.length > MAX_BYTES) {
            throw new ApiException(400, "STRING_TOO_LONG", "Maximum file size exceeded: VersionData", List.of("VersionData"));
        }
        var firstPublish = remove(input, "FirstPublishLocationId");
        var documentId = remove(input, "ContentDocumentId");
        if (firstPublish != null && documentId != null) {
            throw new ApiException(400, "FIELD_INTEGRITY_EXCEPTION",
                    "You cannot set FirstPublishLocationId when adding a version to an existing document",
                    List.of("FirstPublishLocationId"));
        }
        String location = null;
        if (firstPublish != null) {
            location = SalesforceIds.normalize(firstPublish.toString());
            if (store.find(location).filter(r -> r != null).isEmpty()) {
                throw new ApiException(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                        List.of("FirstPublishLocationId"));
            }
        }
        var name = path.toString();
        var extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        var title = input.keySet().stream().filter(k -> k.equalsIgnoreCase("Title")).findFirst().map(input::get)
                .map(Object::toString).orElse(extension.isEmpty() ? name : name.substring(0, name.lastIndexOf('.')));
        var checksum = md5(file);
        final var linkTo = location;
        var id = store.write(ApiRequests.context(request, version), txn -> {
            String document;
            int number = 1;
            if (documentId != null) {
                document = SalesforceIds.normalize(documentId.toString());
                store.get(documents, document); // NOT_FOUND as the org answers
                for (var earlier : store.records(versions, false)) {
                    if (document.equals(earlier.get("ContentDocumentId"))) {
                        number++;
                        if (Boolean.TRUE.equals(earlier.get("IsLatest"))) {
                            txn.update(versions, (String) earlier.get("Id"), Map.of("IsLatest", false));
                        }
                    }
                }
            } else {
                document = txn.create(documents, Map.of("Title", title, "FileExtension", extension,
                        "ContentSize", (double) file.length));
            }
            var fields = new LinkedHashMap<String, Object>(input);
            fields.put("Title", title);
            fields.put("ContentDocumentId", document);
            fields.put("FileExtension", extension);
            fields.put("FileType", extension.toUpperCase(Locale.ROOT));
            fields.put("ContentSize", (double) file.length);
            fields.put("Checksum", checksum);
            fields.put("IsLatest", true);
            fields.put("VersionNumber", Integer.toString(number));
            fields.put("ContentLocation", "S");
            if (linkTo != null) {
                fields.put("FirstPublishLocationId", linkTo);
            }
            var versionId = txn.create(versions, fields);
            txn.update(versions, versionId, Map.of("VersionData",
                    "/services/data/" + version + "/sobjects/ContentVersion/" + versionId + "/VersionData"));
            txn.update(documents, document, Map.of("Title", title, "LatestPublishedVersionId", versionId,
                    "ContentSize", (double) file.length));
            if (linkTo != null) {
                txn.create(links, Map.of("LinkedEntityId", linkTo, "ContentDocumentId", document, "ShareType", "V",
                        "Visibility", "AllUsers"));
            }
            return versionId;
        });
        bytes.put(id, file);
        return ResponseEntity.status(HttpStatus.CREATED).body(SObjectController.saveResult(id));
    }

    /** The file's bytes, at the URL a query answers for {@code VersionData}. */
    @GetMapping("/sobjects/ContentVersion/{id}/VersionData")
    ResponseEntity<byte[]> versionData(@PathVariable String id) {
        var record = store.get(store.schema().require("ContentVersion"), id);
        var file = bytes.get((String) record.get("Id"));
        if (file == null) {
            throw ApiException.notFound();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(file);
    }

    /** As the org: a document comes into being with its first version only. */
    @PostMapping("/sobjects/ContentDocument")
    ResponseEntity<Map<String, Object>> createDocument() {
        throw new ApiException(400, "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
                "entity type cannot be inserted: Content Document");
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<List<Map<String, Object>>> refused(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.toBody());
    }

    private static Object remove(Map<String, Object> input, String field) {
        var key = input.keySet().stream().filter(k -> k.equalsIgnoreCase(field)).findFirst().orElse(null);
        return key == null ? null : input.remove(key);
    }

    private static String md5(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

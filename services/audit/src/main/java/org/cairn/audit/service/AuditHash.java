package org.cairn.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hash chain of the audit trail. A record's hash covers its content and the hash of the record
 * before it in its chain (one chain per agency), so changing, removing or reordering any stored
 * record breaks every hash after it. The content is written in one fixed order (field by field,
 * JSON), never as the bytes the record arrived in.
 */
public final class AuditHash {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditHash() {}

    /** The hash a chain starts from, before its first record. */
    public static String genesis(String chain) {
        return sha256("cairn-audit-chain\n" + chain);
    }

    /** The hash of a record, given the hash of the one before it. */
    public static String of(String previousHash, AuditRecordView r) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("eventId", r.eventId());
        content.put("chain", r.chain());
        content.put("chainSeq", r.chainSeq());
        content.put("occurredAt", r.occurredAt().toString());
        content.put("service", r.service());
        content.put("agencyId", r.agencyId());
        content.put("actorUserId", r.actorUserId());
        content.put("actorUsername", r.actorUsername());
        content.put("actorRoles", r.actorRoles());
        content.put("action", r.action());
        content.put("outcome", r.outcome());
        content.put("resourceType", r.resourceType());
        content.put("resourceId", r.resourceId());
        content.put("clientId", r.clientId());
        content.put("purpose", r.purpose());
        content.put("reason", r.reason());
        content.put("requestId", r.requestId());
        if (!r.consentIds().isEmpty()) {
            // only when there are any, so that records stored before consents were recorded keep their hash
            content.put("consentIds", r.consentIds());
        }
        if (r.clientApplication() != null) {
            // likewise: records stored before the application was recorded keep their hash
            content.put("clientApplication", r.clientApplication());
        }
        try {
            return sha256(previousHash + "\n" + JSON.writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit record could not be written out for hashing", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

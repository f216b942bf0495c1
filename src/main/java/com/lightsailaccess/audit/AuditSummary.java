package com.lightsailaccess.audit;

import com.lightsailaccess.model.AuditEvent;
import java.util.List;

/** What {@code /lightsail-audit} answers at once: the newest matching events and how many match in all. */
sealed interface AuditSummary {

    /** {@code latest} newest first; the export of all {@code total} is queued when {@code total} is not zero. */
    record Found(List<AuditEvent> latest, long total) implements AuditSummary {
    }

    record Unavailable() implements AuditSummary {
    }
}

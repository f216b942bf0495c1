package com.lightsailaccess.queue;

import com.google.gson.Gson;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobQueue.LeaseLostException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Clock;
import java.time.Instant;

/** A unit of durable work. A worker holds it under a lease ({@code lockedUntil}); an expired lease is free again. */
@Entity
@Table(name = "job")
@NamedQuery(name = Job.TOUCH_WAITING, query = "update Job j set j.runAfter = :now where j.kind = :kind "
        + "and j.subject = :subject and j.finishedAt is null and j.lockedBy is null")
@NamedQuery(name = Job.OPEN_KEYS_OF_REQUEST, query = "select j.dedupKey from Job j where j.requestId = :request "
        + "and j.kind = :kind and j.finishedAt is null and j.dedupKey is not null")
public class Job {

    static final String TOUCH_WAITING = "Job.touchWaiting";
    static final String OPEN_KEYS_OF_REQUEST = "Job.openKeysOfRequest";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The name of its {@link JobType}. */
    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "request_id")
    private Long requestId;

    /** The Slack user the work is about: jobs of one person run one at a time. */
    @Column(name = "subject")
    private String subject;

    /** Small, non-secret parameters: a record of the job's kind, as JSON ({@link #payload(Class)}). */
    @Column(name = "payload")
    private String payload;

    /** At most one unfinished job has a given key (the database's unique index says so). */
    @Column(name = "dedup_key")
    private String dedupKey;

    @Column(name = "run_after", nullable = false)
    private Instant runAfter;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "locked_by")
    private String lockedBy;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "outcome")
    private String outcome;

    /** The claim this attempt runs under: the worker and the attempt number (the fencing token). */
    @Transient
    private String heldBy;

    @Transient
    private int token;

    /** Until when this worker is sure to hold the job: its last lease, or the last renewal that succeeded. */
    @Transient
    private volatile Instant heldUntil;

    @Transient
    private volatile boolean lost;

    @Transient
    private Clock clock;

    private static final Gson GSON = new Gson();

    protected Job() {
    }

    static Job of(String kind, Long requestId, String subject, String payload, String dedupKey, Instant now) {
        Job job = new Job();
        job.dedupKey = dedupKey;
        job.kind = kind;
        job.requestId = requestId;
        job.subject = subject;
        job.payload = payload;
        job.runAfter = now;
        job.createdAt = now;
        return job;
    }

    /**
     * This worker's claim, which leased the row to {@code worker} until {@code until} and counted the attempt: the
     * attempt number is the fencing token.
     */
    void leased(String worker, Instant until, Clock clock) {
        this.heldBy = worker;
        this.token = attempts;
        this.heldUntil = until;
        this.clock = clock;
    }

    /** The renewal succeeded: the job is held until {@code until}. */
    void renewedUntil(Instant until) {
        this.heldUntil = until;
    }

    /** The renewal found the job taken over or finished elsewhere. */
    void markLost() {
        this.lost = true;
    }

    /**
     * Call before every side effect (an IAM call, a Slack message): throws when this worker may no longer hold the
     * job, because a renewal found it taken over or because no renewal has succeeded within the lease (another
     * replica may have claimed it by now).
     */
    public void checkLease() {
        if (lost || clock != null && heldUntil != null && !clock.instant().isBefore(heldUntil)) {
            lost = true;
            throw new LeaseLostException(this);
        }
    }

    String heldBy() {
        return heldBy;
    }

    int token() {
        return token;
    }

    void finish(String outcome, String error, Instant now) {
        this.outcome = outcome;
        this.lastError = error;
        this.finishedAt = now;
        this.lockedBy = null;
        this.lockedUntil = null;
    }

    void retryAt(Instant when, String error) {
        this.runAfter = when;
        this.lastError = error;
        this.lockedBy = null;
        this.lockedUntil = null;
    }

    /** Runs again at {@code when}; the attempt that was counted when it was claimed is given back. */
    void deferTo(Instant when) {
        this.runAfter = when;
        this.attempts = Math.max(0, attempts - 1);
        this.lockedBy = null;
        this.lockedUntil = null;
    }

    public Long id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    Instant runAfter() {
        return runAfter;
    }

    public Long requestId() {
        return requestId;
    }

    public String subject() {
        return subject;
    }

    /** The job's parameters, as the record they were queued as; null when it has none. */
    public <P extends Record> P payload(JobType<P> type) {
        if (!type.name().equals(kind)) {
            throw new IllegalArgumentException(this + " is not a " + type.name() + " job");
        }
        return payload == null ? null : GSON.fromJson(payload, type.payload());
    }

    static String encode(Record payload) {
        return payload == null ? null : GSON.toJson(payload);
    }

    public String lockedBy() {
        return lockedBy;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String outcome() {
        return outcome;
    }

    @Override
    public String toString() {
        return "Job[#" + id + ", " + kind + ", request " + requestId + ", attempt " + attempts + "]";
    }
}

package com.lightsailaccess.reconcile;

import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamGroup;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/** What reconciliation finds about the Lightsail group itself: a policy too many on it, or the group gone. */
@ApplicationScoped
class GroupChecks {

    /** Under reconciliation's name: its lines are where operators look for them. */
    private static final Logger LOG = Logger.getLogger(Reconcile.class);

    private final ReconcileService ledger;
    private final HeldGrants grants;
    private final IamGroup group;
    private final Notices notices;
    private final Provisioning settings;

    GroupChecks(ReconcileService ledger, HeldGrants grants, IamGroup group, Notices notices, Provisioning settings) {
        this.ledger = ledger;
        this.grants = grants;
        this.group = group;
        this.notices = notices;
        this.settings = settings;
    }

    /** A finding reported once (again only once it was cleared), and the admins told of it: committed together. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void reportOnce(String kind, String subject, Long requestId, String detail, Notice notice) {
        ledger.report(kind, subject, requestId, detail).ifPresent(finding -> notices.send(requestId, notice));
    }

    /**
     * The group must hold exactly the bot's policies: anything else on it (say AdministratorAccess, or an inline
     * policy) would reach every holder. While it stands, provisioning refuses to add anyone (the group is looked at
     * again at the next grant); the admins hear once what is extra, and again if it comes back after being cleared.
     */
    void drift(AccessLevel level) {
        String name = level.group();
        List<String> extra;
        try {
            extra = group.extraPolicies(name, settings.policies(level.policy()));
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                throw e;
            }
            // Say it where operators look, and keep the rest of this run (it ran before): say, a bot policy without
            // iam:ListGroupPolicies.
            LOG.warnf("Reconciliation could not check what IAM group %s holds: %s", name, e.getMessage());
            return;
        }
        if (extra.isEmpty()) {
            ledger.clear(ReconcileService.GROUP_DRIFT, name);
            return;
        }
        group.forgetReadyGroup();
        LOG.warnf("Reconciliation: IAM group %s holds more than Lightsail Access put there: %s", name, extra);
        reportOnce(ReconcileService.GROUP_DRIFT, name, null, String.join(", ", extra),
                Notice.toApprovalChannel(ReconcileMessages.groupDrift(name, extra)));
    }

    /**
     * The group is not there: nothing about who is in it can be concluded, so no grant is changed (an empty group
     * would have ended every grant as "left the group outside the bot"). The admins hear once; readiness says so.
     * Before any grant (a new installation), or with access levels before the level's first grant, there is nothing
     * to protect: the first approval creates the group, so nobody is alarmed.
     */
    void missing(String name, int grants, boolean oneOfSeveralLevels) {
        // An access level nobody holds yet: its group comes with its first grant.
        if (grants == 0 && (oneOfSeveralLevels || !this.grants.provisionedEver())) {
            LOG.infof("Reconciliation: IAM group %s does not exist yet; the first approval creates it", name);
            return;
        }
        LOG.warnf("Reconciliation: IAM group %s does not exist; no grant was changed", name);
        reportOnce(ReconcileService.GROUP_MISSING, name, null, "IAM has no group " + name,
                Notice.toApprovalChannel(ReconcileMessages.groupMissing(name, grants)));
    }
}

package com.lightsailaccess.grant;

import com.lightsailaccess.iam.IamAccount;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamGroup;
import com.lightsailaccess.iam.ManagedPolicy;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.Provisioning;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each access level's IAM group and what it holds: the level's own policy, the first sign-in's (which lets a console
 * user change the password AWS asks them to change, written for the bot's path: AWS's own IAMUserChangePassword does
 * not match users under a path) and, with {@code LIGHTSAIL_REQUIRE_MFA=console}, the policy that denies a console
 * session without MFA all but setting MFA up. A request's level is the one it names.
 */
@ApplicationScoped
public class LevelGroups {

    private final AccessLevels levels;
    private final Provisioning settings;
    private final IamAccount account;
    private final IamGroup group;

    LevelGroups(AccessLevels levels, Provisioning settings, IamAccount account, IamGroup group) {
        this.levels = levels;
        this.settings = settings;
        this.account = account;
        this.group = group;
    }

    /** The request's level; {@link LevelGoneException} when the levels file no longer has it. */
    public AccessLevel of(AccessRequest request) {
        return levels.of(request.level()).orElseThrow(() -> new LevelGoneException(request.level()));
    }

    /** The customer managed policies the level's group holds, in the order they are made sure of. */
    List<ManagedPolicy> policies(AccessLevel level) {
        List<ManagedPolicy> policies = new ArrayList<>(List.of(levels.named()
                // The name, not the label: IAM takes only Latin-1 in a description.
                ? new ManagedPolicy(level.policy(), "Amazon Lightsail, level " + level.name() + ", granted by "
                        + "Lightsail Access", level.document())
                : ManagedPolicy.lightsail(level.policy()),
                ManagedPolicy.firstSignIn(settings.firstSignInPolicy(), account.partition(), account.accountId(),
                        settings.path())));
        settings.mfaPolicy().ifPresent(name -> policies.add(ManagedPolicy.requireMfa(name, account.partition(),
                account.accountId(), settings.path())));
        return policies;
    }

    /** The names of {@link #policies}. */
    static List<String> policyNames(Provisioning settings, AccessLevel level) {
        List<String> names = new ArrayList<>(List.of(level.policy(), settings.firstSignInPolicy()));
        settings.mfaPolicy().ifPresent(names::add);
        return names;
    }

    /** The level's group, made sure of with its policies (IAM is asked again only every few minutes). */
    void ensure(AccessLevel level) {
        group.ensureLightsailGroup(level.group(), policies(level));
    }

    /** Into the level's group, the group set up again if it vanished; a group holding more takes nobody. */
    void add(String userName, AccessLevel level) {
        group.addToGroupEnsuringIt(userName, level.group(), policies(level));
    }

    /** Out of the level's group; not being a member is fine. */
    public void remove(String userName, AccessLevel level) {
        group.removeFromGroup(userName, level.group());
    }

    /**
     * Out of every level's group (a revocation: whatever level the grant is at, and any other level's group it was put
     * in by hand or left in by a change that could not finish); not being a member is fine. The steps, in words.
     */
    public List<String> removeFromEvery(String userName, AccessRequest grant) {
        List<String> steps = new ArrayList<>();
        Optional<AccessLevel> own = levels.of(grant.level());
        if (own.isPresent()) {
            group.removeFromGroup(userName, own.get().group());
            steps.add("removed from group " + own.get().group());
        }
        for (AccessLevel level : levels.all()) {
            if (own.isPresent() && level.equals(own.get())) {
                continue;
            }
            try {
                group.removeFromGroup(userName, level.group());
                steps.add("removed from group " + level.group());
            } catch (IamFailure e) {
                if (e.transientFailure()) {
                    throw e;
                }
                // Its own level's group is what the grant gave: another level's is tried, and said if it failed.
                steps.add("not removed from group " + level.group() + ": " + e.getMessage());
            }
        }
        return steps;
    }

    /** A request names a level the levels file no longer has: nothing is done for it in IAM. */
    public static final class LevelGoneException extends IamFailure {
        LevelGoneException(String level) {
            super(false, "LevelGone", "the access level '" + level + "' is no longer in LIGHTSAIL_ACCESS_LEVELS; "
                    + "add it back, or remove the IAM user from its group by hand");
        }
    }
}

package com.lightsailaccess.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful IAM (and STS GetCallerIdentity) as strict as IAM, speaking the real AWS Query protocol: form-encoded
 * {@code Action=…} in, IAM's XML answers and XML errors out, so the real SDK client parses real responses.
 * <ul>
 * <li><b>Authorization.</b> Every call is judged against the bot's own policy, {@code deploy/bot-iam-policy.json}
 * ({@link IamPolicyEvaluator}), with IAM's resource for each action: a user's ARN carries its path when the user
 * exists and none when it does not (IAM cannot know the path of a user it has not got), {@code CreateUser} the
 * path it asks for; the group, the policy, the MFA device by its serial; {@code iam:PolicyARN} for the attach
 * calls. {@code CreateUser} with tags needs {@code iam:TagUser} too. Refused calls answer 403 AccessDenied.</li>
 * <li><b>IAM's rules.</b> Names unique without regard to case (policies across paths too), two keys per user,
 * {@code DeleteConflict} while dependents remain, only virtual MFA devices deletable, paginated group members.</li>
 * <li><b>The grantee's side.</b> {@link #userMay} judges what the person holding a user's credentials may do next, by
 * every policy that user holds (its attached and inline policies, and its groups'), with policy variables replaced as
 * IAM replaces them ({@code ${aws:username}} is the name without the path).</li>
 * <li><b>Eventual consistency.</b> {@link #hideNewEntities} makes a user, group or policy just created answer
 * {@code NoSuchEntity} to its next calls, as IAM does for a short while after creating it.</li>
 * <li><b>Faults.</b> The next calls of an action can fail with an IAM error, break at the connection, or be late.</li>
 * </ul>
 */
public class FakeIam implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-iam";
    public static final String ACCOUNT = "123456789012";
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String DATE = "2026-11-01T00:00:00Z";
    private static final String CALLER = "arn:aws:iam::" + ACCOUNT + ":user/lightsail-access-bot";

    public static final class User {
        public final String name;
        public final String path;
        public final Map<String, String> tags = new LinkedHashMap<>();
        public String password;
        public boolean passwordResetRequired;
        public final Map<String, String> keys = new LinkedHashMap<>();
        /** Keys made inactive ({@code UpdateAccessKey Status=Inactive}): they exist, and do not work. */
        public final Set<String> inactiveKeys = new LinkedHashSet<>();
        public final Set<String> attachedPolicies = new LinkedHashSet<>();
        public final Map<String, String> inlinePolicies = new LinkedHashMap<>();
        public final Set<String> groups = new LinkedHashSet<>();
        public final Set<String> mfaDevices = new LinkedHashSet<>();
        public final Set<String> activeMfa = new LinkedHashSet<>();
        public final Set<String> signingCertificates = new LinkedHashSet<>();
        public final Set<String> sshKeys = new LinkedHashSet<>();
        public final Set<String> serviceCredentials = new LinkedHashSet<>();
        /** When the console password, and each key, were last used (IAM keeps these); null: never. */
        public java.time.Instant passwordLastUsed;
        public final Map<String, java.time.Instant> keyLastUsed = new LinkedHashMap<>();

        User(String name, String path) {
            this.name = name;
            this.path = path;
        }

        public String arn() {
            return "arn:aws:iam::" + ACCOUNT + ":user" + path + name;
        }
    }

    /** A customer managed policy: its versions' documents and which one is the default. */
    public static final class Policy {
        public final String name;
        public final String path;
        public final List<String> versions = new ArrayList<>();
        public int defaultVersion;

        Policy(String name, String path, String document) {
            this.name = name;
            this.path = path;
            this.versions.add(document);
        }

        public String arn() {
            return "arn:aws:iam::" + ACCOUNT + ":policy" + path + name;
        }
    }

    /**
     * AWS managed policies that users may hold, as AWS publishes them (IAM's policy reference), so that a user's
     * effective permissions can be judged. A policy not listed here cannot be judged, and says so.
     */
    static final Map<String, String> AWS_MANAGED = Map.of("arn:aws:iam::aws:policy/IAMUserChangePassword", """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["iam:ChangePassword"], "Resource": ["arn:aws:iam::*:user/${aws:username}"]},
              {"Effect": "Allow", "Action": ["iam:GetAccountPasswordPolicy"], "Resource": "*"}]}""");

    /** How the person holding a user's credentials makes a request. */
    public enum Session {
        /** Signed in to the console with the password, no MFA device used (the first sign-in is one). */
        CONSOLE_WITHOUT_MFA,
        /** Signed in to the console with the password and an MFA code. */
        CONSOLE_WITH_MFA,
        /** A request signed with the user's long-term access key (no MFA key in the request at all). */
        ACCESS_KEY
    }

    private record Injected(int status, String code, Fault fault, int delayMillis, Hold hold) {
        Injected(int status, String code, Fault fault, int delayMillis) {
            this(status, code, fault, delayMillis, null);
        }
    }

    /** A call held back before IAM carries it out, until the test releases it (within IAM's call timeout). */
    public static final class Hold {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Whether the call has arrived and is waiting. */
        public boolean reached() {
            return reached.getCount() == 0;
        }

        /** IAM carries the call out now. */
        public void release() {
            released.countDown();
        }

        void waitForRelease() {
            reached.countDown();
            try {
                if (!released.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held IAM call was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();
    /** Group name → the ARNs of the managed policies attached to it. */
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    /** Inline policies of each group, by name. */
    private final Map<String, Map<String, String>> groupInline = new ConcurrentHashMap<>();
    private final Map<String, Policy> policies = new ConcurrentHashMap<>();
    private final Map<String, Deque<Injected>> faults = new ConcurrentHashMap<>();
    private final Map<String, Integer> hidden = new ConcurrentHashMap<>();
    private final List<String> aliases = new ArrayList<>();
    private final List<String> denied = new CopyOnWriteArrayList<>();
    private final List<String> secretsIssued = new CopyOnWriteArrayList<>();
    private final AtomicInteger keyCounter = new AtomicInteger();
    private volatile Map<String, String> passwordPolicy;
    private volatile int globalDelayMillis;
    private volatile int hideNewEntities;
    private volatile IamPolicyEvaluator botPolicy = IamPolicyEvaluator.botPolicy();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** An empty account again, judged by the bot's own policy file. */
    public synchronized void reset() {
        users.clear();
        groups.clear();
        groupInline.clear();
        policies.clear();
        faults.clear();
        hidden.clear();
        aliases.clear();
        denied.clear();
        secretsIssued.clear();
        passwordPolicy = null;
        hideNewEntities = 0;
        botPolicy = IamPolicyEvaluator.botPolicy();
    }

    // ---- for tests ---------------------------------------------------------------------------------------------

    public User user(String name) {
        return users.get(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, User> users() {
        return Map.copyOf(users);
    }

    public Set<String> group(String name) {
        return groups.get(name);
    }

    /** The names of the group's members. */
    public synchronized Set<String> members(String group) {
        Set<String> members = new LinkedHashSet<>();
        users.values().stream().filter(u -> u.groups.contains(group)).forEach(u -> members.add(u.name));
        return members;
    }

    /** As if an admin removed the user from the group by hand. */
    public synchronized void removeFromGroup(String userName, String group) {
        user(userName).groups.remove(group);
    }

    public Policy policy(String name) {
        return policies.get(name.toLowerCase(Locale.ROOT));
    }

    public Set<String> policyNames() {
        Set<String> names = new LinkedHashSet<>();
        policies.values().forEach(p -> names.add(p.name));
        return names;
    }

    /** What IAM refused, as {@code iam:Action on resource}: a test that expects no refusal can say so. */
    public List<String> denied() {
        return List.copyOf(denied);
    }

    /** Every password set and every secret access key made since the last reset, withdrawn ones included. */
    public List<String> secretsIssued() {
        return List.copyOf(secretsIssued);
    }

    /** The bot's credentials carry this policy instead of the shipped one (until {@link #reset}). */
    public void setBotPolicy(IamPolicyEvaluator policy) {
        this.botPolicy = policy;
    }

    /** A user that someone else made (no bot tags, or other tags). */
    public synchronized User addUser(String name, String path, Map<String, String> tags) {
        User u = new User(name, path);
        u.tags.putAll(tags);
        users.put(name.toLowerCase(Locale.ROOT), u);
        return u;
    }

    /** A policy that someone else made, or changed: {@code path} and the default version's document. */
    public synchronized Policy addPolicy(String name, String path, String document) {
        Policy p = new Policy(name, path, document);
        policies.put(name.toLowerCase(Locale.ROOT), p);
        return p;
    }

    /** As if an admin deleted the group (and everyone's membership) by hand. */
    public synchronized void removeGroup(String name) {
        groups.remove(name);
        groupInline.remove(name);
        users.values().forEach(u -> u.groups.remove(name));
    }

    /**
     * Whether IAM lets the person holding {@code userName}'s credentials do {@code action} on {@code resource}, judged
     * by every policy the user holds: its attached managed policies and inline policies, and those of each group it is
     * in. IAM's request context for such a person: {@code aws:username} (the name, no path), {@code aws:userid}, and
     * {@code aws:MultiFactorAuthPresent} in a console session (absent for a long-term access key).
     */
    /** Whether a request signed with this access key would be accepted: the key exists and is active. */
    public synchronized boolean keyWorks(String accessKeyId) {
        return users.values().stream().anyMatch(u -> u.keys.containsKey(accessKeyId)
                && !u.inactiveKeys.contains(accessKeyId));
    }

    public synchronized boolean userMay(String userName, Session session, String action, String resource) {
        return userMay(userName, session, action, resource, Map.of());
    }

    /**
     * As {@link #userMay(String, Session, String, String)}, with more of the request's context: the tags of the
     * resource ({@code aws:ResourceTag/<key>}) and of the request ({@code aws:RequestTag/<key>}), as a service puts
     * them in.
     */
    public synchronized boolean userMay(String userName, Session session, String action, String resource,
            Map<String, String> request) {
        User u = user(userName);
        if (u == null) {
            return false;
        }
        List<IamPolicyEvaluator> held = new ArrayList<>();
        u.attachedPolicies.forEach(arn -> held.add(IamPolicyEvaluator.parse(document(arn))));
        u.inlinePolicies.values().forEach(d -> held.add(IamPolicyEvaluator.parse(d)));
        for (String group : u.groups) {
            groups.getOrDefault(group, Set.of()).forEach(arn -> held.add(IamPolicyEvaluator.parse(document(arn))));
            groupInline.getOrDefault(group, Map.of()).values().forEach(d -> held.add(IamPolicyEvaluator.parse(d)));
        }
        Map<String, String> context = new HashMap<>(request);
        context.put("aws:username", u.name);
        context.put("aws:userid", userId(u));
        if (session != Session.ACCESS_KEY) {
            context.put("aws:MultiFactorAuthPresent", String.valueOf(session == Session.CONSOLE_WITH_MFA));
        }
        return IamPolicyEvaluator.allowedByAll(held, action, resource, context);
    }

    /** The document of a managed policy as IAM holds it: a customer policy's default version, or AWS's own. */
    private String document(String arn) {
        if (arn.startsWith("arn:aws:iam::aws:policy/")) {
            String document = AWS_MANAGED.get(arn);
            if (document == null) {
                throw new IllegalStateException("the stand-in does not know the AWS managed policy " + arn);
            }
            return document;
        }
        Policy policy = policyByArn(arn);
        return policy.versions.get(policy.defaultVersion);
    }

    /** As if an admin attached a managed policy to a group by hand. */
    public synchronized void attachToGroup(String group, String policyArn) {
        groups.get(group).add(policyArn);
    }

    /** As if an admin wrote an inline policy into a group by hand. */
    public synchronized void putGroupPolicy(String group, String name, String document) {
        groupInline.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(name, document);
    }

    /** As if an admin took a managed policy and every inline policy off a group by hand. */
    public synchronized void cleanGroup(String group, String policyArn) {
        groups.get(group).remove(policyArn);
        groupInline.remove(group);
    }

    /** As if an admin put a user into a group by hand (the group is made if it is not there). */
    public synchronized void addToGroup(String userName, String group) {
        groups.computeIfAbsent(group, g -> new LinkedHashSet<>());
        user(userName).groups.add(group);
    }

    /** As if an admin deleted a user by hand, with everything on it. */
    public synchronized void removeUser(String name) {
        users.remove(name.toLowerCase(Locale.ROOT));
    }

    public synchronized void addAlias(String alias) {
        aliases.add(alias);
    }

    public void setPasswordPolicy(Map<String, String> policy) {
        this.passwordPolicy = policy;
    }

    /**
     * IAM's eventual consistency: from now on, a user, group or policy that is created answers the next
     * {@code calls} calls that name it with {@code NoSuchEntity}, as if they reached a replica that has not seen it.
     */
    public void hideNewEntities(int calls) {
        this.hideNewEntities = calls;
    }

    /** The next {@code times} calls of {@code action} fail with this IAM error. */
    public void failNext(String action, int times, int status, String code) {
        inject(action, times, new Injected(status, code, null, 0));
    }

    /** IAM answers {@code action} normally again: the failures still waiting for it are dropped. */
    public void clearFaults(String action) {
        faults.remove(action);
    }

    /** The next {@code times} calls of {@code action} break at the connection level. */
    public void breakNext(String action, int times, Fault fault) {
        inject(action, times, new Injected(0, null, fault, 0));
    }

    /** The next {@code times} calls of {@code action} are carried out, but answered {@code millis} late. */
    public void delayNext(String action, int times, int millis) {
        inject(action, times, new Injected(0, null, null, millis));
    }

    private void inject(String action, int times, Injected injected) {
        Deque<Injected> queue = faults.computeIfAbsent(action, a -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(injected);
            }
        }
    }

    /** The next call of {@code action} waits until the returned hold is released, then IAM carries it out. */
    public Hold holdNext(String action) {
        Hold hold = new Hold();
        inject(action, 1, new Injected(0, null, null, 0, hold));
        return hold;
    }

    /** Every call is answered this late (0: at once); the benchmark's "slow AWS" run. */
    public void setGlobalDelay(int millis) {
        this.globalDelayMillis = millis;
    }

    // ---- the protocol ------------------------------------------------------------------------------------------

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Map<String, String> p = form(serveEvent.getRequest().getBodyAsString());
        String action = p.getOrDefault("Action", "");
        Deque<Injected> queue = faults.get(action);
        if (queue != null) {
            Injected injected;
            synchronized (queue) {
                injected = queue.poll();
            }
            if (injected != null && injected.hold() != null) {
                injected.hold().waitForRelease();
                return answer(action, p);
            }
            if (injected != null && injected.delayMillis() > 0) {
                return delayed(answer(action, p), injected.delayMillis());
            }
            if (injected != null) {
                if (injected.fault() != null) {
                    return ResponseDefinitionBuilder.responseDefinition().withFault(injected.fault()).build();
                }
                return error(injected.status(), injected.code(), "injected by the test");
            }
        }
        return globalDelayMillis > 0 ? delayed(answer(action, p), globalDelayMillis) : answer(action, p);
    }

    private ResponseDefinition answer(String action, Map<String, String> p) {
        synchronized (this) {
            try {
                if (!action.equals("GetCallerIdentity")) {
                    authorize(action, p);
                    stillHidden(action, p);
                }
                return handle(action, p);
            } catch (IamError e) {
                return error(e.status, e.code, e.getMessage());
            }
        }
    }

    private static ResponseDefinition delayed(ResponseDefinition response, int millis) {
        return ResponseDefinitionBuilder.like(response).withFixedDelay(millis).build();
    }

    private static final class IamError extends RuntimeException {
        final int status;
        final String code;

        IamError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    // ---- authorization -----------------------------------------------------------------------------------------

    private void authorize(String action, Map<String, String> p) {
        String resource = resourceOf(action, p);
        Map<String, String> context = new HashMap<>();
        if (p.containsKey("PolicyArn") && action.matches("(Attach|Detach)(User|Group)Policy")) {
            context.put("iam:PolicyARN", p.get("PolicyArn"));
        }
        check("iam:" + action, resource, context);
        if (action.equals("CreateUser") && p.containsKey("Tags.member.1.Key")) {
            // Tagging a user as it is created is also a TagUser [IAM User Guide, "Tagging IAM users"].
            check("iam:TagUser", resource, context);
        }
    }

    private void check(String action, String resource, Map<String, String> context) {
        if (!botPolicy.allows(action, resource, context)) {
            denied.add(action + " on " + resource);
            throw new IamError(403, "AccessDenied", "User: " + CALLER + " is not authorized to perform: " + action
                    + " on resource: " + resource + " because no identity-based policy allows the " + action
                    + " action");
        }
    }

    /** The resource IAM authorizes an action against [Service Authorization Reference, IAM]. */
    private String resourceOf(String action, Map<String, String> p) {
        return switch (action) {
            case "GetAccountPasswordPolicy", "ListAccountAliases", "ListPolicies", "ListUsers" -> "*";
            case "CreateUser" -> "arn:aws:iam::" + ACCOUNT + ":user" + p.getOrDefault("Path", "/")
                    + p.getOrDefault("UserName", "");
            case "GetGroup", "CreateGroup", "DeleteGroup", "ListAttachedGroupPolicies", "ListGroupPolicies",
                    "AttachGroupPolicy",
                    "DetachGroupPolicy", "AddUserToGroup", "RemoveUserFromGroup" ->
                    "arn:aws:iam::" + ACCOUNT + ":group/" + p.getOrDefault("GroupName", "");
            case "GetPolicy", "GetPolicyVersion", "CreatePolicyVersion", "DeletePolicy" -> p.getOrDefault("PolicyArn", "");
            case "CreatePolicy" -> "arn:aws:iam::" + ACCOUNT + ":policy" + p.getOrDefault("Path", "/")
                    + p.getOrDefault("PolicyName", "");
            case "DeleteVirtualMFADevice" -> p.getOrDefault("SerialNumber", "");
            // Authorized against the user who owns the key.
            case "GetAccessKeyLastUsed" -> users.values().stream()
                    .filter(u -> u.keys.containsKey(p.getOrDefault("AccessKeyId", ""))).findFirst()
                    .map(User::arn).orElse("*");
            default -> {
                // Everything else acts on a user: with its path when it exists, without one when it does not.
                String name = p.getOrDefault("UserName", "");
                User u = users.get(name.toLowerCase(Locale.ROOT));
                yield u == null ? "arn:aws:iam::" + ACCOUNT + ":user/" + name : u.arn();
            }
        };
    }

    // ---- eventual consistency ----------------------------------------------------------------------------------

    private void created(String key) {
        if (hideNewEntities > 0) {
            hidden.put(key, hideNewEntities);
        }
    }

    private void stillHidden(String action, Map<String, String> p) {
        if (action.startsWith("Create") && !action.equals("CreateLoginProfile")
                && !action.equals("CreateAccessKey")) {
            return;
        }
        List<String> keys = new ArrayList<>();
        if (p.containsKey("UserName")) {
            keys.add("user:" + p.get("UserName").toLowerCase(Locale.ROOT));
        }
        if (p.containsKey("GroupName")) {
            keys.add("group:" + p.get("GroupName"));
        }
        if (p.containsKey("PolicyArn")) {
            String arn = p.get("PolicyArn");
            keys.add("policy:" + arn.substring(arn.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
        }
        for (String key : keys) {
            Integer left = hidden.get(key);
            if (left != null && left > 0) {
                hidden.put(key, left - 1);
                throw new IamError(404, "NoSuchEntity", "The " + key.substring(0, key.indexOf(':')) + " with name "
                        + key.substring(key.indexOf(':') + 1) + " cannot be found.");
            }
        }
    }

    // ---- the actions -------------------------------------------------------------------------------------------

    private User existing(Map<String, String> p) {
        User u = users.get(p.getOrDefault("UserName", "").toLowerCase(Locale.ROOT));
        if (u == null) {
            throw new IamError(404, "NoSuchEntity", "The user with name " + p.get("UserName") + " cannot be found.");
        }
        return u;
    }

    private Policy policyByArn(String arn) {
        if (arn == null) {
            throw new IamError(400, "ValidationError", "PolicyArn is required");
        }
        Policy policy = policies.get(arn.substring(arn.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
        if (policy == null || !policy.arn().equals(arn)) {
            throw new IamError(404, "NoSuchEntity", "Policy " + arn + " was not found.");
        }
        return policy;
    }

    private ResponseDefinition handle(String action, Map<String, String> p) {
        switch (action) {
            case "GetCallerIdentity":
                return sts(action, "<Arn>" + CALLER + "</Arn><UserId>AIDABOT</UserId><Account>" + ACCOUNT
                        + "</Account>");
            case "ListAccountAliases": {
                return ok(action, paged("AccountAliases", aliases, p, a -> a));
            }
            case "GetAccountPasswordPolicy": {
                if (passwordPolicy == null) {
                    throw new IamError(404, "NoSuchEntity", "The Password Policy with domain name " + ACCOUNT
                            + " cannot be found.");
                }
                StringBuilder m = new StringBuilder("<PasswordPolicy>");
                passwordPolicy.forEach((k, v) -> m.append('<').append(k).append('>').append(v).append("</")
                        .append(k).append('>'));
                return ok(action, m.append("</PasswordPolicy>").toString());
            }
            case "GetPolicy":
                return ok(action, policyXml(policyByArn(p.get("PolicyArn"))));
            case "GetPolicyVersion": {
                Policy policy = policyByArn(p.get("PolicyArn"));
                String version = p.getOrDefault("VersionId", "");
                int index = version.startsWith("v") ? Integer.parseInt(version.substring(1)) - 1 : -1;
                if (index < 0 || index >= policy.versions.size()) {
                    throw new IamError(404, "NoSuchEntity", "Policy version " + version + " was not found.");
                }
                // IAM answers the document URL-encoded (RFC 3986).
                String document = URLEncoder.encode(policy.versions.get(index), StandardCharsets.UTF_8)
                        .replace("+", "%20");
                return ok(action, "<PolicyVersion><Document>" + document + "</Document><VersionId>" + version
                        + "</VersionId><IsDefaultVersion>" + (index == policy.defaultVersion)
                        + "</IsDefaultVersion><CreateDate>" + DATE + "</CreateDate></PolicyVersion>");
            }
            case "CreatePolicy": {
                String name = p.get("PolicyName");
                if (policies.containsKey(name.toLowerCase(Locale.ROOT))) {
                    // Policy names are unique in the account, whatever their path.
                    throw new IamError(409, "EntityAlreadyExists", "A policy called " + name + " already exists.");
                }
                Policy policy = new Policy(name, p.getOrDefault("Path", "/"), p.get("PolicyDocument"));
                policies.put(name.toLowerCase(Locale.ROOT), policy);
                created("policy:" + name.toLowerCase(Locale.ROOT));
                return ok(action, policyXml(policy));
            }
            case "GetGroup": {
                String name = p.get("GroupName");
                if (!groups.containsKey(name)) {
                    throw new IamError(404, "NoSuchEntity", "The group with name " + name + " cannot be found.");
                }
                List<User> members = users.values().stream().filter(u -> u.groups.contains(name))
                        .sorted((a, b) -> a.name.compareToIgnoreCase(b.name)).toList();
                int from = p.containsKey("Marker") ? Integer.parseInt(p.get("Marker")) : 0;
                int max = Integer.parseInt(p.getOrDefault("MaxItems", "100"));
                int to = Math.min(members.size(), from + max);
                StringBuilder m = new StringBuilder(groupXml(name)).append("<Users>");
                members.subList(from, to).forEach(u -> m.append("<member>").append(userFields(u)).append("</member>"));
                m.append("</Users><IsTruncated>").append(to < members.size()).append("</IsTruncated>");
                if (to < members.size()) {
                    m.append("<Marker>").append(to).append("</Marker>");
                }
                return ok(action, m.toString());
            }
            case "ListAttachedGroupPolicies": {
                Set<String> attached = groups.get(p.get("GroupName"));
                if (attached == null) {
                    throw new IamError(404, "NoSuchEntity", "The group cannot be found.");
                }
                return ok(action, paged("AttachedPolicies", attached, p, FakeIam::attachedXml));
            }
            case "ListGroupPolicies": {
                if (!groups.containsKey(p.get("GroupName"))) {
                    throw new IamError(404, "NoSuchEntity", "The group cannot be found.");
                }
                return ok(action, paged("PolicyNames", groupInline.getOrDefault(p.get("GroupName"), Map.of())
                        .keySet(), p, n -> n));
            }
            case "CreateGroup": {
                String name = p.get("GroupName");
                if (groups.containsKey(name)) {
                    throw new IamError(409, "EntityAlreadyExists", "Group with name " + name + " already exists.");
                }
                groups.put(name, new LinkedHashSet<>());
                created("group:" + name);
                return ok(action, groupXml(name));
            }
            case "AttachGroupPolicy": {
                Set<String> attached = groups.get(p.get("GroupName"));
                if (attached == null) {
                    throw new IamError(404, "NoSuchEntity", "The group cannot be found.");
                }
                requirePolicy(p.get("PolicyArn"));
                attached.add(p.get("PolicyArn"));
                return ok(action, null);
            }
            case "GetUser":
                return ok(action, "<User>" + userFields(existing(p)) + "</User>");
            case "CreateUser": {
                String name = p.get("UserName");
                if (users.containsKey(name.toLowerCase(Locale.ROOT))) {
                    throw new IamError(409, "EntityAlreadyExists", "User with name " + name + " already exists.");
                }
                if (!name.matches("[\\w+=,.@-]{1,64}")) {
                    throw new IamError(400, "ValidationError", "invalid user name");
                }
                User u = new User(name, p.getOrDefault("Path", "/"));
                u.tags.putAll(members(p, "Tags"));
                users.put(name.toLowerCase(Locale.ROOT), u);
                created("user:" + name.toLowerCase(Locale.ROOT));
                return ok(action, "<User>" + userFields(u) + "</User>");
            }
            case "ListUserTags": {
                Map<String, String> tags = existing(p).tags;
                return ok(action, paged("Tags", tags.keySet(), p, k -> "<Key>" + k + "</Key><Value>" + tags.get(k)
                        + "</Value>"));
            }
            case "TagUser":
                existing(p).tags.putAll(members(p, "Tags"));
                return ok(action, null);
            case "CreateLoginProfile": {
                User u = existing(p);
                if (u.password != null) {
                    throw new IamError(409, "EntityAlreadyExists", "Login Profile for user " + u.name
                            + " already exists.");
                }
                checkPassword(p.get("Password"));
                u.password = p.get("Password");
                secretsIssued.add(u.password);
                u.passwordResetRequired = Boolean.parseBoolean(p.get("PasswordResetRequired"));
                return ok(action, "<LoginProfile><UserName>" + u.name + "</UserName><CreateDate>" + DATE
                        + "</CreateDate><PasswordResetRequired>" + u.passwordResetRequired
                        + "</PasswordResetRequired></LoginProfile>");
            }
            case "UpdateLoginProfile": {
                User u = existing(p);
                if (u.password == null) {
                    throw new IamError(404, "NoSuchEntity", "Login Profile for User " + u.name + " cannot be found.");
                }
                checkPassword(p.get("Password"));
                u.password = p.get("Password");
                secretsIssued.add(u.password);
                u.passwordResetRequired = Boolean.parseBoolean(p.get("PasswordResetRequired"));
                return ok(action, null);
            }
            case "DeleteLoginProfile": {
                User u = existing(p);
                if (u.password == null) {
                    throw new IamError(404, "NoSuchEntity", "Login Profile for User " + u.name + " cannot be found.");
                }
                u.password = null;
                return ok(action, null);
            }
            case "AttachUserPolicy": {
                User u = existing(p);
                requirePolicy(p.get("PolicyArn"));
                u.attachedPolicies.add(p.get("PolicyArn"));
                return ok(action, null);
            }
            case "CreateAccessKey": {
                User u = existing(p);
                if (u.keys.size() >= 2) {
                    throw new IamError(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");
                }
                String id = String.format("AKIAFAKE%012d", keyCounter.incrementAndGet());
                String secret = "fakeSecret/" + UUID.randomUUID().toString().replace("-", "") + "+Zz";
                u.keys.put(id, secret);
                secretsIssued.add(secret);
                return ok(action, "<AccessKey><UserName>" + u.name + "</UserName><AccessKeyId>" + id
                        + "</AccessKeyId><Status>Active</Status><SecretAccessKey>" + secret
                        + "</SecretAccessKey><CreateDate>" + DATE + "</CreateDate></AccessKey>");
            }
            case "GetAccessKeyLastUsed": {
                String keyId = p.getOrDefault("AccessKeyId", "");
                User owner = users.values().stream().filter(u -> u.keys.containsKey(keyId)).findFirst()
                        .orElseThrow(() -> new IamError(404, "NoSuchEntity", "The Access Key with id " + keyId
                                + " cannot be found."));
                java.time.Instant used = owner.keyLastUsed.get(keyId);
                return ok(action, "<UserName>" + owner.name + "</UserName><AccessKeyLastUsed>"
                        + (used == null ? "<Region>N/A</Region><ServiceName>N/A</ServiceName>"
                        : "<LastUsedDate>" + used + "</LastUsedDate><Region>us-east-1</Region>"
                                + "<ServiceName>lightsail</ServiceName>") + "</AccessKeyLastUsed>");
            }
            case "ListAccessKeys": {
                User u = existing(p);
                return ok(action, paged("AccessKeyMetadata", u.keys.keySet(), p, id -> "<UserName>" + u.name
                        + "</UserName><AccessKeyId>" + id + "</AccessKeyId><Status>"
                        + (u.inactiveKeys.contains(id) ? "Inactive" : "Active") + "</Status><CreateDate>" + DATE
                        + "</CreateDate>"));
            }
            case "UpdateAccessKey": {
                User u = existing(p);
                String id = p.get("AccessKeyId");
                if (!u.keys.containsKey(id)) {
                    throw new IamError(404, "NoSuchEntity", "The Access Key with id " + id + " cannot be found.");
                }
                switch (p.getOrDefault("Status", "")) {
                    case "Active" -> u.inactiveKeys.remove(id);
                    case "Inactive" -> u.inactiveKeys.add(id);
                    default -> throw new IamError(400, "ValidationError", "Status must be Active or Inactive");
                }
                return ok(action, null);
            }
            case "DeleteAccessKey": {
                User u = existing(p);
                u.inactiveKeys.remove(p.get("AccessKeyId"));
                if (u.keys.remove(p.get("AccessKeyId")) == null) {
                    throw new IamError(404, "NoSuchEntity", "The Access Key with id " + p.get("AccessKeyId")
                            + " cannot be found.");
                }
                return ok(action, null);
            }
            case "AddUserToGroup": {
                User u = existing(p);
                if (!groups.containsKey(p.get("GroupName"))) {
                    throw new IamError(404, "NoSuchEntity", "The group cannot be found.");
                }
                u.groups.add(p.get("GroupName"));
                return ok(action, null);
            }
            case "RemoveUserFromGroup": {
                User u = existing(p);
                if (!u.groups.remove(p.get("GroupName"))) {
                    throw new IamError(404, "NoSuchEntity", "The user is not in that group.");
                }
                return ok(action, null);
            }
            case "ListGroupsForUser": {
                return ok(action, paged("Groups", existing(p).groups, p, FakeIam::groupFields));
            }
            case "ListSigningCertificates":
                return ok(action, paged("Certificates", existing(p).signingCertificates, p,
                        id -> "<UserName>" + p.get("UserName") + "</UserName><CertificateId>" + id
                                + "</CertificateId><CertificateBody>x</CertificateBody><Status>Active</Status>"));
            case "DeleteSigningCertificate":
                removeOr404(existing(p).signingCertificates, p.get("CertificateId"));
                return ok(action, null);
            case "ListSSHPublicKeys":
                return ok(action, paged("SSHPublicKeys", existing(p).sshKeys, p,
                        id -> "<UserName>" + p.get("UserName") + "</UserName><SSHPublicKeyId>" + id
                                + "</SSHPublicKeyId><Status>Active</Status><UploadDate>" + DATE + "</UploadDate>"));
            case "DeleteSSHPublicKey":
                removeOr404(existing(p).sshKeys, p.get("SSHPublicKeyId"));
                return ok(action, null);
            case "ListServiceSpecificCredentials":
                return ok(action, paged("ServiceSpecificCredentials", existing(p).serviceCredentials, p,
                        id -> "<UserName>" + p.get("UserName") + "</UserName><ServiceSpecificCredentialId>" + id
                                + "</ServiceSpecificCredentialId><ServiceUserName>x</ServiceUserName><ServiceName>"
                                + "codecommit.amazonaws.com</ServiceName><Status>Active</Status><CreateDate>" + DATE
                                + "</CreateDate>"));
            case "DeleteServiceSpecificCredential":
                removeOr404(existing(p).serviceCredentials, p.get("ServiceSpecificCredentialId"));
                return ok(action, null);
            case "ListMFADevices":
                return ok(action, paged("MFADevices", existing(p).mfaDevices, p,
                        serial -> "<UserName>" + p.get("UserName") + "</UserName><SerialNumber>" + serial
                                + "</SerialNumber><EnableDate>" + DATE + "</EnableDate>"));
            case "DeactivateMFADevice": {
                User u = existing(p);
                removeOr404(u.mfaDevices, p.get("SerialNumber"));
                u.activeMfa.remove(p.get("SerialNumber"));
                return ok(action, null);
            }
            case "DeleteVirtualMFADevice": {
                String serial = p.get("SerialNumber");
                if (serial == null || !serial.contains(":mfa/")) {
                    // Security keys and hardware tokens are not virtual devices: only deactivating removes them.
                    throw new IamError(404, "NoSuchEntity", "VirtualMFADevice with serial number " + serial
                            + " doesn't exist.");
                }
                for (User u : users.values()) {
                    if (u.mfaDevices.contains(serial)) {
                        throw new IamError(409, "DeleteConflict", "MFA device is still in use.");
                    }
                }
                return ok(action, null);
            }
            case "ListUserPolicies":
                return ok(action, paged("PolicyNames", existing(p).inlinePolicies.keySet(), p, n -> n));
            case "DeleteUserPolicy": {
                User u = existing(p);
                if (u.inlinePolicies.remove(p.get("PolicyName")) == null) {
                    throw new IamError(404, "NoSuchEntity", "The user policy cannot be found.");
                }
                return ok(action, null);
            }
            case "ListAttachedUserPolicies":
                return ok(action, paged("AttachedPolicies", existing(p).attachedPolicies, p, FakeIam::attachedXml));
            case "DetachUserPolicy": {
                User u = existing(p);
                if (!u.attachedPolicies.remove(p.get("PolicyArn"))) {
                    throw new IamError(404, "NoSuchEntity", "Policy is not attached to the user.");
                }
                return ok(action, null);
            }
            case "DeleteUser": {
                User u = existing(p);
                if (u.password != null || !u.keys.isEmpty() || !u.signingCertificates.isEmpty()
                        || !u.sshKeys.isEmpty() || !u.serviceCredentials.isEmpty() || !u.mfaDevices.isEmpty()
                        || !u.inlinePolicies.isEmpty() || !u.attachedPolicies.isEmpty() || !u.groups.isEmpty()) {
                    throw new IamError(409, "DeleteConflict", "Cannot delete entity, must remove dependents first.");
                }
                users.remove(u.name.toLowerCase(Locale.ROOT));
                return ok(action, null);
            }
            default:
                throw new IamError(400, "InvalidAction", "Could not find operation " + action);
        }
    }

    private void requirePolicy(String arn) {
        if (arn != null && arn.startsWith("arn:aws:iam::aws:policy/")) {
            return;
        }
        policyByArn(arn);
    }

    private void checkPassword(String password) {
        int min = passwordPolicy == null ? 8 : Integer.parseInt(passwordPolicy.getOrDefault(
                "MinimumPasswordLength", "8"));
        if (password == null || password.length() < min || password.length() > 128) {
            throw new IamError(400, "PasswordPolicyViolation", "Password does not conform to the account policy.");
        }
    }

    private static void removeOr404(Set<String> set, String id) {
        if (!set.remove(id)) {
            throw new IamError(404, "NoSuchEntity", id + " cannot be found.");
        }
    }

    /**
     * One page of a list IAM pages with {@code Marker}/{@code IsTruncated}. IAM may answer short pages even below
     * {@code MaxItems}; here every page holds one item, so a caller that reads only the first page misses the rest.
     */
    private static String paged(String element, java.util.Collection<String> ids, Map<String, String> p,
            java.util.function.Function<String, String> item) {
        List<String> all = List.copyOf(ids);
        int from = p.containsKey("Marker") ? Integer.parseInt(p.get("Marker")) : 0;
        int to = Math.min(all.size(), from + 1);
        StringBuilder m = new StringBuilder("<").append(element).append('>');
        all.subList(from, to).forEach(id -> m.append("<member>").append(item.apply(id)).append("</member>"));
        return m.append("</").append(element).append(">").append(page(to, all.size())).toString();
    }

    static String policyArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
    }

    private static String policyXml(Policy policy) {
        return "<Policy><PolicyName>" + policy.name + "</PolicyName><DefaultVersionId>v" + (policy.defaultVersion + 1)
                + "</DefaultVersionId><PolicyId>ANPA" + Math.abs(policy.name.hashCode()) + "</PolicyId><Path>"
                + policy.path + "</Path><Arn>" + policy.arn() + "</Arn><AttachmentCount>0</AttachmentCount>"
                + "<IsAttachable>true</IsAttachable><CreateDate>" + DATE + "</CreateDate><UpdateDate>" + DATE
                + "</UpdateDate></Policy>";
    }

    private static String groupFields(String name) {
        return "<Path>/</Path><GroupName>" + name + "</GroupName><GroupId>AGPA" + Math.abs(name.hashCode())
                + "</GroupId><Arn>arn:aws:iam::" + ACCOUNT + ":group/" + name + "</Arn><CreateDate>" + DATE
                + "</CreateDate>";
    }

    private static String groupXml(String name) {
        return "<Group>" + groupFields(name) + "</Group>";
    }

    private static String userId(User u) {
        return "AIDA" + Math.abs(u.name.hashCode());
    }

    private static String userFields(User u) {
        return "<Path>" + u.path + "</Path><UserName>" + u.name + "</UserName><UserId>" + userId(u) + "</UserId><Arn>" + u.arn() + "</Arn><CreateDate>" + DATE
                + "</CreateDate>" + (u.passwordLastUsed == null ? "" : "<PasswordLastUsed>" + u.passwordLastUsed
                + "</PasswordLastUsed>");
    }

    private static String attachedXml(String arn) {
        return "<PolicyName>" + arn.substring(arn.lastIndexOf('/') + 1) + "</PolicyName><PolicyArn>" + arn
                + "</PolicyArn>";
    }

    /** The end of a list's page: where the next one starts, if there is one. */
    private static String page(int next, int total) {
        return next < total ? "<IsTruncated>true</IsTruncated><Marker>" + next + "</Marker>"
                : "<IsTruncated>false</IsTruncated>";
    }

    /** {@code Tags.member.1.Key=k&Tags.member.1.Value=v} → {k: v}. */
    private static Map<String, String> members(Map<String, String> p, String list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; p.containsKey(list + ".member." + i + ".Key"); i++) {
            out.put(p.get(list + ".member." + i + ".Key"), p.getOrDefault(list + ".member." + i + ".Value", ""));
        }
        return out;
    }

    static Map<String, String> form(String body) {
        Map<String, String> map = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return map;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            map.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return map;
    }

    private static ResponseDefinition ok(String action, String result) {
        String body = "<" + action + "Response xmlns=\"" + IAM_NS + "\">"
                + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></"
                + action + "Response>";
        return xml(200, body);
    }

    private static ResponseDefinition sts(String action, String result) {
        return xml(200, "<" + action + "Response xmlns=\"" + STS_NS + "\"><" + action + "Result>" + result + "</"
                + action + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    private static ResponseDefinition error(int status, String code, String message) {
        return xml(status, "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>" + (status >= 500 ? "Receiver"
                : "Sender") + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>"
                + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static ResponseDefinition xml(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(body).build();
    }
}

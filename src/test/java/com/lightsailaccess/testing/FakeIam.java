package com.lightsailaccess.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, stateful IAM (and STS GetCallerIdentity) that speaks the real AWS Query protocol: form-encoded
 * {@code Action=…} in, IAM's XML answers and XML errors out, so the real SDK client parses real responses.
 * It keeps users, tags, login profiles, keys, policies, groups, MFA devices and inline policies, enforces
 * IAM's rules that matter here (two keys per user, {@code DeleteConflict} while dependents remain), and can be
 * told to fail the next calls of an action.
 */
public class FakeIam implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-iam";
    public static final String ACCOUNT = "123456789012";
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String DATE = "2026-11-01T00:00:00Z";

    public static final class User {
        public final String name;
        public final String path;
        public final Map<String, String> tags = new LinkedHashMap<>();
        public String password;
        public boolean passwordResetRequired;
        public final Map<String, String> keys = new LinkedHashMap<>();
        public final Set<String> attachedPolicies = new LinkedHashSet<>();
        public final Map<String, String> inlinePolicies = new LinkedHashMap<>();
        public final Set<String> groups = new LinkedHashSet<>();
        public final Set<String> mfaDevices = new LinkedHashSet<>();
        public final Set<String> activeMfa = new LinkedHashSet<>();
        public final Set<String> signingCertificates = new LinkedHashSet<>();
        public final Set<String> sshKeys = new LinkedHashSet<>();
        public final Set<String> serviceCredentials = new LinkedHashSet<>();

        User(String name, String path) {
            this.name = name;
            this.path = path;
        }
    }

    private record Injected(int status, String code, Fault fault, int delayMillis) {
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final Map<String, Deque<Injected>> faults = new ConcurrentHashMap<>();
    private final List<String> aliases = new ArrayList<>();
    private final AtomicInteger keyCounter = new AtomicInteger();
    private volatile Map<String, String> passwordPolicy;
    private volatile int globalDelayMillis;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void reset() {
        users.clear();
        groups.clear();
        policies.clear();
        faults.clear();
        aliases.clear();
        passwordPolicy = null;
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

    public Set<String> policyNames() {
        return Set.copyOf(policies.keySet());
    }

    /** A user that someone else made (no bot tags, or other tags). */
    public synchronized User addUser(String name, String path, Map<String, String> tags) {
        User u = new User(name, path);
        u.tags.putAll(tags);
        users.put(name.toLowerCase(Locale.ROOT), u);
        return u;
    }

    /** As if an admin deleted the group (and everyone's membership) by hand. */
    public synchronized void removeGroup(String name) {
        groups.remove(name);
        users.values().forEach(u -> u.groups.remove(name));
    }

    public synchronized void addAlias(String alias) {
        aliases.add(alias);
    }

    public void setPasswordPolicy(Map<String, String> policy) {
        this.passwordPolicy = policy;
    }

    /** The next {@code times} calls of {@code action} fail with this IAM error. */
    public void failNext(String action, int times, int status, String code) {
        Deque<Injected> queue = faults.computeIfAbsent(action, a -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(new Injected(status, code, null, 0));
            }
        }
    }

    /** The next {@code times} calls of {@code action} break at the connection level. */
    public void breakNext(String action, int times, Fault fault) {
        Deque<Injected> queue = faults.computeIfAbsent(action, a -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(new Injected(0, null, fault, 0));
            }
        }
    }

    /** The next {@code times} calls of {@code action} are carried out, but answered {@code millis} late. */
    public void delayNext(String action, int times, int millis) {
        Deque<Injected> queue = faults.computeIfAbsent(action, a -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(new Injected(0, null, null, millis));
            }
        }
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

    private User existing(Map<String, String> p) {
        User u = users.get(p.getOrDefault("UserName", "").toLowerCase(Locale.ROOT));
        if (u == null) {
            throw new IamError(404, "NoSuchEntity", "The user with name " + p.get("UserName") + " cannot be found.");
        }
        return u;
    }

    private ResponseDefinition handle(String action, Map<String, String> p) {
        switch (action) {
            case "GetCallerIdentity":
                return sts(action, "<Arn>arn:aws:iam::" + ACCOUNT + ":user/bot</Arn><UserId>AIDABOT</UserId>"
                        + "<Account>" + ACCOUNT + "</Account>");
            case "ListAccountAliases": {
                StringBuilder m = new StringBuilder("<AccountAliases>");
                aliases.forEach(a -> m.append("<member>").append(a).append("</member>"));
                return ok(action, m.append("</AccountAliases><IsTruncated>false</IsTruncated>").toString());
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
            case "GetPolicy": {
                String arn = p.get("PolicyArn");
                String name = arn.substring(arn.lastIndexOf('/') + 1);
                if (!policies.containsKey(name) || !arn.equals(policyArn(name))) {
                    throw new IamError(404, "NoSuchEntity", "Policy " + arn + " was not found.");
                }
                return ok(action, "<Policy><PolicyName>" + name + "</PolicyName><Arn>" + arn + "</Arn></Policy>");
            }
            case "GetGroup": {
                String name = p.get("GroupName");
                if (!groups.containsKey(name)) {
                    throw new IamError(404, "NoSuchEntity", "The group with name " + name + " cannot be found.");
                }
                return ok(action, "<Group><Path>/</Path><GroupName>" + name + "</GroupName><GroupId>AGPA"
                        + Math.abs(name.hashCode()) + "</GroupId><Arn>arn:aws:iam::" + ACCOUNT + ":group/" + name
                        + "</Arn><CreateDate>" + DATE + "</CreateDate></Group><Users></Users>"
                        + "<IsTruncated>false</IsTruncated>");
            }
            case "ListAttachedGroupPolicies": {
                Set<String> attached = groups.get(p.get("GroupName"));
                if (attached == null) {
                    throw new IamError(404, "NoSuchEntity", "The group cannot be found.");
                }
                return ok(action, "<AttachedPolicies>" + String.join("", attached.stream()
                        .map(a -> "<member><PolicyName>" + a.substring(a.lastIndexOf('/') + 1) + "</PolicyName>"
                                + "<PolicyArn>" + a + "</PolicyArn></member>").toList())
                        + "</AttachedPolicies><IsTruncated>false</IsTruncated>");
            }
            case "CreatePolicy": {
                String name = p.get("PolicyName");
                if (policies.containsKey(name)) {
                    throw new IamError(409, "EntityAlreadyExists", "A policy called " + name + " already exists.");
                }
                policies.put(name, p.get("PolicyDocument"));
                return ok(action, "<Policy><PolicyName>" + name + "</PolicyName><DefaultVersionId>v1"
                        + "</DefaultVersionId><PolicyId>ANPA" + name.hashCode() + "</PolicyId><Path>/</Path><Arn>"
                        + policyArn(name) + "</Arn><AttachmentCount>0</AttachmentCount><IsAttachable>true"
                        + "</IsAttachable><CreateDate>" + DATE + "</CreateDate><UpdateDate>" + DATE
                        + "</UpdateDate></Policy>");
            }
            case "CreateGroup": {
                String name = p.get("GroupName");
                if (groups.containsKey(name)) {
                    throw new IamError(409, "EntityAlreadyExists", "Group with name " + name + " already exists.");
                }
                groups.put(name, new LinkedHashSet<>());
                return ok(action, "<Group><Path>/</Path><GroupName>" + name + "</GroupName><GroupId>AGPA"
                        + Math.abs(name.hashCode()) + "</GroupId><Arn>arn:aws:iam::" + ACCOUNT + ":group/" + name
                        + "</Arn><CreateDate>" + DATE + "</CreateDate></Group>");
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
                return ok(action, userXml(existing(p)));
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
                return ok(action, userXml(u));
            }
            case "ListUserTags": {
                StringBuilder m = new StringBuilder("<Tags>");
                existing(p).tags.forEach((k, v) -> m.append("<member><Key>").append(k).append("</Key><Value>")
                        .append(v).append("</Value></member>"));
                return ok(action, m.append("</Tags><IsTruncated>false</IsTruncated>").toString());
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
                return ok(action, "<AccessKey><UserName>" + u.name + "</UserName><AccessKeyId>" + id
                        + "</AccessKeyId><Status>Active</Status><SecretAccessKey>" + secret
                        + "</SecretAccessKey><CreateDate>" + DATE + "</CreateDate></AccessKey>");
            }
            case "ListAccessKeys": {
                User u = existing(p);
                StringBuilder m = new StringBuilder("<AccessKeyMetadata>");
                u.keys.keySet().forEach(id -> m.append("<member><UserName>").append(u.name)
                        .append("</UserName><AccessKeyId>").append(id).append("</AccessKeyId><Status>Active")
                        .append("</Status><CreateDate>").append(DATE).append("</CreateDate></member>"));
                return ok(action, m.append("</AccessKeyMetadata><IsTruncated>false</IsTruncated>").toString());
            }
            case "DeleteAccessKey": {
                User u = existing(p);
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
                StringBuilder m = new StringBuilder("<Groups>");
                existing(p).groups.forEach(g -> m.append("<member><Path>/</Path><GroupName>").append(g)
                        .append("</GroupName><GroupId>AGPA").append(Math.abs(g.hashCode())).append("</GroupId><Arn>")
                        .append("arn:aws:iam::").append(ACCOUNT).append(":group/").append(g)
                        .append("</Arn><CreateDate>").append(DATE).append("</CreateDate></member>"));
                return ok(action, m.append("</Groups><IsTruncated>false</IsTruncated>").toString());
            }
            case "ListSigningCertificates":
                return ok(action, list("Certificates", existing(p).signingCertificates,
                        id -> "<UserName>" + p.get("UserName") + "</UserName><CertificateId>" + id
                                + "</CertificateId><CertificateBody>x</CertificateBody><Status>Active</Status>"));
            case "DeleteSigningCertificate":
                removeOr404(existing(p).signingCertificates, p.get("CertificateId"));
                return ok(action, null);
            case "ListSSHPublicKeys":
                return ok(action, list("SSHPublicKeys", existing(p).sshKeys,
                        id -> "<UserName>" + p.get("UserName") + "</UserName><SSHPublicKeyId>" + id
                                + "</SSHPublicKeyId><Status>Active</Status><UploadDate>" + DATE + "</UploadDate>"));
            case "DeleteSSHPublicKey":
                removeOr404(existing(p).sshKeys, p.get("SSHPublicKeyId"));
                return ok(action, null);
            case "ListServiceSpecificCredentials":
                return ok(action, list("ServiceSpecificCredentials", existing(p).serviceCredentials,
                        id -> "<UserName>" + p.get("UserName") + "</UserName><ServiceSpecificCredentialId>" + id
                                + "</ServiceSpecificCredentialId><ServiceUserName>x</ServiceUserName><ServiceName>"
                                + "codecommit.amazonaws.com</ServiceName><Status>Active</Status><CreateDate>" + DATE
                                + "</CreateDate>"));
            case "DeleteServiceSpecificCredential":
                removeOr404(existing(p).serviceCredentials, p.get("ServiceSpecificCredentialId"));
                return ok(action, null);
            case "ListMFADevices":
                return ok(action, list("MFADevices", existing(p).mfaDevices,
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
                for (User u : users.values()) {
                    if (u.mfaDevices.contains(serial)) {
                        throw new IamError(409, "DeleteConflict", "MFA device is still in use.");
                    }
                }
                return ok(action, null);
            }
            case "ListUserPolicies":
                return ok(action, "<PolicyNames>" + String.join("", existing(p).inlinePolicies.keySet().stream()
                        .map(n -> "<member>" + n + "</member>").toList()) + "</PolicyNames><IsTruncated>false"
                        + "</IsTruncated>");
            case "DeleteUserPolicy": {
                User u = existing(p);
                if (u.inlinePolicies.remove(p.get("PolicyName")) == null) {
                    throw new IamError(404, "NoSuchEntity", "The user policy cannot be found.");
                }
                return ok(action, null);
            }
            case "ListAttachedUserPolicies":
                return ok(action, "<AttachedPolicies>" + String.join("", existing(p).attachedPolicies.stream()
                        .map(a -> "<member><PolicyName>" + a.substring(a.lastIndexOf('/') + 1) + "</PolicyName>"
                                + "<PolicyArn>" + a + "</PolicyArn></member>").toList())
                        + "</AttachedPolicies><IsTruncated>false</IsTruncated>");
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
        if (arn == null) {
            throw new IamError(400, "ValidationError", "PolicyArn is required");
        }
        if (arn.startsWith("arn:aws:iam::aws:policy/")) {
            return;
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        if (!policies.containsKey(name) || !arn.equals(policyArn(name))) {
            throw new IamError(404, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.");
        }
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

    private static String list(String element, Set<String> ids, java.util.function.Function<String, String> item) {
        StringBuilder m = new StringBuilder("<").append(element).append('>');
        ids.forEach(id -> m.append("<member>").append(item.apply(id)).append("</member>"));
        return m.append("</").append(element).append("><IsTruncated>false</IsTruncated>").toString();
    }

    static String policyArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
    }

    private static String userXml(User u) {
        return "<User><Path>" + u.path + "</Path><UserName>" + u.name + "</UserName><UserId>AIDA"
                + Math.abs(u.name.hashCode()) + "</UserId><Arn>arn:aws:iam::" + ACCOUNT + ":user" + u.path + u.name
                + "</Arn><CreateDate>" + DATE + "</CreateDate></User>";
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

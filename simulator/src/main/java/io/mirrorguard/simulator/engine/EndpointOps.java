package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.model.Certificate;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.Endpoint;
import io.mirrorguard.simulator.engine.security.Permissions;
import io.mirrorguard.simulator.engine.tsql.Cursor;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.util.LinkedHashMap;
import java.util.Map;

/** CREATE / ALTER / DROP ENDPOINT ... FOR DATABASE_MIRRORING. */
final class EndpointOps {

    private EndpointOps() {}

    static Statements.Stmt parse(Cursor c, boolean create, int line) {
        String name = c.identifier();
        Map<String, Object> o = new LinkedHashMap<>();
        if (create && c.accept("AUTHORIZATION")) o.put("AUTHORIZATION", c.identifier());
        if (c.accept("STATE")) {
            c.expectSymbol("=");
            Token st = c.next();
            o.put("STATE", switch (st.upper()) {
                case "STARTED" -> 0;
                case "STOPPED" -> 1;
                case "DISABLED" -> 2;
                default -> throw Errors.syntax(st.shown(), st.line());
            });
        }
        if (c.accept("AS")) {
            Token proto = c.next();
            if (!proto.is("TCP")) throw Errors.syntax(proto.shown(), proto.line());
            c.expectSymbol("(");
            boolean firstArg = true;
            // the grammar writes [ , ] between the TCP arguments: the comma is optional
            while (firstArg || c.acceptSymbol(",") || c.peek().is("LISTENER_IP") || c.peek().is("LISTENER_PORT")) {
                firstArg = false;
                Token k = c.next();
                if ((k.is("LISTENER_PORT") && o.containsKey("PORT")) || (k.is("LISTENER_IP") && o.containsKey("IP"))) {
                    throw Errors.syntax(k.shown(), k.line());
                }
                c.expectSymbol("=");
                if (k.is("LISTENER_PORT")) o.put("PORT", c.integer());
                else if (k.is("LISTENER_IP")) {
                    if (c.accept("ALL")) o.put("IP", "ALL");
                    else {
                        c.expectSymbol("(");
                        StringBuilder ip = new StringBuilder();
                        while (!c.peek().isSymbol(")")) {
                            Token p = c.next();
                            if (p.kind() == Token.Kind.EOF) throw c.error();
                            ip.append(p.text());
                        }
                        c.expectSymbol(")");
                        o.put("IP", ip.toString());
                    }
                } else throw Errors.syntax(k.shown(), k.line());
            }
            c.expectSymbol(")");
        }
        if (c.accept("FOR")) {
            Token payload = c.next();
            if (!payload.is("DATABASE_MIRRORING")) throw Errors.syntax(payload.shown(), payload.line());
            o.put("PAYLOAD", 4);
            c.expectSymbol("(");
            boolean firstOpt = true;
            while (!c.peek().isSymbol(")")) {
                if (!firstOpt) c.acceptSymbol(",");
                firstOpt = false;
                Token k = c.next();
                c.expectSymbol("=");
                switch (k.upper()) {
                    case "AUTHENTICATION" -> parseAuth(c, o);
                    case "ENCRYPTION" -> parseEncryption(c, o);
                    case "ROLE" -> {
                        Token r = c.next();
                        o.put("ROLE", switch (r.upper()) {
                            case "PARTNER" -> 1;
                            case "WITNESS" -> 2;
                            case "ALL" -> 3;
                            default -> throw Errors.syntax(r.shown(), r.line());
                        });
                    }
                    default -> throw Errors.syntax(k.shown(), k.line());
                }
            }
            c.expectSymbol(")");
        }
        return Statements.stmt(line, (s, out) -> {
            if (s.tranCount() > 0) throw Errors.inUserTransaction(create ? "CREATE ENDPOINT" : "ALTER ENDPOINT");
            if (create) create(s, name, o);
            else alter(s, name, o);
        });
    }

    private static int windowsKind(Cursor c) {
        if (c.accept("NTLM")) return 1;
        if (c.accept("KERBEROS")) return 2;
        c.accept("NEGOTIATE");
        return 3;
    }

    private static void parseAuth(Cursor c, Map<String, Object> o) {
        if (c.accept("WINDOWS")) {
            int w = windowsKind(c);
            if (c.accept("CERTIFICATE")) {
                o.put("CERT", c.identifier());
                o.put("AUTH", 4 + w);
            } else {
                o.put("AUTH", w);
            }
        } else if (c.accept("CERTIFICATE")) {
            o.put("CERT", c.identifier());
            if (c.accept("WINDOWS")) o.put("AUTH", 7 + windowsKind(c));
            else o.put("AUTH", 4);
        } else {
            throw c.error();
        }
    }

    private static void parseEncryption(Cursor c, Map<String, Object> o) {
        if (c.accept("DISABLED")) { o.put("ALG", 0); return; }
        boolean required = c.accept("REQUIRED");
        if (!required) c.expect("SUPPORTED");
        String alg = "AES";
        if (c.accept("ALGORITHM")) {
            Token a = c.next();
            alg = a.upper();
            if (c.peek().is("AES") || c.peek().is("RC4")) alg += " " + c.next().upper();
            if (!alg.equals("AES") && !alg.equals("RC4") && !alg.equals("AES RC4") && !alg.equals("RC4 AES")) {
                throw Errors.syntax(a.shown(), a.line());
            }
        }
        // documented codes: 1 REQUIRED RC4, 2 REQUIRED AES, 3 SUPPORTED RC4, 4 SUPPORTED AES, 5 REQUIRED RC4 AES,
        // 6 REQUIRED AES RC4, 7 SUPPORTED RC4 AES, 8 SUPPORTED AES RC4
        int code = switch (alg) {
            case "RC4" -> required ? 1 : 3;
            case "AES" -> required ? 2 : 4;
            case "RC4 AES" -> required ? 5 : 7;
            default -> required ? 6 : 8;
        };
        o.put("ALG", code);
    }

    private static void requireAlter(EngineSession s, Endpoint e) {
        if (!Permissions.hasEndpoint(s.state(), s.loginId(), e, "AL") && !s.hasServer("ALHE")) {
            throw Errors.cannot("alter", "endpoint", e.name);
        }
    }

    private static void create(EngineSession s, String name, Map<String, Object> o) {
        if (!s.hasServer("CRHE")) throw Errors.noPermissionAction();
        if (!o.containsKey("PAYLOAD") || !o.containsKey("PORT")) throw Errors.requiredParameter(o.containsKey("PAYLOAD") ? "LISTENER_PORT" : "FOR");
        if (!o.containsKey("ROLE")) throw Errors.requiredParameter("ROLE");
        if (s.state().endpoint(name).isPresent()) throw Errors.generic(7862, 16,
            "An endpoint of the requested type already exists. Only one endpoint of this type is supported. Use ALTER ENDPOINT or DROP the existing endpoint and execute the CREATE ENDPOINT statement.");
        if (s.state().mirroringEndpoint().isPresent()) throw Errors.endpointTypeExists();
        int port = (Integer) o.get("PORT");
        if (portInUse(s, port, null)) throw Errors.endpointBindingExists();
        Endpoint e = new Endpoint(s.state().nextEndpointId++, name, s.now());
        e.ownerId = s.loginId();
        if (o.containsKey("AUTHORIZATION")) {
            String owner = (String) o.get("AUTHORIZATION");
            e.ownerId = s.state().principal(owner).filter(p -> !p.isRole()).orElseThrow(() -> Errors.cannot("find", "login", owner)).id;
        }
        e.state = o.containsKey("STATE") ? (Integer) o.get("STATE") : 1;
        e.type = 4;
        e.protocol = 2;
        e.port = port;
        apply(s, e, o);
        s.state().endpoints.put(Database.key(name), e);
        s.fleet().changed();
    }

    private static void apply(EngineSession s, Endpoint e, Map<String, Object> o) {
        if (o.containsKey("IP")) e.ipAddress = "ALL".equals(o.get("IP")) ? null : (String) o.get("IP");
        if (o.containsKey("ROLE")) e.role = (Integer) o.get("ROLE");
        if (o.containsKey("ALG")) e.encryptionAlgorithm = (Integer) o.get("ALG");
        if (o.containsKey("AUTH")) {
            e.connectionAuth = (Integer) o.get("AUTH");
            if (o.containsKey("CERT")) {
                String cn = (String) o.get("CERT");
                Certificate cert = s.state().master().certificate(cn).orElseThrow(() -> Errors.cannot("find", "certificate", cn));
                e.certificateId = cert.id;
            } else {
                e.certificateId = 0;
            }
        }
    }

    private static boolean portInUse(EngineSession s, int port, Endpoint self) {
        return s.state().endpoints.values().stream().anyMatch(x -> x != self && x.protocol == 2 && x.port == port && port != 0);
    }

    private static void alter(EngineSession s, String name, Map<String, Object> o) {
        Endpoint e = s.state().endpoint(name).orElseThrow(() -> Errors.cannot("alter", "endpoint", name));
        requireAlter(s, e);
        if (e.isSystem()) throw Errors.generic(7864, 16, "CREATE/ALTER ENDPOINT cannot be used to update the endpoint with this information. The Dedicated Administrator Connection endpoint is reserved and cannot be updated.");
        if (o.isEmpty()) throw Errors.endpointNothingToAlter();
        if (o.containsKey("PORT")) {
            int port = (Integer) o.get("PORT");
            if (portInUse(s, port, e)) throw Errors.endpointBindingExists();
            e.port = port;
        }
        if (o.containsKey("STATE")) e.state = (Integer) o.get("STATE");
        apply(s, e, o);
        s.fleet().changed();
    }

    static void drop(EngineSession s, String name) {
        if (s.tranCount() > 0) throw Errors.inUserTransaction("DROP ENDPOINT");
        Endpoint e = s.state().endpoint(name).orElseThrow(() -> Errors.cannot("drop", "endpoint", name));
        if (e.isSystem()) throw Errors.builtinEndpoint(e.name);
        requireAlter(s, e);
        s.state().endpoints.remove(Database.key(e.name));
        s.state().serverPermissions.removeIf(p -> p.classId() == 105 && p.majorId() == e.id);
        s.fleet().changed();
    }
}

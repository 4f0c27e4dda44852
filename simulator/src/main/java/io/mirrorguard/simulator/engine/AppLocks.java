package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.CancelToken;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * sp_getapplock / sp_releaseapplock: named locks shared by the sessions of one instance. Return codes as documented:
 * 0 granted at once, 1 granted after waiting, -1 timeout, -2 cancelled, -999 parameter or call error.
 */
final class AppLocks {

    static final class Lock {
        final String resource;
        final boolean exclusive;
        final EngineSession owner;
        final boolean transaction;
        int count = 1;

        Lock(String resource, boolean exclusive, EngineSession owner, boolean transaction) {
            this.resource = resource;
            this.exclusive = exclusive;
            this.owner = owner;
            this.transaction = transaction;
        }
    }

    private AppLocks() {}

    /** Called with the fleet lock held; waits by releasing it. */
    static int get(EngineSession s, String resource, String mode, String owner, int timeoutMs, CancelToken cancel,
                   java.util.concurrent.locks.ReentrantLock fleetLock) {
        if (resource == null || mode == null) return -999;
        String m = mode.toLowerCase(Locale.ROOT);
        boolean exclusive = switch (m) {
            case "exclusive", "update", "intentexclusive" -> true;
            case "shared", "intentshared" -> false;
            default -> throw Errors.generic(50000, 16, "Invalid @LockMode value '" + mode + "'.");
        };
        boolean tx = owner == null || owner.equalsIgnoreCase("Transaction");
        if (tx && s.tranCount() == 0) {
            // SQL Server refuses a transaction-owned lock outside a transaction and returns -999
            return -999;
        }
        String key = resource.toLowerCase(Locale.ROOT);
        Map<String, Lock> locks = s.instance().appLocks;
        long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
        boolean waited = false;
        while (true) {
            Lock held = locks.get(key);
            if (held == null) {
                locks.put(key, new Lock(resource, exclusive, s, tx));
                return waited ? 1 : 0;
            }
            if (held.owner == s) {
                held.count++;
                return waited ? 1 : 0;
            }
            if (!exclusive && !held.exclusive) {
                return waited ? 1 : 0;
            }
            if (System.currentTimeMillis() >= deadline) return -1;
            if (cancel != null && cancel.isCancelled()) return -2;
            waited = true;
            fleetLock.unlock();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -2;
            } finally {
                fleetLock.lock();
            }
        }
    }

    static int release(EngineSession s, String resource) {
        if (resource == null) return -999;
        Map<String, Lock> locks = s.instance().appLocks;
        String key = resource.toLowerCase(Locale.ROOT);
        Lock held = locks.get(key);
        if (held == null || held.owner != s) {
            throw Errors.generic(1223, 16, "Cannot release the application lock (Database Principal: 'public', Resource: '"
                + resource + "') because it is not currently held.");
        }
        if (--held.count == 0) locks.remove(key);
        return 0;
    }

    /** Drops the locks a session owned (all of them when it closes, the transaction ones when it commits). */
    static void releaseAll(EngineSession s, boolean transactionOnly) {
        Iterator<Lock> it = s.instance().appLocks.values().iterator();
        while (it.hasNext()) {
            Lock l = it.next();
            if (l.owner == s && (!transactionOnly || l.transaction)) it.remove();
        }
    }
}

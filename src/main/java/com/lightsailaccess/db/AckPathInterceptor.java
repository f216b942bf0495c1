package com.lightsailaccess.db;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.MessageFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** What {@link AckPath} says: a bounded transaction of its own, and "unavailable" when the database fails. */
@AckPath
@Interceptor
// Outside a @Transactional of the same bean (Narayana's interceptors stand at PLATFORM_BEFORE + 200), should one
// ever meet it: the bounded transaction is the one the method runs in.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
class AckPathInterceptor {

    private static final Logger LOG = Logger.getLogger(AckPathInterceptor.class);
    static final int STATEMENT_TIMEOUT_MS = 1000;
    /** Longer than a few statements at their limit; a transaction still open then is rolled back. */
    private static final int TRANSACTION_TIMEOUT_S = 5;

    private final AgroalDataSource dataSource;
    private final Map<Method, Optional<Constructor<?>>> unavailable = new ConcurrentHashMap<>();

    AckPathInterceptor(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @AroundInvoke
    Object bounded(InvocationContext call) throws Exception {
        try {
            return QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_S).call(() -> {
                limitStatements();
                return call.proceed();
            });
        } catch (RuntimeException e) {
            Optional<Constructor<?>> answer = unavailable.computeIfAbsent(call.getMethod(),
                    AckPathInterceptor::unavailableOf);
            if (answer.isEmpty()) {
                throw new DatabaseUnavailableException(e);
            }
            String failure = call.getMethod().getAnnotation(AckPath.class).failure();
            if (!failure.isEmpty()) {
                // Only the class: a driver's message may quote the statement's parameters.
                LOG.warnf("%s: %s", MessageFormat.format(failure, call.getParameters()), e.getClass().getName());
            }
            return answer.get().newInstance();
        }
    }

    /**
     * Within the transaction the pool hands out the connection enlisted in it, the one Hibernate uses too, so the
     * limit holds for every statement the method makes.
     */
    private void limitStatements() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set local statement_timeout = " + STATEMENT_TIMEOUT_MS);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** The result's empty {@code Unavailable} record, when the method's result is a sealed type with one. */
    private static Optional<Constructor<?>> unavailableOf(Method method) {
        Class<?> result = method.getReturnType();
        if (!result.isSealed()) {
            return Optional.empty();
        }
        for (Class<?> kind : result.getPermittedSubclasses()) {
            if (kind.isRecord() && kind.getSimpleName().equals("Unavailable")
                    && kind.getRecordComponents().length == 0) {
                try {
                    Constructor<?> constructor = kind.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    return Optional.of(constructor);
                } catch (NoSuchMethodException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}

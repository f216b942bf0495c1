package com.lightsailaccess.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Collects what one logger category writes, as {@code LEVEL message} lines, while it is open: a test reads the
 * lines an operator would see without parsing the whole log.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        /** JBoss LogManager's own formatting of a record's message, printf-style ({@code warnf}) included. */
        private final ExtFormatter plain = new ExtFormatter() {
            @Override
            public String format(ExtLogRecord record) {
                return formatMessage(record);
            }
        };

        @Override
        public void publish(LogRecord record) {
            String message = plain.formatMessage(record);
            lines.add(record.getLevel().getName() + " " + message);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String category) {
        this.logger = Logger.getLogger(category);
        logger.addHandler(handler);
    }

    public static LogCapture of(Class<?> category) {
        return new LogCapture(category.getName());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines at this level ({@code WARN}, {@code ERROR}) that contain {@code text}. */
    public List<String> lines(String level, String text) {
        return lines.stream().filter(l -> l.startsWith(level + " ") && l.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

package org.memberbus.infra.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} with personal data masked: an exception's message (a partner's error
 * text, a value that failed to parse) and its causes' are as likely to carry it as the log message.
 */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return PersonalDataMask.mask(super.throwableProxyToString(tp));
    }
}

package org.memberbus.member.renewal;

/** The CRM answered, but refused to save a record: retrying the same write will not help. */
public class CrmRefusedException extends RuntimeException {

    public CrmRefusedException(String message) {
        super(message);
    }
}

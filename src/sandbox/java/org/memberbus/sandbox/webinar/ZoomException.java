package org.memberbus.sandbox.webinar;

/** A refusal in Zoom's error body {@code {"code": n, "message": "..."}} with its HTTP status. */
class ZoomException extends RuntimeException {

    final int status;
    final int code;

    ZoomException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}

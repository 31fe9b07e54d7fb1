package org.memberbus.sync;

/** What happens when a system that does not own a field changes it (sync-rules.yaml {@code non-owner}). */
enum NonOwnerAction {
    /** the owner's value wins and the changing system is set back to it */
    CORRECT,
    /** a proposal goes to the owner's staff; nothing is written around the owner */
    PROPOSE,
    /** ignored, and recorded */
    REJECT;

    String code() {
        return name().toLowerCase();
    }

    static NonOwnerAction ofCode(String code) {
        for (var action : values()) {
            if (action.code().equals(code)) {
                return action;
            }
        }
        return null;
    }
}

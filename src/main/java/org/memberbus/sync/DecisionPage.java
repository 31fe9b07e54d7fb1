package org.memberbus.sync;

import java.util.List;

/** One page of the decision log, newest first; {@code page} counts from 0, {@code total} is over all pages. */
public record DecisionPage(List<DecisionRow> items, long total, int page, int size) {}

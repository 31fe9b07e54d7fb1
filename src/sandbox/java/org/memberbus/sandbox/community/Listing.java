package org.memberbus.sandbox.community;

import java.util.List;

/** A list answer, {@code {"data": [...]}}, so lists can grow paging fields without breaking readers. */
record Listing<T>(List<T> data) {}

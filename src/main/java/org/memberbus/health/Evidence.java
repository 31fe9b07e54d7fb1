package org.memberbus.health;

/**
 * One term of an explainable formula: which factor, how much it moved the result (points of
 * readiness, or probability), and the arithmetic in words.
 */
public record Evidence(String factor, double effect, String detail) {}

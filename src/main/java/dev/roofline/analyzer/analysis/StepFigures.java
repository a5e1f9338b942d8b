package dev.roofline.analyzer.analysis;

import java.math.BigInteger;

/**
 * One inference step on a device: its time (the operators one after another), the tokens it
 * feeds over the whole batch and the rate that makes, and the shares of its time spent in
 * compute-bound and in memory-bound operators.
 */
public record StepFigures(
    double timeS,
    BigInteger inputTokens,
    double tokensPerS,
    double computeBoundShare,
    double memoryBoundShare) {}

/**
 * Power-law fits of discrete distributions such as node degrees, after Clauset, Shalizi and Newman, "Power-law
 * distributions in empirical data" (SIAM Review 51(4), 2009): exact discrete maximum-likelihood exponent, x_min by
 * Kolmogorov–Smirnov minimisation, a seeded semi-parametric bootstrap goodness-of-fit p-value and likelihood-ratio
 * tests against exponential and lognormal alternatives. {@link org.rhizome.graph.analytics.powerlaw.PowerLawFit} is
 * the entry point, {@link org.rhizome.graph.analytics.powerlaw.PowerLawResult} its immutable outcome, and
 * {@link org.rhizome.graph.analytics.powerlaw.DiscretePowerLaw} the fitted distribution with an exact sampler. The
 * special functions it needs (Hurwitz zeta, erfc) are implemented here from their definitions.
 */
package org.rhizome.graph.analytics.powerlaw;

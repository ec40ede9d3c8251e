# Golden values for the A/B test readout (engine: src/core/power/readout.cpp).
# References: R's stats::prop.test(correct = FALSE) for the pooled z-test p-value and the Wald CI
# of the difference, stats::chisq.test for the sample-ratio-mismatch check, and the Katz log risk
# ratio interval (no base-R function) written out below.
# Run: Rscript scripts/golden/readout.R > tests/golden/readout.json
#
# Cases are random but seeded: unit counts from tens to 2e9, rates from 1e-5 to 0.9999, planned
# splits 1, 1/2, 2 and 1/3, with and without a deliberate mismatch in the observed split, plus a
# few hand-picked extremes (a zero arm, p-values near 1e-300 and below the double range).
set.seed(20241123)

num <- function(v) if (is.na(v)) "null" else sprintf("%.17g", v)

cases <- list()
# tolerance: the relative agreement the engine must reach with this case. 1e-9 except where R
# itself loses digits (see the case "rates a hair below 1").
add <- function(n1, x1, n2, x2, alpha, ratio, kind, tolerance = 1e-9) {
  n1 <- as.numeric(n1); x1 <- as.numeric(x1); n2 <- as.numeric(n2); x2 <- as.numeric(x2)  # rbinom gives integers, whose products overflow
  pt <- suppressWarnings(prop.test(c(x2, x1), c(n2, n1), conf.level = 1 - alpha, correct = FALSE))
  delta <- unname(pt$estimate[1] - pt$estimate[2])
  z <- sign(delta) * sqrt(unname(pt$statistic))
  srm <- chisq.test(c(n1, n2), p = c(1, ratio) / (1 + ratio))
  # Katz interval for the risk ratio p2/p1 on the log scale, reported as a relative lift.
  # 1/x - 1/n is written (n - x)/(n x) so that it keeps its digits when x is close to n.
  if (x1 > 0 && x2 > 0) {
    log_rr <- log((x2 / n2) / (x1 / n1))
    se <- sqrt((n2 - x2) / (n2 * x2) + (n1 - x1) / (n1 * x1))
    zc <- qnorm(alpha / 2, lower.tail = FALSE)
    rel_lo <- expm1(log_rr - zc * se)
    rel_hi <- expm1(log_rr + zc * se)
  } else {
    rel_lo <- NA
    rel_hi <- NA
  }
  rel_lift <- if (x1 > 0) (x2 / n2 - x1 / n1) / (x1 / n1) else NA
  cases[[length(cases) + 1]] <<- paste0(
    '    {"kind": "', kind, '", "tolerance": ', num(tolerance),
    ', "control_units": ', num(n1), ', "control_conversions": ', num(x1),
    ', "treatment_units": ', num(n2), ', "treatment_conversions": ', num(x2),
    ', "alpha": ', num(alpha), ', "ratio": ', num(ratio),
    ', "p_value": ', num(pt$p.value), ', "z": ', num(z),
    ', "ci_low": ', num(pt$conf.int[1]), ', "ci_high": ', num(pt$conf.int[2]),
    ', "difference": ', num(delta), ', "relative_lift": ', num(rel_lift),
    ', "rel_ci_low": ', num(rel_lo), ', "rel_ci_high": ', num(rel_hi),
    ', "srm_chi2": ', num(unname(srm$statistic)), ', "srm_p_value": ', num(srm$p.value),
    ', "srm_alert": ', if (srm$p.value < 0.001) "true" else "false", '}')
}

ratios <- c(1, 0.5, 2, 1 / 3)
alphas <- c(0.05, 0.01, 0.1, 0.001, 0.2)
scales <- list(small = c(20, 2000), medium = c(1e4, 1e6), huge = c(1e8, 1e9))
rate_bands <- list(rare = c(1e-5, 1e-3), low = c(1e-3, 0.05), common = c(0.05, 0.6), high = c(0.9, 0.9999))

for (i in 1:160) {
  scale <- names(scales)[(i - 1) %% 3 + 1]
  band <- names(rate_bands)[(i %/% 3) %% 4 + 1]
  ratio <- ratios[(i %/% 12) %% 4 + 1]
  alpha <- sample(alphas, 1)
  s <- scales[[scale]]
  b <- rate_bands[[band]]
  total <- round(exp(runif(1, log(s[1]), log(s[2]))) * (1 + ratio))
  # Every other case tilts the observed split away from the plan by up to 6%, so that large
  # samples raise the alert and small ones usually do not.
  share <- ratio / (1 + ratio)
  if (i %% 2 == 0) share <- share * (1 + runif(1, -0.06, 0.06))
  n2 <- rbinom(1, total, share)
  n1 <- total - n2
  p1 <- exp(runif(1, log(b[1]), log(b[2])))
  # The effect is drawn in standard errors, so p-values spread from 1 down to ~1e-300 at every
  # sample size: none, a borderline one, or a huge one. p2 is kept inside (0, 1).
  effect_z <- sample(c(0, runif(1, -4, 4), runif(1, -38, 38)), 1)
  p2 <- p1 + effect_z * sqrt(p1 * (1 - p1) * (1 / max(n1, 1) + 1 / max(n2, 1)))
  p2 <- min(max(p2, 1e-6), 1 - 1e-6)
  x1 <- rbinom(1, n1, p1)
  x2 <- rbinom(1, n2, p2)
  if (x1 + x2 == 0 || (x1 == n1 && x2 == n2)) next  # no variation: an error case, tested by hand
  add(n1, x1, n2, x2, alpha, ratio, paste(scale, band, sep = "/"))
}

# Hand-picked extremes.
add(1000, 0, 1000, 7, 0.05, 1, "zero control conversions")
add(1000, 7, 1000, 0, 0.05, 1, "zero treatment conversions")
add(50, 0, 50, 50, 0.05, 1, "rates 0 and 1")
add(40, 40, 40, 39, 0.05, 1, "all control units converted")
add(1e9, 1e8, 1e9, 100500000, 0.05, 1, "p-value near 1e-300")
add(1e9, 1e8, 1e9, 100520000, 0.05, 1, "p-value below the double range")
add(2e9, 1e8, 2e9, 1e8, 0.05, 1, "no difference at 2e9 units")
# prop.test computes 1 - p from the rounded p = x/n, which keeps only ~eps/(1 - p) = 2e-8 relative
# accuracy when p = 1 - 1e-8; the engine computes (n - x)/n exactly. Against a 60-digit evaluation
# the engine is right to 1e-14 (tests/unit/test_readout.cpp) and R is off by up to 1e-7.
add(1e9, 999999990, 1e9, 999999980, 0.05, 1, "rates a hair below 1", tolerance = 2e-7)
add(1e9, 10, 1e9, 25, 0.05, 1, "rates a hair above 0")
add(10000, 1000, 10000, 1100, 0.05, 1, "default inputs")
add(10000, 1000, 10500, 1100, 0.05, 1, "SRM at the default size")
add(1e6, 5e4, 1.01e6, 5.1e4, 0.05, 1, "1% split drift at 2e6 units")
add(300000, 3000, 600000, 6300, 0.01, 2, "2:1 split, on plan")
add(300000, 3000, 300000, 3150, 0.01, 1 / 3, "1:3 planned, 1:1 observed")

cat('{\n  "source": "R ', R.version$major, '.', R.version$minor,
    ' stats::prop.test(correct = FALSE), stats::chisq.test, Katz log risk ratio interval",\n', sep = "")
cat('  "cases": [\n', paste(unlist(cases), collapse = ",\n"), '\n  ]\n}\n', sep = "")

# Golden values for the pooled two-proportion sample size (engine: src/core/power/proportions.cpp).
# Reference: R's stats::power.prop.test. Run: Rscript scripts/golden/power_prop.R > tests/golden/power_prop.json
#
# For each case we record two roots:
#   n_exact   - power.prop.test with tol = 1e-13: the root of the power equation to ~1e-15 relative,
#               which is what the engine computes (closed form, or a tight root find when strict).
#   n_r_default - power.prop.test with its default tol (.Machine$double.eps^0.25): what a user of R sees.
#               uniroot stops early, so this differs from the exact root by up to ~1e-7 relative.
cases <- list()
add <- function(p1, p2, sig.level, power, alternative, strict) {
  exact <- power.prop.test(p1 = p1, p2 = p2, sig.level = sig.level, power = power,
                           alternative = alternative, strict = strict, tol = 1e-13)$n
  dflt <- power.prop.test(p1 = p1, p2 = p2, sig.level = sig.level, power = power,
                          alternative = alternative, strict = strict)$n
  cases[[length(cases) + 1]] <<- sprintf(
    '    {"p1": %.17g, "p2": %.17g, "alpha": %.17g, "power": %.17g, "alternative": "%s", "strict": %s, "n_exact": %.17g, "n_r_default": %.17g, "n_ceil": %d}',
    p1, p2, sig.level, power, if (alternative == "two.sided") "two-sided" else "one-sided",
    if (strict) "true" else "false", exact, dflt, as.integer(ceiling(exact)))
}
pairs <- list(c(0.5, 0.75), c(0.10, 0.11), c(0.10, 0.12), c(0.02, 0.021), c(0.30, 0.25),
              c(0.001, 0.0012), c(0.95, 0.97), c(0.5, 0.51), c(0.2, 0.6), c(0.05, 0.0575))
for (pr in pairs) for (alt in c("two.sided", "one.sided")) for (a in c(0.05, 0.01, 0.10))
  for (pw in c(0.8, 0.9)) for (strict in c(FALSE, TRUE)) {
    if (strict && alt == "one.sided") next  # strict only changes two-sided tests
    add(pr[1], pr[2], a, pw, alt, strict)
  }
add(0.4, 0.6, 0.2, 0.5, "two.sided", TRUE)   # low power, wide alpha: the far tail matters most
add(0.4, 0.6, 0.2, 0.5, "two.sided", FALSE)
add(0.10, 0.11, 0.05, 0.99, "two.sided", FALSE)
add(0.10, 0.11, 0.001, 0.95, "one.sided", FALSE)
cat('{\n  "source": "R ', R.version$major, '.', R.version$minor, ' stats::power.prop.test",\n', sep = "")
cat('  "help_example": {"call": "power.prop.test(p1 = .5, p2 = .75, power = .9)", "n_printed": 76.70693},\n')
cat('  "cases": [\n', paste(unlist(cases), collapse = ",\n"), '\n  ]\n}\n', sep = "")

# Golden values for the power engine's sample-size methods: the R half.
# Run through scripts/golden/power_methods.sh (which merges this with the python half):
#   Rscript scripts/golden/power_methods.R OUT.json
# Writes {"r_version", "pwr_version", "cases": [...]}, the cases in the shape of
# tests/golden/power_methods.json (numbers at 17 significant digits).
#
# Families computed here (R is the reference for them):
#   pooled,  ratio 1     stats::power.prop.test
#   arcsine, ratio 1     pwr::pwr.2p.test        (ratio != 1: pwr::pwr.2p2n.test with n2 = r * n1)
#   t,       ratio 1     stats::power.t.test     (ratio != 1: pwr::pwr.t2n.test with n2 = r * n1)
#
# Engine conventions: arm 1 = control with n1 units, arm 2 = treatment with n2 = r * n1 units;
# p1 = control (baseline) rate, p2 = treatment rate; "strict" = the far tail of a two-sided test
# is counted too. pwr always counts both tails of a two-sided test, so those cases are strict.
#
# Tolerances. pwr's own solvers call uniroot with its default tol (~1.2e-4 absolute), far too
# loose for golden values, so for pwr every solve other than "power" is a uniroot of our own over
# the package's power function (called with power = NULL). uniroot stops when the step is below
# 2 * eps * |x| + tol / 2; TOL is tiny so that the relative term decides, i.e. machine precision
# (also passed as tol to power.prop.test / power.t.test, whose default is ~1.2e-4).
#
# R's pt() with a non-centrality parameter switches to a normal approximation when df > 4e5 or
# ncp > 37.62 (src/nmath/pnt.c), so t cases are kept to df < 3.9e5 and moderate power.
suppressPackageStartupMessages(library(pwr))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript power_methods.R OUT.json")
out_path <- args[1]

set.seed(20240611)
TOL <- 1e-300
N_MIN <- 2
N_MAX <- 1e9

# ---------------------------------------------------------------------------- JSON output
cases <- character()
json_value <- function(v) {
  if (is.character(v)) return(encodeString(v, quote = "\""))
  if (is.logical(v)) return(if (v) "true" else "false")
  if (is.integer(v)) return(sprintf("%d", v))
  sprintf("%.17g", v)
}
emit <- function(fields) {
  body <- vapply(names(fields), function(k) paste0("\"", k, "\": ", json_value(fields[[k]])), "")
  cases[[length(cases) + 1]] <<- paste0("{", paste(body, collapse = ", "), "}")
}

# ---------------------------------------------------------------------------- random inputs
pick <- function(x) x[sample.int(length(x), 1)]
draw_alpha <- function() pick(c(0.001, 0.005, 0.01, 0.025, 0.05, 0.05, 0.05, 0.05, 0.1, 0.1, 0.2))
draw_power <- function() if (runif(1) < 0.5) pick(c(0.8, 0.8, 0.9, 0.95)) else runif(1, 0.5, 0.99)
draw_ratio <- function() pick(c(1, 1, 1, 1, 1, 1, 0.5, 2, 3, 0.25))
draw_alternative <- function() if (runif(1) < 0.75) "two-sided" else "one-sided"
draw_strict <- function(alternative) alternative == "two-sided" && runif(1) < 0.5
log_unif <- function(lo, hi) exp(runif(1, log(lo), log(hi)))
draw_p1 <- function() {
  u <- runif(1)
  if (u < 0.4) log_unif(0.001, 0.1) else if (u < 0.8) runif(1, 0.01, 0.5) else runif(1, 0.5, 0.95)
}
# Relative lift from -50 % to +100 %, p2 kept inside (0, 1); `upward` forces p2 > p1.
draw_p2 <- function(p1, upward = FALSE) {
  repeat {
    lift <- if (!upward && runif(1) < 0.3) -log_unif(0.005, 0.5) else log_unif(0.005, 1)
    p2 <- p1 * (1 + lift)
    if (p2 > 0 && p2 < 0.999) return(p2)
  }
}
# A sample size near the one the inputs need, times a spread factor: used as the n1 input of
# "power" and "mde" solves so that the outputs land in a useful range rather than at 0 or 1.
near_n <- function(n_needed, lo) {
  n <- n_needed * log_unif(0.3, 2.5)
  n <- if (runif(1) < 0.5) ceiling(n) else n
  max(n, lo)
}
# Avoid solve-n roots within 1e-6 relative of an integer (ceil would be ambiguous).
near_integer <- function(n) abs(n - round(n)) <= 1e-6 * n
r_alt <- function(alternative) if (alternative == "two-sided") "two.sided" else "one.sided"
z_crit <- function(alpha, alternative) qnorm(if (alternative == "two-sided") alpha / 2 else alpha, lower.tail = FALSE)

# ---------------------------------------------------------------------------- pooled (r = 1)
pooled_n_rough <- function(p1, p2, alpha, power, alternative) {
  pbar <- (p1 + p2) / 2
  ((z_crit(alpha, alternative) * sqrt(2 * pbar * (1 - pbar)) +
      qnorm(power) * sqrt(p1 * (1 - p1) + p2 * (1 - p2))) / (p2 - p1))^2
}
pooled_case <- function(solve, p1, p2, alpha, power, n1, alternative, strict, note = NULL) {
  base <- list(family = "pooled", reference = "R stats::power.prop.test", solve = solve,
               alternative = alternative, strict = strict, alpha = alpha)
  alt <- r_alt(alternative)
  res <- tryCatch(switch(solve,
    n = power.prop.test(p1 = p1, p2 = p2, sig.level = alpha, power = power, alternative = alt,
                        strict = strict, tol = TOL)$n,
    power = power.prop.test(n = n1, p1 = p1, p2 = p2, sig.level = alpha, alternative = alt,
                            strict = strict)$power,
    mde = power.prop.test(n = n1, p1 = p1, sig.level = alpha, power = power, alternative = alt,
                          strict = strict, tol = TOL)$p2),
    warning = function(w) NA_real_, error = function(e) NA_real_)
  if (!is.finite(res)) return(FALSE)
  fields <- switch(solve,
    n = {
      if (res < N_MIN || res > N_MAX || near_integer(res)) return(FALSE)
      c(base, list(power = power, ratio = 1, p1 = p1, p2 = p2, n1 = res, n1_ceil = as.integer(ceiling(res))))
    },
    power = c(base, list(power = res, ratio = 1, p1 = p1, p2 = p2, n1 = n1)),
    mde = {
      if (res <= p1 || res >= 1) return(FALSE)
      c(base, list(power = power, ratio = 1, p1 = p1, p2 = res, n1 = n1))
    })
  if (!is.null(note)) fields$note <- note
  emit(fields)
  TRUE
}

random_pooled <- function(solve) {
  repeat {
    alpha <- draw_alpha(); power <- draw_power(); alternative <- draw_alternative()
    strict <- draw_strict(alternative)
    p1 <- draw_p1(); p2 <- draw_p2(p1, upward = solve == "mde")
    rough <- pooled_n_rough(p1, p2, alpha, power, alternative)
    if (rough > 0.5 * N_MAX) next
    n1 <- near_n(rough, N_MIN)
    if (solve == "power") power <- NULL
    if (pooled_case(solve, p1, p2, alpha, power, n1, alternative, strict)) return(invisible())
  }
}

# ---------------------------------------------------------------------------- arcsine
cohen_h <- function(p1, p2) ES.h(p2, p1)   # 2 asin(sqrt p2) - 2 asin(sqrt p1): treatment minus control
# pwr's power for the engine's (n1, r): pwr.2p.test when r = 1, else pwr.2p2n.test with n2 = r n1.
# Two-sided: pwr takes |h| and counts both tails. One-sided: the tail in the direction of h.
arcsine_power <- function(h, n1, r, alpha, alternative) {
  alt <- if (alternative == "two-sided") "two.sided" else if (h > 0) "greater" else "less"
  if (r == 1) pwr.2p.test(h = h, n = n1, sig.level = alpha, alternative = alt)$power
  else pwr.2p2n.test(h = h, n1 = n1, n2 = r * n1, sig.level = alpha, alternative = alt)$power
}
arcsine_reference <- function(r, solve) {
  fn <- if (r == 1) "R pwr::pwr.2p.test" else "R pwr::pwr.2p2n.test"
  if (solve == "power") fn else paste(fn, "+ uniroot")
}
# n1 must keep both arms >= 2 (pwr.2p2n.test refuses smaller groups).
n1_floor <- function(r) max(N_MIN, 2 / r) * (1 + 1e-9)

arcsine_case <- function(solve, p1, p2, alpha, power, n1, r, alternative, note = NULL) {
  base <- list(family = "arcsine", reference = arcsine_reference(r, solve), solve = solve,
               alternative = alternative, strict = alternative == "two-sided", alpha = alpha)
  res <- tryCatch(switch(solve,
    n = {
      h <- cohen_h(p1, p2)
      f <- function(n) arcsine_power(h, n, r, alpha, alternative) - power
      lo <- n1_floor(r)
      if (f(lo) >= 0 || f(N_MAX) <= 0) NA_real_
      else uniroot(f, c(lo, N_MAX), tol = TOL, maxiter = 10000)$root
    },
    power = arcsine_power(cohen_h(p1, p2), n1, r, alpha, alternative),
    mde = {
      f <- function(q) arcsine_power(cohen_h(p1, q), n1, r, alpha, alternative) - power
      hi <- 1 - 1e-12
      if (f(hi) <= 0) NA_real_ else uniroot(f, c(p1, hi), tol = TOL, maxiter = 10000)$root
    }),
    warning = function(w) NA_real_, error = function(e) NA_real_)
  if (!is.finite(res)) return(FALSE)
  fields <- switch(solve,
    n = {
      if (res < N_MIN || res > N_MAX || near_integer(res)) return(FALSE)
      c(base, list(power = power, ratio = r, p1 = p1, p2 = p2, n1 = res, n1_ceil = as.integer(ceiling(res))))
    },
    power = c(base, list(power = res, ratio = r, p1 = p1, p2 = p2, n1 = n1)),
    mde = {
      if (res <= p1 || res >= 1) return(FALSE)
      c(base, list(power = power, ratio = r, p1 = p1, p2 = res, n1 = n1))
    })
  if (!is.null(note)) fields$note <- note
  emit(fields)
  TRUE
}

random_arcsine <- function(solve) {
  repeat {
    alpha <- draw_alpha(); power <- draw_power(); alternative <- draw_alternative(); r <- draw_ratio()
    p1 <- draw_p1(); p2 <- draw_p2(p1, upward = solve == "mde")
    h <- abs(cohen_h(p1, p2))
    rough <- ((z_crit(alpha, alternative) + qnorm(power)) / h)^2 * (1 + 1 / r)
    if (rough > 0.5 * N_MAX) next
    n1 <- near_n(rough, n1_floor(r))
    if (solve == "power") power <- NULL
    if (arcsine_case(solve, p1, p2, alpha, power, n1, r, alternative)) return(invisible())
  }
}

# ---------------------------------------------------------------------------- t (means)
T_DF_MAX <- 3.9e5
# pwr.t2n.test power for the engine's (n1, r); one-sided uses the upper tail with delta > 0.
t2n_power <- function(d, n1, r, alpha, alternative) {
  alt <- if (alternative == "two-sided") "two.sided" else "greater"
  pwr.t2n.test(n1 = n1, n2 = r * n1, d = d, sig.level = alpha, alternative = alt)$power
}
t_case <- function(solve, delta, sd, alpha, power, n1, r, alternative, strict, note = NULL,
                   display_round = NULL) {
  alt <- r_alt(alternative)
  reference <- if (r == 1) "R stats::power.t.test"
               else if (solve == "power") "R pwr::pwr.t2n.test" else "R pwr::pwr.t2n.test + uniroot"
  base <- list(family = "t", reference = reference, solve = solve, alternative = alternative,
               strict = strict, alpha = alpha)
  res <- tryCatch(if (r == 1) switch(solve,
    n = power.t.test(delta = delta, sd = sd, sig.level = alpha, power = power, alternative = alt,
                     strict = strict, tol = TOL)$n,
    power = power.t.test(n = n1, delta = delta, sd = sd, sig.level = alpha, alternative = alt,
                         strict = strict)$power,
    mde = power.t.test(n = n1, sd = sd, sig.level = alpha, power = power, alternative = alt,
                       strict = strict, tol = TOL)$delta)
  else switch(solve,
    n = {
      f <- function(n) t2n_power(delta / sd, n, r, alpha, alternative) - power
      lo <- n1_floor(r)
      if (f(lo) >= 0 || f(N_MAX) <= 0) NA_real_
      else uniroot(f, c(lo, N_MAX), tol = TOL, maxiter = 10000)$root
    },
    power = t2n_power(delta / sd, n1, r, alpha, alternative),
    mde = {
      f <- function(d) t2n_power(d, n1, r, alpha, alternative) - power
      if (f(1e3) <= 0) NA_real_ else uniroot(f, c(1e-9, 1e3), tol = TOL, maxiter = 10000)$root * sd
    }),
    warning = function(w) NA_real_, error = function(e) NA_real_)
  if (!is.finite(res)) return(FALSE)
  df_of <- function(n) n * (1 + r) - 2
  fields <- switch(solve,
    n = {
      if (res < N_MIN || df_of(res) > T_DF_MAX || near_integer(res)) return(FALSE)
      c(base, list(power = power, ratio = r, delta = delta, sd = sd, n1 = res, n1_ceil = as.integer(ceiling(res))))
    },
    power = c(base, list(power = res, ratio = r, delta = delta, sd = sd, n1 = n1)),
    mde = {
      if (res <= 0) return(FALSE)
      c(base, list(power = power, ratio = r, delta = res, sd = sd, n1 = n1))
    })
  if (!is.null(note)) fields$note <- note
  if (!is.null(display_round)) fields$display_round <- as.integer(display_round)
  emit(fields)
  TRUE
}

random_t <- function(solve) {
  repeat {
    alpha <- draw_alpha(); power <- draw_power(); alternative <- draw_alternative(); r <- draw_ratio()
    # pwr.t2n.test always counts both tails of a two-sided test: strict is only free when r = 1.
    strict <- if (r == 1) draw_strict(alternative) else alternative == "two-sided"
    sd <- log_unif(0.2, 200)
    delta <- log_unif(0.025, 2.5) * sd
    rough <- ((z_crit(alpha, alternative) + qnorm(power)) * sd / delta)^2 * (1 + 1 / r) + 1
    n1 <- near_n(rough, n1_floor(r))
    if (n1 * (1 + r) - 2 > T_DF_MAX) next
    if (solve == "power") power <- NULL
    if (solve == "mde") delta <- NULL
    if (t_case(solve, delta, sd, alpha, power, n1, r, alternative, strict)) return(invisible())
  }
}

# ---------------------------------------------------------------------------- published examples
stopifnot(pooled_case("n", 0.5, 0.75, 0.05, 0.9, NULL, "two-sided", FALSE,
  note = "R help ?power.prop.test: power.prop.test(p1 = .50, p2 = .75, power = .90) => n = 76.7"))
stopifnot(pooled_case("n", 0.10, 0.11, 0.05, 0.8, NULL, "two-sided", FALSE,
  note = "issue example: p1 = 0.10, p2 = 0.11, alpha 0.05, power 0.8, two-sided: pooled 14750.79 (ceil 14751)"))
stopifnot(arcsine_case("n", 0.10, 0.11, 0.05, 0.8, NULL, 1, "two-sided",
  note = "issue example: p1 = 0.10, p2 = 0.11, alpha 0.05, power 0.8, two-sided: arcsine (pwr) n = 14744.1, i.e. ceil 14745"))
stopifnot(t_case("power", 1, 1, 0.05, NULL, 20, 1, "two-sided", FALSE,
  note = "R help ?power.t.test: power.t.test(n = 20, delta = 1)"))
stopifnot(t_case("n", 1, 1, 0.05, 0.9, NULL, 1, "two-sided", FALSE,
  note = "R help ?power.t.test: power.t.test(power = .90, delta = 1)"))
stopifnot(t_case("n", 1, 1, 0.05, 0.9, NULL, 1, "one-sided", FALSE,
  note = "R help ?power.t.test: power.t.test(power = .90, delta = 1, alternative = \"one.sided\")"))
stopifnot(t_case("n", 0.5, 1, 0.05, 0.9, NULL, 1, "two-sided", FALSE, display_round = 86,
  note = "G*Power manual style: t test two groups, d = 0.5, alpha 0.05 two-sided, power 0.9 => 86 per group, total N 172"))
stopifnot(t_case("n", 0.5, 1, 0.05, 0.9, NULL, 1, "two-sided", TRUE, display_round = 86,
  note = "G*Power manual style (both tails counted, as G*Power does): d = 0.5, alpha 0.05, power 0.9 => 86 per group, total N 172"))
# pwr help examples give h directly; h = 0.3 is realised as p1 = 0.5, p2 = sin(pi/4 + 0.15)^2,
# whose Cohen's h is 0.3 to within an ulp (the engine works from p1 and p2).
p2_h03 <- sin(pi / 4 + 0.15)^2
stopifnot(abs(cohen_h(0.5, p2_h03) - 0.3) < 1e-15)
stopifnot(arcsine_case("power", 0.5, p2_h03, 0.05, NULL, 80, 1, "two-sided",
  note = "R help ?pwr.2p.test: pwr.2p.test(h = 0.3, n = 80, sig.level = 0.05); h = 0.3 as p1 = 0.5, p2 = sin(pi/4 + 0.15)^2"))
stopifnot(arcsine_case("power", 0.5, p2_h03, 0.05, NULL, 80, 245 / 80, "two-sided",
  note = "R help ?pwr.2p2n.test: pwr.2p2n.test(h = 0.30, n1 = 80, n2 = 245, sig.level = 0.05); h = 0.3 as p1 = 0.5, p2 = sin(pi/4 + 0.15)^2"))

# ---------------------------------------------------------------------------- random cases
for (solve in c("n", "power", "mde")) {
  for (i in 1:45) random_pooled(solve)
  for (i in 1:50) random_arcsine(solve)
  for (i in 1:50) random_t(solve)
}

writeLines(c(sprintf("{\"r_version\": \"%s.%s\", \"pwr_version\": \"%s\", \"cases\": [",
                   R.version$major, R.version$minor, as.character(packageVersion("pwr"))),
             paste(cases, collapse = ",\n"), "]}"), out_path)
cat(sprintf("R %s.%s, pwr %s: %d cases\n", R.version$major, R.version$minor,
            as.character(packageVersion("pwr")), length(cases)), file = stderr())

# Golden values for group-sequential designs (engine: src/core/power/sequential.cpp).
# Reference: rpact (tested with 3.3.4 on R 4.2.2). Run:
#   Rscript scripts/golden/sequential.R > tests/golden/sequential.json
#
# Each case is a one-sided design with K equally spaced looks and Lan-DeMets spending for
# efficacy only: typeOfDesign "asOF" (O'Brien-Fleming type) or "asP" (Pocock type).
#   getDesignGroupSequential -> criticalValues (z boundaries), alphaSpent (cumulative),
#                               stageLevels (one-sided nominal p of each boundary)
#   getDesignCharacteristics -> inflationFactor (N_max / N_fixed), shift (drift^2),
#                               averageSampleNumber1 / 0 (E[N] / N_fixed under H1 / H0),
#                               rejectionProbabilities (P_H1(first crossing at look k))
# rpact solves for the boundaries to a tolerance of 1e-8 in alpha (its default), and its
# integration error is of the same size, so its boundaries are good to a few 1e-6.
# kMax = 1 has no average sample numbers or rejection probabilities in rpact (NULL / NA);
# they are written as null.
suppressPackageStartupMessages(library(rpact))
library(jsonlite)

num <- function(x) if (is.null(x) || all(is.na(x))) "null" else toJSON(unname(as.numeric(x)), digits = NA, na = "null")
scalar <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "null" else sprintf("%.17g", as.numeric(x))
input <- function(x) sprintf("%.15g", x)  # 0.025, not 0.025000000000000001

cases <- character()
for (type in c("asOF", "asP")) for (K in c(1, 2, 3, 4, 5, 8, 10)) for (alpha in c(0.025, 0.05, 0.005, 0.1))
  for (power in c(0.8, 0.9)) {
    d <- getDesignGroupSequential(kMax = K, alpha = alpha, beta = 1 - power, sided = 1, typeOfDesign = type)
    ch <- getDesignCharacteristics(d)
    cases[length(cases) + 1] <- sprintf(paste0(
      '    {"looks": %d, "spending": "%s", "alpha": %s, "power": %s,\n',
      '     "critical_values": %s,\n     "alpha_spent": %s,\n     "stage_levels": %s,\n',
      '     "inflation_factor": %s, "shift": %s, "asn_h1": %s, "asn_h0": %s,\n',
      '     "rejection_probabilities_h1": %s}'),
      as.integer(K), if (type == "asOF") "obrien-fleming" else "pocock", input(alpha), input(power),
      num(d$criticalValues), num(d$alphaSpent), num(d$stageLevels),
      scalar(ch$inflationFactor), scalar(ch$shift), scalar(ch$averageSampleNumber1),
      scalar(ch$averageSampleNumber0), num(ch$rejectionProbabilities))
  }
cat('{\n  "source": "R ', R.version$major, '.', R.version$minor, ' rpact ', as.character(packageVersion("rpact")),
    ' getDesignGroupSequential(sided = 1) + getDesignCharacteristics",\n', sep = "")
cat('  "cases": [\n', paste(cases, collapse = ",\n"), '\n  ]\n}\n', sep = "")

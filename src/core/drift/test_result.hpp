// The answer of a two-sample hypothesis test: its statistic and p-value, as scipy reports them.
// NaN in either means "not defined for these data" (the caller says why); never an abort.
#pragma once

namespace mlwb::drift {

struct TestResult {
    double statistic = 0.0;
    double pvalue = 1.0;
};

}  // namespace mlwb::drift

// Drift lens speed, built natively and as wasm (run under Node by bench/drift.mjs):
//   1. every metric of one numeric column, 1M reference vs 1M current rows, from the reader's
//      columns to the verdict (cleaning, sorting, KS, binned divergences, Wasserstein, energy,
//      Anderson-Darling, Cramer-von Mises);
//   2. the same column with only its default test (the normed Wasserstein distance);
//   3. the CSV reader on a numeric file of 20 columns, fed in 1 MB chunks as the page feeds it.
// With --write DIR it also writes the two samples as little-endian doubles, so the scipy peer
// (bench/drift_scipy.py) computes the same metrics on the very same numbers.
// Output: one line per case, "name|seconds|amount|digest" (amount: rows or bytes).
#include <chrono>
#include <cstdio>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <fstream>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "drift/column_drift.hpp"
#include "drift/column_pair.hpp"
#include "drift/csv_reader.hpp"
#include "serving/rng.hpp"
#include "serving/samplers.hpp"

using namespace mlwb;

namespace {

drift::Column numeric_column(std::size_t n, double mean, double sd, std::uint64_t seed) {
    serving::Rng rng(seed);
    serving::NormalSampler normal;
    drift::Column c;
    c.name = "x";
    c.type = drift::ColumnType::Numeric;
    c.numbers.resize(n);
    for (auto& v : c.numbers) v = mean + sd * normal.draw(rng);
    return c;
}

double seconds_of(auto&& work, int runs = 5) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = 1000000;
    const drift::Column ref = numeric_column(n, 0.0, 1.0, 1);
    const drift::Column cur = numeric_column(n, 0.02, 1.05, 2);
    if (argc > 2 && std::string(argv[1]) == "--write") {
        const std::string dir = argv[2];
        std::ofstream(dir + "/reference.f64", std::ios::binary)
            .write(reinterpret_cast<const char*>(ref.numbers.data()), std::streamsize(n * sizeof(double)));
        std::ofstream(dir + "/current.f64", std::ios::binary)
            .write(reinterpret_cast<const char*>(cur.numbers.data()), std::streamsize(n * sizeof(double)));
    }

    drift::ColumnDrift all, one;
    const double t_all = seconds_of([&] {
        drift::ColumnPair pair;
        drift::make_column_pair(ref, {}, cur, {}, drift::ColumnKind::Numeric, pair);
        all = drift::column_drift(pair, {}, true);
    });
    const double t_one = seconds_of([&] {
        drift::ColumnPair pair;
        drift::make_column_pair(ref, {}, cur, {}, drift::ColumnKind::Numeric, pair);
        one = drift::column_drift(pair, {}, false);
    });
    const auto& m = all.metrics;
    std::printf("all metrics 1M vs 1M|%.6f|%zu|ks=%.12g w=%.12g e=%.12g ad=%.6g cvm=%.12g psi=%.12g js=%.12g h=%.12g\n", t_all,
                2 * n, m.ks_pvalue, m.wasserstein, m.energy_distance, m.anderson_pvalue, m.cvm_pvalue, m.psi,
                m.jensenshannon, m.hellinger);
    std::printf("default test 1M vs 1M|%.6f|%zu|%s=%.12g\n", t_one, 2 * n, drift::stat_test_info(one.test).key, one.score);

    // A numeric CSV of 20 columns: the shape of the 1M x 20 file, at a size wasm holds twice.
    std::string csv;
    {
        serving::Rng rng(3);
        serving::NormalSampler normal;
        for (int c = 0; c < 20; ++c) csv += (c ? ",f" : "f") + std::to_string(c);
        csv += "\n";
        char buf[32];
        const std::size_t rows = 200000;
        for (std::size_t r = 0; r < rows; ++r)
            for (int c = 0; c < 20; ++c) {
                const double v = c % 4 == 0 ? double(r % 1000) : 100.0 * normal.draw(rng);
                std::snprintf(buf, sizeof buf, c % 4 == 0 ? "%.0f%c" : "%.6g%c", v, c == 19 ? '\n' : ',');
                csv += buf;
            }
    }
    std::size_t rows_read = 0;
    // The first read pays for fresh pages from the OS (about 30 us per 4 kB page on this kind of
    // VM: a third of the time); later reads reuse the heap, as the page does for every file after
    // its first (wasm memory never shrinks). glibc would hand large blocks back to the OS on
    // free, so keep them: then "warm" measures the reader, "cold" the reader plus the OS.
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
    const auto read_once = [&] {
        drift::CsvOptions options;
        options.size_hint = csv.size();
        drift::CsvReader reader(options);
        for (std::size_t at = 0; at < csv.size(); at += 1 << 20) reader.feed(std::string_view(csv).substr(at, 1 << 20));
        rows_read = reader.finish().rows;
    };
    const double t_cold = seconds_of(read_once, 1);
    std::printf("CSV cold (first read)|%.6f|%zu|rows=%zu\n", t_cold, csv.size(), rows_read);
    const double t_csv = seconds_of([&] {
        drift::CsvOptions options;
        options.size_hint = csv.size();  // the page knows File.size, the CLI the file's size
        drift::CsvReader reader(options);
        for (std::size_t at = 0; at < csv.size(); at += 1 << 20) reader.feed(std::string_view(csv).substr(at, 1 << 20));
        rows_read = reader.finish().rows;
    }, 3);
    std::printf("CSV 200k x 20 numeric|%.6f|%zu|rows=%zu\n", t_csv, csv.size(), rows_read);
    return 0;
}

// The simulator's random numbers, identical on every platform for the same seed.
// std:: distributions are implementation-defined (libstdc++ natively, libc++ under
// Emscripten give different streams), and even std::log / std::exp may differ in the last bit
// between glibc (which picks an FMA variant at run time on some CPUs) and musl. So the
// generator (xoshiro256**, seeded through splitmix64) and the two transcendental functions the
// samplers need are written here from IEEE-exact operations only (+, -, *, /, sqrt, frexp,
// ldexp, nearbyint), which every conforming platform rounds the same way.
#pragma once

#include <cstdint>

namespace mlwb::serving {

class Rng {
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    double uniform();           // [0, 1) with 53 random bits
    double uniform_positive();  // (0, 1]: safe to take the log of
    // A generator for an independent stream (e.g. service times apart from arrivals), so that
    // changing one model does not reshuffle the other's draws.
    Rng split();

private:
    std::uint64_t s_[4];
};

// Natural log and exp to within ~2 ulp, bit-identical across platforms (see above).
double det_log(double x);
double det_exp(double x);

}  // namespace mlwb::serving

#include "gossip/Coordinate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace qonsul::gossip {

namespace {

// Closer than this, two points count as the same one (seconds).
constexpr double zeroThreshold = 1.0e-6;
// serf refuses RTTs above this: no probe takes that long, so it is a broken measurement.
constexpr double maxRttSeconds = 10.0;

const char *const dimensionalityConflict = "coordinate dimensionality does not match";

void requireCompatible(const Coordinate &a, const Coordinate &b)
{
    if (!a.isCompatibleWith(b))
        throw std::invalid_argument(dimensionalityConflict);
}

bool componentIsValid(double value)
{
    return std::isfinite(value);
}

// A duration as Go's time.Duration prints it ("11s", "-35s", "1m40s", "250ms"): serf's
// refusal of an RTT quotes the duration that way, and operators grep logs for serf's words.
std::string goDurationText(int64_t nanoseconds)
{
    if (nanoseconds == 0)
        return "0s";
    const bool negative = nanoseconds < 0;
    uint64_t u = negative ? uint64_t(0) - uint64_t(nanoseconds) : uint64_t(nanoseconds);
    std::string out;
    const auto prependInt = [&out](uint64_t v) { out.insert(0, std::to_string(v)); };
    // Prepends the `precision` low digits of v as a fraction without trailing zeros (nothing
    // when they are all zero) and returns what is left of v.
    const auto prependFraction = [&out](uint64_t v, int precision) {
        std::string digits;
        bool print = false;
        for (int i = 0; i < precision; ++i) {
            const auto digit = char('0' + v % 10);
            print = print || digit != '0';
            if (print)
                digits.insert(digits.begin(), digit);
            v /= 10;
        }
        if (print)
            out.insert(0, "." + digits);
        return v;
    };
    if (u < 1'000'000'000) {
        int precision = 0;
        if (u < 1'000) {
            out = "ns";
        } else if (u < 1'000'000) {
            out = "\u00b5s";
            precision = 3;
        } else {
            out = "ms";
            precision = 6;
        }
        prependInt(prependFraction(u, precision));
    } else {
        out = "s";
        u = prependFraction(u, 9);
        prependInt(u % 60);
        u /= 60;
        if (u > 0) {
            out.insert(0, "m");
            prependInt(u % 60);
            u /= 60;
            if (u > 0) {
                out.insert(0, "h");
                prependInt(u);
            }
        }
    }
    if (negative)
        out.insert(0, "-");
    return out;
}

// Seconds as the Go duration serf would have been handed (whole nanoseconds, saturated).
std::string rttText(double seconds)
{
    if (std::isnan(seconds))
        return "NaN";
    const double nanoseconds = std::trunc(seconds * 1e9);
    constexpr double limit = 9.2233720368547758e18; // 2^63
    if (nanoseconds >= limit)
        return goDurationText(std::numeric_limits<int64_t>::max());
    if (nanoseconds < -limit)
        return goDurationText(std::numeric_limits<int64_t>::min());
    return goDurationText(int64_t(nanoseconds));
}

} // namespace

namespace vivaldi {

std::vector<double> add(const std::vector<double> &a, const std::vector<double> &b)
{
    std::vector<double> out(a.size());
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = a[i] + b[i];
    return out;
}

std::vector<double> diff(const std::vector<double> &a, const std::vector<double> &b)
{
    std::vector<double> out(a.size());
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = a[i] - b[i];
    return out;
}

std::vector<double> mul(const std::vector<double> &v, double factor)
{
    std::vector<double> out(v.size());
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = v[i] * factor;
    return out;
}

double magnitude(const std::vector<double> &v)
{
    double sum = 0;
    for (double x : v)
        sum += x * x;
    return std::sqrt(sum);
}

double uniformUnit(std::mt19937_64 &random)
{
    return double(random() >> 11) * 0x1.0p-53;
}

UnitVector unitVectorAt(const std::vector<double> &from, const std::vector<double> &to,
                        std::mt19937_64 &random)
{
    std::vector<double> direction = diff(from, to);
    if (const double mag = magnitude(direction); mag > zeroThreshold)
        return {mul(direction, 1.0 / mag), mag};

    for (double &x : direction)
        x = uniformUnit(random) - 0.5;
    if (const double mag = magnitude(direction); mag > zeroThreshold)
        return {mul(direction, 1.0 / mag), 0.0};

    // Every draw near zero: all but impossible, yet a direction is still owed.
    std::fill(direction.begin(), direction.end(), 0.0);
    if (!direction.empty())
        direction[0] = 1.0;
    return {direction, 0.0};
}

} // namespace vivaldi

Coordinate Coordinate::atOrigin(const CoordinateConfig &config)
{
    return Coordinate{std::vector<double>(config.dimensionality, 0.0), config.vivaldiErrorMax, 0.0,
                      config.heightMin};
}

bool Coordinate::isValid() const
{
    return std::all_of(vec.begin(), vec.end(), componentIsValid) && componentIsValid(error) &&
           componentIsValid(adjustment) && componentIsValid(height);
}

Coordinate Coordinate::applyForce(const CoordinateConfig &config, double force,
                                  const Coordinate &other, std::mt19937_64 &random) const
{
    requireCompatible(*this, other);
    Coordinate moved = *this;
    const vivaldi::UnitVector unit = vivaldi::unitVectorAt(vec, other.vec, random);
    moved.vec = vivaldi::add(vec, vivaldi::mul(unit.direction, force));
    // Coinciding points give no scale to move the height by, so it stays.
    if (unit.magnitude > zeroThreshold) {
        moved.height = (height + other.height) * force / unit.magnitude + height;
        moved.height = std::max(moved.height, config.heightMin);
    }
    return moved;
}

double Coordinate::distanceTo(const Coordinate &other) const
{
    requireCompatible(*this, other);
    const double raw = rawDistanceTo(other);
    // The adjustments are averages that may be negative; an estimate must stay positive.
    const double adjusted = raw + adjustment + other.adjustment;
    return adjusted > 0.0 ? adjusted : raw;
}

double Coordinate::rawDistanceTo(const Coordinate &other) const
{
    return vivaldi::magnitude(vivaldi::diff(vec, other.vec)) + height + other.height;
}

CoordinateClient::CoordinateClient(CoordinateConfig config, uint64_t seed)
    : m_config(config), m_random(seed), m_adjustmentSamples(config.adjustmentWindowSize, 0.0)
{
    if (m_config.dimensionality == 0)
        throw std::invalid_argument("dimensionality must be >0");
    m_coordinate = Coordinate::atOrigin(m_config);
    m_origin = Coordinate::atOrigin(m_config);
}

std::optional<std::string> CoordinateClient::check(const Coordinate &other) const
{
    if (!m_coordinate.isCompatibleWith(other))
        return std::string("dimensions aren't compatible");
    if (!other.isValid())
        return std::string("coordinate is invalid");
    return std::nullopt;
}

std::optional<std::string> CoordinateClient::setCoordinate(const Coordinate &coordinate)
{
    if (auto refused = check(coordinate))
        return refused;
    m_coordinate = coordinate;
    return std::nullopt;
}

void CoordinateClient::forgetNode(const std::string &node)
{
    m_latencySamples.erase(node);
}

double CoordinateClient::latencyFilter(const std::string &node, double rttSeconds)
{
    // serf cannot run without samples; with none to keep, the filter lets each one through.
    if (m_config.latencyFilterSize == 0)
        return rttSeconds;
    std::vector<double> &samples = m_latencySamples[node];
    samples.push_back(rttSeconds);
    if (samples.size() > m_config.latencyFilterSize)
        samples.erase(samples.begin());
    std::vector<double> sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    // The upper median when the count is even, as serf takes it.
    return sorted[sorted.size() / 2];
}

void CoordinateClient::updateVivaldi(const Coordinate &other, double rttSeconds)
{
    const double dist = m_coordinate.distanceTo(other);
    // A zero RTT (a coarse clock) must not divide by zero.
    rttSeconds = std::max(rttSeconds, zeroThreshold);
    const double wrongness = std::abs(dist - rttSeconds) / rttSeconds;

    // Trust the observation in proportion to how unsure this node is next to the other.
    const double totalError = std::max(m_coordinate.error + other.error, zeroThreshold);
    const double weight = m_coordinate.error / totalError;

    const double ce = m_config.vivaldiCE * weight;
    m_coordinate.error = ce * wrongness + m_coordinate.error * (1.0 - ce);
    m_coordinate.error = std::min(m_coordinate.error, m_config.vivaldiErrorMax);

    const double force = m_config.vivaldiCC * weight * (rttSeconds - dist);
    m_coordinate = m_coordinate.applyForce(m_config, force, other, m_random);
}

void CoordinateClient::updateAdjustment(const Coordinate &other, double rttSeconds)
{
    if (m_config.adjustmentWindowSize == 0)
        return;
    // The raw distance: the adjustment learns what the coordinates alone miss, so the
    // current adjustments must not feed back into it.
    m_adjustmentSamples[m_adjustmentIndex] = rttSeconds - m_coordinate.rawDistanceTo(other);
    m_adjustmentIndex = (m_adjustmentIndex + 1) % m_config.adjustmentWindowSize;
    double sum = 0;
    for (double sample : m_adjustmentSamples)
        sum += sample;
    // Halved: both ends of a distance add their adjustment.
    m_coordinate.adjustment = sum / (2.0 * double(m_config.adjustmentWindowSize));
}

void CoordinateClient::updateGravity()
{
    const double dist = m_origin.distanceTo(m_coordinate);
    const double ratio = dist / m_config.gravityRho;
    m_coordinate = m_coordinate.applyForce(m_config, -ratio * ratio, m_origin, m_random);
}

std::optional<std::string> CoordinateClient::update(const std::string &node,
                                                    const Coordinate &other, double rttSeconds)
{
    if (auto refused = check(other))
        return refused;
    // Zero is allowed (coarse clocks measure it), negative or absurdly long is not.
    if (!(rttSeconds >= 0.0 && rttSeconds <= maxRttSeconds))
        return "round trip time not in valid range, duration " + rttText(rttSeconds) +
               " is not a positive value less than " + rttText(maxRttSeconds) + " ";
    if (rttSeconds == 0.0)
        ++m_zeroRtts;

    const double filtered = latencyFilter(node, rttSeconds);
    updateVivaldi(other, filtered);
    updateAdjustment(other, filtered);
    updateGravity();
    // Arithmetic gone wrong (an overflow from an extreme observation) must not stick: start
    // over rather than hand out a coordinate nobody can use.
    if (!m_coordinate.isValid()) {
        ++m_resets;
        m_coordinate = Coordinate::atOrigin(m_config);
    }
    return std::nullopt;
}

} // namespace qonsul::gossip

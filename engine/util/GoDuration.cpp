#include "util/GoDuration.h"

#include <array>

namespace qonsul::util {

namespace {

constexpr uint64_t maxMagnitude = uint64_t(1) << 63; // |INT64_MIN|

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The digits at the front of text as an integer; nullopt on overflow.
std::optional<uint64_t> leadingInt(std::string_view &text)
{
    uint64_t value = 0;
    size_t i = 0;
    for (; i < text.size() && isDigit(text[i]); ++i) {
        if (value > (maxMagnitude - 1) / 10)
            return std::nullopt;
        value = value * 10 + uint64_t(text[i] - '0');
        if (value > maxMagnitude)
            return std::nullopt;
    }
    text.remove_prefix(i);
    return value;
}

// The digits of a fraction: as many as fit, with the power of ten they are scaled by; the
// rest are read and dropped (they cannot change a nanosecond count).
void leadingFraction(std::string_view &text, uint64_t &value, double &scale)
{
    bool overflow = false;
    size_t i = 0;
    for (; i < text.size() && isDigit(text[i]); ++i) {
        if (overflow)
            continue;
        if (value > (maxMagnitude - 1) / 10) {
            overflow = true;
            continue;
        }
        const uint64_t next = value * 10 + uint64_t(text[i] - '0');
        if (next > maxMagnitude) {
            overflow = true;
            continue;
        }
        value = next;
        scale *= 10;
    }
    text.remove_prefix(i);
}

std::optional<uint64_t> unitNanoseconds(std::string_view unit)
{
    if (unit == "ns")
        return 1;
    if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs")
        return 1000;
    if (unit == "ms")
        return 1000000;
    if (unit == "s")
        return 1000000000;
    if (unit == "m")
        return 60000000000;
    if (unit == "h")
        return 3600000000000;
    return std::nullopt;
}

} // namespace

std::optional<int64_t> parseGoDuration(std::string_view text)
{
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text == "0")
        return 0;
    if (text.empty())
        return std::nullopt;
    uint64_t total = 0;
    while (!text.empty()) {
        if (!(text[0] == '.' || isDigit(text[0])))
            return std::nullopt;
        const size_t before = text.size();
        const auto whole = leadingInt(text);
        if (!whole)
            return std::nullopt;
        const bool hadWhole = before != text.size();
        uint64_t fraction = 0;
        double scale = 1;
        bool hadFraction = false;
        if (!text.empty() && text[0] == '.') {
            text.remove_prefix(1);
            const size_t at = text.size();
            leadingFraction(text, fraction, scale);
            hadFraction = at != text.size();
        }
        if (!hadWhole && !hadFraction)
            return std::nullopt; // "." or ".s"
        size_t unitEnd = 0;
        while (unitEnd < text.size() && text[unitEnd] != '.' && !isDigit(text[unitEnd]))
            ++unitEnd;
        const auto unit = unitNanoseconds(text.substr(0, unitEnd));
        if (!unit)
            return std::nullopt; // missing or unknown unit
        text.remove_prefix(unitEnd);
        if (*whole > maxMagnitude / *unit)
            return std::nullopt;
        uint64_t value = *whole * *unit;
        if (fraction > 0) {
            value += uint64_t(double(fraction) * (double(*unit) / scale));
            if (value > maxMagnitude)
                return std::nullopt;
        }
        total += value;
        if (total > maxMagnitude)
            return std::nullopt;
    }
    if (negative)
        return total == maxMagnitude ? INT64_MIN : -int64_t(total);
    if (total > maxMagnitude - 1)
        return std::nullopt;
    return int64_t(total);
}

std::string formatGoDuration(int64_t nanoseconds)
{
    // Written backwards into a buffer, as Go does.
    std::array<char, 40> buffer{};
    size_t w = buffer.size();
    const bool negative = nanoseconds < 0;
    uint64_t u = negative ? uint64_t(0) - uint64_t(nanoseconds) : uint64_t(nanoseconds);
    const auto putInt = [&](uint64_t v) {
        if (v == 0) {
            buffer[--w] = '0';
            return;
        }
        for (; v > 0; v /= 10)
            buffer[--w] = char('0' + v % 10);
    };
    // The fraction of v / 10^precision without trailing zeros (nor the point when it is 0);
    // returns v / 10^precision.
    const auto putFraction = [&](uint64_t v, int precision) {
        bool printing = false;
        for (int i = 0; i < precision; ++i) {
            const uint64_t digit = v % 10;
            printing = printing || digit != 0;
            if (printing)
                buffer[--w] = char('0' + digit);
            v /= 10;
        }
        if (printing)
            buffer[--w] = '.';
        return v;
    };
    if (u == 0)
        return "0s";
    buffer[--w] = 's';
    if (u < 1000000000) {
        int precision = 0;
        if (u < 1000) {
            buffer[--w] = 'n';
        } else if (u < 1000000) {
            precision = 3;
            buffer[--w] = char(0xb5); // U+00B5, as Go writes it
            buffer[--w] = char(0xc2);
        } else {
            precision = 6;
            buffer[--w] = 'm';
        }
        putInt(putFraction(u, precision));
    } else {
        u = putFraction(u, 9);
        putInt(u % 60);
        u /= 60;
        if (u > 0) {
            buffer[--w] = 'm';
            putInt(u % 60);
            u /= 60;
            if (u > 0) {
                buffer[--w] = 'h';
                putInt(u);
            }
        }
    }
    if (negative)
        buffer[--w] = '-';
    return std::string(buffer.data() + w, buffer.size() - w);
}

} // namespace qonsul::util

#pragma once
// The value of one hexadecimal digit, either case: percent-escapes in URLs, nibbles of
// reverse-DNS names.

namespace qonsul::util {

// 0-15, or -1 for a character that is not a hex digit.
constexpr int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace qonsul::util

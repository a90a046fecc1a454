// libFuzzer target: any bytes, as what a client sends on one connection, into RequestParser,
// delivered in pieces of a size the first byte picks (as HttpConnection delivers them: what
// was not consumed is passed again with more appended). It must not crash, hang or leak, and
// the bounds must hold: a body never exceeds the limit, and the bytes held back for an
// unfinished header never grow past the header limit without a refusal.

#include "http/RequestParser.h"

#include <cstdlib>

using namespace qonsul::http;

namespace {

constexpr quint64 bodyLimit = 4096;

[[noreturn]] void broken(const char *what)
{
    fprintf(stderr, "invariant broken: %s\n", what);
    abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype step = 1 + data[0] % 64;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    const qsizetype total = qsizetype(size - 1);

    RequestParser parser([](HttpRequest &) { return bodyLimit; });
    QByteArray held;
    for (qsizetype at = 0; at < total; at += step) {
        held.append(bytes + at, std::min(step, total - at));
        for (;;) {
            const qsizetype used = parser.feed(held.constData(), held.size());
            if (used < 0 || used > held.size())
                broken("consumed more than was fed");
            held.remove(0, used);
            if (parser.failure() != ParseFailure::None)
                return 0; // the connection answers and closes
            if (!parser.headerDone() && held.size() > qsizetype(maxHeaderBytes) + step)
                broken("an unfinished header grew past the limit");
            if (parser.request().body.size() > qsizetype(bodyLimit))
                broken("a body grew past its limit");
            if (!parser.complete())
                break;
            const HttpRequest request = parser.take();
            if (!request.path.startsWith(QLatin1Char('/')))
                broken("a request without a path");
        }
    }
    return 0;
}

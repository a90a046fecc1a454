#pragma once
// Reads one HTTP/1.x request at a time from the bytes of a connection, with the framing rules
// and limits of Go's net/http server (which Consul answers through): the request line and
// header at most 1 MiB, a body no larger than the limit its endpoint sets (checked against
// Content-Length before any of it arrives, and while chunks arrive), and anything ambiguous
// (a Content-Length that is not one number, a bad chunk size, a header line without a colon,
// a version other than 1.0 and 1.1) refused rather than guessed at. Boost.Beast's parser does
// the lexing; this class turns its callbacks into an HttpRequest and its errors into the
// answers Go gives.

#include "http/HttpMessage.h"

#include <functional>
#include <memory>
#include <optional>

namespace qonsul::http {

// Go's http.DefaultMaxHeaderBytes plus the 4096 bytes of slack its server allows.
inline constexpr quint32 maxHeaderBytes = (1 << 20) + 4096;

enum class ParseFailure {
    None,
    BadRequest,                  // 400, Go's "400 Bad Request[: detail]"
    HeaderTooLarge,              // 431
    BodyTooLarge,                // 413, worded by the endpoint
    VersionNotSupported,         // 505
    UnsupportedTransferEncoding, // 501
};

class RequestParser
{
public:
    // The most body bytes the request may carry, asked once its request line is read (the
    // method, path and query are set; headers are not yet). It may note things on the head.
    using BodyLimit = std::function<quint64(HttpRequest &head)>;

    explicit RequestParser(BodyLimit bodyLimit);
    ~RequestParser();
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    // Reads what it can of data; returns how many bytes it consumed. Bytes of an unfinished
    // request line or header are not consumed: pass them again with more appended.
    qsizetype feed(const char *data, qsizetype size);

    bool headerDone() const;
    bool complete() const;
    ParseFailure failure() const { return m_failure; }
    QByteArray failureDetail() const { return m_failureDetail; }
    // The declared length when BodyTooLarge was decided before the body arrived.
    std::optional<quint64> declaredLength() const { return m_declaredLength; }
    // The request so far: complete once complete(); its head is set once headerDone().
    const HttpRequest &request() const { return m_request; }
    // Takes the complete request and starts on the next one.
    HttpRequest take();

    bool keepAlive() const { return m_keepAlive; }
    bool expectsContinue() const { return m_expectContinue; }
    int version() const { return m_version; } // 10 or 11

private:
    class Beast;
    friend class Beast;
    void start();
    void fail(ParseFailure failure, QByteArray detail = {});

    BodyLimit m_bodyLimit;
    std::unique_ptr<Beast> m_beast;
    HttpRequest m_request;
    ParseFailure m_failure = ParseFailure::None;
    QByteArray m_failureDetail;
    std::optional<quint64> m_declaredLength;
    int m_version = 11;
    int m_hostHeaders = 0;
    bool m_keepAlive = true;
    bool m_expectContinue = false;
};

} // namespace qonsul::http

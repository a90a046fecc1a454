#include "http/RequestParser.h"

#include "http/RequestTarget.h"

#include <algorithm>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

namespace qonsul::http {

namespace beast = boost::beast;
using beast::error_code;
using beast::string_view;

namespace {

QByteArray bytesOf(string_view view)
{
    return QByteArray(view.data(), qsizetype(view.size()));
}

bool equalsIgnoringCase(string_view a, const char *b)
{
    return QByteArrayView(a.data(), qsizetype(a.size())).compare(b, Qt::CaseInsensitive) == 0;
}

QByteArrayView trimmed(string_view value)
{
    return QByteArrayView(value.data(), qsizetype(value.size())).trimmed();
}

// The request line ends in HTTP/<digits>.<digits>, as Go's ParseHTTPVersion wants it.
bool wellFormedVersion(QByteArrayView buffer)
{
    const qsizetype end = buffer.indexOf("\r\n");
    if (end < 0)
        return false;
    const QByteArrayView line = buffer.first(end);
    const QByteArrayView version = line.sliced(line.lastIndexOf(' ') + 1);
    if (!version.startsWith("HTTP/"))
        return false;
    const QByteArrayView numbers = version.sliced(5);
    const qsizetype dot = numbers.indexOf('.');
    const auto digits = [](QByteArrayView part) {
        return !part.isEmpty() && part.size() <= 7 &&
               std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    return dot > 0 && digits(numbers.first(dot)) && digits(numbers.sliced(dot + 1));
}

} // namespace

// One request's worth of Beast's push parser (it cannot be reused after a message).
class RequestParser::Beast : public beast::http::basic_parser<true>
{
public:
    explicit Beast(RequestParser &owner) : m_owner(owner)
    {
        header_limit(maxHeaderBytes);
        eager(true);
    }

private:
    void on_request_impl(beast::http::verb, string_view method, string_view target, int version,
                         error_code &ec) override
    {
        HttpRequest &request = m_owner.m_request;
        request.method = bytesOf(method);
        auto parsed = parseRequestTarget(QByteArrayView(target.data(), qsizetype(target.size())));
        if (!parsed) {
            m_owner.fail(ParseFailure::BadRequest);
            ec = beast::http::error::bad_target;
            return;
        }
        request.path = std::move(parsed->path);
        request.rawQuery = std::move(parsed->rawQuery);
        request.query = std::move(parsed->query);
        m_owner.m_version = version;
        body_limit(m_owner.m_bodyLimit(request));
    }

    void on_response_impl(int, string_view, int, error_code &) override {}

    void on_field_impl(beast::http::field which, string_view name, string_view value,
                       error_code &ec) override
    {
        using beast::http::field;
        if (which == field::host) {
            ++m_owner.m_hostHeaders;
        } else if (which == field::expect) {
            m_owner.m_expectContinue = equalsIgnoringCase(value, "100-continue");
        } else if (which == field::transfer_encoding &&
                   trimmed(value).compare("chunked", Qt::CaseInsensitive) != 0) {
            // Go's server reads only chunked bodies; a request that names another coding
            // has a body it cannot frame.
            m_owner.fail(ParseFailure::UnsupportedTransferEncoding);
            ec = beast::http::error::bad_transfer_encoding;
            return;
        }
        m_owner.m_request.headers.append({bytesOf(name).toLower(), bytesOf(value)});
    }

    void on_header_impl(error_code &ec) override
    {
        // Go checks these once the whole header is in, in this order.
        if (m_owner.m_version != 10 && m_owner.m_version != 11) {
            m_owner.fail(ParseFailure::VersionNotSupported, "unsupported protocol version");
            ec = beast::http::error::bad_version;
            return;
        }
        if (m_owner.m_version == 11 && m_owner.m_hostHeaders == 0) {
            m_owner.fail(ParseFailure::BadRequest, "missing required Host header");
            ec = beast::http::error::bad_field;
            return;
        }
        if (m_owner.m_hostHeaders > 1) {
            m_owner.fail(ParseFailure::BadRequest, "too many Host headers");
            ec = beast::http::error::bad_field;
            return;
        }
        m_owner.m_keepAlive = keep_alive();
    }

    void on_body_init_impl(const boost::optional<std::uint64_t> &length, error_code &) override
    {
        // A declared length is a promise, not bytes: reserve at most 1 MiB up front.
        if (length)
            m_owner.m_request.body.reserve(qsizetype(std::min<std::uint64_t>(*length, 1 << 20)));
    }

    std::size_t on_body_impl(string_view body, error_code &) override
    {
        m_owner.m_request.body.append(body.data(), qsizetype(body.size()));
        return body.size();
    }

    void on_chunk_header_impl(std::uint64_t, string_view, error_code &) override {}

    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code &) override
    {
        m_owner.m_request.body.append(body.data(), qsizetype(body.size()));
        return body.size();
    }

    void on_finish_impl(error_code &) override {}

    RequestParser &m_owner;
};

RequestParser::RequestParser(BodyLimit bodyLimit) : m_bodyLimit(std::move(bodyLimit))
{
    start();
}

RequestParser::~RequestParser() = default;

void RequestParser::start()
{
    m_beast = std::make_unique<Beast>(*this);
    m_request = HttpRequest();
    m_failure = ParseFailure::None;
    m_failureDetail.clear();
    m_declaredLength.reset();
    m_version = 11;
    m_hostHeaders = 0;
    m_keepAlive = true;
    m_expectContinue = false;
}

void RequestParser::fail(ParseFailure failure, QByteArray detail)
{
    if (m_failure != ParseFailure::None)
        return; // the first reason stands; Beast's own error follows ours
    m_failure = failure;
    m_failureDetail = std::move(detail);
}

qsizetype RequestParser::feed(const char *data, qsizetype size)
{
    qsizetype used = 0;
    while (m_failure == ParseFailure::None && !m_beast->is_done()) {
        error_code ec;
        const std::size_t n =
            m_beast->put(boost::asio::const_buffer(data + used, std::size_t(size - used)), ec);
        used += qsizetype(n);
        if (ec == beast::http::error::need_more)
            break;
        if (ec == beast::http::error::header_limit) {
            fail(ParseFailure::HeaderTooLarge);
        } else if (ec == beast::http::error::body_limit) {
            // Known when it was declared: Beast refuses it before the header is done.
            if (const QByteArray length = m_request.header("content-length"); !length.isEmpty())
                m_declaredLength = length.toULongLong();
            fail(ParseFailure::BodyTooLarge);
        } else if (ec == beast::http::error::bad_version &&
                   wellFormedVersion(QByteArrayView(data, size))) {
            // Beast refuses what it cannot speak; Go tells a well-formed other version apart.
            fail(ParseFailure::VersionNotSupported, "unsupported protocol version");
        } else if (ec) {
            fail(ParseFailure::BadRequest);
        }
        if (n == 0)
            break;
    }
    return used;
}

bool RequestParser::headerDone() const
{
    return m_beast->is_header_done();
}

bool RequestParser::complete() const
{
    return m_failure == ParseFailure::None && m_beast->is_done();
}

HttpRequest RequestParser::take()
{
    HttpRequest request = std::move(m_request);
    start();
    return request;
}

} // namespace qonsul::http

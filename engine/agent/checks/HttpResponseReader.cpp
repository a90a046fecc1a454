#include "agent/checks/HttpResponseReader.h"

namespace qonsul::checks {

HttpResponseReader::HttpResponseReader(std::function<void(const QByteArray &)> bodyBytes,
                                       bool headRequest)
    : m_bodyBytes(std::move(bodyBytes)), m_headRequest(headRequest)
{
}

QByteArray HttpResponseReader::header(const QByteArray &name) const
{
    for (const auto &[key, value] : m_headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

void HttpResponseReader::feed(const QByteArray &bytes)
{
    if (m_state == State::Done || m_state == State::Failed)
        return;
    m_buffer += bytes;
    while (m_state == State::StatusLine || m_state == State::Headers) {
        QByteArray line;
        if (!readLine(&line))
            return;
        if (m_state == State::StatusLine)
            parseStatusLine(line);
        else
            parseHeaderLine(line);
    }
    if (m_state == State::Body)
        readBody();
}

void HttpResponseReader::endOfStream()
{
    if (m_state == State::Done || m_state == State::Failed)
        return;
    if (m_state == State::Body && m_framing == Framing::UntilClose) {
        finish();
        return;
    }
    // Go: io.ErrUnexpectedEOF once a body was promised, plain EOF before any header arrived.
    fail(m_state == State::Body ? QStringLiteral("unexpected EOF") : QStringLiteral("EOF"));
}

bool HttpResponseReader::readLine(QByteArray *line)
{
    const qsizetype end = m_buffer.indexOf('\n');
    if (end < 0) {
        if (m_headerBytes + m_buffer.size() > maxHeaderBytes)
            fail(QStringLiteral("net/http: server response headers exceeded %1 bytes; aborted")
                     .arg(maxHeaderBytes));
        return false;
    }
    m_headerBytes += end + 1;
    if (m_headerBytes > maxHeaderBytes) {
        fail(QStringLiteral("net/http: server response headers exceeded %1 bytes; aborted")
                 .arg(maxHeaderBytes));
        return false;
    }
    *line = m_buffer.left(end);
    if (line->endsWith('\r'))
        line->chop(1);
    m_buffer.remove(0, end + 1);
    return true;
}

void HttpResponseReader::parseStatusLine(const QByteArray &line)
{
    const qsizetype space = line.indexOf(' ');
    const QByteArray proto = space < 0 ? line : line.left(space);
    if (space < 0 || !proto.startsWith("HTTP/1.")) {
        fail(QStringLiteral("net/http: HTTP/1.x transport connection broken: malformed HTTP "
                            "response \"%1\"")
                 .arg(QString::fromLatin1(line.left(64))));
        return;
    }
    m_status = line.mid(space + 1).trimmed();
    bool ok = false;
    const QByteArray code = m_status.left(3);
    m_statusCode = code.size() == 3 ? code.toInt(&ok) : 0;
    if (!ok || m_statusCode < 100 || (m_status.size() > 3 && m_status.at(3) != ' ')) {
        fail(QStringLiteral("net/http: HTTP/1.x transport connection broken: malformed HTTP "
                            "status code \"%1\"")
                 .arg(QString::fromLatin1(m_status.left(16))));
        return;
    }
    m_state = State::Headers;
}

void HttpResponseReader::parseHeaderLine(const QByteArray &line)
{
    if (line.isEmpty()) {
        if (m_statusCode >= 100 && m_statusCode < 200 && m_statusCode != 101) {
            // An interim answer (100 Continue, 103 Early Hints): the real one follows.
            m_headers.clear();
            m_state = State::StatusLine;
            return;
        }
        startBody();
        return;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        fail(QStringLiteral("net/http: HTTP/1.x transport connection broken: malformed MIME "
                            "header line: %1")
                 .arg(QString::fromLatin1(line.left(64))));
        return;
    }
    m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
}

void HttpResponseReader::startBody()
{
    m_state = State::Body;
    if (m_headRequest || m_statusCode == 204 || m_statusCode == 304) {
        m_framing = Framing::None;
        finish();
        return;
    }
    if (header("Transfer-Encoding").toLower().contains("chunked")) {
        m_framing = Framing::Chunked;
        m_chunkPart = ChunkPart::Size;
        return;
    }
    const QByteArray length = header("Content-Length");
    if (!length.isEmpty()) {
        bool ok = false;
        m_remaining = length.toLongLong(&ok);
        if (!ok || m_remaining < 0) {
            fail(QStringLiteral("net/http: HTTP/1.x transport connection broken: bad "
                                "Content-Length \"%1\"")
                     .arg(QString::fromLatin1(length.left(32))));
            return;
        }
        m_framing = Framing::Length;
        if (m_remaining == 0)
            finish();
        return;
    }
    m_framing = Framing::UntilClose;
}

void HttpResponseReader::readBody()
{
    switch (m_framing) {
    case Framing::None:
        finish();
        return;
    case Framing::UntilClose:
        if (!m_buffer.isEmpty())
            m_bodyBytes(std::exchange(m_buffer, {}));
        return;
    case Framing::Length: {
        const qsizetype take = qsizetype(std::min<qint64>(m_remaining, m_buffer.size()));
        if (take > 0) {
            m_bodyBytes(take == m_buffer.size() ? std::exchange(m_buffer, {})
                                                : m_buffer.left(take));
            if (!m_buffer.isEmpty())
                m_buffer.remove(0, take);
            m_remaining -= take;
        }
        if (m_remaining == 0)
            finish();
        return;
    }
    case Framing::Chunked:
        readChunked();
        return;
    }
}

void HttpResponseReader::readChunked()
{
    for (;;) {
        switch (m_chunkPart) {
        case ChunkPart::Size: {
            const qsizetype end = m_buffer.indexOf('\n');
            if (end < 0)
                return;
            QByteArray line = m_buffer.left(end).trimmed();
            m_buffer.remove(0, end + 1);
            const qsizetype extension = line.indexOf(';');
            if (extension >= 0)
                line.truncate(extension);
            bool ok = false;
            m_remaining = line.trimmed().toLongLong(&ok, 16);
            if (!ok || m_remaining < 0) {
                fail(QStringLiteral("invalid byte in chunk length"));
                return;
            }
            m_chunkPart = m_remaining == 0 ? ChunkPart::Trailer : ChunkPart::Data;
            break;
        }
        case ChunkPart::Data: {
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, m_buffer.size()));
            if (take == 0)
                return;
            m_bodyBytes(m_buffer.left(take));
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return;
            m_chunkPart = ChunkPart::DataEnd;
            break;
        }
        case ChunkPart::DataEnd: {
            const qsizetype end = m_buffer.indexOf('\n');
            if (end < 0)
                return;
            if (!m_buffer.left(end).trimmed().isEmpty()) {
                fail(QStringLiteral("malformed chunked encoding"));
                return;
            }
            m_buffer.remove(0, end + 1);
            m_chunkPart = ChunkPart::Size;
            break;
        }
        case ChunkPart::Trailer: {
            const qsizetype end = m_buffer.indexOf('\n');
            if (end < 0)
                return;
            const bool last = m_buffer.left(end).trimmed().isEmpty();
            m_buffer.remove(0, end + 1);
            if (last) {
                finish();
                return;
            }
            break;
        }
        }
    }
}

void HttpResponseReader::fail(const QString &error)
{
    m_state = State::Failed;
    m_error = error;
    m_buffer.clear();
}

} // namespace qonsul::checks

#include "http/HttpConnection.h"

#include <QTcpSocket>
#include <QTimer>
#include <sys/socket.h>

namespace qonsul::http {

namespace {

// How long a refused client may keep sending before the connection is dropped: closing while
// its bytes still arrive would reset the connection and could discard our answer unread (Go's
// server waits the same 500 ms for the same reason).
constexpr int lingerMs = 500;

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Request Entity Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpConnectionHandler &handler)
    : Exchange(socket), m_socket(socket), m_handler(handler),
      m_parser([this](HttpRequest &head) { return m_handler.bodyLimit(head); })
{
    m_socket->setReadBufferSize(readBufferBytes);
    connect(m_socket, &QTcpSocket::disconnected, this, &Exchange::gone);
    connect(m_socket, &QTcpSocket::readyRead, this, [this] {
        if (m_state == State::Reading)
            process();
        else if (m_state == State::Closing)
            m_socket->skip(m_socket->bytesAvailable()); // a refused client's rest, unread
    });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_state == State::Draining && m_socket->bytesToWrite() <= maxUnsentBytes)
            resume();
        else if (m_state == State::Closing && m_socket->bytesToWrite() == 0)
            shutDownWriting();
    });
}

void HttpConnection::process()
{
    m_processing = true;
    while (m_state == State::Reading) {
        if (m_offset < m_in.size()) {
            m_offset += m_parser.feed(m_in.constData() + m_offset, m_in.size() - m_offset);
            if (m_parser.failure() != ParseFailure::None) {
                refuse();
                break;
            }
            if (m_parser.complete()) {
                m_state = State::Answering;
                m_keepAlive = m_parser.keepAlive();
                m_http10 = m_parser.version() == 10;
                m_sentContinue = false;
                m_handler.handle(*this, m_parser.take());
                continue; // respond() may have been called already
            }
            if (m_parser.headerDone() && m_parser.expectsContinue() && !m_sentContinue) {
                m_sentContinue = true; // the body fits its limit: ask for it, as Go does
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_socket->flush();
            }
        }
        // The parser needs more than is buffered: keep only what it has not consumed.
        if (m_socket->bytesAvailable() <= 0)
            break;
        if (m_offset >= m_in.size()) {
            m_in = m_socket->readAll();
        } else {
            m_in.remove(0, m_offset);
            m_in += m_socket->readAll();
        }
        m_offset = 0;
    }
    if (m_offset >= m_in.size()) {
        m_in.clear();
        m_offset = 0;
    }
    m_processing = false;
}

void HttpConnection::resume()
{
    m_state = State::Reading;
    if (!m_processing) // a later answer (blocking query): read the next request from the loop
        QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

bool HttpConnection::waiting() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (m_state != State::Answering)
        return;
    write(response);
    if (!m_keepAlive) {
        m_state = State::Streaming; // nothing more is read; Qt closes once all is sent
        m_socket->disconnectFromHost();
    } else if (m_socket->bytesToWrite() > maxUnsentBytes) {
        m_state = State::Draining;
    } else {
        resume();
    }
}

void HttpConnection::write(const HttpResponse &response)
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += reasonPhrase(response.status);
    out += "\r\n";
    if (!response.contentType.isEmpty()) {
        out += "Content-Type: ";
        out += response.contentType;
        out += "\r\n";
    }
    for (const auto &h : response.headers) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    out += "Content-Length: ";
    out += QByteArray::number(response.body.size());
    if (!m_keepAlive)
        out += "\r\nConnection: close";
    else if (m_http10)
        out += "\r\nConnection: keep-alive";
    out += "\r\n\r\n";
    // The head and the body apart: a node dump is megabytes, not worth another copy.
    m_socket->write(out);
    m_socket->write(response.body);
    // Send now rather than from the next event-loop pass: a write that wakes thousands of
    // blocking queries must not wait behind their re-runs.
    m_socket->flush();
}

void HttpConnection::handOver()
{
    m_state = State::Streaming;
}

void HttpConnection::refuse()
{
    switch (m_parser.failure()) {
    case ParseFailure::HeaderTooLarge:
        writeGoError("431 Request Header Fields Too Large", {});
        break;
    case ParseFailure::VersionNotSupported:
        writeGoError("505 HTTP Version Not Supported", m_parser.failureDetail());
        break;
    case ParseFailure::UnsupportedTransferEncoding:
        m_socket->write("HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain; "
                        "charset=utf-8\r\nConnection: close\r\n\r\nUnsupported transfer encoding");
        break;
    case ParseFailure::BodyTooLarge:
        m_keepAlive = false; // the body is not read, so nothing after it can be
        m_http10 = false;
        write(m_handler.bodyTooLarge(m_parser.request(), m_parser.declaredLength()));
        break;
    case ParseFailure::BadRequest:
    case ParseFailure::None:
        writeGoError("400 Bad Request", m_parser.failureDetail());
        break;
    }
    closeAfterWriting();
}

void HttpConnection::writeGoError(const QByteArray &status, const QByteArray &detail)
{
    // Go's server writes these itself, without a Content-Length: the close ends the body.
    const QByteArray text = detail.isEmpty() ? status : status + ": " + detail;
    m_socket->write("HTTP/1.1 " + status +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n" +
                    text);
}

void HttpConnection::closeAfterWriting()
{
    m_state = State::Closing;
    m_in.clear();
    m_offset = 0;
    m_socket->flush();
    QTimer::singleShot(lingerMs, m_socket, [socket = m_socket] {
        socket->abort();
        socket->deleteLater();
    });
    m_socket->skip(m_socket->bytesAvailable());
    if (m_socket->bytesToWrite() == 0)
        shutDownWriting();
}

void HttpConnection::shutDownWriting()
{
    // Our side is done: the client reads the answer and its EOF while what it still sends is
    // read and dropped until it closes or the linger ends.
    if (m_socket->socketDescriptor() >= 0)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

} // namespace qonsul::http

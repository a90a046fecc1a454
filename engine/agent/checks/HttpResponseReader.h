#pragma once
// Reads one HTTP/1.x response from the bytes of a connection, as they arrive: the status line
// and headers, then the body framed by Content-Length, chunked encoding or the end of the
// connection. Interim 1xx responses are skipped. No I/O: the HTTP check feeds it what its socket
// read, so the parsing is tested without sockets.

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

namespace qonsul::checks {

class HttpResponseReader
{
public:
    enum class State { StatusLine, Headers, Body, Done, Failed };

    // `bodyBytes` receives the decoded body piece by piece (chunk framing removed).
    // A response to HEAD has no body whatever its headers say.
    explicit HttpResponseReader(std::function<void(const QByteArray &)> bodyBytes,
                                bool headRequest = false);

    // Consumes everything given; call again with more bytes until done() or failed().
    void feed(const QByteArray &bytes);
    // The connection ended: completes a body that runs to the end of the connection, and
    // fails a response cut short anywhere else.
    void endOfStream();

    State state() const { return m_state; }
    bool done() const { return m_state == State::Done; }
    bool failed() const { return m_state == State::Failed; }
    bool headersComplete() const { return m_state == State::Body || m_state == State::Done; }
    // Go's wording of what went wrong ("EOF", "malformed HTTP response \"…\"", …).
    QString error() const { return m_error; }

    int statusCode() const { return m_statusCode; }
    // What follows the protocol on the status line, as sent: "200 OK" (Go's Response.Status).
    QByteArray status() const { return m_status; }
    // The first value of a header, case-insensitively; empty when absent.
    QByteArray header(const QByteArray &name) const;

    static constexpr qsizetype maxHeaderBytes = 1 << 20;

private:
    enum class Framing { Length, Chunked, UntilClose, None };
    enum class ChunkPart { Size, Data, DataEnd, Trailer };

    bool readLine(QByteArray *line);
    void parseStatusLine(const QByteArray &line);
    void parseHeaderLine(const QByteArray &line);
    void startBody();
    void readBody();
    void readChunked();
    void fail(const QString &error);
    void finish() { m_state = State::Done; }

    std::function<void(const QByteArray &)> m_bodyBytes;
    bool m_headRequest;
    State m_state = State::StatusLine;
    QString m_error;
    QByteArray m_buffer;
    qsizetype m_headerBytes = 0;
    int m_statusCode = 0;
    QByteArray m_status;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    Framing m_framing = Framing::None;
    qint64 m_remaining = 0;
    ChunkPart m_chunkPart = ChunkPart::Size;
};

} // namespace qonsul::checks

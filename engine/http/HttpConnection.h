#pragma once
// One client connection to the HTTP API. Requests are read one at a time and answered in
// order; what a client can make the agent hold is bounded:
// - the next request is not read while the answer to this one is pending (a blocking query) or
//   while more than maxUnsentBytes of answers wait for the client to read them, and the
//   socket's read buffer is bounded, so a client that sends without reading is held back by
//   TCP itself (the back-pressure Go's server gets from blocking writes);
// - request lines, headers and bodies are bounded by RequestParser and the route's limit.
// Requests Go's server would refuse are answered as Go answers them, and the connection closes.

#include "http/Exchange.h"
#include "http/HttpMessage.h"
#include "http/RequestParser.h"

#include <QObject>
#include <QPointer>
#include <optional>

class QTcpSocket;

namespace qonsul::http {

class HttpConnection;

class HttpConnectionHandler
{
public:
    virtual ~HttpConnectionHandler() = default;
    // Asked once a request line is read: how many body bytes it may carry. It may note on the
    // head what it looked up to answer (the API server notes the route).
    virtual quint64 bodyLimit(HttpRequest &head) const = 0;
    // The answer when it carries more (declared: its Content-Length, if it gave one).
    virtual HttpResponse bodyTooLarge(const HttpRequest &head,
                                      std::optional<quint64> declared) const = 0;
    // A complete request: answer it through connection.respond(), now or later, or hand the
    // connection over to a stream.
    virtual void handle(HttpConnection &connection, HttpRequest request) = 0;
};

class HttpConnection : public Exchange
{
    Q_OBJECT
public:
    // Answers the client beyond this many unsent bytes wait until it reads.
    static constexpr qint64 maxUnsentBytes = 1 << 20;
    // What the socket buffers from the client ahead of the parser.
    static constexpr qint64 readBufferBytes = 256 * 1024;

    // Becomes a child of the socket, and so goes with it.
    HttpConnection(QTcpSocket *socket, HttpConnectionHandler &handler);

    QTcpSocket *socket() const { return m_socket; }
    // Answers the request in hand, keeping the connection open if the client asked for that.
    void respond(const HttpResponse &response) override;
    bool waiting() const override;
    QTcpSocket *streamSocket() const override { return m_socket; }
    // The request in hand is answered by a stream that writes to the socket until it closes.
    void handOver() override;

private:
    enum class State { Reading, Answering, Draining, Streaming, Closing };

    void process();
    void resume();
    void write(const HttpResponse &response);
    void refuse();
    void closeAfterWriting();
    void shutDownWriting();
    void writeGoError(const QByteArray &status, const QByteArray &detail);

    QTcpSocket *m_socket;
    HttpConnectionHandler &m_handler;
    RequestParser m_parser;
    QByteArray m_in;
    qsizetype m_offset = 0;
    State m_state = State::Reading;
    bool m_processing = false;
    bool m_sentContinue = false;
    bool m_keepAlive = true; // of the request in hand
    bool m_http10 = false;   // of the request in hand: keep-alive has to be said
};

} // namespace qonsul::http

#pragma once
// One request waiting for its answer, wherever it came from: a client's connection to this
// agent's HTTP API, or a request a client agent forwarded to this server over RPC. The API
// server answers through it, now or later (a blocking query), and drops what it holds for a
// request whose requester has gone.

#include "http/HttpMessage.h"

#include <QObject>

class QTcpSocket;

namespace qonsul::http {

class Exchange : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void respond(const HttpResponse &response) = 0;
    // The requester still waits for the answer.
    virtual bool waiting() const = 0;
    // Streams (/v1/agent/monitor) write to a socket of their own: only a direct connection
    // has one (nullptr otherwise), and hands itself over to the stream.
    virtual QTcpSocket *streamSocket() const { return nullptr; }
    virtual void handOver() {}

Q_SIGNALS:
    void gone(); // the requester went away
};

} // namespace qonsul::http

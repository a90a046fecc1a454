#pragma once
// Typed client of the agent's HTTP API on QNetworkAccessManager. Sends ApiRequests and
// TypedRequests asynchronously; each send is an ApiCall. The address, token and datacenter
// come from an ApiConfig, applied to every request the way the Go client does.
//
// QNetworkAccessManager opens at most six connections per host: a user of many blocking
// watches should give them their own clients.

#include "ApiCall.h"
#include "ApiConfig.h"
#include "ApiStream.h"
#include "TypedRequest.h"

#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace qonsul {

class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(ApiConfig config, QObject *parent = nullptr);

    const ApiConfig &config() const { return m_config; }

    // Gives up on a request when nothing has arrived for `timeout` (0, the default: never). For
    // peers that may be frozen, such as the lab's paused nodes: a stopped process still
    // accepts connections, then answers nothing. A blocking query needs more than its wait.
    void setTransferTimeout(std::chrono::milliseconds timeout);

    // The full URL a request goes to, query sorted by key like Go's url.Values.Encode().
    QUrl urlFor(const ApiRequest &request) const;

    // Sends the request now. The call emits finished() once, then deletes itself.
    ApiCall *start(const ApiRequest &request);
    // Sends a GET whose answer streams (GET /v1/agent/monitor); same life cycle as a call.
    ApiStream *startStream(const ApiRequest &request);

    // Sends a typed request and hands its parsed result (an Expected<T>) to `onResult`,
    // unless `context` is destroyed first.
    template <typename T, typename Callback>
    ApiCall *start(const TypedRequest<T> &request, QObject *context, Callback onResult)
    {
        ApiCall *call = start(request.request);
        QPointer<QObject> guard(context);
        auto parse = request.parse;
        connect(call, &ApiCall::finished, context, [guard, parse, onResult](ApiCall *done) {
            if (guard)
                onResult(parse(done->response()));
        });
        return call;
    }

private:
    // The network request for `url` with the token, content type and TLS settings, or why it
    // cannot be sent.
    Expected<QNetworkRequest> networkRequest(const ApiRequest &request, const QUrl &url) const;

    ApiConfig m_config;
    QNetworkAccessManager *m_network;
};

} // namespace qonsul
